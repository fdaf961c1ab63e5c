"""The first-run setup as one unit of work, and the 首页 checklist read from the data."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import Organisation
from app.domain.errors import ValidationError
from app.services import settings
from app.services.first_setup import FirstSetup, apply_first_setup, check_branch_names
from app.services.organisations import top_organisation
from app.services.views.next_steps import next_steps


def test_the_setup_creates_the_top_organisation_its_branches_and_the_settings(db, tmp_path):
    folder = tmp_path / "U盘" / "备份"
    with db.unit_of_work() as s:
        apply_first_setup(s, FirstSetup("幸福社区党委", "社区党委", (" 第一党支部 ", "", "第二党支部"), "王秀英", str(folder)))
    with db.reading() as s:
        top = top_organisation(s)
        children = s.scalars(select(Organisation).where(Organisation.parent_id == top.id).order_by(Organisation.id)).all()
        assert [(c.name, c.level.value, c.org_type.value) for c in children] == [
            ("第一党支部", "党支部", "社区"), ("第二党支部", "党支部", "社区")]
        assert settings.get(s, "clerk.name") == "王秀英" and settings.get(s, "backup.folder") == str(folder)
    assert folder.is_dir()


def test_under_a_branch_the_list_makes_party_groups(db):
    with db.unit_of_work() as s:
        apply_first_setup(s, FirstSetup("幸福联合党支部", "联合党支部", ("第一党小组",)))
    with db.reading() as s:
        group = s.scalars(select(Organisation).where(Organisation.parent_id.is_not(None))).one()
        assert group.level.value == "党小组" and group.org_type.value == "联合"


def test_a_bad_folder_leaves_nothing_behind(db, tmp_path):
    with pytest.raises(ValidationError) as err, db.unit_of_work() as s:
        apply_first_setup(s, FirstSetup("幸福社区党委", "社区党委", ("第一党支部",), backup_folder="相对/路径"))
    assert err.value.field == "备份文件夹"
    with db.reading() as s:
        assert top_organisation(s) is None


def test_repeated_and_overlong_branch_names_are_refused():
    assert check_branch_names(["甲", " 乙 ", ""]) == ["甲", "乙"]
    with pytest.raises(ValidationError, match="填了两次"):
        check_branch_names(["第一党支部", "第一党支部 "])
    with pytest.raises(ValidationError, match="超过100个字"):
        check_branch_names(["长" * 101])


def test_the_checklist_ticks_what_the_data_shows(db, tmp_path):
    with db.unit_of_work() as s:
        apply_first_setup(s, FirstSetup("幸福社区党委", "社区党委"))
    with db.reading() as s:
        steps = next_steps(s)
    assert [st.key for st in steps] == ["branches", "roster", "dues", "meeting", "backup"]
    assert not any(st.done for st in steps)
    with db.unit_of_work() as s:
        from app.services.org_admin import OrgData, create_org

        create_org(s, OrgData("第一党支部", "党支部", parent_id=top_organisation(s).id))
        settings.set_value(s, "backup.folder", str(tmp_path))
    with db.reading() as s:
        assert {st.key for st in next_steps(s) if st.done} == {"branches", "backup"}


def test_the_demo_database_has_every_step_done(db):
    from app.services.demo import generate

    generate(db, members=30, years=1)
    with db.unit_of_work() as s:
        settings.set_value(s, "backup.folder", "/tmp")
    with db.reading() as s:
        assert all(st.done for st in next_steps(s))
