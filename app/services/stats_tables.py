"""The five 党内统计 basic tables of a year for an organisation (with its sub-tree), in their row × column structure.

党员数量变化情况 (table 1), 党员基本情况 (table 2), 发展党员情况 (table 16), 入党积极分子、入党申请人情况
(tables 18–20) and 失去联系党员情况 (table 43), after ``13320282511/ant-admin316`` (rules-and-peers C).
Who is on the books on a day is the replay of each member's dated events (stats_members.members_at),
without those whose 党籍 is stopped on that day (党内统计 counts 停止党籍 as a reduction). Ages and 党龄
are reckoned at the year's end; the bands are app.domain.stats_bands. Every band group adds up to the
row's 总数 (a “未填” column appears when some datum is missing) and the rows add up to 总计.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import DevelopmentRecord, Member, MembershipEvent, Organisation
from app.domain import codes, stats_bands as sb
from app.domain.enums import EventKind, Gender
from app.services.organisation_tree import subtree_ids
from app.services.organisations import top_organisation
from app.services.roster import resolve_org
from app.services.stats_members import members_at

TOTAL = "总数"
TABLES = {  # key → title, in the order of the 党内统计 report
    "change": "党员数量变化情况",
    "basic": "党员基本情况",
    "admitted": "发展党员情况",
    "applicants": "入党积极分子、入党申请人情况",
    "lost": "失去联系党员情况",
}
ON_BOOKS = "在册的党员（正式和预备，含流动、失联；不含已转出、死亡、出党、停止党籍，按各人的变动记录推算）"


@dataclass(frozen=True)
class Column:
    label: str
    group: str = ""  # the upper header of a grouped column; "" when the header spans both rows


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[int, ...]
    level: int = 0  # 0 总计; a row of level n adds up in the nearest row above of level n - 1
    of_which: bool = False  # a 其中 row: a part of the row above, not added up


@dataclass(frozen=True)
class StatsTable:
    key: str
    title: str
    org_name: str
    year: int
    row_header: str
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    note: str  # how it is counted, in one line

    @property
    def grouped(self) -> bool:
        return any(c.group for c in self.columns)

    def header_groups(self) -> list[tuple[str, int, int]]:
        """(group, first column index, span) for each run of columns sharing a group ("" runs too)."""
        out: list[tuple[str, int, int]] = []
        for i, c in enumerate(self.columns):
            if out and c.group and out[-1][0] == c.group:
                out[-1] = (c.group, out[-1][1], out[-1][2] + 1)
            else:
                out.append((c.group, i, 1))
        return out

    def value(self, row: str, column: str, group: str | None = None) -> int:
        """The cell of the row labelled ``row`` and the column labelled ``column`` (in ``group`` when given)."""
        r = next(r for r in self.rows if r.label == row)
        i = next(i for i, c in enumerate(self.columns) if c.label == column and (group is None or c.group == group))
        return r.cells[i]


# -- who is counted ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    org_id: int
    female: bool
    minority: bool
    birth_date: date | None
    edu: int | None  # EduCode 1–6
    job: str  # detailed JobCode (stats_bands.JOB_ROWS), "" when not filled
    probationary: bool = False
    lost: bool = False
    join_date: date | None = None
    taiwan: bool = False


def scope_of(session: Session, org: str | None) -> tuple[set[int] | None, str]:
    """The organisation ids of ``org`` and its sub-tree (None: everything) and its name."""
    top = top_organisation(session)
    if not org:
        return None, top.name if top else ""
    org_id, name = resolve_org(session, org)
    return (None if top is not None and top.id == org_id else set(subtree_ids(session, org_id))), name


def _events(session: Session, member_ids=None) -> dict[int, list]:
    """member id → its events in order, as plain rows (kind, event_date, subtype, reason, … by name)."""
    e = MembershipEvent
    stmt = (select(e.id, e.member_id, e.kind, e.event_date, e.entry_seq, e.subtype, e.reason, e.counterpart,
                   e.document_ref).order_by(e.event_date, e.entry_seq, e.id))
    out: dict[int, list] = defaultdict(list)
    for e in session.connection().execute(stmt):
        if member_ids is None or e.member_id in member_ids:
            out[e.member_id].append(e)
    return out


def _member_people(session: Session, ids, flags: dict[int, tuple[bool, bool]] | None = None) -> list[Person]:
    edu, posts = codes.education_levels(), codes.job_posts()
    out = []
    ids = list(ids)
    for i in range(0, len(ids), 500):
        for m in session.execute(select(
                Member.id, Member.org_id, Member.gender, Member.ethnicity, Member.birth_date, Member.education,
                Member.job_post, Member.join_date, Member.native_place).where(Member.id.in_(ids[i:i + 500]))):
            post = posts.get(m.job_post or "")
            probationary, lost = (flags or {}).get(m.id, (False, False))
            out.append(Person(m.id, m.org_id, m.gender is Gender.FEMALE, bool(m.ethnicity) and m.ethnicity != "汉族",
                              m.birth_date, edu.get(m.education or ""),
                              sb.job_code(m.job_post, post.job_code if post else (5 if m.job_post else None)),
                              probationary, lost, m.join_date, "台湾" in (m.native_place or "")))
    return sorted(out, key=lambda p: p.id)


def on_books(session: Session, day: date, scope: set[int] | None) -> list[Person]:
    """Members on the books on ``day`` (members_at: 停止党籍 is not counted)."""
    flags = {p.id: (p.probationary, p.lost) for p in members_at(session, day, scope)}
    return _member_people(session, flags, flags)


# -- the grid ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    title: str
    labels: tuple[str, ...]
    unknown: bool = True  # a 未填 column when some value is missing


def _grid(key, title, org_name, year, row_header, rows, fixed, groups, people, note) -> StatsTable:
    """``people``: (row keys, {(group, label)}) per person; ``rows``: (key, label, level, of_which)."""
    seen = {cell for _r, cells in people for cell in cells}
    columns = [Column(TOTAL)] + [Column(label, "其中") for label in fixed]
    for g in groups:
        labels = list(g.labels) + ([sb.UNKNOWN] if g.unknown and (g.title, sb.UNKNOWN) in seen else [])
        columns += [Column(label, g.title) for label in labels]
    index = {(c.group, c.label): i for i, c in enumerate(columns)}
    counts: dict[str, list[int]] = {r[0]: [0] * len(columns) for r in rows}
    for row_keys, cells in people:
        for rk in row_keys:
            if rk not in counts:
                continue
            counts[rk][0] += 1
            for cell in cells:
                i = index.get(cell if cell[0] else ("其中", cell[1]))
                if i is not None:
                    counts[rk][i] += 1
    return StatsTable(key, title, org_name, year, row_header, tuple(columns),
                      tuple(TableRow(label, tuple(counts[k]), level, of) for k, label, level, of in rows), note)


JOB_TABLE_ROWS = (("*", "总计", 0, False),) + sb.JOB_ROWS


def _cells(p: Person, ages: sb.BandSet, age_on: date, edu_short: bool = False) -> set[tuple[str, str]]:
    cells = {("", "女")} if p.female else set()
    if p.minority:
        cells.add(("", "少数民族"))
    cells.add((ages.title, ages.label_of(sb.whole_years(p.birth_date, age_on))))
    cells.add(("学历", sb.education_short(p.edu) if edu_short else sb.education_band(p.edu)))
    return cells


def _job_rows(p: Person) -> list[str]:
    return ["*"] + sb.job_rows_of(p.job)


# -- the five tables --------------------------------------------------------------------------


def change_table(session: Session, year: int, scope, org_name: str, after: int | None = None) -> StatsTable:
    """党员数量变化情况: 上年底总数, 本年增加 and 减少 by kind, 本年底应有数 and 实有数 (``after``: when counted)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    events = _events(session)
    before = len(members_at(session, date(year - 1, 12, 31), scope))
    after = len(members_at(session, end, scope)) if after is None else after
    in_scope = None if scope is None else set(session.scalars(select(Member.id).where(Member.org_id.in_(scope))))
    id_numbers = dict(session.execute(select(Member.id, Member.id_number).where(Member.id_number.is_not(None))).all())
    expelled: dict[str, date] = {}  # 公民身份号码 → the earliest 出党 (a re-joiner is a new member record)
    for member_id, evs in events.items():
        for e in evs:
            if e.kind is EventKind.EXPELLED and member_id in id_numbers:
                number = id_numbers[member_id]
                expelled[number] = min(expelled.get(number, e.event_date), e.event_date)
    n: dict[str, int] = defaultdict(int)
    for member_id, evs in events.items():
        if in_scope is not None and member_id not in in_scope:
            continue
        for i, e in enumerate(evs):
            if not start <= e.event_date <= end:
                continue
            earlier = {x.kind for x in evs[:i]}
            whole = "整建制" in "".join(x or "" for x in (e.subtype, e.reason, e.counterpart, e.document_ref))
            n[e.kind] += 1
            out_before = expelled.get(id_numbers.get(member_id, ""))
            if e.kind is EventKind.ADMITTED and (EventKind.EXPELLED in earlier or "重新入党" in (e.subtype or "")
                                                 or (out_before is not None and out_before < e.event_date)):
                n["rejoined"] += 1
            if e.kind is EventKind.REINSTATED and EventKind.SUSPENDED in earlier:
                n["after_suspension"] += 1
            if e.kind in (EventKind.TRANSFER_IN, EventKind.TRANSFER_OUT) and whole:
                n[f"whole_{e.kind.name}"] += 1
    added = n[EventKind.ADMITTED] + n[EventKind.REINSTATED] + n[EventKind.TRANSFER_IN]
    removed = n[EventKind.EXPELLED] + n[EventKind.SUSPENDED] + n[EventKind.DIED] + n[EventKind.TRANSFER_OUT]
    due = before + added - removed
    rows = [("一、上年底总数", before, 0, False), ("二、本年增加", added, 0, False),
            ("发展党员", n[EventKind.ADMITTED], 1, False), ("其中：重新入党", n["rejoined"], 2, True),
            ("恢复党籍", n[EventKind.REINSTATED], 1, False), ("其中：停止党籍后恢复党籍", n["after_suspension"], 2, True),
            ("转入组织关系", n[EventKind.TRANSFER_IN], 1, False), ("其中：整建制转入", n["whole_TRANSFER_IN"], 2, True),
            ("三、本年减少", removed, 0, False), ("出党", n[EventKind.EXPELLED], 1, False),
            ("停止党籍", n[EventKind.SUSPENDED], 1, False), ("死亡", n[EventKind.DIED], 1, False),
            ("转出组织关系", n[EventKind.TRANSFER_OUT], 1, False), ("其中：整建制转出", n["whole_TRANSFER_OUT"], 2, True),
            ("四、本年底应有数", due, 0, False), ("五、本年底实有数", after, 0, False),
            ("六、实有数与应有数之差", after - due, 0, False)]
    note = (f"上年底总数、本年底实有数：{year - 1}-12-31、{end}{ON_BOOKS}；本年增加、减少：日期在{year}年内的发展、恢复党籍、转入、"
            "出党、停止党籍、死亡、转出记录的条数（重新入党：同一公民身份号码此前有出党记录；整建制：记录中写明“整建制”）；"
            "应有数＝上年底总数＋本年增加－本年减少；与实有数之差来自没有变动记录的入党、转入，或在下级组织之间的调动")
    return StatsTable("change", TABLES["change"], org_name, year, "项目", (Column("人数"),),
                      tuple(TableRow(label, (v,), level, of) for label, v, level, of in rows), note)


