"""Importing a volunteer roster and a messy hours sheet (.xlsx and .xls): every bad cell named, all or nothing,
and the same file twice changes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db.models import Volunteer, VolunteerActivity, VolunteerHours, VolunteerTeamMember
from app.domain.volunteer_rules import period_of
from app.io.excel_read import read_sheet
from app.io.volunteer_sheet import parse_roster, plan_hours_file, plan_roster_file
from app.services.volunteer_hours import hours_report
from app.services.volunteer_hours_import import apply_hours_import
from app.services.volunteer_import import apply_roster_import
from helpers_ids import make_id
from helpers_volunteers import TODAY, populate

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def sample(sqlite_db):
    return populate(sqlite_db)


def _roster(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["幸福社区志愿者名册"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "姓名", "证件号码（18位）", "联系电话", "政治面貌", "服务技能", "注册日期", "服务队"])
    for row in rows:
        ws.append(row)
    ws.append(["", "制表人：张三丰", "", "", "", "", "", ""])
    wb.save(path)
    return path


def _count(db, model) -> int:
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_roster_is_imported_once_and_links_members(sqlite_db, sample, tmp_path):
    wang_id = make_id(date(1973, 3, 3), 17)  # 王五, a member of 第二党支部 not yet a volunteer
    path = _roster(tmp_path / "名册.xlsx", [
        [1, "王五", wang_id, "13800001111", "中共党员", "电工", "2026.3.1", "平安巡逻队"],
        [2, "冯 静华", make_id(date(1990, 2, 2), 202), "13955556666", "群众", "", "2026年4月1日", "红帽子服务队"],
        [3, "赵伟华", make_id(date(1980, 1, 1), 101), "13900000000", "群众", "理发、剪纸", "", ""],  # already registered
        [4, "何在职", make_id(date(1985, 5, 5), 303), "13900009999", "中共党员", "", "2026-05-06", ""],
    ])
    with sqlite_db.reading() as s:
        plan, errors = plan_roster_file(s, path, today=TODAY)
    assert errors == []
    assert [(p.row, p.action) for p in plan.rows] == [(3, "新增"), (4, "新增"), (5, "修改"), (6, "新增")]
    assert plan.new_teams == ["平安巡逻队"] and plan.rows[2].changes == (("服务技能", "理发", "理发、剪纸"),)
    assert any("何在职" in w and "报到" in w for w in plan.warnings)
    before = _count(sqlite_db, Volunteer)
    with sqlite_db.unit_of_work() as s:
        apply_roster_import(s, plan, source=str(path), today=TODAY)
    assert _count(sqlite_db, Volunteer) == before + 3
    with sqlite_db.reading() as s:
        wang = s.scalars(select(Volunteer).where(Volunteer.name == "王五")).one()
        assert (wang.member_id, wang.registered_on, wang.gender) == (sample.member_ids["王五"], date(2026, 3, 1), "男")
        again, errors = plan_roster_file(s, path, today=TODAY)
    assert errors == [] and again.changes == 0 and {p.action for p in again.rows} == {"不变"}


def test_a_bad_roster_names_row_column_and_reason(sqlite_db, sample, tmp_path):
    good = make_id(date(1990, 2, 2), 202)
    path = _roster(tmp_path / "坏名册.xlsx", [
        [1, "甲", good[:-1] + ("1" if good[-1] != "1" else "2"), "13800001111", "", "", "", ""],
        [2, "乙", good, "电话打不通", "", "", "", ""],
        [3, "丙", good, "13800001111", "", "", "2026年", ""],
        [4, "丁", good, "13800001111", "", "", "", ""],
        [5, "戊", int(good[:-1]), "13800001111", "", "", "", ""],
    ])
    with sqlite_db.reading() as s:
        plan, errors = plan_roster_file(s, path, today=TODAY)
    shown = [str(e) for e in errors]
    assert shown[0].startswith("第3行 证件号码（18位）: 校验码不符")
    assert shown[1] == "第4行 联系电话: “电话打不通”不像电话号码"
    assert shown[2].startswith("第5行 注册日期: ") and "缺少日" in shown[2]
    assert "第7行 证件号码（18位）: 证件号码被存成了数字" in shown[4]
    assert any(s.startswith("第6行") and "与第" in s for s in shown)  # 丁 repeats 丙's number (丙's row read, date refused)
    rows, _e, cols = parse_roster(read_sheet(path))
    assert cols.title == "幸福社区志愿者名册" and [r.values["name"] for r in rows][-1] == "戊"


@pytest.mark.parametrize("name", ["messy_hours.xlsx", "messy_hours.xls"])
def test_a_messy_hours_sheet_is_imported_all_or_nothing_and_once(sqlite_db, sample, name):
    with sqlite_db.reading() as s:
        plan, errors = plan_hours_file(s, DATA / name, today=TODAY)
    assert errors == []
    assert [(e.row, e.name, e.hours) for e in plan.entries] == [
        (5, "赵伟华", Decimal("2.00")), (6, "钱伟华", Decimal("2.00")), (7, "孙伟华", Decimal("1.50")),
        (8, "李伟华", Decimal("1.50")), (9, "张三丰", Decimal("1.50"))]
    assert [a.key for a in plan.activities] == [("敬老院探访", date(2026, 3, 5)), ("垃圾分类宣传", date(2026, 4, 8))]
    assert "2 条无确认人，导入为待确认" in plan.summary()
    with sqlite_db.unit_of_work() as s:
        apply_hours_import(s, plan, source=name, today=TODAY)
    with sqlite_db.reading() as s:
        report = hours_report(s, period_of(2026))
        assert report.total == Decimal("5.50")  # the 3 confirmed rows; the 2 without a 确认人 wait
        pending = s.scalar(select(func.count()).select_from(VolunteerHours).where(VolunteerHours.state == "待确认"))
        assert pending == 2
        visit = s.scalars(select(VolunteerActivity).where(VolunteerActivity.title == "敬老院探访")).one()
        assert visit.org_id == sample.top_id
        again, errors = plan_hours_file(s, DATA / name, today=TODAY)
    assert errors == [] and again.changes == 0 and again.unchanged == 5 and again.activities == []


def test_a_bad_hours_sheet_writes_nothing(sqlite_db, sample):
    with sqlite_db.reading() as s:
        plan, errors = plan_hours_file(s, DATA / "messy_hours_bad.xlsx", today=TODAY)
    assert [str(e) for e in errors] == [
        "第11行 服务日期: 不存在的日期：2026.2.30",
        "第12行 服务时长（小时）: “两小时”不是时长（应如 2、2.5、2小时、1小时30分）",
        "第13行 姓名: 志愿者名册中没有“查无此人”，请先导入或登记志愿者",
        "第14行 服务类别: 没有“舞蹈”这个服务类别（可在“服务类别”中添加）",
    ]
    with pytest.raises(Exception, match="未导入任何数据"):
        with sqlite_db.unit_of_work() as s:
            apply_hours_import(s, plan)
    assert _count(sqlite_db, VolunteerHours) == 0 and _count(sqlite_db, VolunteerActivity) == 0


def test_confirmed_hours_are_never_overwritten_by_a_sheet(sqlite_db, sample, tmp_path):
    with sqlite_db.reading() as s:
        plan, _ = plan_hours_file(s, DATA / "messy_hours.xlsx", today=TODAY)
    with sqlite_db.unit_of_work() as s:
        apply_hours_import(s, plan, today=TODAY)
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "活动名称", "服务日期", "服务时长", "确认人"])
    ws.append(["赵伟华", "敬老院探访", "2026-03-05", 1, "张三丰"])  # confirmed at 2 hours
    ws.append(["李伟华", "垃圾分类宣传", "2026-04-08", "1.5", "李小红"])  # pending: now confirmed
    path = tmp_path / "改.xlsx"
    wb.save(path)
    with sqlite_db.reading() as s:
        plan, errors = plan_hours_file(s, path, today=TODAY)
    assert [str(e) for e in errors] == [
        "第2行 服务时长: 已确认为 2.00 小时，与文件中的 1.00 小时不同；已确认的时长请在窗口中撤销确认后再改"]
    assert [(e.name, e.action) for e in plan.entries] == [("李伟华", "修改")]
    assert _count(sqlite_db, VolunteerTeamMember) > 0
