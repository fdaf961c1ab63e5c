"""S3/S4 login password: scrypt parameters, constant-time check, recovery code, growing delay, audit."""

from __future__ import annotations

import inspect
import shutil
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.db.models import AppUser, AuditLog
from app.domain.errors import ValidationError
from app.services import auth
from app.services.database import Database
from helpers_cli import DATA


def test_stored_as_scrypt_with_owasp_parameters_and_random_salt(sqlite_db):
    code = auth.set_password(sqlite_db, "支部密码2026", display_name="李明")
    assert len(code) == 23 and code.count("-") == 3
    with sqlite_db.reading() as session:
        user = session.scalars(select(AppUser)).one()
        kind, log2_n, r, p, salt, digest = user.password_hash.split("$")
        assert (kind, int(log2_n), int(r), int(p)) == ("scrypt", 17, 8, 1)
        assert len(__import__("base64").b64decode(salt)) == 16
        assert "支部密码" not in user.password_hash and code not in (user.recovery_hash or "")
    assert auth.MAXMEM > 128 * 1024 * 1024
    assert auth.hash_secret("x") != auth.hash_secret("x")  # a fresh salt every time
    assert "compare_digest" in inspect.getsource(auth.verify_secret)
    assert auth.login_required(sqlite_db)


def test_login_wrong_attempts_back_off_and_are_audited(sqlite_db):
    auth.set_password(sqlite_db, "正确密码123", display_name="李明")
    now = datetime(2026, 12, 2, 9, 0)
    for attempt in range(1, auth.FREE_ATTEMPTS):
        result = auth.check_password(sqlite_db, "错的", now=now)
        assert not result.ok and result.wait_seconds == 0 and f"{attempt} 次" in result.message
    fifth = auth.check_password(sqlite_db, "错的", now=now)
    assert fifth.wait_seconds == 30
    # during the wait even the right password is not checked
    blocked = auth.check_password(sqlite_db, "正确密码123", now=now + timedelta(seconds=10))
    assert not blocked.ok and 0 < blocked.wait_seconds <= 21
    sixth = auth.check_password(sqlite_db, "错的", now=now + timedelta(seconds=31))
    assert sixth.wait_seconds == 60  # doubling
    ok = auth.check_password(sqlite_db, "正确密码123", now=now + timedelta(seconds=92))
    assert ok.ok and ok.display_name == "李明"
    again = auth.check_password(sqlite_db, "错的", now=now + timedelta(seconds=93))
    assert again.wait_seconds == 0  # a good login clears the count
    with sqlite_db.reading() as session:
        actions = [(a.action, a.actor) for a in session.scalars(select(AuditLog).where(AuditLog.entity == "app_user")
                                                                 .order_by(AuditLog.id))]
        assert actions.count(("登录失败", "李明")) == 7 and ("登录", "李明") in actions
        assert all("scrypt" not in (a.changes or "") for a in session.scalars(select(AuditLog)))


def test_the_recovery_code_sets_a_new_password_once(sqlite_db):
    code = auth.set_password(sqlite_db, "第一个密码1")
    with pytest.raises(ValidationError, match="恢复码"):
        auth.reset_with_recovery_code(sqlite_db, "AAAAA-BBBBB-CCCCC-DDDDD", "新的密码123")
    new_code = auth.reset_with_recovery_code(sqlite_db, code.lower().replace("-", " "), "新的密码123")
    assert new_code != code
    assert auth.check_password(sqlite_db, "新的密码123").ok
    with pytest.raises(ValidationError, match="恢复码"):
        auth.reset_with_recovery_code(sqlite_db, code, "再来一次123")  # used up


def test_change_needs_the_current_password_and_short_ones_are_refused(sqlite_db):
    with pytest.raises(ValidationError, match="至少 6"):
        auth.set_password(sqlite_db, "12345")
    auth.set_password(sqlite_db, "原来的密码1")
    with pytest.raises(ValidationError, match="原密码"):
        auth.set_password(sqlite_db, "新的密码22", current="不对")
    auth.set_password(sqlite_db, "新的密码22", current="原来的密码1")
    with pytest.raises(ValidationError, match="原密码"):
        auth.remove_password(sqlite_db, "原来的密码1")
    auth.remove_password(sqlite_db, "新的密码22")
    assert not auth.login_required(sqlite_db)


def test_a_session_is_used_as_given(sqlite_db):
    with sqlite_db.unit_of_work() as session:
        auth.set_password(session, "会话中的密码")
        assert auth.check_password(session, "会话中的密码").ok


def test_the_frozen_0009_account_still_logs_in(tmp_path):
    copy = tmp_path / "schema-0009.db"
    shutil.copyfile(DATA / "schema-0009.db", copy)
    db = Database.open(path=copy)
    try:
        result = auth.check_password(db, "冻结文件密码1")
        assert result.ok and result.display_name == "王书记"
    finally:
        db.close()


def test_a_deleted_member_leaves_no_personal_data_in_the_file(db_path):
    """S7: secure_delete zeroes the freed bytes; the audit log keeps the deletion, not the person's data."""
    from app.db.models import Member, Organisation
    from app.domain.enums import OrgLevel
    from app.domain.idnumber import mask
    from helpers_ids import make_id
    from datetime import date

    canary_id = make_id(date(1971, 3, 9), 417)
    db = Database.open(path=db_path)
    try:
        with db.unit_of_work(actor="孙干事") as session:
            org = Organisation(name="删除测试党支部", level=OrgLevel.BRANCH)
            session.add(org)
            session.flush()
            member = Member(org_id=org.id, name="金丝雀", id_number=canary_id, phone="13912345678",
                            address="幸福路金丝雀小区7号楼", notes="金丝雀备注内容")
            session.add(member)
            session.flush()
            member_id = member.id
        with db.unit_of_work(actor="孙干事") as session:
            session.get(Member, member_id).address = "幸福路金丝雀小区8号楼"
        raw = db_path.read_bytes()
        assert "金丝雀小区8号楼".encode() in raw and canary_id.encode() in raw
        with db.unit_of_work(actor="孙干事") as session:
            session.delete(session.get(Member, member_id))
        with db.reading() as session:
            rows = session.scalars(select(AuditLog).where(AuditLog.entity == "member",
                                                          AuditLog.entity_id == str(member_id))
                                   .order_by(AuditLog.id)).all()
        assert [r.action for r in rows] == ["新增", "修改", "删除"]
        assert rows[-1].actor == "孙干事" and mask(canary_id) in rows[-1].changes
    finally:
        db.close()
    raw = db_path.read_bytes()
    for canary in ("金丝雀小区", "金丝雀备注", canary_id, "13912345678", "1391234"):
        assert canary.encode() not in raw, canary


def test_one_account_per_clerk_names_who_did_what(sqlite_db):
    auth.set_password(sqlite_db, "甲的密码123", username="jia", display_name="甲干事")
    auth.set_password(sqlite_db, "乙的密码123", username="yi", display_name="乙干事")
    assert auth.accounts(sqlite_db) == [("jia", "甲干事"), ("yi", "乙干事")]
    assert not auth.check_password(sqlite_db, "甲的密码123", username="yi").ok
    result = auth.check_password(sqlite_db, "乙的密码123", username="yi")
    assert result.ok and result.display_name == "乙干事"
    with sqlite_db.unit_of_work(actor=result.display_name) as session:
        from app.services import settings

        settings.set_value(session, "clerk.name", "乙干事")
    with sqlite_db.reading() as session:
        last = session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
    assert last.actor == "乙干事" and last.entity == "setting"
