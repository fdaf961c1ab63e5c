"""A small book for the 统计 chart tests: make_branch's 第一党支部 and 党小组, three more members, dues,
meetings of the first quarter and volunteer hours."""

from __future__ import annotations

from datetime import date, time

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import dues_assess, dues_collect, members, volunteers
from app.services import volunteer_activities as acts
from app.services.meetings import MeetingData, save_meeting
from helpers_ids import make_id
from helpers_meetings import TODAY, make_branch

M = 2026 * 12


def _held(s, org_id, type_name, day, status="已召开"):
    return save_meeting(s, MeetingData(type_name, org_id, day, status=status, host="张三", recorder="李四",
                                       minutes="记录" if status == "已召开" else "", theme="学习"),
                        today=TODAY if status == "已召开" else date(2026, 3, 1))  # a plan made before its day


def make_book(db):
    """make_branch's six (born 1961–1966; 赵六 预备; 钱七 in on 10 May, 孙八 out on 1 August) and three more:
    周青年 (born 1995, 硕士研究生, 转正 2020), 吴中年 (46 on 31 December, 大专, 转正 2005), 郑高龄 (born 1940, 小学, 转正 1970).
    周青年 owes 40.00 a month and paid January and February. In the first quarter the branch held 支委会 in January
    and February, 主题党日 every month, a 党员大会 in March (and planned a 党课), its 党小组 one 党小组会 in January.
    Volunteer hours: 2 in January and 3 in March confirmed, 1 in February not confirmed."""
    ids = make_branch(db)
    with db.unit_of_work() as s:
        for n, (name, birth, education, full) in enumerate((
                ("周青年", date(1995, 6, 1), "硕士研究生", date(2020, 7, 1)),
                ("吴中年", date(1980, 12, 31), "大专", date(2005, 1, 1)),
                ("郑高龄", date(1940, 3, 3), "小学", date(1970, 7, 1)))):
            ids[name] = members.create_member(s, MemberData(
                name=name, org_id=ids["branch"], id_number=make_id(birth, 41 + 2 * n), category="正式党员",
                education=education, join_date=PartialDate(date(full.year - 1, full.month, 1)),
                full_date=PartialDate(full)), today=TODAY).member.id
        dues_assess.assess(s, ids["周青年"], 2026, "在职", "4000", today=date(2026, 1, 5))
        dues_collect.record_payment(s, ids["周青年"], M, M + 1, paid_on=date(2026, 1, 10))
        b, g = ids["branch"], ids["group"]
        for day in (date(2026, 1, 5), date(2026, 2, 5)):
            _held(s, b, "支部委员会", day)
        for m in (1, 2, 3):
            _held(s, b, "主题党日", date(2026, m, 15))
        _held(s, b, "支部党员大会", date(2026, 3, 25))
        _held(s, b, "党课", date(2026, 3, 28), status="计划")
        _held(s, g, "党小组会", date(2026, 1, 20))
        vid = volunteers.register_member(s, ids["周青年"], registered_on=date(2025, 1, 1), today=TODAY).id
        for day, start, end, confirm in ((date(2026, 1, 9), 9, 11, True), (date(2026, 2, 9), 9, 10, False),
                                         (date(2026, 3, 9), 14, 17, True)):
            a = acts.save_activity(s, acts.ActivityData("敬老院探访", day, time(start), time(end), "幸福敬老院", org_id=b),
                                   today=TODAY)
            acts.add_participants(s, a.id, [vid])
            if confirm:
                acts.confirm(s, [p.hours_id for p in acts.get_activity(s, a.id).participants], by="张三", on=day)
    return ids
