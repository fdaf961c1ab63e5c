"""统计报告 PDF: the title, the figures and the charts are in the file (pdftotext), written by the command too."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from app.io.stats_pdf import write_stats_pdf
from app.services.stats_figures import Period, figure_lines, period_figures
from app.services.stats_series import period_series
from helpers_charts import make_book
from helpers_cli import run

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_report_holds_title_figures_and_charts(db, tmp_path):
    make_book(db)
    with db.reading() as s:
        period = Period.of(2026, quarter=1)
        lines = figure_lines(period_figures(s, period))
        series = period_series(s, period)
    out = write_stats_pdf(lines, series, tmp_path / "统计报告.pdf", printed_on=date(2026, 4, 2))
    text = _text(out)
    assert "幸福社区党委统计报告" in text and "2026年第1季度（2026-01-01 至 2026-03-31）" in text
    assert re.search(r"党员总数\s+8\b", text)  # 31 March: 张三 李四 王五 赵六 孙八 周青年 吴中年 郑高龄
    assert re.search(r"实缴党费（元）\s+80\.00", text)
    for title in ("年龄结构（共8人）", "学历结构（共8人）", "党龄结构（共8人）", "党费：应缴与实缴", "三会一课：已召开与应召开",
                  "志愿服务时长（按月）"):
        assert title in text
    assert "单位：元" in text and "（会议类型）" in text and "应召开" in text and "支部委员会" in text
    assert not re.search(r"\d{17}[\dX]", text)  # no whole ID numbers
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+[3-5]\b", pages)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "STSong" not in fonts and "yes" in fonts  # the bundled font, embedded


def test_the_export_stats_command_writes_the_pdf(sqlite_db, db_path, tmp_path):
    make_book(sqlite_db)
    target = tmp_path / "统计报告.pdf"
    result = run("--db", str(db_path), "export", "stats", "--year", "2026", "--month", "3", "--org", "第一党支部",
                 "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert "已导出统计报告" in result.stdout and target.exists()
    text = _text(target)
    assert "第一党支部统计报告" in text and "2026年3月" in text and "3月" in text
    refused = run("--db", str(db_path), "export", "stats", "--year", "2026", "--out", str(tmp_path / "统计.xlsx"))
    assert refused.returncode == 1 and "只能导出为 PDF" in refused.stderr
    assert not (tmp_path / "统计.xlsx").exists()
