"""工作总结数据: the sentences filled from the hand-made book of test_stats_tables, percentages rounded half up."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.services import settings
from app.services.stats_figures import Period
from app.services.stats_summary import TEMPLATES, percent, summary
from helpers_stats_tables import make_book


@pytest.fixture
def book(db):
    return make_book(db)


@pytest.mark.parametrize("part, base, digits, shown", [
    (1, 8, 0, "13%"), (1, 8, 1, "12.5%"), (1, 8, 2, "12.50%"),  # 12.5 → 13 half up, not to even
    (1, 3, 1, "33.3%"), (2, 3, 0, "67%"), (2, 3, 2, "66.67%"), (0, 5, 1, "0.0%"), (5, 5, 0, "100%"),
    (3, 0, 1, "—"), (0, 0, 0, "—"),
])
def test_percent(part, base, digits, shown):
    assert percent(part, base, digits) == shown


def test_percent_digits_are_0_1_or_2():
    with pytest.raises(ValidationError):
        percent(1, 2, 3)


def test_the_years_sentences(db, book):
    with db.reading() as s:
        out = summary(s, Period.of(2026), digits=1)
    text = {x.key: x.text for x in out.sentences}
    assert [x.key for x in out.sentences] == [t.key for t in TEMPLATES]
    # members on 31 December as stats_figures counts them
    total = out.values["members_total"]
    assert text["structure"].startswith(f"截至2026年12月31日，幸福社区党委现有党员{total}名，其中女党员1名，占{percent(1, total, 1)}；")
    assert "35岁及以下" in text["structure"] and "大专及以上学历" in text["structure"]
    assert text["development"] == "2026年发展党员1名，预备党员转正0名；新递交入党申请书1份，现有入党积极分子1名、发展对象1名。"
    assert text["admitted"] == ("2026年发展的1名党员中，女性0名，占0.0%；35岁及以下1名，占100.0%；"
                                "大专及以上学历1名，占100.0%。")  # 辛: 26, 大学专科
    assert text["changes"] == "2026年转入组织关系党员1名，转出组织关系党员1名，去世党员1名。"
    assert text["dues"] == "2026年应缴党费0.00元，实缴0.00元，收缴率—。"  # nothing assessed: no division
    assert text["meetings"].startswith("2026年召开支部党员大会0次、支部委员会0次、党小组会0次，上党课0次")
    assert text["volunteers"].endswith("服务时长0小时。")
    assert all(x.how for x in out.sentences)
    assert out.text().count("\n") == len(TEMPLATES) - 1


def test_a_quarter_and_the_precision_setting(db, book):
    with db.unit_of_work() as s:
        settings.set_value(s, "stats.percent_digits", 0)
    with db.reading() as s:
        q2 = summary(s, Period.of(2026, quarter=2))
        q1 = summary(s, Period.of(2026, quarter=1), org="第二党支部", digits=2)
    assert q2.digits == 0
    assert "2026年第2季度发展党员1名" in q2.text()  # 辛 on 10 May
    assert "女性0名，占0%" in q2.text()
    assert q1.org_name == "第二党支部" and "2026年第1季度发展的0名党员中，女性0名，占—" in q1.text()
    assert "截至2026年3月31日，第二党支部现有党员" in q1.text()
