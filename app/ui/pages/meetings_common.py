"""What the 三会一课 tabs share: the year and organisation pickers, and a file to save to."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QVBoxLayout, QWidget


def fill_years(combo: QComboBox, years: list[int], *, ahead: bool = False) -> None:
    """The years newest first, keeping the one shown (this year when none was)."""
    current = combo.currentData() or date.today().year
    shown = sorted(set(years) | {date.today().year} | ({date.today().year + 1} if ahead else set()), reverse=True)
    combo.blockSignals(True)
    combo.clear()
    for y in shown:
        combo.addItem(f"{y}年", y)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def fill_orgs(combo: QComboBox, orgs, *, everything: str | None = "全部组织", levels: tuple[str, ...] | None = None,
              prefer_level: str | None = None) -> None:
    """Organisations indented by depth; ``everything`` adds a first choice for all of them (data None)."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if everything:
        combo.addItem(everything, None)
    for o in orgs:
        if levels is None or o.level in levels:
            combo.addItem("　" * o.depth + o.name, o.id)
    index = combo.findData(current) if current is not None else -1
    if index < 0 and prefer_level:
        index = next((combo.findData(o.id) for o in orgs if o.level == prefer_level), 0)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


def subtree(orgs, org_id: int | None) -> set[int] | None:
    """The ids of ``org_id`` and everything below it (the choices come parents first, indented by depth)."""
    if org_id is None:
        return None
    out, depth = set(), None
    for o in orgs:
        if depth is not None:
            if o.depth <= depth:
                break
            out.add(o.id)
        elif o.id == org_id:
            out.add(o.id)
            depth = o.depth
    return out


def save_path(parent: QWidget, title: str, default: str, suffix: str) -> str | None:
    filters = "Excel 工作簿 (*.xlsx)" if suffix == "xlsx" else "PDF 文件 (*.pdf)"
    path, _ = QFileDialog.getSaveFileName(parent, title, default, filters)
    if not path:
        return None
    return path if path.lower().endswith("." + suffix) else path + "." + suffix


def stack_tab(tab: QWidget, bar, summary: QWidget, body: QWidget, hint: str | QLabel) -> QLabel:
    """A tab's usual layout: the filter bar, a summary line, the table or grid, and a grey hint under it."""
    label = hint if isinstance(hint, QLabel) else QLabel(hint)
    label.setWordWrap(True)
    label.setObjectName("hint")
    lay = QVBoxLayout(tab)
    lay.setContentsMargins(0, 6, 0, 0)
    lay.addLayout(bar)
    lay.addWidget(summary)
    lay.addWidget(body, 1)
    lay.addWidget(label)
    return label
