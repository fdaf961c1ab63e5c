"""The first page of the roster straight from the SQLite file, before SQLAlchemy has loaded.

Start-up: importing SQLAlchemy and mapping the models takes most of a second; the
clerk who left the program on 党员 should see the list at once. This reads the file
read-only with the standard library (``mode=ro``: it can never write), with the same
filter and order as ``member_search.search`` for the default query (在册, pinyin), and
gives up (returns None) whenever anything is not exactly as expected — the normal
path then fills the page a moment later. A test checks both paths give equal rows.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from app.domain.enums import ACTIVE_STATUSES
from app.services.roster_types import MemberPage, member_row

EXPECTED_REVISION = "0010"  # must follow app.db.migrate.HEAD_REVISION (a test checks it)

_SQL = """
SELECT m.id, m.version, m.name, m.gender, m.birth_date, m.birth_precision, m.ethnicity, m.education, m.category,
       m.join_date, m.join_precision, m.full_date, m.full_precision, o.name, g.name, m.job_post, m.work_unit,
       m.party_post, m.phone, m.address, m.id_number, m.status, m.is_mobile, m.is_lost_contact, m.notes
FROM member m JOIN organisation o ON o.id = m.org_id LEFT JOIN organisation g ON g.id = m.group_id
WHERE m.status IN ({marks}) ORDER BY m.sort_key, m.id LIMIT ?
"""


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def first_page(path: Path | str, *, limit: int = 200, today: date | None = None) -> MemberPage | None:
    """The first ``limit`` rows of the active roster in pinyin order, or None when unsure."""
    path = Path(path)
    if not path.is_file():
        return None
    today = today or date.today()
    statuses = [s.value for s in ACTIVE_STATUSES]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if not revision or revision[0] != EXPECTED_REVISION:
            return None
        marks = ",".join("?" * len(statuses))
        total = conn.execute(f"SELECT count(*) FROM member WHERE status IN ({marks})", statuses).fetchone()[0]
        rows = []
        for r in conn.execute(_SQL.format(marks=marks), [*statuses, limit]):
            rows.append(member_row(
                id=r[0], version=r[1], name=r[2], gender=r[3], birth_date=_date(r[4]), birth_precision=r[5],
                ethnicity=r[6], education=r[7], category=r[8], join_date=_date(r[9]), join_precision=r[10],
                full_date=_date(r[11]), full_precision=r[12], org_name=r[13], group_name=r[14], job_post=r[15],
                work_unit=r[16], party_post=r[17], phone=r[18], address=r[19], id_number=r[20], status=r[21],
                is_mobile=r[22], is_lost_contact=r[23], notes=r[24], today=today,
            ))
        return MemberPage(rows, total)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()
