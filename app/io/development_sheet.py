"""Reading a 发展党员 workbook with the grouped header (基本信息 | 入党申请 | 积极分子和发展对象 | 预备党员 | 正式党员).

The group above a column tells apart the two 支部大会 and the two votes (接收 and 转正).
Every cell is converted here (dates in any shape Excel holds them, counts, text); what
cannot be read becomes a ``RowError`` naming the Excel row and the column, and the row is
left out of the plan (the import then writes nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.io.excel_read import Sheet, cell_text
from app.io.member_sheet import _filled_header_rows, normalise_header, parse_date
from app.services.member_import import RowError

PEOPLE = {"培养联系人": "mentors", "入党介绍人": "sponsors", "谈话人": "interviewers"}
BASIC = {
    "姓名": "name", "性别": "gender", "民族": "ethnicity", "出生日期": "birth_date", "出生年月": "birth_date",
    "公民身份号码": "id_number", "身份证号码": "id_number", "身份证号": "id_number", "学历": "education",
    "工作单位": "work_unit", "工作单位及职务": "work_unit", "职务": "job_post", "工作岗位": "job_post",
    "联系电话": "phone", "联系方式": "phone", "所在党支部": "org", "党支部": "org", "支部": "org", "备注": "notes",
    "政治面貌": "political_status",
}
STEPS = {
    "递交入党申请书时间": "applied_on", "申请入党时间": "applied_on", "递交申请书时间": "applied_on", "入党申请时间": "applied_on",
    "谈话时间": "talked_on", "谈话日期": "talked_on",
    "确定为入党积极分子时间": "activist_on", "确定入党积极分子时间": "activist_on", "确定积极分子时间": "activist_on",
    "推荐方式": "activist_method", "积极分子备案时间": "activist_filed_on", "备案时间": "activist_filed_on",
    "确定为发展对象时间": "candidate_on", "确定发展对象时间": "candidate_on", "列为发展对象时间": "candidate_on",
    "公示开始": "publicity_start", "公示开始时间": "publicity_start", "公示结束": "publicity_end", "公示结束时间": "publicity_end",
    "政治审查时间": "political_review_on", "政审时间": "political_review_on", "政审结论": "political_review_result",
    "政治审查结论": "political_review_result", "培训天数": "training_days", "培训学时": "training_hours",
    "结业时间": "training_passed_on", "培训结业时间": "training_passed_on", "党校结业时间": "training_passed_on",
    "预审时间": "pre_review_on", "填写入党志愿书时间": "form_filled_on",
    "上级党委谈话时间": "higher_talk_on", "入党谈话时间": "higher_talk_on", "入党宣誓时间": "oath_on", "宣誓时间": "oath_on",
    "延长预备期至": "probation_extended_to", "转正申请时间": "confirm_applied_on", "递交转正申请书时间": "confirm_applied_on",
}
# the same words under 预备党员 and 正式党员 mean different steps
BY_GROUP = {
    "支部大会时间": ("branch_meeting_on", "confirm_meeting_on"), "支部党员大会时间": ("branch_meeting_on", "confirm_meeting_on"),
    "审批时间": ("approved_on", "confirm_approved_on"), "上级党委审批时间": ("approved_on", "confirm_approved_on"),
    "应到": ("vote_eligible", "confirm_vote_eligible"), "应到有表决权": ("vote_eligible", "confirm_vote_eligible"),
    "实到": ("vote_present", "confirm_vote_present"), "实到有表决权": ("vote_present", "confirm_vote_present"),
    "赞成": ("vote_yes", "confirm_vote_yes"), "反对": ("vote_no", "confirm_vote_no"), "弃权": ("vote_abstain", "confirm_vote_abstain"),
}
ALSO = {"接收预备党员支部大会时间": "branch_meeting_on", "入党时间": "branch_meeting_on", "讨论转正时间": "confirm_meeting_on",
        "转正支部大会时间": "confirm_meeting_on", "转正审批时间": "confirm_approved_on", "转正时间": "confirm_approved_on",
        "终止时间": "terminated_on", "终止原因": "termination_reason"}
DATES = {"birth_date", "applied_on", "talked_on", "activist_on", "activist_filed_on", "candidate_on", "publicity_start",
         "publicity_end", "political_review_on", "training_passed_on", "pre_review_on", "form_filled_on",
         "branch_meeting_on", "higher_talk_on", "approved_on", "oath_on", "probation_extended_to",
         "confirm_applied_on", "confirm_meeting_on", "confirm_approved_on", "terminated_on"}
INTS = {"training_days", "training_hours", "vote_eligible", "vote_present", "vote_yes", "vote_no", "vote_abstain",
        "confirm_vote_eligible", "confirm_vote_present", "confirm_vote_yes", "confirm_vote_no", "confirm_vote_abstain"}


def field_of(group: str, header: str) -> str | None:
    h = normalise_header(header)
    confirm = any(w in group for w in ("正式党员", "转正"))
    if h in BY_GROUP:
        return BY_GROUP[h][1 if confirm else 0]
    return BASIC.get(h) or STEPS.get(h) or ALSO.get(h) or PEOPLE.get(h)


@dataclass
class DevelopmentRow:
    row: int  # the Excel row number
    values: dict = field(default_factory=dict)  # field → converted value
    columns: dict = field(default_factory=dict)  # field → the column's header, for messages


@dataclass
class DevelopmentSheet:
    rows: list[DevelopmentRow]
    errors: list[RowError]
    headers: dict[int, str]  # column index → shown header of a recognised column


def _people(text: str) -> list[str]:
    for sep in ("，", ",", "/", "／", " ", ";", "；"):
        text = text.replace(sep, "、")
    return [x for x in text.split("、") if x]


def parse_development_sheet(sheet: Sheet) -> DevelopmentSheet:
    rows = _filled_header_rows(sheet, min(len(sheet.rows), 12))
    at = next((i for i, r in enumerate(rows) if "姓名" in [normalise_header(t) for t in r]), None)
    if at is None:
        return DevelopmentSheet([], [RowError(1, "表头", "找不到“姓名”列：请确认第一个工作表是发展党员名册")], {})
    groups = rows[at - 1] if at > 0 else [""] * len(rows[at])
    columns: dict[int, str] = {}
    shown: dict[int, str] = {}
    for i, header in enumerate(rows[at]):
        group = groups[i] if i < len(groups) else ""
        f = field_of(group, header)
        if f and f not in columns.values():
            columns[i] = f
            shown[i] = f"{group}/{header}" if group and group != header else header
    out, errors = [], []
    for r in range(at + 1, len(sheet.rows)):
        cells = sheet.rows[r]
        if not any(cell_text(v) for v in cells):
            continue
        row = DevelopmentRow(r + 1)
        for i, f in columns.items():
            value = cells[i] if i < len(cells) else None
            text = cell_text(value)
            if not text:
                continue
            row.columns[f] = shown[i]
            try:
                if f in DATES:
                    row.values[f] = parse_date(value).value
                elif f in INTS:
                    number = float(text)
                    if not number.is_integer() or number < 0:
                        raise ValueError(f"“{text}”不是非负整数")
                    row.values[f] = int(number)
                elif f == "id_number" and isinstance(value, (int, float)) and not isinstance(value, bool):
                    raise ValueError("身份证号码被存成了数字，末几位已经丢失；请把该列设为“文本”格式后重新录入")
                elif f in PEOPLE.values():
                    row.values[f] = _people(text)
                else:
                    row.values[f] = text
            except ValueError as exc:
                errors.append(RowError(r + 1, shown[i], str(exc)))
        if "name" not in row.values:
            errors.append(RowError(r + 1, "姓名", "不能为空"))
            continue
        out.append(row)
    return DevelopmentSheet(out, errors, shown)
