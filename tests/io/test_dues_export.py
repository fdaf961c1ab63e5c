"""党费收缴台账: the figures, the .xlsx reopened with openpyxl, the PDF read back with poppler, the command."""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest

from app.db.models import DuesPayment
from app.domain.dates import PartialDate
from app.domain.enums import PaymentMethod
from app.domain.member_rules import MemberData
from app.io.dues_pdf import write_dues_pdf
from app.io.dues_xlsx import HEADERS, write_dues_xlsx
from app.services import dues_assess, dues_collect, members
from app.services.dues_ledger import build_ledger
from helpers_cli import run
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

AS_OF = date(2026, 11, 22)
M = 2026 * 12  # month index of 2026-01


@pytest.fixture
def dues_db(sqlite_db):
    with sqlite_db.unit_of_work() as s:
        branch = committee_and_branch(s)
        ids = {}
        for n, (name, join) in enumerate([("张三", date(1990, 7, 1)), ("李四", date(1980, 7, 1)),
                                          ("王五", date(2026, 9, 15))], 1):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=branch.id, id_number=make_id(date(1960 + n, 2, 2), 50 + n),
                category="预备党员" if name == "王五" else "正式党员", join_date=PartialDate(join),
                full_date=None if name == "王五" else PartialDate(date(join.year + 1, 7, 1))), today=AS_OF).member.id
        dues_assess.assess(s, ids["张三"], 2026, "在职", "4000", today=date(2026, 1, 5))  # 40.00
        dues_assess.assess(s, ids["李四"], 2026, "离退休", "3000", today=date(2026, 1, 5))  # 15.00
        dues_assess.assess(s, ids["王五"], 2026, "学生", None, today=date(2026, 9, 20))  # 0.20
        # 张三: a quarter at a time for Q1–Q3 with 100.00 extra in Q2; October 补交 in November
        dues_collect.record_payment(s, ids["张三"], M, M + 2, paid_on=date(2026, 1, 10))
        dues_collect.record_payment(s, ids["张三"], M + 3, M + 5, paid_on=date(2026, 4, 10), amount="220.00")
        dues_collect.record_payment(s, ids["张三"], M + 6, M + 8, paid_on=date(2026, 7, 10))
        dues_collect.record_payment(s, ids["张三"], M + 9, M + 9, paid_on=date(2026, 11, 5), method="补交")
        # 李四: January to June, then a voluntary 1000 元 in September
        dues_collect.record_payment(s, ids["李四"], M, M + 5, paid_on=date(2026, 1, 8), method="预交")
        dues_collect.record_payment(s, ids["李四"], M + 8, M + 8, paid_on=date(2026, 9, 8), amount="1015.00")
    return sqlite_db


def ledger(db):
    with db.reading() as s:
        return build_ledger(s, 2026, as_of=AS_OF)


def test_ledger_figures(dues_db):
    led = ledger(dues_db)
    rows = {r.name: r for r in led.rows}
    z, li, w = rows["张三"], rows["李四"], rows["王五"]
    assert z.months[:3] == (Decimal("40.00"),) * 3
    assert z.months[3:6] == (Decimal("73.33"), Decimal("73.33"), Decimal("73.34"))  # 220.00 over three months
    assert z.months[9] == Decimal("40.00") and z.months[10] == Decimal("0.00")  # November not yet paid
    assert (z.annual_due, z.annual_paid, z.owed) == (Decimal("480.00"), Decimal("500.00"), Decimal("0.00"))
    assert li.annual_paid == Decimal("1105.00") and li.owed == Decimal("45.00")  # July, August, October
    assert w.months[:8] == (None,) * 8 and w.annual_due == Decimal("0.80")  # from September (第八条)
    assert w.owed == Decimal("0.40")  # September and October
    q = {x.quarter: x for x in led.quarters}
    assert (q[1].received, q[1].advance) == (Decimal("210.00"), Decimal("90.00"))
    assert (q[3].received, q[3].large, q[3].in_arrears) == (Decimal("1135.00"), Decimal("1000.00"), 2)
    assert (q[4].received, q[4].back_pay) == (Decimal("40.00"), Decimal("40.00"))
    assert led.total("annual_paid") == sum((r.annual_paid for r in led.rows), Decimal(0))


