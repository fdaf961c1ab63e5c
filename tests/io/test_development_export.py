"""发展党员 out and in: the lists reopened with openpyxl, the 纪实表 read back, the grouped-header import, the commands."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.io.development_pdf import write_case_pdf
from app.io.development_sheet import parse_development_sheet
from app.io.development_xlsx import COLUMNS, write_list_xlsx, write_stats_xlsx
from app.io.excel_read import read_sheet
from app.services import development as dev
from app.services import members
from app.services.development_import import apply_development_import, plan_development_import
from app.services.development_lists import development_list, development_stats
from app.services.development_timeline import case_file
from helpers_cli import run
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

ON = date(2026, 11, 22)
APPLICANT_ID = make_id(date(2003, 6, 1), 77)


@pytest.fixture
def dev_db(sqlite_db):
    """Four people at four points of the procedure in one branch."""
    with sqlite_db.unit_of_work() as s:
        b = committee_and_branch(s)
        for n in (1, 2):
            members.create_member(s, MemberData(
                name=f"老党员{n}", org_id=b.id, id_number=make_id(date(1960, 1, n), 60 + n),
                join_date=PartialDate(date(1990, 7, 1)), full_date=PartialDate(date(1991, 7, 1))), today=ON)

        def add(name, **values):
            return dev.save_record(s, None, dev.RecordData(name, b.id, values=values), today=ON)

        add("新申请", applied_on=date(2026, 11, 2), id_number=APPLICANT_ID, ethnicity="回族", education="大学本科")
        add("积极甲", applied_on=date(2025, 9, 1), talked_on=date(2025, 9, 20), activist_on=date(2025, 12, 1),
            activist_method="党员推荐", activist_filed_on=date(2025, 12, 5))
        cand = add("对象乙", applied_on=date(2024, 5, 1), talked_on=date(2024, 5, 10), activist_on=date(2024, 7, 1),
                   activist_method="群团组织推优", activist_filed_on=date(2024, 7, 3), publicity_start=date(2025, 7, 7),
                   publicity_end=date(2025, 7, 11), candidate_on=date(2025, 7, 15), political_review_on=date(2025, 8, 1),
                   political_review_result="合格", training_hours=24, training_passed_on=date(2025, 8, 20),
                   pre_review_on=date(2026, 11, 1))
        dev.set_people(s, cand, "入党介绍人", [dev.PersonEntry("老党员1"), dev.PersonEntry("老党员2")])
        add("预备丙", applied_on=date(2023, 3, 1), talked_on=date(2023, 3, 10), activist_on=date(2023, 5, 1),
            candidate_on=date(2024, 6, 1), pre_review_on=date(2024, 8, 1), branch_meeting_on=date(2024, 12, 20),
            approved_on=date(2025, 2, 10), oath_on=date(2025, 2, 20), confirm_applied_on=date(2025, 11, 30),
            ethnicity="汉族")
    return sqlite_db


def test_each_list_holds_its_people_in_its_layout(dev_db, tmp_path):
    from openpyxl import load_workbook

    with dev_db.reading() as s:
        lists = {k: development_list(s, k, ON) for k in COLUMNS}
    assert [r.name for r in lists["applicants"]] == ["新申请"] and [r.name for r in lists["uninterviewed"]] == ["新申请"]
    assert [r.name for r in lists["activists"]] == ["积极甲"] and [r.name for r in lists["candidates"]] == ["对象乙"]
    assert [r.name for r in lists["to-admit"]] == ["对象乙"] and [r.name for r in lists["probationary"]] == ["预备丙"]
    assert [r.name for r in lists["due-conversion"]] == ["预备丙"]  # 预备期 ends 2025-12-20, within two months
    out = write_list_xlsx("uninterviewed", lists["uninterviewed"], tmp_path / "未谈话.xlsx", org_name="幸福社区党委", on=ON)
    ws = load_workbook(out).active
    assert ws["A1"].value == "幸福社区党委未谈话入党申请人名单" and ws.title == "未谈话入党申请人名单"
    headers = [c.value for c in ws[3]]
    assert headers[0] == "序号" and "谈话截止时间" in headers and "联系方式" in headers
    deadline = ws.cell(4, headers.index("谈话截止时间") + 1)
    assert deadline.value.date() == date(2026, 12, 2) and deadline.number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "C4" and ws.print_title_rows == "$3:$3"
    to_admit = load_workbook(write_list_xlsx("to-admit", lists["to-admit"], tmp_path / "拟吸收.xlsx", org_name="党委",
                                             on=ON)).active
    row = {c.value: i for i, c in enumerate(to_admit[3])}
    assert to_admit.cell(4, row["入党介绍人"] + 1).value == "老党员1、老党员2"


def test_statistics_of_the_year(dev_db, tmp_path):
    from openpyxl import load_workbook

    with dev_db.reading() as s:
        stats = development_stats(s, 2025)
    assert (stats.admitted, stats.converted, stats.applications) == (1, 0, 1)
    assert stats.stages["积极分子"].total == 1 and stats.stages["预备党员"].total == 1
    with dev_db.reading() as s:
        now = development_stats(s, 2026)
    applicants = now.stages["入党申请人"]
    assert (applicants.total, applicants.minority, applicants.college_and_above, applicants.age_35_and_under) == (1, 1, 1, 1)
    wb = load_workbook(write_stats_xlsx(now, tmp_path / "统计.xlsx", org_name="幸福社区党委"))
    assert wb["年底各阶段"]["A2"].value == "入党申请人" and wb["年底各阶段"]["B2"].value == 1


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by the test command")
def test_the_case_file_reads_back_with_its_articles(dev_db, tmp_path):
    with dev_db.reading() as s:
        record = next(r for r in development_list(s, "applicants", ON))
        case = case_file(s, record.record_id, date(2026, 12, 5))
    out = write_case_pdf(case, tmp_path / "纪实表.pdf", org_name="幸福社区党委", printed_on=date(2026, 12, 5))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace(" ", "")
    assert "幸福社区党委发展党员全程纪实表" in flat and "新申请" in flat and "第七条" in flat
    assert APPLICANT_ID not in flat and APPLICANT_ID[-4:] in flat  # masked unless 完整信息 is asked for
    assert "与入党申请人谈话已逾期" in flat and "规则版本2026.05" in flat


def _grouped_workbook(path, rows):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["幸福社区党委发展党员名册"])
    groups = [("基本信息", ["姓名", "性别", "公民身份号码", "所在党支部"]), ("入党申请", ["递交入党申请书时间", "谈话时间"]),
              ("积极分子和发展对象", ["确定为入党积极分子时间", "推荐方式", "培养联系人"]),
              ("预备党员", ["支部大会时间", "应到", "实到", "赞成", "审批时间"]), ("正式党员", ["支部大会时间", "审批时间"])]
    top, low, col = [], [], 1
    for group, headers in groups:
        top += [group] + [None] * (len(headers) - 1)
        low += headers
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + len(headers) - 1)
        col += len(headers)
    for c, v in enumerate(top, 1):
        if v:
            ws.cell(2, c, v)
    ws.append(low)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_of_the_grouped_layout_checks_every_cell_then_writes_all(dev_db, tmp_path):
    good = make_id(date(1999, 9, 9), 91)
    rows = [
        ["吴接收", "男", good, "第一党支部", "2022-03-01", "2022/3/15", "2022.6", "党员推荐", "老党员1",
         "2023-08-20", 30, 25, 24, "2023-10-10", "2024-08-22", "2024-10-01"],
        ["郑申请", "女", None, None, date(2026, 10, 8), None, None, None, None, None, None, None, None, None, None, None],
    ]
    bad = _grouped_workbook(tmp_path / "bad.xlsx", rows + [["错日期", "男", None, "第一党支部", "2026-13-01"] + [None] * 11,
                                                            ["号码成数字", "女", 110101199001011234, "第一党支部",
                                                             "2026-01-01"] + [None] * 11])
    parsed = parse_development_sheet(read_sheet(bad))
    errors = [str(e) for e in parsed.errors]
    assert errors == ["第6行 入党申请/递交入党申请书时间: 不存在的日期：2026-13-01",
                      "第7行 基本信息/公民身份号码: 身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入"]
    path = _grouped_workbook(tmp_path / "good.xlsx", rows)
    parsed = parse_development_sheet(read_sheet(path))
    assert parsed.errors == [] and parsed.rows[0].values["confirm_meeting_on"] == date(2024, 8, 22)
    assert parsed.rows[0].values["vote_yes"] == 24 and parsed.rows[0].values["mentors"] == ["老党员1"]
    with dev_db.reading() as s:
        plan = plan_development_import(s, parsed.rows, today=ON)
    assert plan.errors == [] and plan.summary() == "共 2 人：新增 2，修改 0，无变化 0"
    with dev_db.unit_of_work() as s:
        apply_development_import(s, plan, today=ON)
    with dev_db.reading() as s:
        again = plan_development_import(s, parse_development_sheet(read_sheet(path)).rows, today=ON)
        full = {r.name: r for r in development_list(s, "probationary", ON)}
    assert again.summary() == "共 2 人：新增 0，修改 0，无变化 2"  # the same file again changes nothing
    assert "吴接收" not in full  # 转正 approved: a 正式党员 now


def test_the_commands(dev_db, db_path, tmp_path):
    result = run("--db", str(db_path), "development", "--on", "2026-11-22", "--json")
    assert result.returncode == 0, result.stderr
    cases = {c["name"]: c for c in json.loads(result.stdout)}
    assert set(cases) == {"新申请", "积极甲", "对象乙", "预备丙"}
    first = cases["新申请"]
    assert first == {"name": "新申请", "id_number": APPLICANT_ID, "stage": "入党申请人", "next_step": "党组织派人谈话",
                     "earliest": "2026-11-02", "deadline": "2026-12-02", "provisional": False, "warnings": []}
    assert cases["积极甲"]["stage"] == "入党积极分子"
    assert cases["对象乙"]["next_step"] == "填写入党志愿书" and cases["对象乙"]["deadline"] == "2026-12-01"
    overdue = {w["article"] for w in cases["预备丙"]["warnings"]}
    assert "第三十二条" in overdue  # 预备期 ended 2025-12-20, no 支部大会 yet
    out = tmp_path / "积极分子.xlsx"
    result = run("--db", str(db_path), "export", "development", "--list", "activists", "--on", "2026-11-22",
                 "--out", str(out))
    assert result.returncode == 0 and "1 人" in result.stdout and out.exists()
    sheet = _grouped_workbook(tmp_path / "in.xlsx", [["冯新", "女", None, "第一党支部", "2026-11-01"] + [None] * 11])
    result = run("--db", str(db_path), "import", "development", str(sheet), "--dry-run")
    assert result.returncode == 0 and "新增 1" in result.stdout
    result = run("--db", str(db_path), "import", "development", str(sheet))
    assert result.returncode == 0 and "导入完成" in result.stdout
    pdf = tmp_path / "冯新.pdf"
    result = run("--db", str(db_path), "development", "--record", "冯新", "--out", str(pdf))
    assert result.returncode == 0 and pdf.stat().st_size > 5000
