"""工作总结数据: the usual sentences of a 工作总结 or 述职报告 with the period's figures filled in.

The figures are stats_figures.period_figures (members at the period's end, events dated inside
it) and, for the make-up of those admitted, stats_tables.admitted_people. Percentages are rounded
half up to the number of decimals the clerk chooses (setting ``stats.percent_digits``); a share of
nothing is written “—”. The sentences carry exact figures: the wording (“余”, “全部”) is the clerk's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.orm import Session

from app.domain.dates import age_on
from app.domain.errors import ValidationError
from app.services import settings
from app.services.stats_figures import Figures, Period, period_figures
from app.services.stats_tables import admitted_people, scope_of

DIGITS = (0, 1, 2)


def percent(part, base, digits: int) -> str:
    """``part`` as a share of ``base``, e.g. 42.2%; “—” when the base is zero."""
    if digits not in DIGITS:
        raise ValidationError("--digits", "百分比的小数位数只能是 0、1 或 2")
    if not base:
        return "—"
    share = (Decimal(part) * 100 / Decimal(base)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{share}%"


def _number(value) -> str:
    """Money with two decimals, counts as they are."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


@dataclass(frozen=True)
class Template:
    key: str
    text: str  # str.format fields: the figures below, {period}, {org}, {end}
    uses: tuple[str, ...]  # the figures it is filled from (keys of Figures, or of the admitted make-up)


TEMPLATES: tuple[Template, ...] = (
    Template("structure", "截至{end}，{org}现有党员{members_total}名，其中女党员{female}名，占{female_pct}；"
             "35岁及以下{age_35_and_under}名，占{age_35_pct}；60岁及以上{age_60_and_over}名，占{age_60_pct}；"
             "大专及以上学历{college_and_above}名，占{college_pct}。",
             ("members_total", "female", "age_35_and_under", "age_60_and_over", "college_and_above")),
    Template("categories", "党员中预备党员{probationary}名，少数民族党员{minority}名，离退休党员{retired}名，"
             "流出党员{mobile_out}名，失联党员{lost_contact}名。",
             ("probationary", "minority", "retired", "mobile_out", "lost_contact")),
    Template("meetings", "{period}召开支部党员大会{meet_general}次、支部委员会{meet_committee}次、党小组会{meet_group}次，"
             "上党课{meet_lecture}次，开展主题党日{meet_day}次，参会{meeting_attendance}人次。",
             ("meetings", "meeting_attendance")),
    Template("development", "{period}发展党员{admitted_probationary}名，预备党员转正{converted_full}名；"
             "新递交入党申请书{applications}份，现有入党积极分子{activists}名、发展对象{candidates}名。",
             ("admitted_probationary", "converted_full", "applications", "activists", "candidates")),
    Template("admitted", "{period}发展的{adm_total}名党员中，女性{adm_female}名，占{adm_female_pct}；"
             "35岁及以下{adm_35}名，占{adm_35_pct}；大专及以上学历{adm_college}名，占{adm_college_pct}。",
             ("adm_total", "adm_female", "adm_35", "adm_college")),
    Template("changes", "{period}转入组织关系党员{transferred_in}名，转出组织关系党员{transferred_out}名，去世党员{deceased}名。",
             ("transferred_in", "transferred_out", "deceased")),
    Template("dues", "{period}应缴党费{dues_due}元，实缴{dues_paid}元，收缴率{dues_pct}。", ("dues_due", "dues_paid")),
    Template("volunteers", "现有注册志愿者{volunteers}名、志愿服务队{volunteer_teams}支，{period}开展活动{volunteer_activities}次，"
             "受益群众{volunteer_beneficiaries}人次，服务时长{volunteer_hours}小时。",
             ("volunteers", "volunteer_teams", "volunteer_activities", "volunteer_beneficiaries", "volunteer_hours")),
)
SHARES = {  # field → (part, base)
    "female_pct": ("female", "members_total"), "age_35_pct": ("age_35_and_under", "members_total"),
    "age_60_pct": ("age_60_and_over", "members_total"), "college_pct": ("college_and_above", "members_total"),
    "adm_female_pct": ("adm_female", "adm_total"), "adm_35_pct": ("adm_35", "adm_total"),
    "adm_college_pct": ("adm_college", "adm_total"), "dues_pct": ("dues_paid", "dues_due"),
}
MEETING_FIELDS = {"meet_general": "支部党员大会", "meet_committee": "支部委员会", "meet_group": "党小组会",
                  "meet_lecture": "党课", "meet_day": "主题党日"}
