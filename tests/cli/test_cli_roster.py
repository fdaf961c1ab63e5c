"""`import members` and `export roster` as a script would run them."""

from __future__ import annotations

import sqlite3

from helpers_cli import DATA, rows, run


def test_import_dry_run_then_real_then_again(tmp_path):
    db = tmp_path / "b.db"
    dry = run("--db", str(db), "import", "members", str(DATA / "messy_roster.xlsx"), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "检查通过（未写入）：新增 4 人" in dry.stdout
    assert rows(db, "SELECT count(*) FROM member") == [(0,)]
    real = run("--db", str(db), "import", "members", str(DATA / "messy_roster.xlsx"))
    assert real.returncode == 0 and "导入完成：新增 4 人" in real.stdout
    assert list((tmp_path / "b-backups").glob("b-before-import-*.db"))  # backed up first
    again = run("--db", str(db), "import", "members", str(DATA / "messy_roster.xlsx"))
    assert again.returncode == 0 and "不变 4 人" in again.stdout
    assert rows(db, "SELECT count(*) FROM member") == [(4,)]
    assert rows(db, "SELECT action FROM audit_log WHERE entity='member' AND action='导入'") == [("导入",)]


def test_import_with_errors_prints_each_and_writes_nothing(tmp_path):
    db = tmp_path / "b.db"
    result = run("--db", str(db), "import", "members", str(DATA / "messy_roster_bad.xlsx"))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("第9行 基本信息/身份证号（18位）: 身份证号码被存成了数字") for line in lines)
    assert any(line.startswith("第10行 基本信息/姓名: 不能为空") for line in lines)
    assert "未写入任何数据" in lines[-1]
    assert rows(db, "SELECT count(*) FROM member") == [(0,)]
    assert rows(db, "SELECT count(*) FROM organisation") == [(0,)]


def test_import_refuses_a_file_that_is_not_excel(tmp_path):
    bogus = tmp_path / "x.xlsx"
    bogus.write_text("hello", encoding="utf-8")
    result = run("--db", str(tmp_path / "b.db"), "import", "members", str(bogus))
    assert result.returncode == 1 and "不是 Excel 文件" in result.stderr


def test_export_roster_xlsx_and_pdf(tmp_path):
    db = tmp_path / "b.db"
    assert run("--db", str(db), "import", "members", str(DATA / "messy_roster.xlsx")).returncode == 0
    xlsx = tmp_path / "out" / "花名册.xlsx"
    result = run("--db", str(db), "export", "roster", "--out", str(xlsx), "--order", "strokes")
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    names = [ws.cell(r, 2).value for r in range(4, ws.max_row + 1)]
    assert names == ["张三丰", "单田芳", "欧阳娜娜", "曾小华"]  # 张7 单8 欧8 曾12 strokes
    pdf = tmp_path / "花名册.pdf"
    result = run("--db", str(db), "export", "roster", "--out", str(pdf), "--org", "第二党支部")
    assert result.returncode == 0 and "已导出 2 名党员" in result.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    bad = run("--db", str(db), "export", "roster", "--out", str(tmp_path / "x.doc"))
    assert bad.returncode == 1 and "--format" in bad.stderr
    missing = run("--db", str(db), "export", "roster", "--out", str(pdf), "--org", "不存在的支部")
    assert missing.returncode == 1 and "找不到" in missing.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE action='导出'").fetchone() == (1,)  # the xlsx
    conn.close()
