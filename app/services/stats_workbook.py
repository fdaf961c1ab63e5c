"""The quarterly workbook a branch sends upward: everything of one period and organisation, gathered once.

One ``Package`` holds what each sheet shows — the members on the books at the period's end,
the 党费 months inside the period, the meetings held, the open 发展党员 cases by stage at the
end, the volunteers' confirmed hours, and every 统计 figure — so that the writer only lays
them out, and the figures sheet agrees with the other sheets by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app import __version__
from app.services import audit
from app.services.development_lists import ListRow, development_lists
from app.services.meeting_ledger import LedgerLine, build_meeting_ledger
from app.services.roster import Roster, build_roster, resolve_org
from app.services.stats_dues import DuesLine, months_of, period_dues
from app.services.stats_figures import Figures, FigureLine, Period, org_scope, figure_lines, period_figures
from app.services.stats_members import members_at
from app.services.volunteer_hours import HoursReport, hours_report

MARKER = "支部台账季度工作簿"  # the 说明 sheet's first cell: what consolidation looks for
FORMAT_VERSION = 1
STAGES = (("applicants", "入党申请人"), ("activists", "入党积极分子"), ("candidates", "发展对象"),
          ("probationary", "预备党员"))


@dataclass(frozen=True)
class Package:
    org_name: str
    period: Period
    made_on: date
    version: str
    figures: Figures
    lines: list[FigureLine]
    roster: Roster
    dues_months: list[tuple[int, int]]  # (year, month) of each dues column
    dues: list[DuesLine]
    meetings: list[LedgerLine]
    development: list[tuple[str, ListRow]]  # (stage, row)
    volunteers: HoursReport
    tables: list = field(default_factory=list)  # stats_tables.StatsTable: the 党内统计 tables of the period's year
    summary: object = None  # stats_summary.Summary: the 工作总结数据 sentences

    @property
    def title(self) -> str:
        return f"{self.org_name}{self.period.label}工作簿"


def build_package(session: Session, period: Period, *, org: str | None = None, today: date | None = None) -> Package:
    """Everything the workbook shows for ``period`` and ``org`` (a name; the whole organisation when None)."""
    from app.domain.volunteer_rules import Period as VolunteerPeriod

    scope, org_name = org_scope(session, org)
    org_id = resolve_org(session, org)[0] if scope is not None else None
    figures = period_figures(session, period, org=org)
    on_books = {p.id for p in members_at(session, period.end, scope)}
    roster = build_roster(session, org_id=org_id, as_of=period.end, org_name=org_name, member_ids=on_books)
    months, dues = months_of(period.start, period.end), period_dues(session, period.start, period.end, org_id)
    quarter = next((q for q in range(1, 5) if period.start == date(period.start.year, 3 * q - 2, 1)
                    and period.end.month == 3 * q and period.start.year == period.end.year), None)
    meetings = []
    for year in range(period.start.year, period.end.year + 1):
        ledger = build_meeting_ledger(session, year, quarter=quarter, org_id=org_id)
        meetings += [line for line in ledger.lines if period.start <= line.meeting_date <= period.end]
    lists = development_lists(session, [kind for kind, _stage in STAGES], period.end, org_ids=scope)
    development = [(stage, row) for kind, stage in STAGES for row in lists[kind]]
    volunteers = hours_report(session, VolunteerPeriod(period.start, period.end, period.label),
                              org_id=resolve_org(session, org)[0] if org else None)
    from app.services.stats_summary import summary
    from app.services.stats_tables import party_tables

    return Package(org_name, period, today or date.today(), __version__, figures, figure_lines(figures), roster,
                   months, dues, meetings, development, volunteers, party_tables(session, period.end.year, org=org),
                   summary(session, period, org=org, figures=figures))


def record_export(session: Session, package: Package, target: str) -> None:
    """The workbook carries whole ID numbers (consolidation matches on them): a disclosure, audited."""
    audit.record(session, "导出", "workbook", package.org_name,
                 f"导出{package.title}（含完整身份证号：花名册 {len(package.roster.entries)} 人，"
                 f"发展党员 {len(package.development)} 人，志愿者 {len(package.volunteers.people)} 人）到 {target}")
