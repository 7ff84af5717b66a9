"""CSV hygiene: UTF-8 without BOM, LF, a final newline, the schema's header,
NFC, no blanks at the edges of a cell, no control or invisible characters,
no double-encoded text, no duplicate rows, and no text cell that a
spreadsheet would run as a formula.

>>> _edge_blank(" Almaty"), _edge_blank("Almaty"), _edge_blank("")
('leading blank in {cell}', None, None)
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from itertools import zip_longest

from ..i18n import N_
from .context import Context
from .problem import Problem, shown
from .tables import FIRST_DATA_ROW, Table

RULES = {
    "csv-unreadable": "the file is UTF-8 text and well-formed CSV",
    "csv-header": "the header row is the schema's field names, in order (comma-separated, as the dialect declares)",
    "csv-bom": "no byte order mark",
    "csv-line-ending": "lines end with LF, never CR",
    "csv-final-newline": "the last line ends with a newline",
    "csv-nfc": "every cell is in Unicode normalisation form NFC",
    "csv-whitespace": "no cell begins or ends with a blank",
    "csv-control-char": "no control character (U+0000-U+001F, U+007F-U+009F) in a cell",
    "csv-invisible-char": "no format character (Unicode Cf: zero-width space, soft hyphen, bidi controls, "
    "an inner BOM ...) and no line or paragraph separator (Zl, Zp) in a cell",
    "csv-mojibake": "no cell is UTF-8 text decoded as cp1252 (BÃ¶rse for Börse)",
    "csv-duplicate-row": "no row repeats another (in a table without a primary key)",
    "csv-formula": "no text cell begins with = + - @ (spreadsheet formula injection)",
}

FORMULA_STARTS = ("=", "+", "-", "@")
INVISIBLE = ("Cf", "Zl", "Zp")
"""Unicode categories of characters that change a text without showing."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
LEADING, TRAILING = N_("leading blank in {cell}"), N_("trailing blank in {cell}")
# Translators: csv-header; {got} and {want} are column names as typed, {number} the column's position.
HEADER_OTHER = N_("column {number} is {got} where the schema has {want} ({columns} columns, {fields} fields)")
HEADER_MISSING = N_("column {number} is missing where the schema has {want} ({columns} columns, {fields} fields)")
HEADER_EXTRA = N_("column {number} is {got} where the schema has no field ({columns} columns, {fields} fields)")


def check(ctx: Context) -> Iterator[Problem]:
    yield from ctx.unreadable.values()
    for file, (header, fields) in ctx.headers.items():
        yield _header(file, header, fields)
    for table in ctx.tables.values():
        yield from _file(table, ctx.raw[table.file])
        yield from _cells(table)
        yield from _duplicates(table)


def _file(table: Table, data: bytes) -> Iterator[Problem]:
    if data.startswith(codecs.BOM_UTF8):
        yield Problem.of(table.file, 1, None, "csv-bom",
                         N_("the file begins with a byte order mark (BOM); save it as UTF-8 without BOM"))
    cr = data.find(b"\r")
    if cr >= 0:
        row = table.row_of_line(data.count(b"\n", 0, cr) + 1)
        kind = "CRLF" if data[cr + 1 : cr + 2] == b"\n" else "CR"
        count = data.count(b"\r")
        yield Problem.of(table.file, row, None, "csv-line-ending",
                         N_("{kind} line ending ({count} in the file, the first here); use LF"), kind=kind, count=count)
    if data and not data.endswith(b"\n"):
        yield Problem.of(table.file, len(table.rows) + 1, None, "csv-final-newline",
                         N_("the file does not end with a newline"))


