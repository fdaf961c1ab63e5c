"""Two branches' quarterly workbooks rolled up: per-branch figures summed, one member in both reported."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook

from app.domain.dates import PartialDate
from app.domain.member_rules import MemberData
from app.services import members
from app.services.database import Database
from helpers_cli import run
from helpers_ids import make_id
from helpers_orgs import committee_and_branch

TODAY = date(2026, 12, 2)
SHARED = make_id(date(1980, 4, 4), 21)  # the one member both branches list


def branch_db(path, branch: str, people: list[tuple[str, str]]) -> None:
    db = Database.open(path=path)
    try:
        with db.unit_of_work() as s:
            org = committee_and_branch(s, top=branch, branch=f"{branch}第一党小组支部")
            for name, id_number in people:
                members.create_member(s, MemberData(name=name, org_id=org.id, id_number=id_number, category="正式党员",
                                                    join_date=PartialDate(date(2001, 7, 1)),
                                                    full_date=PartialDate(date(2002, 7, 1))), today=TODAY)
    finally:
        db.close()


def export(tmp_path, name, people):
    path = tmp_path / f"{name}.db"
    branch_db(path, name, people)
    out = tmp_path / f"{name}.xlsx"
    result = run("--db", str(path), "export", "workbook", "--year", "2026", "--quarter", "4", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_two_branches_with_one_conflicting_member(tmp_path):
    a = export(tmp_path, "东区支部", [("张一", make_id(date(1970, 1, 1), 11)), ("王同", SHARED)])
    b = export(tmp_path, "西区支部", [("李二", make_id(date(1975, 2, 2), 13)), ("赵三", make_id(date(1960, 3, 3), 14)),
                                     ("王同", SHARED)])
    out = tmp_path / "汇总.xlsx"
    result = run("--db", str(tmp_path / "street.db"), "consolidate", str(a), str(b), "--out", str(out),
                 "--title", "幸福街道党工委")
    assert result.returncode == 0, result.stderr
    assert "冲突：身份证号" in result.stdout and "出现 2 次" in result.stdout and SHARED not in result.stdout
    assert "党员合计 5 人，冲突 1 个" in result.stdout
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["说明", "统计汇总", "冲突"]
    figures = {r[-1]: r for r in wb["统计汇总"].iter_rows(min_row=4, values_only=True)}
    assert figures["members_total"][2:5] == (2, 3, 5)  # 东区, 西区, 合计
    conflicts = [r for r in wb["冲突"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert {(r[1], r[2], r[3]) for r in conflicts} == {(SHARED, "王同", "东区支部"), (SHARED, "王同", "西区支部")}
    basic = wb["党员基本情况（汇总）"]
    total = next(r for r in basic.iter_rows(values_only=True) if r[0] == "总计")
    assert total[1] == 5  # 总数: 2 + 3, cell by cell
    change = {r[0]: r[1] for r in wb["党员数量变化情况（汇总）"].iter_rows(min_row=4, values_only=True)}
    assert change["一、上年底总数"] == 5 and change["二、本年增加"] == 0  # on the books since 2001, no event this year
    roster = list(wb["花名册"].iter_rows(min_row=4, values_only=True))
    assert sorted((r[0], r[2]) for r in roster) == [("东区支部", "张一"), ("东区支部", "王同"), ("西区支部", "李二"),
                                                   ("西区支部", "王同"), ("西区支部", "赵三")]  # kept apart, by source


def test_files_that_cannot_be_rolled_up_are_refused(tmp_path):
    a = export(tmp_path, "东区支部", [("张一", make_id(date(1970, 1, 1), 11))])
    same = run("--db", str(tmp_path / "s.db"), "consolidate", str(a), str(a), "--out", str(tmp_path / "x.xlsx"))
    assert same.returncode != 0 and "同一个党组织" in same.stderr
    other = tmp_path / "other.xlsx"
    path = tmp_path / "西区支部.db"
    branch_db(path, "西区支部", [("李二", make_id(date(1975, 2, 2), 13))])
    assert run("--db", str(path), "export", "workbook", "--year", "2026", "--quarter", "3",
               "--out", str(other)).returncode == 0
    period = run("--db", str(tmp_path / "s.db"), "consolidate", str(a), str(other), "--out", str(tmp_path / "x.xlsx"))
    assert period.returncode != 0 and "统计期间" in period.stderr
    (tmp_path / "not.xlsx").write_text("a,b")
    wrong = run("--db", str(tmp_path / "s.db"), "consolidate", str(a), str(tmp_path / "not.xlsx"),
                "--out", str(tmp_path / "x.xlsx"))
    assert wrong.returncode != 0 and "不是 Excel 文件" in wrong.stderr
    assert not (tmp_path / "x.xlsx").exists()