def basic_table(session: Session, year: int, scope, org_name: str, people: list[Person] | None = None) -> StatsTable:
    """党员基本情况: at the year's end, by occupation rows; 预备, 女, 少数民族, 台湾省籍, age and education bands."""
    end = date(year, 12, 31)
    people = on_books(session, end, scope) if people is None else people
    marks = []
    for p in people:
        cells = _cells(p, sb.MEMBER_AGES, end)
        if p.probationary:
            cells.add(("", "预备党员"))
        if p.taiwan:
            cells.add(("", "台湾省籍"))
        marks.append((_job_rows(p), cells))
    note = (f"{end}{ON_BOOKS}；年龄按出生日期计算到{end}的周岁；学历按党内统计的六类归并；行按工作岗位归入党内统计的职业分类"
            "（社区工作人员、个体从业、自由职业等未列明的岗位计入“其他在岗职工”）；台湾省籍按籍贯")
    return _grid("basic", TABLES["basic"], org_name, year, "职业", JOB_TABLE_ROWS, ("预备党员", "女", "少数民族", "台湾省籍"),
                 (_Group("年龄", sb.MEMBER_AGES.labels), _Group("学历", sb.EDUCATION)), marks, note)


def admitted_people(session: Session, start: date, end: date, scope) -> list[tuple[Person, date]]:
    """Those admitted as 预备党员 (a 发展 record dated in the period), each with the day of admission."""
    stmt = select(MembershipEvent.member_id, MembershipEvent.event_date).where(
        MembershipEvent.kind == EventKind.ADMITTED, MembershipEvent.event_date >= start,
        MembershipEvent.event_date <= end)
    admitted = dict(session.execute(stmt).all())
    people = [p for p in _member_people(session, admitted) if scope is None or p.org_id in scope]
    return [(p, admitted[p.id]) for p in people]


