"""Forms for 在职党员到社区报到, 党员示范岗 / 责任区 and their claims, trainings, and a team's members."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from app.ui.dialogs.volunteer_forms import FormDialog, combo, date_edit, pydate


class ReportDialog(FormDialog):
    """在职党员到社区报到: who, from which unit, when, the post claimed; registered as a volunteer on the day."""

    def __init__(self, orgs, parent: QWidget | None = None) -> None:
        super().__init__("登记在职党员到社区报到", parent)
        self.name = QLineEdit()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("工作单位（党组织关系所在）")
        self.phone = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText("居民身份证号码（可不填）")
        self.reported_on = date_edit(date.today())
        self.post = QLineEdit()
        self.post.setPlaceholderText("如：楼栋长、文明劝导岗、助老服务岗")
        self.org = combo(orgs, blank="（本级）")
        self.rows([("姓名", self.name), ("工作单位", self.unit), ("联系电话", self.phone), ("证件号码", self.id_number),
                   ("报到日期", self.reported_on), ("认领岗位", self.post), ("报到组织", self.org)])
        self.hint("报到的在职党员同时登记为志愿者，参加活动的时长与其他志愿者一样记录。")

    def values(self):
        from app.services.volunteer_community import ReportData

        return ReportData(self.name.text(), self.unit.text(), pydate(self.reported_on), self.post.text(),
                          self.phone.text(), self.id_number.text() or None, self.org.currentData())


class PostDialog(FormDialog):
    def __init__(self, orgs, parent: QWidget | None = None) -> None:
        from app.services.volunteer_community import POST_KINDS

        super().__init__("新建党员示范岗 / 责任区", parent)
        self.kind = combo([(k, k) for k in POST_KINDS], POST_KINDS[0])
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：幸福小区1—6号楼党员责任区")
        self.org = combo(orgs, blank="（本级）")
        self.description = QLineEdit()
        self.rows([("类型", self.kind), ("名称", self.name), ("所属组织", self.org), ("职责", self.description)])

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "name": self.name.text(), "org_id": self.org.currentData(),
                "description": self.description.text()}


class ClaimDialog(FormDialog):
    def __init__(self, post_name: str, members: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(f"认领岗位 — {post_name}", parent)
        self.member = combo(members)
        self.member.setEditable(True)  # type a name to find the member
        self.claimed_on = date_edit(date.today())
        self.pledge = QLineEdit()
        self.pledge.setPlaceholderText("承诺事项")
        self.rows([("党员", self.member), ("认领日期", self.claimed_on), ("承诺", self.pledge)])

    def values(self) -> dict:
        index = self.member.findText(self.member.currentText())
        return {"member_id": self.member.itemData(index) if index >= 0 else None,
                "claimed_on": pydate(self.claimed_on), "pledge": self.pledge.text()}


class TrainingDialog(FormDialog):
    """志愿者培训 (志愿服务条例 第十九条 records 培训情况): date, topic, place, trainer, who took part."""

    def __init__(self, orgs, parent: QWidget | None = None) -> None:
        super().__init__("登记志愿者培训", parent)
        self.trained_on = date_edit(date.today())
        self.topic = QLineEdit()
        self.place = QLineEdit()
        self.trainer = QLineEdit()
        self.org = combo(orgs, blank="（本级）")
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("参加人员：姓名、志愿者编号或证件号码，每行一个或用顿号分隔")
        self.names.setMinimumHeight(110)
        self.rows([("培训日期", self.trained_on), ("培训主题", self.topic), ("地点", self.place), ("授课人", self.trainer),
                   ("所属组织", self.org), ("参加人员", self.names)])

    def values(self) -> dict:
        return {"trained_on": pydate(self.trained_on), "topic": self.topic.text(), "place": self.place.text(),
                "trainer": self.trainer.text(), "org_id": self.org.currentData(), "text": self.names.toPlainText()}


class TeamMembersDialog(FormDialog):
    """Add members to a team from a pasted list; the page's table shows who is in it."""

    def __init__(self, team_name: str, current: list[str], parent: QWidget | None = None) -> None:
        super().__init__(f"服务队队员 — {team_name}", parent, ok="加入")
        shown = "、".join(current[:60]) + (f" 等 {len(current)} 人" if len(current) > 60 else "")
        self.current = QPlainTextEdit(shown or "（暂无队员）")
        self.current.setReadOnly(True)
        self.current.setFixedHeight(80)
        self.names = QPlainTextEdit()
        self.names.setPlaceholderText("要加入的志愿者：姓名、志愿者编号或证件号码")
        self.joined_on = date_edit(date.today())
        self.rows([("现有队员", self.current), ("加入", self.names), ("加入日期", self.joined_on)])

    def values(self) -> dict:
        return {"text": self.names.toPlainText(), "joined_on": pydate(self.joined_on)}
