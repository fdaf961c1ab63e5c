"""花名册 out: reopen the .xlsx with openpyxl and the PDF with poppler, and check what a clerk would."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from app.db.models import Organisation
from app.domain.dates import PartialDate
from app.domain.enums import DatePrecision
from app.domain.errors import ValidationError
from app.domain.member_rules import MemberData
from app.io.roster_pdf import write_roster_pdf
from app.io.roster_xlsx import write_roster_xlsx
from app.services import members
from app.services.roster import build_roster
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

AS_OF = date(2026, 11, 22)




@pytest.fixture
def roster_db(sqlite_db):
    with sqlite_db.unit_of_work() as s:
        branch = committee_and_branch(s)
        people = [
            MemberData(name="张三丰", org_id=branch.id, id_number=make_id(date(1950, 3, 2), 123),
                       join_date=PartialDate(date(1975, 7, 1)), full_date=PartialDate(date(1976, 7, 1)),
                       phone="13912345678", work_unit="=HYPERLINK(\"http://x\")", notes="+恶意公式"),
            MemberData(name="曾小华", org_id=branch.id, gender="女",
                       birth_date=PartialDate(date(1960, 6, 1), DatePrecision.MONTH),
                       join_date=PartialDate(date(1985, 6, 1), DatePrecision.MONTH), phone="010-88886666"),
            MemberData(name="丁一", org_id=branch.id, id_number=make_id(date(1990, 1, 1), 22),
                       category="预备党员", join_date=PartialDate(date(2026, 3, 1))),
        ]
        for p in people:
            members.create_member(s, p, today=AS_OF)
    return sqlite_db


def roster(db, order="pinyin"):
    with db.reading() as s:
        return build_roster(s, order=order, as_of=AS_OF)


def test_xlsx_roster_cells_types_and_print_setup(roster_db, tmp_path):
    from openpyxl import load_workbook

    out = write_roster_xlsx(roster(roster_db), tmp_path / "花名册.xlsx")
    ws = load_workbook(out).active
    assert ws["A1"].value == "幸福社区党委党员花名册" and "A1:W1" in ws.merged_cells
    headers = [c.value for c in ws[3]]
    assert headers[:6] == ["序号", "姓名", "性别", "民族", "出生日期", "年龄"]
    col = {h: i + 1 for i, h in enumerate(headers)}
    rows = {ws.cell(r, col["姓名"]).value: r for r in range(4, ws.max_row + 1)}
    assert list(rows) == ["丁一", "曾小华", "张三丰"]  # pinyin: ding, zeng, zhang
    r = rows["张三丰"]
    id_cell = ws.cell(r, col["公民身份号码"])
    assert id_cell.value == make_id(date(1950, 3, 2), 123) and id_cell.data_type == "s"  # whole, as text
    assert ws.cell(r, col["联系电话"]).data_type == "s"
    birth = ws.cell(r, col["出生日期"])
    assert birth.is_date and birth.value.date() == date(1950, 3, 2) and birth.number_format == "yyyy-mm-dd"
    assert ws.cell(r, col["党龄"]).value == 50
    for name in ("工作单位及职务", "备注"):  # formula-looking text stays text
        cell = ws.cell(r, col[name])
        assert cell.data_type == "s" and cell.value.startswith(("=", "+"))
    partial = ws.cell(rows["曾小华"], col["出生日期"])
    assert partial.value == "1960-06" and partial.data_type == "s"  # the day is never invented
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$3:$3"


def test_stroke_order(roster_db):
    assert [e.name for e in roster(roster_db, "strokes").entries] == ["丁一", "张三丰", "曾小华"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_roster_masks_ids_and_numbers_pages(roster_db, tmp_path):
    out = write_roster_pdf(roster(roster_db), tmp_path / "花名册.pdf", printed_on=AS_OF)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "幸福社区党委党员花名册" in text and "张三丰" in text
    assert "110105********0123"[:6] in text and make_id(date(1950, 3, 2), 123) not in text
    assert "第1页/共1页" in text.replace(" ", "") and "制表人" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts
    full = write_roster_pdf(roster(roster_db), tmp_path / "full.pdf", full_id=True, printed_on=AS_OF)
    text = subprocess.run(["pdftotext", str(full), "-"], capture_output=True, text=True, check=True).stdout
    assert make_id(date(1950, 3, 2), 123) in text


def test_pdf_refuses_names_the_font_cannot_draw(roster_db, tmp_path):
    with roster_db.unit_of_work() as s:
        org_id = s.query(Organisation).filter_by(name="第一党支部").one().id
        members.create_member(s, MemberData(name="王𠮷", org_id=org_id), today=AS_OF)
    target = tmp_path / "x.pdf"
    with pytest.raises(ValidationError, match="王𠮷"):
        write_roster_pdf(roster(roster_db), target)
    assert not target.exists()


def test_many_pages_repeat_the_header(roster_db, tmp_path):
    r = roster(roster_db)
    big = type(r)(r.org_name, r.as_of, r.order, r.entries * 60)
    out = write_roster_pdf(big, tmp_path / "big.pdf", printed_on=AS_OF)
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert count >= 3
    last = subprocess.run(["pdftotext", "-f", str(count), "-l", str(count), str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "公民身份号码" in last and f"第{count}页/共{count}页" in last.replace(" ", "")


def test_exported_roster_imports_back_unchanged(roster_db, tmp_path, db_path):
    """The 花名册 a clerk sends upward is also a file another branch can import."""
    from sqlalchemy import select

    from app.db.models import Member
    from app.io.member_file import all_errors, plan_member_file
    from app.services.database import Database
    from app.services.member_import import apply_import

    out = write_roster_xlsx(roster(roster_db), tmp_path / "花名册.xlsx")
    fresh = Database.open(path=tmp_path / "fresh.db")
    try:
        with fresh.reading() as s:
            parsed, plan = plan_member_file(s, out, today=AS_OF)
        assert parsed.header_rows == (2,)  # the subtitle row above the header is not a header level
        assert {c.header for c in parsed.columns if c.field} >= {"姓名", "公民身份号码", "所在党支部"}
        assert not all_errors(parsed, plan) and plan.count("新增") == 3
        with fresh.unit_of_work() as s:
            apply_import(s, plan, source=out.name)
        with fresh.reading() as s:
            got = {m.name: m for m in s.scalars(select(Member))}
        with roster_db.reading() as s:
            want = {m.name: m for m in s.scalars(select(Member))}
        fields = ("id_number", "gender", "birth_date", "birth_precision", "join_date", "join_precision", "full_date",
                  "category", "phone", "work_unit", "notes")
        for name, m in want.items():
            assert [getattr(got[name], f) for f in fields] == [getattr(m, f) for f in fields], name
        with fresh.reading() as s:
            _, again = plan_member_file(s, out, today=AS_OF)
        assert (again.count("新增"), again.count("修改"), again.count("不变")) == (0, 0, 3)
    finally:
        fresh.close()