@pytest.mark.parametrize("seed", range(4))
def test_a_members_payments_add_up_to_the_ledger(sqlite_db, seed):
    """Whatever months and amounts, each member's payments for the year equal the ledger's 全年实缴."""
    rng = random.Random(seed)
    with sqlite_db.unit_of_work() as s:
        b = committee_and_branch(s, "党委", "一支部")
        expected = {}
        for n in range(6):
            mid = members.create_member(s, MemberData(name=f"党员{n}", org_id=b.id,
                                                      join_date=PartialDate(date(1990, 1, 1))), today=AS_OF).member.id
            base = Decimal(rng.randrange(0, 1500000)) / 100
            dues_assess.assess(s, mid, 2026, rng.choice(["在职", "离退休", "个体"]), base, today=AS_OF)
            start, total = M, Decimal(0)
            while start < M + 12:
                size = rng.choice([1, 1, 2, 3, 6])
                end = min(start + size - 1, M + 11)
                if rng.random() < 0.8:
                    owed = sum(dues_collect.month_sheet(s, 2026, k - M + 1)[n].monthly for k in range(start, end + 1))
                    amount = owed + Decimal(rng.choice([0, 0, 0, 1, 37])) + Decimal(rng.randrange(0, 100)) / 100
                    s.add(DuesPayment(member_id=mid, period_start=date(2026, start - M + 1, 1),
                                      period_end=date(2026, end - M + 1, 1), amount=amount,
                                      paid_on=date(2026, start - M + 1, 5), method=PaymentMethod.SELF))
                    total += amount
                start = end + 1
            expected[f"党员{n}"] = total
        s.flush()
    led = ledger(sqlite_db)
    assert {r.name: r.annual_paid for r in led.rows} == expected
    for r in led.rows:
        assert sum((m or 0 for m in r.months), Decimal(0)) == r.annual_paid


def test_xlsx_ledger_cells(dues_db, tmp_path):
    from openpyxl import load_workbook

    out = write_dues_xlsx(ledger(dues_db), tmp_path / "台账.xlsx")
    wb = load_workbook(out)
    ws = wb["党费台账"]
    assert ws["A1"].value == "幸福社区党委2026年党费收缴台账"
    assert [c.value for c in ws[3]] == HEADERS
    col = {h: i + 1 for i, h in enumerate(HEADERS)}
    rows = {ws.cell(r, 2).value: r for r in range(4, ws.max_row + 1)}
    z = rows["张三"]
    cell = ws.cell(z, col["4月"])
    assert cell.data_type == "n" and cell.value == pytest.approx(73.33) and cell.number_format == "#,##0.00"
    assert ws.cell(rows["王五"], col["1月"]).value == "—"
    total = rows["合计"]
    assert ws.cell(total, col["全年实缴"]).value == pytest.approx(500 + 1105 + 0)
    assert ws.freeze_panes == "C4" and ws.print_title_rows == "$3:$3"
    summary = wb["季度汇总"]
    assert [c.value for c in summary[2]][:3] == ["季度", "应收", "实收"]
    assert summary.cell(5, 6).value == pytest.approx(1000.00)  # Q3 大额


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by the test command")
def test_pdf_ledger_reads_back(dues_db, tmp_path):
    out = write_dues_pdf(ledger(dues_db), tmp_path / "台账.pdf", printed_on=AS_OF)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "幸福社区党委2026年党费收缴台账" in text and "张三" in text and "合计" in text
    assert "第1页/共1页" in text.replace(" ", "") and "1,000.00" in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # the CJK font is embedded


