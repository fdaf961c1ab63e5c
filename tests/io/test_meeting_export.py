"""Meeting papers: 签到表 and 会议记录 PDFs read back with poppler, the 台账 .xlsx reopened, the command."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, time

import pytest

from app.domain.errors import ValidationError
from app.domain.meeting_record import VoteCounts
from app.io.meeting_ledger_pdf import write_meeting_ledger_pdf
from app.io.meeting_pdf import write_meeting_record, write_sign_in_sheet
from app.io.meeting_xlsx import HEADERS, write_meeting_xlsx
from app.services.meeting_ledger import build_meeting_ledger
from app.services.meetings import AttendanceEntry, MeetingData, save_meeting
from app.services.views.meetings import meeting_detail
from helpers_cli import run
from helpers_meetings import TODAY, make_branch

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is installed by the test command")


@pytest.fixture
def papers(sqlite_db):
    ids = make_branch(sqlite_db)
    with sqlite_db.unit_of_work() as s:
        ids["held"] = save_meeting(s, MeetingData(
            "支部党员大会", ids["branch"], date(2026, 9, 20), start_time=time(14, 30), end_time=time(16, 30),
            place="党员活动室", host="张三", recorder="李四", theme="讨论赵六转正",
            minutes="张三主持会议。\n赵六汇报预备期表现，党员逐一发表意见。", decisions="同意赵六按期转正。",
            attachments=("转正申请书.pdf",),
            attendance=(AttendanceEntry("请假", ids["王五"], reason="住院治疗"),
                        AttendanceEntry("列席", person_name="刘书记", reason="街道党工委")),
            votes=(VoteCounts("赵六按期转正", 4, 3, 3, 0, 0),)), today=TODAY)
        ids["plan"] = save_meeting(s, MeetingData("支部党员大会", ids["branch"], date(2026, 12, 10), status="计划",
                                                  start_time=time(14, 30), place="党员活动室", host="张三",
                                                  theme="年终总结"), today=TODAY)
        save_meeting(s, MeetingData("主题党日", ids["branch"], date(2026, 8, 15), host="张三",
                                    theme="=1+1 不是公式", minutes="-开头的记录"), today=TODAY)
    return sqlite_db, ids


def _text(path, layout=True) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@needs_poppler
def test_the_record_pdf_has_heads_absentees_content_votes_and_signatures(papers, tmp_path):
    db, ids = papers
    with db.reading() as s:
        out = write_meeting_record(meeting_detail(s, ids["held"]), tmp_path / "记录.pdf")
    text = _text(out)
    assert "第一党支部党员大会记录" in text and "会议记录" in text.replace(" ", "")
    assert "应到5人，实到4人，请假1人，列席1人，出席率80.0%" in text
    assert "王五（请假：住院治疗）" in text and "刘书记（街道党工委）" in text
    assert "赵六汇报预备期表现" in text and "同意赵六按期转正" in text
    assert "赵六按期转正" in text and "通过" in text and "转正申请书.pdf" in text
    assert "应到会有表决权的党员 4 人，实到 3 人，超过半数" in text
    assert "主持人（签字）" in text and "记录人（签字）" in text


@needs_poppler
def test_the_sign_in_sheet_lists_who_is_expected_with_boxes(papers, tmp_path):
    db, ids = papers
    with db.reading() as s:
        out = write_sign_in_sheet(meeting_detail(s, ids["plan"]), tmp_path / "签到表.pdf")
        with pytest.raises(ValidationError, match="尚未召开"):
            write_meeting_record(meeting_detail(s, ids["plan"]), tmp_path / "x.pdf")
    text = _text(out)
    assert "第一党支部党员大会签到表" in text and "年终总结" in text and "2026年12月10日 14:30" in text
    for name in ("张三", "李四", "王五", "赵六", "钱七"):  # on the books on 10 December
        assert name in text
    assert "孙八" not in text and "预备党员" in text and "列席人员签名" in text
    assert "应到 5 人" in text
    assert not (tmp_path / "x.pdf").exists()


def test_the_ledger_xlsx_and_its_summary(papers, tmp_path):
    from openpyxl import load_workbook

    db, ids = papers
    with db.reading() as s:
        ledger = build_meeting_ledger(s, 2026, quarter=3)
    wb = load_workbook(write_meeting_xlsx(ledger, tmp_path / "台账.xlsx"))
    ws = wb["三会一课台账"]
    assert ws["A1"].value == "幸福社区党委2026年第三季度“三会一课”台账"
    assert [c.value for c in ws[3]] == list(HEADERS)
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert [r[2] for r in rows] == ["主题党日", "支部党员大会"]
    theme_day, general = rows
    assert theme_day[4] == "=1+1 不是公式" and ws.cell(4, 5).data_type == "s"  # text, never a formula
    assert general[1].date() == date(2026, 9, 20) and (general[7], general[8]) == (5, 4)
    assert general[9] == "王五（请假：住院治疗）" and general[10].startswith("张三主持会议。 赵六汇报")
    summary = wb["汇总"]
    assert [c.value for c in summary[2]] == ["会议类型", "7月", "8月", "9月", "合计"]
    counts = {r[0].value: [c.value for c in r[1:]] for r in summary.iter_rows(min_row=3, max_row=11)}
    assert counts["支部党员大会"] == [0, 0, 1, 1] and counts["主题党日"] == [0, 1, 0, 1]


@needs_poppler
def test_the_ledger_pdf_and_the_export_meetings_command(papers, db_path, tmp_path):
    db, ids = papers
    with db.reading() as s:
        out = write_meeting_ledger_pdf(build_meeting_ledger(s, 2026, org_id=ids["branch"]), tmp_path / "l.pdf")
    text = _text(out)
    assert "第一党支部2026年“三会一课”台账" in text and "王五（请假：住院治疗）" in text and "各类会议召开次数" in text
    db.close()
    xlsx = tmp_path / "q3.xlsx"
    result = run("--db", str(db_path), "export", "meetings", "--year", "2026", "--quarter", "3", "--out", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert "第三季度“三会一课”台账（已召开会议 2 次" in result.stdout and xlsx.exists()
    pdf = tmp_path / "year.pdf"
    result = run("--db", str(db_path), "export", "meetings", "--year", "2026", "--org", "第一党支部", "--format", "pdf",
                 "--out", str(pdf))
    assert result.returncode == 0, result.stderr and pdf.read_bytes()[:4] == b"%PDF"
    bad = run("--db", str(db_path), "export", "meetings", "--out", str(tmp_path / "x.doc"))
    assert bad.returncode != 0 and "--format" in bad.stderr
