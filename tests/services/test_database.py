"""Unit of work, optimistic locking, the ID-number rule and the audit log, on every backend."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, Member, MeetingType, Organisation, ServiceCategory
from app.domain.enums import OrgLevel
from app.domain.errors import ConcurrentEditError, ValidationError
from app.services import organisations


def _branch(session) -> int:
    org = Organisation(name="第一党支部", level=OrgLevel.BRANCH)
    session.add(org)
    session.flush()
    return org.id


def test_reference_data_is_seeded_once(db):
    with db.reading() as session:
        types = session.scalars(select(MeetingType.name)).all()
        cats = session.scalars(select(ServiceCategory.name)).all()
    assert "支部党员大会" in types and "主题党日" in types and len(types) == len(set(types))
    assert "助老" in cats and len(cats) == 21


def test_second_save_of_a_stale_copy_is_refused(db):
    with db.unit_of_work() as session:
        org_id = _branch(session)
        member = Member(org_id=org_id, name="王芳")
        session.add(member)
        session.flush()
        member_id = member.id
    with db.unit_of_work() as session:
        session.get(Member, member_id).phone = "13800000001"
    # a copy loaded before someone else saved, saved later: refused in Chinese
    stale = db.session()
    copy = stale.get(Member, member_id)
    stale.expunge(copy)
    stale.close()
    with db.unit_of_work() as session:
        session.get(Member, member_id).address = "幸福路1号"
    with pytest.raises(ConcurrentEditError, match="已被其他人修改"):
        with db.unit_of_work() as session:
            merged = session.merge(copy, load=False)
            merged.phone = "13700000003"
    with db.reading() as session:
        row = session.get(Member, member_id)
        assert (row.phone, row.address) == ("13800000001", "幸福路1号")


def test_id_number_unique_among_active_members_only(db):
    number = "11010519491231002X"
    with db.unit_of_work() as session:
        org_id = _branch(session)
        session.add(Member(org_id=org_id, name="甲", id_number=number, is_active=False))
        session.add(Member(org_id=org_id, name="乙", id_number=number, is_active=True))
    with pytest.raises(ValidationError, match="重复") as err:
        with db.unit_of_work() as session:
            session.add(Member(org_id=org_id, name="丙", id_number=number, is_active=True))
    assert err.value.field == "公民身份号码"
    with db.unit_of_work() as session:  # members with the number 待补充 do not clash
        session.add(Member(org_id=org_id, name="丁", id_number=None))
        session.add(Member(org_id=org_id, name="戊", id_number=None))
    with db.reading() as session:
        assert len(session.scalars(select(Member)).all()) == 4


def test_every_change_is_audited_with_actor_and_before_after(db):
    with db.unit_of_work(actor="李书记") as session:
        org = organisations.create_top_organisation(session, "幸福社区党委", "社区党委")
    with db.unit_of_work(actor="李书记") as session:
        session.get(Organisation, org.id).name = "幸福社区委员会"
    with db.unit_of_work(actor="王委员") as session:
        session.delete(session.get(Organisation, org.id))
    with db.reading() as session:
        rows = session.scalars(
            select(AuditLog).where(AuditLog.entity == "organisation").order_by(AuditLog.id)
        ).all()
    assert [(r.action, r.actor) for r in rows] == [("新增", "李书记"), ("修改", "李书记"), ("删除", "王委员")]
    assert json.loads(rows[1].changes) == {"name": ["幸福社区党委", "幸福社区委员会"]}
    assert json.loads(rows[0].changes)["level"] == [None, "党委"]


def test_top_organisation_rules(db):
    with pytest.raises(ValidationError, match="不能为空"):
        with db.unit_of_work() as session:
            organisations.create_top_organisation(session, "  ")
    with db.unit_of_work() as session:
        view = organisations.ensure_top_organisation(session)
    assert view.name == "本级党组织"
    with pytest.raises(ValidationError, match="已有本级党组织"):
        with db.unit_of_work() as session:
            organisations.create_top_organisation(session, "另一个党委")


def test_a_form_saving_an_old_version_is_refused(db):
    from app.domain.errors import NotFoundError
    from app.services.concurrency import require_version

    with db.unit_of_work() as session:
        org_id = _branch(session)
        member = Member(org_id=org_id, name="孙七")
        session.add(member)
        session.flush()
        loaded_version = member.version
        member_id = member.id
    with db.unit_of_work() as session:  # someone else saves first
        row = session.get(Member, member_id)
        require_version(row, loaded_version)
        row.phone = "13600000000"
    with pytest.raises(ConcurrentEditError, match="其他人修改"):
        with db.unit_of_work() as session:
            row = session.get(Member, member_id)
            require_version(row, loaded_version, "党员“孙七”")
            row.phone = "13500000000"
    with db.reading() as session:
        assert session.get(Member, member_id).phone == "13600000000"
    with pytest.raises(NotFoundError):
        require_version(None, 1)