def test_export_dues_command(dues_db, db_path, tmp_path):
    out = tmp_path / "q3.xlsx"
    result = run("--db", str(db_path), "export", "dues", "--year", "2026", "--quarter", "3", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "2026年党费台账（3 人" in result.stdout
    from openpyxl import load_workbook

    summary = load_workbook(out)["季度汇总"]
    assert [summary.cell(r, 1).value for r in (3, 4)] == ["第3季度", None]
    bad = run("--db", str(db_path), "export", "dues", "--out", str(tmp_path / "x.doc"))
    assert bad.returncode != 0 and "--format" in bad.stderr


def _old_ledger(path, rows, title="幸福社区党委2025年党费收缴台账"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.append(["序号", "姓名", "身份证号"] + [f"{m}月" for m in range(1, 13)] + ["合计", "备注"])
    for row in rows:
        ws.append(row)
    ws.append(["", "合计"] + [""] * 14)
    wb.save(path)
    return path


def test_import_of_an_old_ledger_is_checked_then_all_or_nothing_and_idempotent(dues_db, db_path, tmp_path):
    from sqlalchemy import func, select

    from app.db.models import Member

    with dues_db.reading() as s:
        zhang_id = s.scalar(select(Member.id_number).where(Member.name == "张三"))
    good = _old_ledger(tmp_path / "2025.xlsx", [
        [1, "张三", zhang_id] + [40] * 6 + ["40.00", "40元", "—", "", 0, "-"],
        [2, "李四", None] + [15] * 12,
    ])
    bad = _old_ledger(tmp_path / "bad.xlsx", [
        [1, "张三", zhang_id] + ["已交"] + [40] * 11,
        [2, "赵无名", None] + [15] * 12,
        [3, "李四", 110105196202020521] + [15] * 12,
    ])
    result = run("--db", str(db_path), "import", "dues", str(bad))
    assert result.returncode != 0
    assert "第3行 1月: “已交”不是金额" in result.stderr
    assert "第4行 姓名: 在册党员中没有“赵无名”" in result.stderr
    assert "第5行 身份证号: 身份证号码被存成了数字" in result.stderr
    with dues_db.reading() as s:
        before = s.scalar(select(func.count()).select_from(DuesPayment))
    dry = run("--db", str(db_path), "import", "dues", str(good), "--dry-run")
    assert dry.returncode == 0 and "2025年：新增交纳记录 20 条（2 人，500.00 元）" in dry.stdout, dry.stdout + dry.stderr
    assert "未核定2025年党费" in dry.stderr  # a warning, not an error
    done = run("--db", str(db_path), "import", "dues", str(good))
    assert done.returncode == 0, done.stderr
    again = run("--db", str(db_path), "import", "dues", str(good))
    assert again.returncode == 0 and "没有需要导入的变化" in again.stdout and "不变 20 条" in again.stdout
    with dues_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(DuesPayment)) == before + 20
        notes = set(s.scalars(select(DuesPayment.notes).where(DuesPayment.period_start < date(2026, 1, 1))))
    assert notes == {"历史台账导入（交纳日期按所属月份记）"}
    no_year = _old_ledger(tmp_path / "noyear.xlsx", [[1, "李四", None] + [15] * 12], title="党费台账")
    missing = run("--db", str(db_path), "import", "dues", str(no_year))
    assert missing.returncode != 0 and "--year" in missing.stderr


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by the test command")
def test_notice_shows_what_was_paid_but_not_the_pay(dues_db, db_path, tmp_path):
    out = tmp_path / "公示.pdf"
    result = run("--db", str(db_path), "export", "dues", "--year", "2026", "--notice", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "幸福社区党委2026年党费收缴情况公示" in text and "张三" in text and "500.00" in text
    assert "4,000.00" not in text and "计算基数" not in text  # the pay stays private


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by the test command")
def test_receipts_two_to_a_page_with_the_amount_in_capitals(dues_db, tmp_path):
    from sqlalchemy import select

    from app.io.dues_notice import write_receipts
    from app.services.dues_collect import receipts

    with dues_db.reading() as s:
        ids = list(s.scalars(select(DuesPayment.id).order_by(DuesPayment.id)))
        slips = receipts(s, ids)
    assert [r.period for r in slips][:2] == ["2026-01 至 2026-03", "2026-04 至 2026-06"]
    out = write_receipts(slips, tmp_path / "收据.pdf", collector="王书记")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "人民币壹仟零壹拾伍元整" in text and "贰佰贰拾元整" in text and "王书记" in text
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[1] for line in pages.splitlines() if line.startswith("Pages:")))
    assert count == (len(slips) + 1) // 2  # two to a page


