"""CSV hygiene rules, each on a copy broken in one byte or cell."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from validate_helpers import (
    csv_path,
    read_rows,
    row_of,
    set_cell,
    validate,
    write_bytes,
    write_rows,
)

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def units_bytes(dp) -> bytes:
    return csv_path(dp, "units").read_bytes()


def test_text_that_is_not_utf8_is_reported_and_the_other_tables_still_checked(package_copy):
    data = units_bytes(package_copy)
    line = data.count(b"\n", 0, data.index("адам".encode())) + 1
    write_bytes(package_copy, "units", data.decode("utf-8").encode("cp1251"))
    set_cell(package_copy, "entities", 2, "label_de", "Kasachstan ")
    run = validate(package_copy)
    assert f"data/units.csv: csv-unreadable: not UTF-8: byte 0xe0 on line {line}" in run.problems
    assert "data/entities.csv:2:label_de: csv-whitespace: trailing blank in 'Kasachstan '" in run.problems


def test_broken_quote_is_reported(package_copy):
    write_bytes(package_copy, "units", units_bytes(package_copy) + b'x,"unclosed\n')
    assert "data/units.csv: csv-unreadable: not CSV: unexpected end of data" in validate(package_copy).problems


def test_no_byte_order_mark(package_copy):
    write_bytes(package_copy, "units", codecs.BOM_UTF8 + units_bytes(package_copy))
    assert validate(package_copy).problems == [
        "data/units.csv:1: csv-bom: the file begins with a byte order mark (BOM); save it as UTF-8 without BOM"
    ]


def test_lf_line_endings(package_copy):
    data = units_bytes(package_copy)
    lines = data.count(b"\n")
    write_bytes(package_copy, "units", data.replace(b"\n", b"\r\n"))
    assert validate(package_copy).problems == [
        f"data/units.csv:1: csv-line-ending: CRLF line ending ({lines} in the file, the first here); use LF"
    ]


def test_crlf_on_one_line_names_its_row(package_copy):
    data = units_bytes(package_copy).split(b"\n")
    data[2] += b"\r"  # the end of row 3
    write_bytes(package_copy, "units", b"\n".join(data))
    assert validate(package_copy).problems == [
        "data/units.csv:3: csv-line-ending: CRLF line ending (1 in the file, the first here); use LF"
    ]


def test_final_newline(package_copy):
    data = units_bytes(package_copy)
    write_bytes(package_copy, "units", data.rstrip(b"\n"))
    rows = len(read_rows(package_copy, "units"))
    assert validate(package_copy).problems == [f"data/units.csv:{rows}: csv-final-newline: the file does not end with a newline"]


def test_nfc(package_copy):
    row = row_of(package_copy, "units", "unit", "percent")
    decomposed = unicodedata.normalize("NFD", "Prozent (Anteil für 100)")
    set_cell(package_copy, "units", row, "label_de", decomposed)
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:label_de: csv-nfc: {decomposed!r} is not NFC; write 'Prozent (Anteil für 100)'"
    ]


@pytest.mark.parametrize(("value", "edge"), [(" Prozent", "leading"), ("Prozent\u00a0", "trailing")])
def test_no_blank_at_the_edges(package_copy, value, edge):
    row = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", row, "label_de", value)
    assert validate(package_copy).problems == [f"data/units.csv:{row}:label_de: csv-whitespace: {edge} blank in {value!r}"]


@pytest.mark.parametrize(("value", "code", "position"), [("Per\tcent.", "0009", 4), ("Per\ncent.", "000A", 4),
                                                        ("Percent\x85.", "0085", 8)])
def test_no_control_characters(package_copy, value, code, position):
    row = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", row, "description_en", value)
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:description_en: csv-control-char: control character U+{code} at position {position}"
    ]


def test_no_duplicate_rows(package_copy):
    rows = read_rows(package_copy, "event_participants")
    write_rows(package_copy, "event_participants", rows + [rows[3]])
    n = len(rows) + 1
    assert validate(package_copy).problems == [
        f"data/event_participants.csv:{n}: csv-duplicate-row: the same as row 4",
        f"data/event_participants.csv:{n}: primary-key: the same as in the row at position 4",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_no_formula_in_a_text_cell(package_copy, start):
    row = row_of(package_copy, "units", "unit", "percent")
    value = f"{start}HYPERLINK(\"x\")"
    set_cell(package_copy, "units", row, "description_en", value)
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:description_en: csv-formula: {value!r} begins with {start!r}: "
        "a spreadsheet would run it as a formula"
    ]


def test_a_closed_set_value_is_no_formula(package_copy):
    # the comparator "=" is chosen from the schema's enum, not typed
    assert "=" in [row[read_rows(package_copy, "indicators")[0].index("comparator")]
                   for row in read_rows(package_copy, "indicators")[1:]]
    assert validate(package_copy).code == 0
