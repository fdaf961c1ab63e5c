from datetime import date

import pytest

from app.domain.dates import PartialDate, add_months, add_years, age_on, quarter_bounds
from app.domain.enums import DatePrecision, EventKind, MemberCategory, MemberStatus
from app.domain.names import name_keys, split_name
from app.domain.status import EventFact, derive_state


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_add_months_clamps_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_year_from_leap_day_ends_on_feb_28():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_age_on_birthday_boundary():
    assert age_on(date(1966, 11, 22), date(2026, 11, 21)) == 59
    assert age_on(date(1966, 11, 22), date(2026, 11, 22)) == 60


def test_quarter_bounds():
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    "text, value, precision, shown",
    [
        ("1978年6月", date(1978, 6, 1), DatePrecision.MONTH, "1978-06"),
        ("1978.06", date(1978, 6, 1), DatePrecision.MONTH, "1978-06"),
        ("197806", date(1978, 6, 1), DatePrecision.MONTH, "1978-06"),
        ("2026/5/11", date(2026, 5, 11), DatePrecision.DAY, "2026-05-11"),
        ("1950", date(1950, 1, 1), DatePrecision.YEAR, "1950"),
    ],
)
def test_partial_dates_keep_their_precision(text, value, precision, shown):
    parsed = PartialDate.parse(text)
    assert (parsed.value, parsed.precision, str(parsed)) == (value, precision, shown)


def test_partial_date_rejects_garbage():
    with pytest.raises(ValueError):
        PartialDate.parse("去年")


@pytest.mark.parametrize(
    "name, pinyin, initials",
    [
        ("单雄信", "shan xiong xin", "sxx"),
        ("曾小华", "zeng xiao hua", "zxh"),
        ("欧阳娜娜", "ou yang na na", "oynn"),
        ("王小明", "wang xiao ming", "wxm"),
    ],
)
def test_name_keys_use_surname_readings(name, pinyin, initials):
    keys = name_keys(name)
    assert (keys.pinyin, keys.initials) == (pinyin, initials)


def test_compound_surname_sorts_as_one_unit():
    assert split_name("欧阳修") == ("欧阳", "修")
    names = ["王五", "欧阳修", "曾国藩", "安然"]
    ordered = sorted(names, key=lambda n: name_keys(n).sort_key)
    assert ordered == ["安然", "欧阳修", "王五", "曾国藩"]


def test_status_replays_events_in_date_order():
    events = [
        EventFact(EventKind.TRANSFER_OUT, date(2025, 3, 1)),
        EventFact(EventKind.ADMITTED, date(2020, 6, 1)),
        EventFact(EventKind.CONFIRMED, date(2021, 6, 1)),
    ]
    state = derive_state(events)
    assert state.status is MemberStatus.TRANSFERRED_OUT
    assert state.category is MemberCategory.FULL
    assert not state.is_active
    before = derive_state(events, as_of=date(2020, 12, 31))
    assert before.category is MemberCategory.PROBATIONARY and before.is_active


def test_lost_contact_and_suspension_and_reinstatement():
    events = [
        EventFact(EventKind.LOST_CONTACT, date(2023, 1, 1)),
        EventFact(EventKind.SUSPENDED, date(2023, 8, 1)),
    ]
    state = derive_state(events)
    assert state.status is MemberStatus.SUSPENDED and state.is_lost_contact and state.is_active
    state = derive_state(events + [EventFact(EventKind.REINSTATED, date(2024, 1, 1))])
    assert state.status is MemberStatus.NORMAL and not state.is_lost_contact


def test_standing_on_agrees_with_the_full_replay():
    """The tuple replay 统计 uses gives derive_state's answer for any sequence of events and any day; 统计 counts
    only members in good standing (停止党籍 is not on the books for the figures)."""
    from datetime import date, timedelta

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from app.domain.enums import EventKind, MemberStatus
    from app.domain.status import EventFact, derive_state, standing_on

    start = date(2020, 1, 1)
    event = st.tuples(st.sampled_from(list(EventKind)), st.integers(0, 400), st.integers(0, 3))

    @settings(max_examples=400, deadline=None)
    @given(st.lists(event, max_size=8), st.integers(0, 420))
    def check(raw, offset):
        events = sorted(((k, start + timedelta(days=d), seq) for k, d, seq in raw), key=lambda e: (e[1], e[2]))
        day = start + timedelta(days=offset)
        state = derive_state([EventFact(k, on, seq) for k, on, seq in events], as_of=day)
        moves = [k for k, on, _s in events if on <= day and k in (EventKind.OUTFLOW, EventKind.INFLOW,
                                                                 EventKind.MOBILE_ENDED, EventKind.TRANSFER_OUT)]
        assert standing_on(events, day) == (state.status is MemberStatus.NORMAL, state.is_lost_contact,
                                            bool(moves) and moves[-1] is EventKind.OUTFLOW)

    check()
