"""Settings and rule parameters kept in the database, with their defaults.

Each default names its source; where the national text sets no number, the
default is marked as local practice (地方做法) and the clerk may change it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: Any
    source: str


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("clerk.name", "党务工作者姓名", "", ""),
    SettingSpec("dues.rounding", "党费金额舍入方式", "ROUND_HALF_UP", "无全国统一规定，默认四舍五入到分"),
    SettingSpec("dues.farmer_amount", "农民党员月交党费（元）", "0.20", "中组发〔2008〕3号 第三条：0.2–1元"),
    SettingSpec("dues.large_threshold", "大额党费标准（元）", "1000.00", "组电明字〔2017〕5号"),
    SettingSpec("meeting.freq.支部党员大会", "支部党员大会（次/季度）", 1, "支部工作条例 第十一条"),
    SettingSpec("meeting.freq.支部委员会", "支部委员会（次/月）", 1, "支部工作条例 第十二条"),
    SettingSpec("meeting.freq.党小组会", "党小组会（次/月/小组）", 1, "支部工作条例 第十三条"),
    SettingSpec("meeting.freq.党课", "党课（次/季度）", 1, "地方惯例：支部工作条例 第十五条只规定“按期”，未定次数"),
    SettingSpec("meeting.freq.主题党日", "主题党日（次/月）", 1, "支部工作条例 第十六条"),
    SettingSpec("meeting.freq.组织生活会", "组织生活会（次/年）", 1, "支部工作条例 第十七条"),
    SettingSpec("meeting.freq.民主评议党员", "民主评议党员（次/年）", 1, "支部工作条例 第十八条"),
    SettingSpec("meeting.freq.谈心谈话", "谈心谈话（次/年）", 1, "支部工作条例 第十九条"),
    SettingSpec("meeting.study_minutes", "每学时分钟数", 45, "地方惯例：党员教育培训一般每学时45分钟；每年不少于32学时"
                "（党员教育管理工作条例 第二十条）"),
    SettingSpec("committee.term_years.社区", "社区党支部委员会任期（年）", 5, "2018年起社区“两委”任期5年"),
    SettingSpec("committee.term_years.其他", "其他党支部委员会任期（年）", 3, "支部工作条例 第二十二条"),
    SettingSpec("development.rule_version", "发展党员细则版本", "2026.05", "中国共产党发展党员工作细则（2026年修订）"),
    SettingSpec("development.min_days_to_activist", "递交申请书后至少多少天方可确定为积极分子", 0,
                "本地规定（0：不另作规定；只能比全国规定更严）"),
    SettingSpec("development.quarterly_reports", "积极分子、预备党员每季度交思想汇报", True, "本地做法，无全国条文"),
    SettingSpec("development.extra_documents", "预审前另须交的材料（顿号分隔）", "", "本地要求"),
    SettingSpec("stats.percent_digits", "工作总结数据中百分比保留的小数位数（0、1 或 2）", 1,
                "无统一规定：报告中常见取整（84%）或保留一位小数（42.2%）"),
    SettingSpec("privacy.mask_id_numbers", "屏幕上遮蔽身份证号", True, "GB/T 35273-2020 第7.2条：界面展示宜去标识化"),
    SettingSpec("privacy.lock_minutes", "无操作多少分钟后锁定窗口（设置登录密码后有效）", 5,
                "本程序默认5分钟（KeePassXC 为240秒）；可设1–30分钟"),
    SettingSpec("backup.folder", "备份到U盘的文件夹（上次所选）", "", ""),
    SettingSpec("backup.last_offsite", "上次备份到本机以外的时间", "", "超过30天未备份到U盘时首页提醒"),
)
_BY_KEY = {spec.key: spec for spec in SPECS}


@dataclass(frozen=True)
class SettingView:
    key: str
    label: str
    value: Any
    is_default: bool
    source: str


def get(session: Session, key: str) -> Any:
    row = session.get(Setting, key)
    if row is not None:
        return json.loads(row.value)
    spec = _BY_KEY.get(key)
    if spec is None:
        raise KeyError(key)
    return spec.default


def set_value(session: Session, key: str, value: Any) -> None:
    if key not in _BY_KEY and not key.startswith("meeting.freq."):
        raise KeyError(key)
    row = session.get(Setting, key)
    text = json.dumps(value, ensure_ascii=False)
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text
    session.flush()


def list_settings(session: Session) -> list[SettingView]:
    stored = {row.key: json.loads(row.value) for row in session.scalars(select(Setting))}
    views = [
        SettingView(spec.key, spec.label, stored.get(spec.key, spec.default), spec.key not in stored, spec.source)
        for spec in SPECS
    ]
    return views