def test_home_figures_and_the_ledger_count_a_year_crossing_payment_alike(dues_db):
    from app.db.models import Member
    from app.services.views import dues as dues_view
    from sqlalchemy import select

    with dues_db.unit_of_work() as s:
        mid = s.scalar(select(Member.id).where(Member.name == "张三"))
        dues_assess.assess(s, mid, 2027, "在职", "6000", today=date(2026, 11, 20))  # 90.00 a month in 2027
        s.add(DuesPayment(member_id=mid, period_start=date(2026, 11, 1), period_end=date(2027, 1, 1),
                          amount=Decimal("170.00"), paid_on=date(2026, 11, 20), method=PaymentMethod.ADVANCE))
    led = ledger(dues_db)
    with dues_db.reading() as s:
        table = {r.name: r.paid for r in dues_view.year_table(s, 2026, today=AS_OF).rows}
        _, total = dues_view.year_totals(s, 2026)
    z = next(r for r in led.rows if r.name == "张三")
    assert z.months[10:] == (Decimal("40.00"), Decimal("40.00"))  # 90.00 of the 170.00 belongs to 2027
    assert table == {r.name: r.annual_paid for r in led.rows}
    assert total == led.total("annual_paid")


def test_bases_from_a_hesuan_sheet_are_assessed_by_the_rule(dues_db, db_path, tmp_path):
    from openpyxl import Workbook
    from sqlalchemy import select

    from app.db.models import DuesAssessment, Member

    wb = Workbook()
    ws = wb.active
    ws.append(["2027年党员党费核算表"])
    ws.append(["序号", "姓名", "岗位工资", "税后工资总额", "交纳比例", "每月应交纳党费金额", "备注"])
    ws.append([1, "张三", 3000, 5000.01, "1%", 50.00, ""])  # the sheet's own amount is wrong: 1.5% → 75.00
    ws.append([2, "李四", 2000, "3000元", "0.5%", 15.00, ""])
    ws.append([3, "王五", 0, "", "", "", ""])  # 预备党员 without a base: 在职 needs one
    path = tmp_path / "核算表.xlsx"
    wb.save(path)
    bad = run("--db", str(db_path), "import", "dues-bases", str(path), "--year", "2027")
    assert bad.returncode != 0 and "第5行 计算基数: “在职”须填写计算基数" in bad.stderr
    ws.delete_rows(5)
    wb.save(path)
    ok = run("--db", str(db_path), "import", "dues-bases", str(path), "--year", "2027")
    assert ok.returncode == 0, ok.stderr
    assert "新增 2 人" in ok.stdout and "按规定应为 75.00 元" in ok.stderr
    with dues_db.reading() as s:
        got = {n: (a.category.value, a.monthly_amount) for a, n in s.execute(
            select(DuesAssessment, Member.name).join(Member).where(DuesAssessment.year == 2027))}
    assert got == {"张三": ("在职", Decimal("75.00")), "李四": ("在职", Decimal("15.00"))}
    again = run("--db", str(db_path), "import", "dues-bases", str(path), "--year", "2027")
    assert "不变 2 人" in again.stdout


def test_streamed_cells_keep_text_as_text(tmp_path):
    """The write-only writer's text cells: a name Excel would read as a formula stays text (quote prefix)."""
    from openpyxl import Workbook, load_workbook

    from app.io.xlsx_safe import text_value

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("表")
    ws.append([text_value(ws, "=1+1"), text_value(ws, "张三"), text_value(ws, ""), text_value(ws, "-3")])
    wb.save(tmp_path / "t.xlsx")
    cells = load_workbook(tmp_path / "t.xlsx")["表"][1]
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("张三", "s"), (None, "n"), ("-3", "s")]
    assert cells[0].quotePrefix and not cells[1].quotePrefix


def test_xlsx_ledger_print_setup_and_title(dues_db, tmp_path):
    from openpyxl import load_workbook

    ws = load_workbook(write_dues_xlsx(ledger(dues_db), tmp_path / "台账.xlsx"))["党费台账"]
    assert "A1:W1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["C3"].fill.fgColor.rgb.endswith("C00000") and ws["C3"].font.bold
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_options.gridLines and "&P" in ws.oddFooter.center.text
    assert ws.column_dimensions["C"].width == 18