def admitted_table(session: Session, year: int, scope, org_name: str) -> StatsTable:
    """发展党员情况: those admitted in the year, by occupation; 女, 少数民族, age at admission, education."""
    rows = admitted_people(session, date(year, 1, 1), date(year, 12, 31), scope)
    marks = [(_job_rows(p), _cells(p, sb.ADMISSION_AGES, on)) for p, on in rows]
    note = (f"日期在{year}年内的“发展”（支部大会接收为预备党员）记录，每人计一次；年龄按出生日期计算到接收之日的周岁；"
            "学历、工作岗位按党员现在登记的；行按党内统计的职业分类")
    return _grid("admitted", TABLES["admitted"], org_name, year, "职业", JOB_TABLE_ROWS, ("女", "少数民族"),
                 (_Group("年龄", sb.ADMISSION_AGES.labels), _Group("学历", sb.EDUCATION)), marks, note)


STAGE_ROWS = (("*", "合计", 0, False), ("入党申请人", "入党申请人（尚未确定为积极分子）", 1, False),
              ("积极分子", "入党积极分子（尚未列为发展对象）", 1, False), ("发展对象", "发展对象", 1, False))


def applicants_table(session: Session, year: int, scope, org_name: str) -> StatsTable:
    """入党积极分子、入党申请人情况 at the year's end: each stage once, 女, 少数民族, ages, education, occupation."""
    from app.services.views.development import stage_of

    end = date(year, 12, 31)
    edu, posts = codes.education_levels(), codes.job_posts()
    marks = []
    for r in session.scalars(select(DevelopmentRecord).order_by(DevelopmentRecord.id)):
        if (scope is not None and r.org_id not in scope) or r.applied_on is None or r.applied_on > end:
            continue
        stage = stage_of(r, as_of=end).value
        if stage not in ("入党申请人", "积极分子", "发展对象"):
            continue
        post = posts.get(r.job_post or "")
        p = Person(r.id, r.org_id, r.gender is Gender.FEMALE, bool(r.ethnicity) and r.ethnicity != "汉族",
                   r.birth_date, edu.get(r.education or ""), "")
        cells = _cells(p, sb.APPLICANT_AGES, end, edu_short=True)
        group = sb.JOB_GROUPS[post.job_code] if post else (sb.JOB_GROUPS[5] if r.job_post else sb.UNKNOWN)
        cells.add(("职业", group))
        marks.append((["*", stage], cells))
    note = (f"{end}处于各阶段的发展党员档案（阶段按档案中的日期推算，三者不重复计）；年龄按出生日期计算到{end}的周岁；"
            "学历按大专及以上、中专高中中技、初中及以下归并；职业按工作岗位归入党内统计的六类")
    groups = (_Group("年龄", sb.APPLICANT_AGES.labels), _Group("学历", tuple(x for x, _c in sb.EDUCATION_SHORT)),
              _Group("职业", sb.JOB_GROUPS))
    return _grid("applicants", TABLES["applicants"], org_name, year, "类别", STAGE_ROWS, ("女", "少数民族"), groups,
                 marks, note)


