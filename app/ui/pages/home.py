"""首页: key figures as cards and the reminders a clerk must act on."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from app.ui.pages.base import Page


def _load(session):
    from app.services import committees, member_reminders
    from app.services.views.home import home_view
    from app.services.views.organisations import display_names

    names = display_names(session)  # every branch has a 第一党小组: say whose
    warnings = [(names.get(w.org_id, w.org_name), w) for w in committees.warnings(session)]
    return home_view(session), member_reminders.all_reminders(session), warnings + _safety(session)


def _safety(session):
    """Backups that never left the machine, and a database in a risky place (shown first)."""
    from app.services import backups, location
    from app.services.views.home import SafetyNote
    from app.services.views.maintenance import database_file

    path = database_file(session)
    if path is None:
        return []
    notes = [("数据安全", SafetyNote(text)) for text in location.risks(path)]
    offsite = backups.offsite_reminder(session)
    return notes + ([("数据安全", SafetyNote(offsite))] if offsite else [])


_PRIORITY = {kind: n for n, kind in enumerate(
    ("数据安全", "换届", "会议", "发展党员", "预备期满", "组织建设", "党费", "失联6个月以上", "身份证号待补充", "光荣在党50年", "政治生日"))}


class Card(QFrame):
    def __init__(self, label: str) -> None:
        super().__init__()
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.caption = QLabel(label)
        self.caption.setObjectName("cardCaption")
        lay.addWidget(self.value)
        lay.addWidget(self.caption)


class HomePage(Page):
    title = "首页"

    def __init__(self, runner, parent=None) -> None:
        super().__init__(runner, parent)
        self.org_label = QLabel()
        self.header.insertWidget(1, self.org_label)
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, Card] = {}
        labels = ["在册党员", "其中预备党员", "女党员", "60岁及以上", "流动党员", "失联党员", "本年已召开会议",
                  "本年党费实缴/应缴（元）", "发展对象/积极分子", "志愿者/本年服务时长"]
        for i, label in enumerate(labels):
            card = Card(label)
            grid.addWidget(card, i // 5, i % 5)
            self.cards[label] = card
        self._add_next_steps()
        self.layout_.addLayout(grid)
        title = QLabel("待办与提醒")
        title.setObjectName("sectionTitle")
        self.layout_.addWidget(title)
        self.reminders = QListWidget()
        self.reminders.setObjectName("reminders")
        self.layout_.addWidget(self.reminders, 1)

    def refresh(self) -> None:
        self.runner.submit(_load, on_done=self.show_data)
        self._refresh_next_steps()

    def show_data(self, data) -> None:
        view, member_reminders, warnings = data
        f = view.figures
        self.org_label.setText(f"　{view.org_name}　{f.year}年")
        values = {
            "在册党员": f"{f.active}", "其中预备党员": f"{f.probationary}", "女党员": f"{f.female}",
            "60岁及以上": f"{f.aged_60_plus}", "流动党员": f"{f.mobile}", "失联党员": f"{f.lost_contact}",
            "本年已召开会议": f"{f.meetings_held}", "本年党费实缴/应缴（元）": f"{f.dues_paid:,.0f} / {f.dues_due:,.0f}",
            "发展对象/积极分子": f"{f.candidates} / {f.activists}",
            "志愿者/本年服务时长": f"{f.volunteers} / {f.volunteer_hours:,.0f}时",
        }
        for label, text in values.items():
            self.cards[label].value.setText(text)
        self.reminders.clear()
        lines = [(r.kind, r.urgent, f"【{r.kind}】{r.org_name}：{r.text}" if r.org_name else f"【{r.kind}】{r.text}")
                 for r in view.reminders if r.kind != "身份证号待补充"]
        # 换届 due dates already come with the page's reminders; the rest of the rule warnings are added here
        lines += [("数据安全", True, f"【数据安全】{w.text}") for org, w in warnings if org == "数据安全"]
        lines += [("组织建设", False, f"【组织建设】{org}：{w.text}（{w.basis}）")
                  for org, w in warnings if "换届" not in w.text and org != "数据安全"]
        grouped: dict[str, list[str]] = {}
        for r in member_reminders:
            grouped.setdefault(r.kind, []).append(r.name)
        for kind, names in grouped.items():
            shown = "、".join(names[:12]) + (f" 等{len(names)}人" if len(names) > 12 else f"（{len(names)}人）")
            lines.append((kind, kind in ("预备期满", "失联6个月以上"), f"【{kind}】{shown}"))
        if not lines:
            lines = [("", False, "暂无需要处理的事项。")]
        # what must be done this month first (换届 overdue, meetings still to hold), then the rest by kind
        for _kind, urgent, text in sorted(lines, key=lambda x: (_PRIORITY.get(x[0], len(_PRIORITY)), not x[1])):
            item = QListWidgetItem(("⚠ " if urgent else "• ") + text)
            if urgent:
                item.setForeground(QColor("#B00000"))
            self.reminders.addItem(item)

    # ---- 接下来要做的事 (first-run checklist; app/ui/pages/home_next_steps.py) ---------------------------

    def _add_next_steps(self) -> None:
        from app.ui.pages.home_next_steps import NextStepsPanel, go_to_step

        self.next_steps = NextStepsPanel()
        self.next_steps.chosen.connect(lambda key: go_to_step(self.window(), key))
        self.layout_.addWidget(self.next_steps)

    def _refresh_next_steps(self) -> None:
        from app.ui.pages.home_next_steps import load_steps

        self.runner.submit(load_steps, on_done=self.next_steps.show_steps)
