"""The 党内统计 band sets at each boundary: ages, 党龄 and 失联时间 reckoned on the end date."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import codes
from app.domain.stats_bands import (
    ADMISSION_AGES, APPLICANT_AGES, JOB_DETAIL, JOB_ROWS, LOST_AGES, LOST_DURATION, LOST_PARTY_YEARS, MEMBER_AGES,
    SUMMARY_AGES, UNKNOWN, education_band, education_short, job_code, job_rows_of, lost_reason, whole_months,
    whole_years,
)

END = date(2026, 12, 31)


@pytest.mark.parametrize("birth, label", [
    (date(1991, 12, 31), "35岁及以下"),  # 35 exactly on the end date
    (date(1990, 12, 31), "36岁及以上"),  # 36 on the end date
    (date(1991, 1, 1), "35岁及以下"),
])
def test_applicant_ages_at_35(birth, label):
    assert APPLICANT_AGES.label_of(whole_years(birth, END)) == label


@pytest.mark.parametrize("age, label", [(30, "30岁及以下"), (31, "31至35岁"), (35, "31至35岁"), (36, "36至40岁"),
                                        (60, "56至60岁"), (61, "61至65岁"), (70, "66至70岁"), (71, "71岁及以上"),
                                        (0, "30岁及以下"), (105, "71岁及以上")])
def test_member_ages(age, label):
    assert MEMBER_AGES.label_of(age) == label


@pytest.mark.parametrize("age, label", [(25, "25岁及以下"), (26, "26至30岁"), (30, "26至30岁"), (31, "31至35岁"),
                                        (35, "31至35岁"), (36, "36至40岁"), (40, "36至40岁"), (41, "41至59岁"),
                                        (59, "41至59岁"), (60, "60岁及以上")])
def test_admission_ages(age, label):
    assert ADMISSION_AGES.label_of(age) == label


@pytest.mark.parametrize("age, label", [(35, "35岁及以下"), (36, "36至45岁"), (45, "36至45岁"), (46, "46至60岁"),
                                        (60, "46至60岁"), (61, "61岁及以上")])
def test_lost_ages(age, label):
    assert LOST_AGES.label_of(age) == label


@pytest.mark.parametrize("age, label", [(35, "35岁及以下"), (36, "36至59岁"), (59, "36至59岁"), (60, "60岁及以上")])
def test_summary_ages(age, label):
    assert SUMMARY_AGES.label_of(age) == label


@pytest.mark.parametrize("joined, label", [
    (date(2026, 1, 1), "1年以下"), (date(2025, 12, 31), "1年至5年"),  # one whole year on the end date
    (date(2026, 12, 31), "1年以下"), (date(2021, 12, 31), "1年至5年"), (date(2021, 1, 1), "1年至5年"),
    (date(2020, 12, 31), "6年至10年"), (date(2016, 1, 1), "6年至10年"), (date(2015, 12, 31), "11年至20年"),
    (date(2006, 1, 1), "11年至20年"), (date(2005, 12, 31), "21年及以上"),
])
def test_party_years(joined, label):
    assert LOST_PARTY_YEARS.label_of(whole_years(joined, END)) == label


@pytest.mark.parametrize("lost, label", [
    (date(2026, 7, 1), "不满6个月"), (date(2026, 6, 30), "6个月以上不满1年"), (date(2026, 1, 1), "6个月以上不满1年"),
    (date(2025, 12, 31), "1年至5年"), (date(2021, 1, 1), "1年至5年"), (date(2020, 12, 31), "6年至10年"),
    (date(2016, 1, 1), "6年至10年"), (date(2015, 12, 31), "11年及以上"),
])
def test_lost_duration(lost, label):
    assert LOST_DURATION.label_of(whole_months(lost, END)) == label


def test_whole_months_clamp_to_month_end():
    assert whole_months(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert whole_months(date(2026, 1, 31), date(2026, 2, 27)) == 0
    assert whole_months(date(2026, 3, 15), date(2026, 3, 14)) is None  # after the day: not known


def test_unknown_values_fall_in_no_band():
    assert MEMBER_AGES.label_of(None) == UNKNOWN
    assert whole_years(None, END) is None and whole_years(date(2027, 1, 1), END) is None


def test_education_roll_ups_cover_the_code_table():
    levels = codes.education_levels()
    assert education_band(levels["硕士研究生"]) == "研究生"
    assert education_band(levels["大学"]) == "大学本科"
    assert education_band(levels["大专"]) == "大学专科"
    assert education_band(levels["中等专科"]) == "中专"
    assert education_band(levels["技工学校"]) == "高中、中技"
    assert education_band(levels["小学"]) == "初中及以下"
    assert education_band(None) == UNKNOWN
    assert [education_short(c) for c in (1, 3, 4, 5, 6, None)] == [
        "大专及以上", "大专及以上", "中专、高中、中技", "中专、高中、中技", "初中及以下", UNKNOWN]


def test_every_job_post_has_a_row_and_the_rows_nest():
    rows = {code for code, *_ in JOB_ROWS}
    for label, post in codes.job_posts().items():
        code = job_code(label, post.job_code)
        assert code in rows, label
        assert job_rows_of(code)[0] == str(post.job_code), label  # the top row is the 0–5 roll-up
    assert set(JOB_DETAIL.values()) <= rows
    assert job_rows_of("113") == ["1", "113"] and job_rows_of("011") == ["0", "01", "011"]
    assert job_code(None, None) == "" and job_rows_of("") == [""]


def test_lost_reasons():
    assert lost_reason("外出务工经商") == "外出务工经商"
    assert lost_reason("出国(境)") == "出国（境）" and lost_reason("出国定居") == "出国（境）"
    assert lost_reason("说不清") == "其他" and lost_reason(" ") == UNKNOWN