def lost_table(session: Session, year: int, scope, org_name: str, people: list[Person] | None = None) -> StatsTable:
    """失去联系党员情况 at the year's end, by the kind of organisation."""
    end = date(year, 12, 31)
    people = on_books(session, end, scope) if people is None else people
    lost = [p for p in people if p.lost]
    events = _events(session, {p.id for p in lost})
    kinds = dict(session.execute(select(Organisation.id, Organisation.org_type)).all())
    marks = []
    for p in lost:
        last = [e for e in events.get(p.id, []) if e.kind is EventKind.LOST_CONTACT and e.event_date <= end]
        since, reason = (last[-1].event_date, last[-1].reason) if last else (None, None)
        cells = _cells(p, sb.LOST_AGES, end, edu_short=True)
        if p.probationary:
            cells.add(("", "预备党员"))
        cells.add(("党龄", sb.LOST_PARTY_YEARS.label_of(sb.whole_years(p.join_date, end))))
        cells.add(("失去联系时间", sb.LOST_DURATION.label_of(sb.whole_months(since, end))))
        cells.add(("失去联系情形", sb.lost_reason(reason)))
        kind = kinds.get(p.org_id)
        marks.append((["*", sb.ORG_KIND_OF.get(kind.value if kind else "", "其他")], cells))
    rows = (("*", "总计", 0, False),) + tuple((k, k, 1, False) for k in sb.ORG_KIND_ROWS)
    note = (f"{end}处于失联状态的党员（按失联、恢复联系记录）；失联时间从最近一次登记失联的日期计算到{end}的整月数；"
            f"失联情形按登记失联时填写的；年龄、党龄（从入党日期起）计算到{end}；行按所在党组织的类别")
    groups = (_Group("年龄", sb.LOST_AGES.labels), _Group("党龄", sb.LOST_PARTY_YEARS.labels),
              _Group("学历", tuple(x for x, _c in sb.EDUCATION_SHORT)), _Group("失去联系时间", sb.LOST_DURATION.labels),
              _Group("失去联系情形", sb.LOST_REASONS))
    return _grid("lost", TABLES["lost"], org_name, year, "党组织类别", rows, ("预备党员", "女", "少数民族"), groups, marks,
                 note)


def party_table(session: Session, key: str, year: int, *, org: str | None = None) -> StatsTable:
    """One table (a key of ``TABLES``) of ``year`` for ``org`` (a name; the whole organisation when None)."""
    scope, name = scope_of(session, org)
    build = {"change": change_table, "basic": basic_table, "admitted": admitted_table,
             "applicants": applicants_table, "lost": lost_table}[key]
    return build(session, year, scope, name)


def party_tables(session: Session, year: int, *, org: str | None = None) -> list[StatsTable]:
    """The five tables of ``year``, in the order of ``TABLES``."""
    scope, name = scope_of(session, org)
    people = on_books(session, date(year, 12, 31), scope)
    return [change_table(session, year, scope, name, len(people)), basic_table(session, year, scope, name, people),
            admitted_table(session, year, scope, name), applicants_table(session, year, scope, name),
            lost_table(session, year, scope, name, people)]
