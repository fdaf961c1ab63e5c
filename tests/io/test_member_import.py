"""Importing members from real-shaped messy files (tests/data), through io and services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.models import Member, Organisation
from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.io import excel_read
from app.io.excel_read import SheetError, read_sheet
from app.io.member_sheet import parse_date, parse_sheet
from app.services import import_profiles
from app.services.member_import import apply_import, plan_import

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = date(2026, 11, 22)


def plan_file(db, name, **kw):
    parsed = parse_sheet(read_sheet(DATA / name), kw.pop("profile", None))
    with db.reading() as s:
        plan = plan_import(s, parsed.rows, sheet_title=parsed.title, today=TODAY, **kw)
    return parsed, plan


def import_file(db, name):
    parsed, plan = plan_file(db, name)
    assert not parsed.errors and plan.ok, parsed.errors + plan.errors
    with db.unit_of_work() as s:
        apply_import(s, plan, source=name)
    return plan


def count(db, model=Member):
    with db.reading() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_two_level_merged_header_below_title_rows_is_found():
    parsed = parse_sheet(read_sheet(DATA / "messy_roster.xlsx"))
    assert parsed.header_rows == (2, 3)
    assert parsed.title == "幸福社区党委党员花名册"
    fields = {c.field: c.header for c in parsed.columns if c.field}
    assert fields["name"] == "基本信息/姓名"
    assert fields["birth_date"] == "基本信息/出生年月（年.月）"  # note in brackets stripped for matching
    assert fields["id_number"] == "基本信息/身份证号（18位）"
    assert {"org", "group", "phone", "address", "join_date", "full_date", "category"} <= set(fields)
    assert [r.row for r in parsed.rows] == [5, 6, 7, 8]  # the signature line is skipped


@pytest.mark.parametrize(
    "cell, expected",
    [
        (31108.0, PartialDate(date(1985, 3, 2))),
        ("1985-03-02", PartialDate(date(1985, 3, 2))),
        ("1985.3.2", PartialDate(date(1985, 3, 2))),
        ("1985/03/02", PartialDate(date(1985, 3, 2))),
        ("1985年3月2日", PartialDate(date(1985, 3, 2))),
        ("1985年3月", PartialDate(date(1985, 3, 1), DatePrecision.MONTH)),
        ("1985.03", PartialDate(date(1985, 3, 1), DatePrecision.MONTH)),
        (198503.0, PartialDate(date(1985, 3, 1), DatePrecision.MONTH)),
        (1985.0, PartialDate(date(1985, 1, 1), DatePrecision.YEAR)),
        (date(1985, 3, 2), PartialDate(date(1985, 3, 2))),
    ],
)
def test_dates_in_every_shape_never_invent_a_day(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["1985-02-30", "去年", "85.3.2"])
def test_impossible_dates_are_refused(cell):
    with pytest.raises(ValueError):
        parse_date(cell)


def test_import_creates_branches_groups_and_members_then_is_idempotent(sqlite_db):
    plan = import_file(sqlite_db, "messy_roster.xlsx")
    assert plan.new_orgs == ["第一党支部", "第二党支部"] and plan.count("新增") == 4
    with sqlite_db.reading() as s:
        top = s.scalars(select(Organisation).where(Organisation.parent_id.is_(None))).one()
        assert top.name == "幸福社区党委"  # named after the sheet title in an empty database
        m = {x.name: x for x in s.scalars(select(Member))}
    assert m["曾小华"].birth_date == date(1960, 6, 1) and m["曾小华"].birth_precision is DatePrecision.MONTH
    assert m["曾小华"].id_number is None  # imported, flagged 待补充
    assert m["欧阳娜娜"].id_number.endswith("X") or m["欧阳娜娜"].id_number[-1].isdigit()
    assert m["欧阳娜娜"].category.value == "预备党员" and m["欧阳娜娜"].ethnicity == "回族"
    assert m["单田芳"].birth_date == date(1968, 1, 22)  # Excel serial number
    assert m["单田芳"].join_precision is DatePrecision.YEAR  # 1990 stays a year
    assert m["张三丰"].name_pinyin == "zhang san feng"
    _, again = plan_file(sqlite_db, "messy_roster.xlsx")
    assert (again.count("新增"), again.count("修改"), again.count("不变"), again.new_orgs) == (0, 0, 4, [])


def test_a_changed_row_is_reported_with_before_and_after(sqlite_db):
    import_file(sqlite_db, "messy_roster.xlsx")
    with sqlite_db.unit_of_work() as s:
        s.scalars(select(Member).where(Member.name == "张三丰")).one().phone = "13000000000"
    _, plan = plan_file(sqlite_db, "messy_roster.xlsx")
    changed = [r for r in plan.rows if r.action == "修改"]
    assert [(r.data.name, r.changes) for r in changed] == [("张三丰", (("联系电话", "13000000000", "13912345678"),))]


def test_every_bad_row_is_reported_and_nothing_is_written(sqlite_db):
    parsed, plan = plan_file(sqlite_db, "messy_roster_bad.xlsx")
    errors = [str(e) for e in sorted(parsed.errors + plan.errors, key=lambda e: e.row)]
    assert "第9行 基本信息/身份证号（18位）: 身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入" in errors
    assert any(e.startswith("第9行 基本信息/出生年月（年.月）") for e in errors)
    assert any(e.startswith("第10行 基本信息/姓名: 不能为空") for e in errors)
    assert any(e.startswith("第11行 基本信息/性别") for e in errors)
    with pytest.raises(Exception):
        with sqlite_db.unit_of_work() as s:
            apply_import(s, plan)
    assert count(sqlite_db) == 0 and count(sqlite_db, Organisation) == 0


def test_old_xls_files_are_read(sqlite_db):
    sheet = read_sheet(DATA / "old_roster.xls")
    parsed = parse_sheet(sheet)
    assert parsed.title == "第一党支部党员名册"
    plan = import_file(sqlite_db, "old_roster.xls")
    assert plan.count("新增") == 3
    with sqlite_db.reading() as s:
        birth = s.scalars(select(Member.birth_date).where(Member.name == "张三丰")).one()
    assert birth == date(1950, 3, 2)


def test_a_saved_profile_maps_unusual_headers(sqlite_db, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["名单"])
    ws.append(["同志姓名", "性别", "身份证", "组织"])
    ws.append(["李雷", "男", "", "第一党支部"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    assert parse_sheet(read_sheet(path)).rows == []  # 同志姓名 is not a known header
    with sqlite_db.unit_of_work() as s:
        import_profiles.save_profile(s, "街道格式", {"同志姓名": "name", "组织": "org", "身份证": "id_number"})
    with sqlite_db.reading() as s:
        profile = import_profiles.load_profile(s, "街道格式")
        assert import_profiles.list_profiles(s) == ["街道格式"]
    parsed = parse_sheet(read_sheet(path), profile)
    assert [r.values["name"] for r in parsed.rows] == ["李雷"]


def test_hostile_and_broken_files_get_clear_messages(tmp_path, monkeypatch):
    text = tmp_path / "roster.xlsx"
    text.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    with pytest.raises(SheetError, match="不是 Excel 文件"):
        read_sheet(text)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(SheetError, match="已损坏"):
        read_sheet(broken)
    monkeypatch.setattr(excel_read, "MAX_BYTES", 100)
    with pytest.raises(SheetError, match="上限"):
        read_sheet(DATA / "messy_roster.xlsx")
    monkeypatch.setattr(excel_read, "MAX_BYTES", 10**8)
    monkeypatch.setattr(excel_read, "MAX_ROWS", 1)
    with pytest.raises(SheetError, match="行的上限"):
        read_sheet(DATA / "messy_roster.xlsx")
    with pytest.raises(SheetError, match="不存在"):
        read_sheet(tmp_path / "nope.xlsx")


def test_year_month_work_start_is_kept_without_inventing_a_day(sqlite_db, tmp_path):
    from openpyxl import Workbook

    from app.io.member_file import all_errors, plan_member_file

    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "所在党支部", "参加工作时间", "学历"])
    ws.append(["李雷", "男", "第一党支部", "1985.07", "私塾"])
    ws.append(["韩梅梅", "女", "第一党支部", "1990年3月5日", "大学"])
    path = tmp_path / "work.xlsx"
    wb.save(path)
    with sqlite_db.reading() as s:
        parsed, plan = plan_member_file(s, path, today=TODAY)
    assert not all_errors(parsed, plan)
    li = next(r for r in plan.rows if r.data.name == "李雷")
    assert "学历“私塾”不在标准列表中，统计时计入“其他”" in li.warnings  # from the column-wise field rule
    with sqlite_db.unit_of_work() as s:
        apply_import(s, plan, source="work.xlsx")
    with sqlite_db.reading() as s:
        got = {m.name: (m.work_start_date, m.work_start_precision) for m in s.scalars(select(Member))}
    assert got == {"李雷": (date(1985, 7, 1), DatePrecision.MONTH), "韩梅梅": (date(1990, 3, 5), DatePrecision.DAY)}
