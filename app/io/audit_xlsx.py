"""The audit log as an .xlsx (through a temporary file; every text cell stays text, never a formula)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.io.atomic import atomic_path
from app.io.xlsx_safe import print_landscape, text_value

HEADERS = ("时间", "操作人", "操作", "对象", "记录", "摘要", "变更内容（身份证号、电话已遮蔽）")
WIDTHS = (20, 12, 10, 10, 10, 40, 80)


def write_audit_xlsx(entries, target: Path | str) -> Path:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")
    for k, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + k)].width = width
    print_landscape(ws, 1)
    ws.append(list(HEADERS))
    for e in entries:
        ws.append([e.at.strftime("%Y-%m-%d %H:%M:%S")] + [text_value(ws, v) for v in
                                                          (e.actor, e.action, e.entity, e.entity_id, e.summary,
                                                           e.changes)])
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return Path(target)
