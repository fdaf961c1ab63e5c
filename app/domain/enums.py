"""Code lists of the domain.

Stored values are the official Chinese terms (they come from regulations and the
党内统计 tables and do not change with the program); identifiers are English.
"""

from __future__ import annotations

from enum import StrEnum


class OrgLevel(StrEnum):
    """Level of an organisation in the tree (党章 第三十条; 支部工作条例 第五条)."""

    WORKING_COMMITTEE = "党工委"
    COMMITTEE = "党委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    GROUP = "党小组"


class OrgType(StrEnum):
    """Kind of organisation, as the 党内统计 and street reports classify it."""

    COMMUNITY = "社区"
    NEW_ECONOMY = "两新"
    JOINT = "联合"
    ORGAN = "机关"
    INSTITUTION = "事业单位"
    STATE_ENTERPRISE = "国有企业"
    PRIVATE_ENTERPRISE = "非公企业"
    SOCIAL_ORG = "社会组织"
    RETIRED = "离退休"
    OTHER = "其他"


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class MemberCategory(StrEnum):
    """人员类别 (全国党员管理信息系统 采集项)."""

    FULL = "正式党员"
    PROBATIONARY = "预备党员"


class MemberStatus(StrEnum):
    """Current standing, derived from the membership events (党员教育管理工作条例 第二十四条)."""

    NORMAL = "正常"
    SUSPENDED = "停止党籍"
    TRANSFERRED_OUT = "已转出"
    EXPELLED = "已出党"
    DECEASED = "已去世"


ACTIVE_STATUSES = (MemberStatus.NORMAL, MemberStatus.SUSPENDED)
"""Members still on this branch's books: ID numbers must be unique among them."""


class EventKind(StrEnum):
    """Dated membership events; the member's status derives from them."""

    ADMITTED = "发展"  # 接收为预备党员
    CONFIRMED = "转正"
    PROBATION_EXTENDED = "延长预备期"
    TRANSFER_IN = "转入"
    TRANSFER_OUT = "转出"
    OUTFLOW = "流出"
    INFLOW = "流入"
    MOBILE_ENDED = "流动结束"
    LOST_CONTACT = "失联"
    CONTACT_RESTORED = "恢复联系"
    SUSPENDED = "停止党籍"
    REINSTATED = "恢复党籍"
    EXPELLED = "出党"
    DIED = "死亡"
    AWARD = "表彰"
    DISCIPLINE = "处分"


class ExitType(StrEnum):
    """出党 types (党内统计 表1/表10)."""

    EXPULSION = "开除党籍"
    QUIT = "退党除名"
    PERSUADED = "劝退"
    REMOVED_AFTER_PERSUASION = "劝而不退除名"
    LAPSED = "自行脱党除名"
    PROBATION_CANCELLED = "取消预备党员资格"
    NOT_RECOGNISED = "不予承认"


class DisciplineType(StrEnum):
    """纪律处分 (党章 第四十一条)."""

    WARNING = "警告"
    SERIOUS_WARNING = "严重警告"
    REMOVAL_FROM_POST = "撤销党内职务"
    PROBATION = "留党察看"
    EXPULSION = "开除党籍"


class CommitteePostKind(StrEnum):
    SECRETARY = "书记"
    DEPUTY_SECRETARY = "副书记"
    ORGANISATION = "组织委员"
    PUBLICITY = "宣传委员"
    DISCIPLINE = "纪检委员"
    YOUTH = "青年委员"
    WOMEN = "妇女委员"
    MEMBER = "委员"
    GROUP_LEADER = "党小组长"


class DuesCategory(StrEnum):
    """党费 categories (中组发〔2008〕3号; 组电明字〔2017〕5号)."""

    EMPLOYED = "在职"
    ANNUAL_SALARY = "年薪制"
    SELF_EMPLOYED = "个体"
    RETIRED = "离退休"
    FARMER = "农民"
    STUDENT = "学生"
    UNEMPLOYED = "下岗失业"
    WELFARE = "低保"


class DuesReduction(StrEnum):
    NONE = "无"
    REDUCED = "少交"
    EXEMPT = "免交"


class PaymentMethod(StrEnum):
    SELF = "本人"
    PROXY = "代交"
    BACK_PAY = "补交"
    ADVANCE = "预交"


class AttendanceState(StrEnum):
    PRESENT = "出席"
    LEAVE = "请假"
    ABSENT = "缺席"
    OBSERVER = "列席"


class MeetingStatus(StrEnum):
    PLANNED = "计划"
    HELD = "已召开"
    CANCELLED = "取消"


class MeetingAttendees(StrEnum):
    """Who is expected (应到) at a meeting of a type, on the meeting's date."""

    MEMBERS = "全体党员"  # 正式+预备 members of the organisation (a 党小组: its members)
    COMMITTEE = "委员会委员"  # the committee in office (支部委员会)
    LISTED = "指定人员"  # those the record names (谈心谈话)


BUILTIN_MEETING_TYPES = (
    "支部党员大会",
    "支部委员会",
    "党小组会",
    "党课",
    "主题党日",
    "组织生活会",
    "民主评议党员",
    "谈心谈话",
    "集中学习",
)


class AppraisalResult(StrEnum):
    """民主评议党员 results."""

    EXCELLENT = "优秀"
    QUALIFIED = "合格"
    BASICALLY_QUALIFIED = "基本合格"
    UNQUALIFIED = "不合格"


class DevelopmentRole(StrEnum):
    INTERVIEWER = "谈话人"
    MENTOR = "培养联系人"
    SPONSOR = "入党介绍人"


class DevelopmentDocumentKind(StrEnum):
    APPLICATION = "入党申请书"
    THOUGHT_REPORT = "思想汇报"
    AUTOBIOGRAPHY = "自传"
    POLITICAL_REVIEW = "政审材料"
    TRAINING_CERTIFICATE = "培训结业证明"
    HALF_YEAR_REVIEW = "半年考察意见"
    VOLUNTEER_FORM = "入党志愿书"


class DevelopmentStage(StrEnum):
    APPLICANT = "入党申请人"
    ACTIVIST = "积极分子"
    CANDIDATE = "发展对象"
    PROBATIONARY = "预备党员"
    FULL = "正式党员"
    TERMINATED = "终止"


class VolunteerKind(StrEnum):
    PERSON = "个人"
    GROUP = "团体"


class IdDocumentType(StrEnum):
    RESIDENT_ID = "居民身份证"
    HK_MACAO_PERMIT = "港澳居民居住证"
    TAIWAN_PERMIT = "台湾居民居住证"
    HK_MACAO_PASS = "港澳居民来往内地通行证"
    TAIWAN_PASS = "台湾居民来往大陆通行证"
    PASSPORT = "护照"
    OTHER = "其他"


class HoursState(StrEnum):
    PENDING = "待确认"
    CONFIRMED = "已确认"


BUILTIN_SERVICE_CATEGORIES = (
    "助老", "助残", "环境", "治安巡逻", "文明劝导", "医疗健康", "法律", "教育辅导", "心理",
    "文化体育", "应急", "疫情防控", "便民", "关爱儿童", "扶贫帮困", "科普", "消防", "交通",
    "宣传", "慈善", "其他",
)


class DatePrecision(StrEnum):
    """Old records often give only 年月 or 年: keep what is known, never invent the day."""

    DAY = "日"
    MONTH = "月"
    YEAR = "年"
