"""The bundled CJK font for reportlab, so every PDF embeds its glyphs.

reportlab embeds TrueType-outline fonts only (WenQuanYi Micro Hei works; Noto CJK's
CFF outlines are refused), and the CID font STSong-Light is never embedded and
prints blank on viewers without a Chinese font. Hence one bundled .ttc.
"""

from __future__ import annotations

from functools import cache

from app.paths import cjk_font_path

FONT_NAME = "BranchBookCJK"


@cache
def register_cjk_font() -> str:
    """Register the bundled font once and return its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT_NAME, str(cjk_font_path()), subfontIndex=0))
    return FONT_NAME


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` the bundled font cannot draw (rare 生僻字 such as 𠮷)."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(register_cjk_font())
    cmap = font.face.charToGlyph
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
