"""R4 backups taken while another thread writes are all sound; R5 backup → restore gives identical dumps."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.db.models import DuesPayment, Member, Organisation
from app.domain.enums import OrgLevel
from app.services import maintenance
from app.services.database import Database
from helpers_safety import dump

BACKUPS = 40


def test_backups_taken_while_a_thread_writes_all_open_and_pass_the_checks(db_path, tmp_path):
    db = Database.open(path=db_path)
    with db.unit_of_work() as session:
        org = Organisation(name="压力测试党支部", level=OrgLevel.BRANCH)
        session.add(org)
        session.flush()
        org_id = org.id
    stop = threading.Event()
    written = [0]
    errors: list[BaseException] = []

    def writer() -> None:
        n = 0
        try:
            while not stop.is_set():
                with db.unit_of_work(actor="写入线程") as session:
                    for _ in range(50):
                        n += 1
                        m = Member(org_id=org_id, name=f"并发{n}", notes="x" * (n % 500))
                        session.add(m)
                    session.flush()
                    session.add(DuesPayment(member_id=m.id, period_start=date(2026, 1, 1), period_end=date(2026, 1, 1),
                                            amount=Decimal("1.50"), paid_on=date(2026, 1, 2)))
                written[0] = n
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        for k in range(BACKUPS):
            copies.append(maintenance.backup(db, tmp_path / "copies" / f"copy{k:03d}.db"))
    finally:
        stop.set()
        thread.join()
        db.close()
    assert not errors, errors
    counts = []
    for path in copies:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], path
            count = conn.execute("SELECT count(*) FROM member").fetchone()[0]
            assert count % 50 == 0  # whole transactions only
            counts.append(count)
        finally:
            conn.close()
    assert counts == sorted(counts) and counts[-1] > counts[0]  # the writer really ran alongside
    assert written[0] > 0


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "empty.db"
    Database.open(path=path).close()
    return path


texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
members = st.lists(st.tuples(texts, st.one_of(st.none(), texts),
                             st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
                             st.decimals(min_value=Decimal("0.00"), max_value=Decimal("99999.99"), places=2,
                                         allow_nan=False, allow_infinity=False)),
                   min_size=1, max_size=15)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=members)
def test_backup_then_restore_gives_identical_table_dumps(template, tmp_path_factory, rows):
    work = tmp_path_factory.mktemp("round")
    live = work / "live.db"
    shutil.copyfile(template, live)
    db = Database.open(path=live)
    try:
        with db.unit_of_work(actor="生成") as session:
            org = Organisation(name="往返测试党支部", level=OrgLevel.BRANCH)
            session.add(org)
            session.flush()
            for name, notes, day, amount in rows:
                m = Member(org_id=org.id, name=name, notes=notes, join_date=day)
                session.add(m)
                session.flush()
                session.add(DuesPayment(member_id=m.id, period_start=day.replace(day=1),
                                        period_end=day.replace(day=1), amount=amount, paid_on=day))
        original = dump(live)
        copy = maintenance.backup(db, work / "copy.db")
        with db.unit_of_work() as session:
            session.query(DuesPayment).delete()
        restored_profile = work / "fresh.db"
        shutil.copyfile(template, restored_profile)
        fresh = Database.open(path=restored_profile)
        try:
            maintenance.restore(fresh, copy)
        finally:
            fresh.close()
        assert dump(restored_profile) == original
        maintenance.restore(db, copy)
        assert dump(live) == original
    finally:
        db.close()
