"""The 志愿服务 commands as a clerk runs them: import an hours sheet (dry run, then for real, then again),
export the year's 时长统计表, and issue a certificate."""

from __future__ import annotations

from openpyxl import load_workbook

from app.services.database import Database, backup_dir_for
from helpers_cli import DATA, rows, run
from helpers_volunteers import populate


def _db(tmp_path):
    path = tmp_path / "v.db"
    db = Database.open(path=path)
    populate(db)
    db.close()
    return path


def test_import_export_and_certificate(tmp_path):
    path = _db(tmp_path)
    sheet = DATA / "messy_hours.xls"
    dry = run("--db", str(path), "import", "volunteer-hours", str(sheet), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "检查通过（未写入）" in dry.stdout and "新增 5 条" in dry.stdout
    assert rows(path, "SELECT count(*) FROM volunteer_hours") == [(0,)]
    done = run("--db", str(path), "import", "volunteer-hours", str(sheet))
    assert done.returncode == 0, done.stderr
    assert "导入完成" in done.stdout and list(backup_dir_for(path).glob("*before-import*.db"))
    again = run("--db", str(path), "import", "volunteer-hours", str(DATA / "messy_hours.xlsx"))
    assert again.returncode == 0 and "没有需要导入的变化" in again.stdout and "不变 5 条" in again.stdout
    bad = run("--db", str(path), "import", "volunteer-hours", str(DATA / "messy_hours_bad.xlsx"))
    assert bad.returncode == 1 and "第13行 姓名: 志愿者名册中没有“查无此人”" in bad.stderr
    assert "共 4 处错误，未写入任何数据" in bad.stderr

    out = tmp_path / "时长.xlsx"
    exported = run("--db", str(path), "export", "volunteers", "--year", "2026", "--quarter", "1", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "3 人，3 人次，5.50 小时" in exported.stdout
    wb = load_workbook(out)
    assert wb.sheetnames == ["时长汇总", "活动明细", "按月汇总", "按月时长", "统计"]
    people = list(wb["时长汇总"].iter_rows(min_row=4, values_only=True))
    assert [r[1] for r in people[:-1]] == ["钱伟华", "孙伟华", "赵伟华"] and people[-1][8] == 5.5
    assert rows(path, "SELECT count(*) FROM audit_log WHERE action='导出' AND entity='volunteer_hours'") == [(1,)]
    monthly = tmp_path / "按月.xlsx"
    assert run("--db", str(path), "export", "volunteers", "--year", "2026", "--platform", "--out",
               str(monthly)).returncode == 0
    sheet = load_workbook(monthly)["按月时长"]
    assert [c.value for c in sheet[1]][:6] == ["序号", "姓名", "证件类型", "证件号码", "志愿者编号", "服务年月"]
    assert [(r[1], r[5], r[7]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("钱伟华", "2026-03", 2), ("孙伟华", "2026-03", 1.5), ("赵伟华", "2026-03", 2)]

    pdf = tmp_path / "证明.pdf"
    cert = run("--db", str(path), "certificate", "--volunteer", "赵伟华", "--year", "2026", "--issuer", "幸福社区党委",
               "--handler", "张三丰", "--out", str(pdf))
    assert cert.returncode == 0, cert.stderr
    assert "ZYFW" in cert.stdout and "2.00 小时" in cert.stdout and pdf.read_bytes().startswith(b"%PDF")
    assert rows(path, "SELECT number, person_name, total_hours FROM volunteer_certificate")[0][1:] == ("赵伟华", 200)
    assert rows(path, "SELECT count(*) FROM audit_log WHERE action='出具'") == [(1,)]
    none = run("--db", str(path), "certificate", "--volunteer", "周伟华", "--out", str(tmp_path / "x.pdf"))
    assert none.returncode == 1 and "没有已确认的服务时长" in none.stderr and not (tmp_path / "x.pdf").exists()
    assert rows(path, "SELECT count(*) FROM volunteer_certificate") == [(1,)]  # the failed one kept no number


def test_import_a_roster_from_the_command_line(tmp_path):
    from openpyxl import Workbook

    path = _db(tmp_path)
    wb = Workbook()
    wb.active.append(["姓名", "联系电话", "服务技能"])
    wb.active.append(["新来的", "13700001234", "摄影"])
    roster = tmp_path / "名册.xlsx"
    wb.save(roster)
    first = run("--db", str(path), "import", "volunteers", str(roster))
    assert first.returncode == 0, first.stderr
    assert "新增 1 名" in first.stdout
    second = run("--db", str(path), "import", "volunteers", str(roster), "--dry-run")
    assert second.returncode == 0 and "不变 1 名" in second.stdout
