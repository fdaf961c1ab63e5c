"""The bands of the 党内统计 tables, kept as data: one set per table, each band with its label and bounds.

Bounds are whole years (or months) completed on the reckoning day, both inclusive; ``None``
means open. Where the reference (rules-and-peers C, after ``13320282511/ant-admin316``
``public/js/ccpStatistic``) gives no exact bands for a table, the comment says so and the
usual 党统 ones are used. A value outside every band (no birth date, no 入党日期 …) falls in
no band: the tables show it in a “未填” column so that each band group adds up to its total.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.dates import add_months, age_on

UNKNOWN = "未填"


@dataclass(frozen=True)
class Band:
    label: str
    low: int | None  # inclusive; None: no lower bound
    high: int | None  # inclusive; None: no upper bound

    def holds(self, value: int) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class BandSet:
    key: str
    title: str  # the column group's header
    bands: tuple[Band, ...]
    how: str  # how the value is reckoned, in Chinese

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(b.label for b in self.bands)

    def label_of(self, value: int | None) -> str:
        """The band holding ``value``; ``UNKNOWN`` when there is no value."""
        if value is None:
            return UNKNOWN
        for band in self.bands:
            if band.holds(value):
                return band.label
        return UNKNOWN


def _bands(*rows: tuple[str, int | None, int | None]) -> tuple[Band, ...]:
    return tuple(Band(*row) for row in rows)


# 党员基本情况 (党统 table 2): exactly as table2.js.
MEMBER_AGES = BandSet("member_age", "年龄", _bands(
    ("30岁及以下", None, 30), ("31至35岁", 31, 35), ("36至40岁", 36, 40), ("41至45岁", 41, 45),
    ("46至50岁", 46, 50), ("51至55岁", 51, 55), ("56至60岁", 56, 60), ("61至65岁", 61, 65),
    ("66至70岁", 66, 70), ("71岁及以上", 71, None)), "按出生日期计算到统计截止日的周岁")

# 发展党员情况（一） (党统 table 16): exactly as the reference gives them; age on the day of admission.
ADMISSION_AGES = BandSet("admission_age", "年龄", _bands(
    ("25岁及以下", None, 25), ("26至30岁", 26, 30), ("31至35岁", 31, 35), ("36至40岁", 36, 40),
    ("41至59岁", 41, 59), ("60岁及以上", 60, None)), "按出生日期计算到支部大会接收为预备党员之日的周岁")

# 入党积极分子 / 入党申请人 (党统 tables 18–20): the reference gives only a 35岁及以下 column;
# its complement is added so that the ages add up to the total.
APPLICANT_AGES = BandSet("applicant_age", "年龄", _bands(
    ("35岁及以下", None, 35), ("36岁及以上", 36, None)), "按出生日期计算到统计截止日的周岁")

# 失去联系党员情况 (党统 table 43): exactly as table43.js.
LOST_AGES = BandSet("lost_age", "年龄", _bands(
    ("35岁及以下", None, 35), ("36至45岁", 36, 45), ("46至60岁", 46, 60), ("61岁及以上", 61, None)),
    "按出生日期计算到统计截止日的周岁")
LOST_PARTY_YEARS = BandSet("lost_party_years", "党龄", _bands(
    ("1年以下", None, 0), ("1年至5年", 1, 5), ("6年至10年", 6, 10), ("11年至20年", 11, 20), ("21年及以上", 21, None)),
    "从入党日期计算到统计截止日的整年数")
# 失联时间 in whole months: “6个月以上不满1年” is 6–11 months, “1年至5年” 12–71 months (1 to 5 whole
# years), and so on. 失联 means out of contact for 6 months or more (党员教育管理工作条例 第二十四条);
# a member recorded as 失联 less than 6 months before the day falls in the added first band.
LOST_DURATION = BandSet("lost_duration", "失去联系时间", _bands(
    ("不满6个月", None, 5), ("6个月以上不满1年", 6, 11), ("1年至5年", 12, 71), ("6年至10年", 72, 131),
    ("11年及以上", 132, None)), "从登记失联的日期计算到统计截止日的整月数")

# The summary's structure shares (R21 of what-branches-report: ≤35, 36–59, ≥60).
SUMMARY_AGES = BandSet("summary_age", "年龄", _bands(
    ("35岁及以下", None, 35), ("36至59岁", 36, 59), ("60岁及以上", 60, None)), "按出生日期计算到统计截止日的周岁")


# 学历: the six roll-ups of the 党内统计 tables (EduCode of data/codes/education.tsv).
EDUCATION = ("研究生", "大学本科", "大学专科", "中专", "高中、中技", "初中及以下")
# the three-band roll-up of tables 18–20 and 43
EDUCATION_SHORT = (("大专及以上", (1, 2, 3)), ("中专、高中、中技", (4, 5)), ("初中及以下", (6,)))


def education_band(code: int | None) -> str:
    """The six-band label of an EduCode (1 研究生 … 6 初中及以下)."""
    return EDUCATION[code - 1] if code in (1, 2, 3, 4, 5, 6) else UNKNOWN


def education_short(code: int | None) -> str:
    for label, codes in EDUCATION_SHORT:
        if code in codes:
            return label
    return UNKNOWN


# 职业 (工作岗位): the JobCode rows of 党统 tables 2 and 16, as (code, label, level, of_which).
# A code's rows add up in its parent (01 + 02 + 03 = 0); an ``of_which`` row is a part only.
# The reference places no 工作岗位 below: 社区工作人员, 大学生村官, 个体工商户中的从业人员,
# 自由职业人员, 其他从业人员; they make the added row 03 (其他在岗职工) so that 在岗职工 adds up.
# No 工作岗位 label says 农民工 (0164, 0253), so those rows are left out.
JOB_ROWS: tuple[tuple[str, str, int, bool], ...] = (
    ("0", "一、在岗职工", 1, False),
    ("01", "公有制单位", 2, False),
    ("011", "党政机关工作人员", 3, False),
    ("012", "事业单位管理人员", 3, False),
    ("013", "事业单位专业技术人员", 3, False),
    ("014", "企业管理人员", 3, False),
    ("015", "企业专业技术人员", 3, False),
    ("016", "工勤技能人员", 3, False),
    ("02", "非公有制单位", 2, False),
    ("021", "企业管理人员", 3, False),
    ("022", "企业专业技术人员", 3, False),
    ("023", "民办非企业单位管理人员", 3, False),
    ("024", "民办非企业专业技术人员", 3, False),
    ("025", "工勤技能人员", 3, False),
    ("03", "其他在岗职工", 2, False),
    ("1", "二、农牧渔民", 1, False),
    ("113", "其中：外出务工经商人员", 2, True),
    ("2", "三、军人、武警", 1, False),
    ("3", "四、学生", 1, False),
    ("4", "五、离退休人员", 1, False),
    ("5", "六、其他", 1, False),
    ("", "未填工作岗位", 1, False),
)
JOB_DETAIL = {  # 工作岗位 label (data/codes/job_post.tsv) → the most detailed JobCode row
    "公务员": "011", "参照公务员法管理的工作人员": "011", "事业单位管理岗位": "012", "事业单位专业技术岗位": "013",
    "公有经济控制企业管理岗位": "014", "公有经济控制企业专业技术岗位": "015", "公有经济控制单位工勤岗位": "016",
    "机关单位工勤岗位": "016", "事业单位工勤岗位": "016",
    "非公有经济控制企业管理岗位": "021", "非公有经济控制企业专业技术岗位": "022", "民办非企业管理岗位": "023",
    "民办非企业专业技术岗位": "024", "非公有企业工勤岗位": "025", "民办非企业工勤岗位": "025",
    "社区工作人员": "03", "大学生村官": "03", "个体工商户中的从业人员": "03", "自由职业人员": "03", "其他从业人员": "03",
    "外出务工经商人员": "113",
}
JOB_GROUPS = ("在岗职工", "农牧渔民", "军人、武警", "学生", "离退休人员", "其他")  # JobCode 0–5


def job_code(job_post: str | None, roll_up: int | None) -> str:
    """The detailed JobCode of a 工作岗位; ``roll_up`` is its 0–5 code (None: not in the list)."""
    if job_post in JOB_DETAIL:
        return JOB_DETAIL[job_post]
    if roll_up is None:
        return ""
    return str(roll_up) if roll_up != 0 else "03"


def job_rows_of(code: str) -> list[str]:
    """Every JobCode row a detailed code is counted in: itself and its ancestors (113 → 1, 113)."""
    if not code:
        return [""]
    return [code[:n] for n in range(1, len(code) + 1) if any(c == code[:n] for c, *_ in JOB_ROWS)]


# 失去联系情形 (四川 template, rules-and-peers B4), in the table's order.
LOST_REASONS = ("外出务工经商", "单位改制或破产", "毕业后去向不明", "工作单位改变", "出国（境）", "居住地改变", "其他")


def lost_reason(text: str | None) -> str:
    """The 失联情形 of a recorded reason: one of the seven, ``其他`` for any other text, ``UNKNOWN`` when empty."""
    text = (text or "").strip().replace("(", "（").replace(")", "）")
    if not text:
        return UNKNOWN
    for label in LOST_REASONS:
        if label in text or (label == "出国（境）" and "出国" in text):
            return label
    return "其他"


# 失联 rows (党统 table 43): by the kind of the member's organisation (OrgType values).
ORG_KIND_ROWS = ("建制村", "社区（居委会）", "机关", "事业单位", "公有经济控制企业", "非公有经济控制企业", "社会组织", "其他")
ORG_KIND_OF = {"社区": "社区（居委会）", "机关": "机关", "事业单位": "事业单位", "国有企业": "公有经济控制企业",
               "非公企业": "非公有经济控制企业", "社会组织": "社会组织"}  # 两新, 联合, 离退休, 其他 → 其他


def whole_years(since: date | None, on: date) -> int | None:
    """Whole years from ``since`` to ``on`` (an age, a 党龄); None when not known or in the future."""
    if since is None or since > on:
        return None
    return age_on(since, on)


def whole_months(since: date | None, on: date) -> int | None:
    """Whole calendar months from ``since`` to ``on`` (month-end clamped: 01-31 + 1 month = 02-28)."""
    if since is None or since > on:
        return None
    months = (on.year - since.year) * 12 + on.month - since.month
    return months - 1 if add_months(since, months) > on else months
