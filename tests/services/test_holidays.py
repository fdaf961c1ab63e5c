"""The holiday table: a year added by the clerk replaces the guess, and 公示 counts stop being 暂算."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import ValidationError
from app.domain.workdays import parse_holiday_lines
from app.services.development_cases import work_calendar
from app.services.holidays import add_year, holiday_years
from helpers_cli import run

NOTICE_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（示例）
2027-01-01 休 元旦
2027-01-02\t休\t元旦
2027/01/03 休 元旦
2027-02-05 休 春节
2027-02-06 班 春节
"""


def test_lines_as_the_clerk_pastes_them():
    rows, errors = parse_holiday_lines(NOTICE_2027 + "2027-13-01 休\n2027-05-01 放\n五一\n")
    assert rows[0] == (date(2027, 1, 1), False, "元旦") and rows[4] == (date(2027, 2, 6), True, "春节")
    assert errors == ["第7行：“2027-13-01”不是日期（YYYY-MM-DD）", "第8行：第二项应为“休”或“班”，不能是“放”",
                      "第9行：应为“日期 休/班 [名称]”，如 2027-01-01 休 元旦"]


def test_a_year_added_makes_its_counts_certain(db):
    with db.reading() as s:
        before = work_calendar(s).add_workdays(date(2026, 12, 28), 5)
        assert before == before.__class__(date(2027, 1, 1), True)  # 暂算: 2027 unknown, 元旦 counted as a workday
    with db.unit_of_work() as s:
        with pytest.raises(ValidationError, match="不在2027年内"):
            add_year(s, 2027, "2026-12-31 休 元旦")
        with pytest.raises(ValidationError, match="第1行"):
            add_year(s, 2027, "2027-01-01 放假")
        added = add_year(s, 2027, NOTICE_2027)
        assert (added.days_off, added.working_weekends, added.source) == (4, 1, "clerk")
    with db.reading() as s:
        after = work_calendar(s).add_workdays(date(2026, 12, 28), 5)
        assert after.day == date(2027, 1, 4) and not after.provisional
        assert [y.year for y in holiday_years(s)][-2:] == [2026, 2027]
    with db.unit_of_work() as s:  # the same year again replaces it
        assert add_year(s, 2027, "2027-01-01 休 元旦").days_off == 1


def test_the_command(db_path, tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    result = run("--db", str(db_path), "holidays", "--year", "2027", "--add", str(notice))
    assert result.returncode == 0 and "放假 4 天，调休上班 1 天" in result.stdout
    result = run("--db", str(db_path), "holidays")
    assert "2027年：放假 4 天，调休上班 1 天（本机登记）" in result.stdout and "2028年起" in result.stdout
