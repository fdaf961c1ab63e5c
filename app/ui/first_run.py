"""The first start: a guided setup (organisation → branches → clerk → backups → done), or the demo data.

Pages carry spaced ids and QWizard walks them in id order, so a step can be slotted in without touching
the others: the optional login password is the page PASSWORD_SLOT between the clerk and the backup pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
    QRadioButton, QVBoxLayout, QWizard, QWizardPage,
)

from app.domain.errors import ValidationError
from app.services.first_setup import FirstSetup, check_branch_names, child_level

TYPES = ("社区党委", "社区党总支", "社区党支部", "联合党支部", "两新党支部", "机关党支部")

START, ORGANISATION, BRANCHES, CLERK, PASSWORD_SLOT, BACKUP, DONE = 10, 20, 30, 40, 45, 50, 60


def _error_label() -> QLabel:
    label = QLabel("")
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #B00000;")
    label.setWordWrap(True)
    return label


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class StartPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("欢迎使用支部台账")
        self.setSubTitle("数据库中还没有党组织。请按几步填写本单位的情况，或先打开演示数据看一看。")
        self.new = QRadioButton("开始设置：填写本级党组织、党支部和备份位置（约两分钟）")
        self.demo = QRadioButton("打开演示数据（虚构的社区党委，约300名党员，可随意操作）")
        self.new.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.new)
        group.addButton(self.demo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addWidget(self.demo)
        layout.addStretch(1)
        self.demo.toggled.connect(lambda _on: self.completeChanged.emit())

    def isFinalPage(self) -> bool:  # noqa: N802
        return self.demo.isChecked()

    def nextId(self) -> int:  # noqa: N802
        return -1 if self.demo.isChecked() else super().nextId()


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("本级党组织")
        self.setSubTitle("填写您所在的本级党组织，即党组织关系树的最上一级。")
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：幸福街道第一社区党委")
        self.type = QComboBox()
        self.type.addItems(TYPES)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("本级党组织名称", self.name)
        form.addRow("组织类型", self.type)
        form.addRow("", self.error)
        self.name.textChanged.connect(lambda _t: self.error.setText(""))

    def validatePage(self) -> bool:  # noqa: N802
        name = self.name.text().strip()
        if not name:
            self.error.setText("请填写本级党组织名称。")
            return False
        if len(name) > 100:
            self.error.setText("名称不能超过100个字。")
            return False
        return True


class BranchesPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("下属党支部")
        self.entry = QLineEdit()
        self.add = QPushButton("添加")
        self.remove = QPushButton("删除选中")
        self.list = QListWidget()
        self.error = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        self.hint = _intro("")
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        self.add.clicked.connect(self.add_entry)
        self.entry.returnPressed.connect(self.add_entry)
        self.remove.clicked.connect(lambda: [self.list.takeItem(self.list.row(i)) for i in self.list.selectedItems()])

    def initializePage(self) -> None:  # noqa: N802
        org_type = self.wizard().page(ORGANISATION).type.currentText()
        self.child = child_level(org_type).value
        self.setTitle(f"下属{self.child}")
        self.setSubTitle(f"逐个输入{org_type}下属的{self.child}名称，按回车或“添加”。可以先跳过，以后在“组织”中添加。")
        self.hint.setText(f"如：第一{self.child}、第二{self.child}、离退休{self.child}")
        self.entry.setPlaceholderText(f"{self.child}名称")

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_entry(self) -> None:
        name = self.entry.text().strip()
        if not name:
            return
        try:
            check_branch_names([*self.names(), name])
        except ValidationError as exc:
            self.error.setText(exc.message)
            return
        self.error.setText("")
        self.list.addItem(name)
        self.entry.clear()

    def validatePage(self) -> bool:  # noqa: N802
        if self.entry.text().strip():  # typed but not yet added: take it
            self.add_entry()
        return not self.error.text()


class ClerkPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("党务工作者")
        self.setSubTitle("您的姓名会印在党费收据、志愿服务证明等材料上，以后可在“设置与备份”中修改。")
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：王秀英")
        form = QFormLayout(self)
        form.addRow("党务工作者姓名", self.name)


class PasswordPage(QWizardPage):
    """An optional login password: asked for at every start and after the idle lock (设置 can change it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("登录密码（可不设）")
        self.setSubTitle("这台电脑有别人使用时，建议设一个密码：打开程序和离开一段时间后都要输入，台账里的身份证号等信息"
                         "才不会被旁人看到。不设就直接点“下一步”。")
        self.password, self.again = QLineEdit(), QLineEdit()
        for edit in (self.password, self.again):
            edit.setEchoMode(QLineEdit.Password)
        self.error = _error_label()
        form = QFormLayout(self)
        form.addRow("密码（至少6个字符）", self.password)
        form.addRow("再输入一次", self.again)
        form.addRow(self.error)
        form.addRow(_intro("设好后会显示一次恢复码，请抄下来收好：忘记密码时凭它重设。"))
        for edit in (self.password, self.again):
            edit.textChanged.connect(lambda _t: self.error.setText(""))

    def validatePage(self) -> bool:  # noqa: N802
        text = self.password.text()
        if not text and not self.again.text():
            return True
        if len(text) < 6:
            self.error.setText("密码至少6个字符；不设密码请把两栏都清空。")
            return False
        if text != self.again.text():
            self.error.setText("两次输入的密码不一样。")
            return False
        return True


def default_backup_folder() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
    return str(Path(documents) / "支部台账备份")


class BackupPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("备份位置")
        self.setSubTitle("台账只保存在这台电脑上。请选一个备份文件夹，最好是U盘或另一块硬盘，电脑出故障时数据不会一起丢失。")
        self.folder = QLineEdit(default_backup_folder())
        self.choose = QPushButton("选择文件夹…")
        self.error = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(_intro("在“设置与备份”中可以随时备份，也可以更换这个文件夹。程序升级前会自动另存一份。"))
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.choose.clicked.connect(self.pick)
        self.folder.textChanged.connect(lambda _t: self.error.setText(""))

    def pick(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "选择备份文件夹", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def validatePage(self) -> bool:  # noqa: N802
        text = self.folder.text().strip()
        if text and not Path(text).expanduser().is_absolute():
            self.error.setText("请选择一个完整的文件夹路径，或点“选择文件夹…”。")
            return False
        return True


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("设置完成")
        self.summary = _intro("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        setup = self.wizard().setup()
        branches = "、".join(setup.branches) if setup.branches else "暂不添加"
        lines = [f"本级党组织：{setup.org_name}（{setup.org_type}）", f"下属{child_level(setup.org_type).value}：{branches}",
                 f"党务工作者：{setup.clerk_name or '暂不填写'}", f"登录密码：{'已设置' if setup.password else '不设'}",
                 f"备份文件夹：{setup.backup_folder or '暂不设置'}", "",
                 "点击“开始使用”后进入首页，那里列出接下来要做的事：导入党员名册、核定党费基数、记录会议等。"]
        self.summary.setText("\n".join(lines))


class FirstRunWizard(QWizard):
    NEW, DEMO = "new", "demo"

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("开始使用 支部台账")
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.NextButton, "下一步 >")
        self.setButtonText(QWizard.BackButton, "< 上一步")
        self.setButtonText(QWizard.FinishButton, "开始使用")
        self.setButtonText(QWizard.CancelButton, "退出")
        self.resize(640, 460)
        for page_id, page in ((START, StartPage()), (ORGANISATION, OrganisationPage()), (BRANCHES, BranchesPage()),
                              (CLERK, ClerkPage()), (PASSWORD_SLOT, PasswordPage()), (BACKUP, BackupPage()),
                              (DONE, DonePage())):
            self.setPage(page_id, page)
        self.setStartId(START)

    def choice(self) -> str:
        return self.DEMO if self.page(START).demo.isChecked() else self.NEW

    def setup(self) -> FirstSetup:
        """What the clerk entered, as plain data for services.first_setup.apply_first_setup."""
        org = self.page(ORGANISATION)
        return FirstSetup(
            org_name=org.name.text().strip(),
            org_type=org.type.currentText(),
            branches=tuple(self.page(BRANCHES).names()),
            clerk_name=self.page(CLERK).name.text().strip(),
            backup_folder=self.page(BACKUP).folder.text().strip(),
            password=self.page(PASSWORD_SLOT).password.text(),
        )
