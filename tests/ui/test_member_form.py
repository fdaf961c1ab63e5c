"""The member form: ID typing fills fields, mismatches are flagged, errors sit next to the field."""

from __future__ import annotations

from datetime import date


from app.domain.dates import PartialDate
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.ui.dialogs.member_form import MemberForm, OrgChoice
from helpers_ids import make_id
from helpers_qt import type_chinese

ORGS = [OrgChoice(1, "幸福社区党委", "党委", None), OrgChoice(2, "第一党支部", "党支部", 1),
        OrgChoice(3, "第二党支部", "党支部", 1), OrgChoice(4, "第一党小组", "党小组", 2)]






def test_typing_the_id_number_fills_birth_date_and_gender(qtbot):
    form = MemberForm(ORGS)
    qtbot.addWidget(form)
    type_chinese(form.name, "张三丰")
    qtbot.keyClicks(form.id_number, make_id(date(1950, 3, 2), 123).lower())
    assert form.edits["birth_date"].text() == "1950-03-02"
    assert form.gender.currentText() == "男"
    assert "号码有效" in form.id_hint.text()
    data = form.to_data()
    assert data.name == "张三丰" and data.birth_date == PartialDate(date(1950, 3, 2)) and data.org_id == 2


def test_a_mismatch_with_values_already_entered_is_flagged(qtbot):
    form = MemberForm(ORGS)
    qtbot.addWidget(form)
    form.gender.setCurrentText("女")
    form.edits["birth_date"].setText("1951-01-01")
    qtbot.keyClicks(form.id_number, make_id(date(1950, 3, 2), 123))
    assert "性别填的是“女”" in form.id_hint.text() and "出生日期填的是 1951-01-01" in form.id_hint.text()


def test_an_invalid_number_shows_the_reason_under_the_field(qtbot):
    form = MemberForm(ORGS)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.id_number, "110105195003021230")
    assert form.errors["id_number"].isVisible() and "校验码不符" in form.errors["id_number"].text()


def test_groups_follow_the_branch_and_bad_dates_name_the_field(qtbot):
    form = MemberForm(ORGS)
    qtbot.addWidget(form)
    form.show()
    assert [form.group.itemText(i) for i in range(form.group.count())] == ["（无）", "第一党小组"]
    form.org.setCurrentIndex(form.org.findData(3))
    assert form.group.count() == 1
    form.edits["join_date"].setText("1985-02-30")
    form._try_accept()
    assert form.errors["join_date"].isVisible() and "不存在的日期" in form.errors["join_date"].text()
    assert form.result() == 0


def test_load_round_trips_and_service_errors_land_on_the_field(qtbot):
    form = MemberForm(ORGS)
    qtbot.addWidget(form)
    form.show()
    data = MemberData(name="曾小华", org_id=2, group_id=4, gender="女", birth_date=PartialDate.parse("1960年6月"),
                      category="正式党员", phone="010-88886666", is_hardship=True)
    form.load(data, member_id=7, version=3)
    back = form.to_data()
    assert back == data
    form.show_error(ValidationError("联系电话", "不像电话号码"))
    assert form.errors["phone"].isVisible()
