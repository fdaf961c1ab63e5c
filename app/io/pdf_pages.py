"""Page furniture shared by the printed lists: “第 N 页 / 共 M 页” and a footer on every page."""

from __future__ import annotations


def numbered_canvas(font: str, margin: float, page_width: float, footer: str):
    """A reportlab canvas class that keeps its pages until the end, so each can say 共M页."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as canvas_mod

    class NumberedCanvas(canvas_mod.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            count = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 8)
                self.setFillColor(colors.HexColor("#444444"))
                self.drawString(margin, 7 * mm, footer)
                self.drawRightString(page_width - margin, 7 * mm, f"第 {self._pageNumber} 页 / 共 {count} 页")
                super().showPage()
            super().save()

    return NumberedCanvas


def list_table_style(font: str, size: float, *, padding: float = 1.5, striped_to: int = -1) -> list[tuple]:
    """The look every printed list shares: red header row, grey grid, striped rows (to row ``striped_to``)."""
    from reportlab.lib import colors

    return [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("LEADING", (0, 0), (-1, -1), size + 2),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#C00000")),
        ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("ROWBACKGROUNDS", (0, 1), (-1, striped_to), [colors.white, colors.HexColor("#F5F5F5")]),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