def _cells(table: Table) -> Iterator[Problem]:
    text_columns = _formula_prone(table)
    for number, row in enumerate([table.header, *table.rows], 1):
        for column, cell in zip(table.header, row):
            if not cell:
                continue
            if not unicodedata.is_normalized("NFC", cell):
                yield Problem.of(table.file, number, column, "csv-nfc", N_("{cell} is not NFC; write {nfc}"),
                                 cell=repr(cell), nfc=repr(unicodedata.normalize("NFC", cell)))
            edge = _edge_blank(cell)
            if edge:
                yield Problem.of(table.file, number, column, "csv-whitespace", edge, cell=repr(cell))
            control = _CONTROL.search(cell)
            if control:
                yield Problem.of(table.file, number, column, "csv-control-char",
                                 N_("control character {char} at position {position}"),
                                 char=f"U+{ord(control.group()):04X}", position=control.start() + 1)
            if not cell.isascii():  # both faults need a character beyond ASCII
                yield from _beyond_ascii(table.file, number, column, cell)
            if number >= FIRST_DATA_ROW and column in text_columns and cell.startswith(FORMULA_STARTS):
                yield Problem.of(table.file, number, column, "csv-formula",
                                 N_("{cell} begins with {start}: a spreadsheet would run it as a formula"),
                                 cell=repr(cell), start=repr(cell[0]))


def _header(file: str, header: list[str], fields: list[str]) -> Problem:
    n = next(i for i, pair in enumerate(zip_longest(header, fields)) if pair[0] != pair[1])
    counts = {"number": n + 1, "columns": len(header), "fields": len(fields)}
    if n >= len(header):
        return Problem.of(file, 1, None, "csv-header", HEADER_MISSING, want=shown(fields[n]), **counts)
    if n >= len(fields):
        return Problem.of(file, 1, None, "csv-header", HEADER_EXTRA, got=shown(header[n]), **counts)
    return Problem.of(file, 1, None, "csv-header", HEADER_OTHER, got=shown(header[n]), want=shown(fields[n]), **counts)


def _beyond_ascii(file: str, number: int, column: str, cell: str) -> Iterator[Problem]:
    for position, char in enumerate(cell, 1):
        if unicodedata.category(char) in INVISIBLE:
            yield Problem.of(file, number, column, "csv-invisible-char",
                             N_("invisible character {char} ({name}) at position {position}"),
                             char=f"U+{ord(char):04X}", name=unicodedata.name(char, "?"), position=position)
            break
    try:
        fixed = cell.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return  # not UTF-8 bytes read as cp1252
    if fixed != cell:
        yield Problem.of(file, number, column, "csv-mojibake", N_("{cell} is UTF-8 read as cp1252; write {fixed}"),
                         cell=repr(cell), fixed=repr(fixed))


def _edge_blank(cell: str) -> str | None:
    """The message template for a blank at an edge of ``cell``, if any."""
    if cell[:1].isspace():
        return LEADING
    if cell[-1:].isspace():
        return TRAILING
    return None


def _formula_prone(table: Table) -> set[str]:
    """Free-text columns: strings without a closed set.  A value from an enum
    (the comparator ``=``) is chosen from the schema, not typed, so it is safe."""
    fields = table.fields
    out = set()
    for column in table.header:
        field = fields.get(column, {})
        constraints = field.get("constraints") or {}
        if field.get("type", "string") == "string" and "enum" not in constraints:
            out.add(column)
    return out


def _duplicates(table: Table) -> Iterator[Problem]:
    """Rows that repeat another, in a table without a primary key (in one
    with a key, frictionless reports the repeated key)."""
    schema = table.resource.get("schema")
    if isinstance(schema, dict) and schema.get("primaryKey"):
        return
    seen: dict[tuple[str, ...], int] = {}
    for number, row in enumerate(table.rows, FIRST_DATA_ROW):
        key = tuple(row)
        if not any(key):
            continue  # a blank row: frictionless reports it (blank-row)
        first = seen.setdefault(key, number)
        if first != number:
            yield Problem.of(table.file, number, None, "csv-duplicate-row", N_("the same as row {first}"), first=first)
