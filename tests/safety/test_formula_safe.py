"""I7: whatever text members' fields hold, exported cells never become formulas."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import Workbook

from app.db.models import Member, Organisation
from app.domain.enums import OrgLevel
from app.io.roster_xlsx import write_roster_xlsx
from app.io.xlsx_safe import FORMULA_STARTS, set_text, text_value
from app.services.database import Database
from app.services.roster import build_roster

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
tails = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=40)
dangerous = st.builds(lambda start, tail: start + tail, st.sampled_from(TRIGGERS + ("=HYPERLINK(\"http://x\",\"点我\")",
                                                                                   "=cmd|' /C calc'!A0", "+1+1")),
                      tails)
FIELDS = ("name", "work_unit", "address", "notes", "party_post", "job_post", "phone", "native_place", "ethnicity")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("formula") / "book.db"
    db = Database.open(path=path)
    with db.unit_of_work() as session:
        org = Organisation(name="公式测试党支部", level=OrgLevel.BRANCH)
        session.add(org)
        session.flush()
        org_id = org.id
    yield db, org_id
    db.close()


def _formulas(path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/worksheets/") and b"<f>" in zf.read(n) or
                n.startswith("xl/worksheets/") and b"<f " in zf.read(n)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.fixed_dictionaries({f: dangerous for f in FIELDS}), min_size=1, max_size=4))
def test_roster_export_never_writes_a_formula(book, tmp_path_factory, values):
    db, org_id = book
    with db.unit_of_work() as session:
        session.query(Member).delete()
        for v in values:
            session.add(Member(org_id=org_id, join_date=date(2000, 7, 1), **v))
    with db.reading() as session:
        roster = build_roster(session)
    out = write_roster_xlsx(roster, tmp_path_factory.mktemp("x") / "花名册.xlsx")
    assert _formulas(out) == []
    ws = openpyxl.load_workbook(out).active
    texts = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(TRIGGERS)]
    assert texts  # the dangerous text did reach the file
    for cell in texts:
        assert cell.data_type == "s" and cell.quotePrefix, (cell.coordinate, cell.value)


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(dangerous, tails))
def test_the_cell_helpers_keep_any_text_a_string(value):
    wb = Workbook()
    ws = wb.active
    set_text(ws["A1"], value)
    if value:
        assert ws["A1"].data_type == "s" and ws["A1"].value == value
        assert ws["A1"].quotePrefix == value.startswith(FORMULA_STARTS)
    streamed = Workbook(write_only=True)
    sheet = streamed.create_sheet()
    cell = text_value(sheet, value)
    if value and value.startswith(FORMULA_STARTS):
        assert cell.data_type == "s" and cell.quotePrefix
