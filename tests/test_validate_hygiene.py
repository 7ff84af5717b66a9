"""CSV hygiene rules, each on a copy broken in one byte or cell."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from validate_helpers import (
    csv_path,
    edit_descriptor,
    problems,
    read_rows,
    resource,
    row_of,
    set_cell,
    write_bytes,
    write_rows,
)

from kz_between_chairs.validate import hygiene


def units_bytes(dp) -> bytes:
    return csv_path(dp, "units").read_bytes()


def test_text_that_is_not_utf8_is_reported_and_the_other_tables_still_checked(package_copy):
    data = units_bytes(package_copy)
    line = data.count(b"\n", 0, data.index("адам".encode())) + 1
    write_bytes(package_copy, "units", data.decode("utf-8").encode("cp1251"))
    set_cell(package_copy, "entities", 2, "label_de", "Kasachstan ")
    assert problems(hygiene, package_copy) == [
        "data/entities.csv:2:label_de: csv-whitespace: trailing blank in 'Kasachstan '",
        f"data/units.csv: csv-unreadable: not UTF-8: byte 0xe0 on line {line}",
    ]


def test_broken_quote_is_reported(package_copy):
    write_bytes(package_copy, "units", units_bytes(package_copy) + b'x,"unclosed\n')
    assert problems(hygiene, package_copy) == ["data/units.csv: csv-unreadable: not CSV: unexpected end of data"]


def test_no_byte_order_mark(package_copy):
    write_bytes(package_copy, "units", codecs.BOM_UTF8 + units_bytes(package_copy))
    assert problems(hygiene, package_copy) == [
        "data/units.csv:1: csv-bom: the file begins with a byte order mark (BOM); save it as UTF-8 without BOM"
    ]


def test_lf_line_endings(package_copy):
    data = units_bytes(package_copy)
    lines = data.count(b"\n")
    write_bytes(package_copy, "units", data.replace(b"\n", b"\r\n"))
    assert problems(hygiene, package_copy) == [
        f"data/units.csv:1: csv-line-ending: CRLF line ending ({lines} in the file, the first here); use LF"
    ]


def test_crlf_on_one_line_names_its_row(package_copy):
    data = units_bytes(package_copy).split(b"\n")
    data[2] += b"\r"  # the end of row 3
    write_bytes(package_copy, "units", b"\n".join(data))
    assert problems(hygiene, package_copy) == [
        "data/units.csv:3: csv-line-ending: CRLF line ending (1 in the file, the first here); use LF"
    ]


def test_final_newline(package_copy):
    write_bytes(package_copy, "units", units_bytes(package_copy).rstrip(b"\n"))
    rows = len(read_rows(package_copy, "units"))
    assert problems(hygiene, package_copy) == [f"data/units.csv:{rows}: csv-final-newline: the file does not end with a newline"]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("label_de", unicodedata.normalize("NFD", "Prozent (Anteil für 100)"),
     "csv-nfc: 'Prozent (Anteil fu\u0308r 100)' is not NFC; write 'Prozent (Anteil für 100)'"),
    ("label_de", " Prozent", "csv-whitespace: leading blank in ' Prozent'"),
    ("label_de", "Prozent\u00a0", "csv-whitespace: trailing blank in 'Prozent\\xa0'"),
    ("description_en", "Per\tcent.", "csv-control-char: control character U+0009 at position 4"),
    ("description_en", "Per\ncent.", "csv-control-char: control character U+000A at position 4"),
    ("description_en", "Percent\x85.", "csv-control-char: control character U+0085 at position 8"),
] + [("description_en", f"{start}HYPERLINK(\"x\")",
      f"csv-formula: '{start}HYPERLINK(\"x\")' begins with '{start}': a spreadsheet would run it as a formula")
     for start in "=+-@"])
def test_a_cell_fault(package_copy, column, value, message):
    row = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", row, column, value)
    assert problems(hygiene, package_copy) == [f"data/units.csv:{row}:{column}: {message}"]


def test_a_closed_set_value_is_no_formula(package_copy):
    # the comparator "=" is chosen from the schema's enum, not typed
    rows = read_rows(package_copy, "indicators")
    assert "=" in [row[rows[0].index("comparator")] for row in rows[1:]]
    assert problems(hygiene, package_copy) == []


def test_no_duplicate_rows_in_a_table_without_a_primary_key(package_copy):
    # with a primary key (every table today), frictionless's primary-key reports it
    edit_descriptor(package_copy, lambda d: resource(d, "event_participants")["schema"].pop("primaryKey"))
    rows = read_rows(package_copy, "event_participants")
    write_rows(package_copy, "event_participants", rows + [rows[3]])
    assert problems(hygiene, package_copy) == [
        f"data/event_participants.csv:{len(rows) + 1}: csv-duplicate-row: the same as row 4"
    ]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda rows: [[";".join(row)] for row in rows],  # frictionless would guess the delimiter
     "column 1 is 'event_id;entity_id;role' where the schema has 'event_id' (1 columns, 3 fields)"),
    (lambda rows: [row + ["x"] for row in rows], "column 4 is 'x' where the schema has no field (4 columns, 3 fields)"),
    (lambda rows: [row[:2] for row in rows], "column 3 is missing where the schema has 'role' (2 columns, 3 fields)"),
    (lambda rows: [rows[0][::-1]] + rows[1:], "column 1 is 'role' where the schema has 'event_id' (3 columns, 3 fields)"),
])
def test_the_header_is_the_schema(package_copy, edit, message):
    write_rows(package_copy, "event_participants", edit(read_rows(package_copy, "event_participants")))
    assert problems(hygiene, package_copy) == [f"data/event_participants.csv:1: csv-header: {message}"]


@pytest.mark.parametrize("char", [
    "\u200b", "\u2060", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u202c", "\u2067", "\u2069",
    "\U000e0041", "\ufeff", "\u2028", "\u2029",
])
def test_no_invisible_character(package_copy, char):
    import unicodedata as ud

    row = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", row, "label_en", f"per{char}cent")
    assert problems(hygiene, package_copy) == [
        f"data/units.csv:{row}:label_en: csv-invisible-char: invisible character U+{ord(char):04X} ({ud.name(char)}) "
        "at position 4"
    ]


@pytest.mark.parametrize(("value", "fixed"), [("BÃ¶rse", "Börse"), ("Zwischen den StÃ¼hlen", "Zwischen den Stühlen")])
def test_no_double_encoded_text(package_copy, value, fixed):
    row = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", row, "description_en", value)
    assert problems(hygiene, package_copy) == [
        f"data/units.csv:{row}:description_en: csv-mojibake: {value!r} is UTF-8 read as cp1252; write {fixed!r}"
    ]