ADMITTED_HOW = {
    "adm_total": "支部大会接收为预备党员（发展）的日期在本期内的人数",
    "adm_female": "其中性别为女的",
    "adm_35": "其中按出生日期计算到接收之日35周岁及以下的",
    "adm_college": "其中学历为研究生、大学本科、大学专科的",
}


@dataclass(frozen=True)
class Sentence:
    key: str
    text: str
    how: tuple[str, ...]  # how each figure it uses is counted


@dataclass(frozen=True)
class Summary:
    period: Period
    org_name: str
    digits: int
    sentences: tuple[Sentence, ...]
    figures: Figures
    values: dict  # every field the templates are filled from, as numbers

    def text(self) -> str:
        return "\n".join(s.text for s in self.sentences)


def _admitted(session: Session, period: Period, org: str | None) -> dict[str, int]:
    scope, _name = scope_of(session, org)
    rows = admitted_people(session, period.start, period.end, scope)
    return {"adm_total": len(rows), "adm_female": sum(1 for p, _on in rows if p.female),
            "adm_35": sum(1 for p, on in rows if p.birth_date is not None and age_on(p.birth_date, on) <= 35),
            "adm_college": sum(1 for p, _on in rows if p.edu in (1, 2, 3))}


def fill(figures: Figures, admitted: dict[str, int], digits: int) -> tuple[tuple[Sentence, ...], dict]:
    """The sentences of ``TEMPLATES`` filled from the figures (pure: no database)."""
    values = dict(figures.values)
    values.update(admitted)
    held = values.get("meetings", {})
    values.update({field: held.get(name, 0) for field, name in MEETING_FIELDS.items()})
    shown = {k: _number(v) for k, v in values.items() if not isinstance(v, dict)}
    hours = f"{Decimal(values.get('volunteer_hours', 0)):.2f}"
    shown["volunteer_hours"] = hours.rstrip("0").rstrip(".")  # 12.5 小时, 40 小时
    shown.update({field: percent(values[part], values[base], digits) for field, (part, base) in SHARES.items()})
    p = figures.period
    shown.update(period=p.label, org=figures.org_name, end=f"{p.end.year}年{p.end.month}月{p.end.day}日")
    how = dict(figures.how)
    how.update(ADMITTED_HOW)
    sentences = tuple(Sentence(t.key, t.text.format(**shown), tuple(how[k] for k in t.uses)) for t in TEMPLATES)
    return sentences, values


def summary(session: Session, period: Period, *, org: str | None = None, digits: int | None = None,
            figures=None) -> Summary:
    """The sentences of ``period`` for ``org`` (a name; the whole organisation when None).

    ``digits``: decimals of the percentages (0, 1 or 2); None takes the setting ``stats.percent_digits``.
    ``figures``: the period's ``period_figures`` when already computed (the quarterly workbook).
    """
    if digits is None:
        digits = settings.get(session, "stats.percent_digits")
        digits = digits if digits in DIGITS else 1  # a stored value out of range: the default
    if digits not in DIGITS:
        raise ValidationError("--digits", "百分比的小数位数只能是 0、1 或 2")
    figures = figures if figures is not None else period_figures(session, period, org=org)
    sentences, values = fill(figures, _admitted(session, period, org), digits)
    return Summary(period, figures.org_name, digits, sentences, figures, values)
