"""Every PDF embeds the bundled CJK font (checked with poppler's pdffonts when available)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from app.io.pdf_fonts import FONT_NAME, missing_glyphs, register_cjk_font


def _tiny_pdf(path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(register_cjk_font(), 14)
    c.drawString(72, 760, "支部台账 党员花名册 曾国藩 欧阳娜娜")
    c.save()


def test_font_registers_once_and_covers_common_names():
    assert register_cjk_font() == FONT_NAME == register_cjk_font()
    assert missing_glyphs("王秀英 张伟 单雄信 覃 翟 缪") == []
    assert missing_glyphs("吉𠮷") == ["𠮷"]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdf_embeds_the_font(tmp_path):
    pdf = tmp_path / "t.pdf"
    _tiny_pdf(pdf)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in out.splitlines() if "WenQuanYi" in line]
    assert cjk, out
    assert all(line.split()[-5] == "yes" for line in cjk)  # the "emb" column


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_real_chinese(tmp_path):
    pdf = tmp_path / "t.pdf"
    _tiny_pdf(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "党员花名册" in text and "欧阳娜娜" in text
