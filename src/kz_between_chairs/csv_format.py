"""The package's CSV format, for every tool that reads or writes the tables
as text: UTF-8 without BOM, LF line ends, comma, double quotes only where a
cell needs them (Python's ``csv`` defaults otherwise), numbers in plain
digits (:data:`NUMBER`, :data:`INTEGER`: what the loader reads and the
validator's ``number-form`` rule asks for).

The validator's hygiene rules check the same format; writing through here is
how the derived-fields task and the tests' broken copies stay within it.

>>> format_rows([["id", "label"], ["kz", "Kazakhstan, Republic of"]])
'id,label\\nkz,"Kazakhstan, Republic of"\\n'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

ENCODING = "utf-8"
LINE_END = "\n"

NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A number cell in plain decimal notation: no NaN, Infinity, group
separators or non-ASCII digits, all of which ``float`` would take.

>>> bool(NUMBER.fullmatch("-0.45")), bool(NUMBER.fullmatch("NaN")), bool(NUMBER.fullmatch("２５００"))
(True, False, False)
"""
INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
"""An integer cell in plain ASCII digits."""


def format_rows(rows: Iterable[Sequence[str]]) -> str:
    """The text of a CSV file holding ``rows`` (the header first)."""
    out = io.StringIO()
    csv.writer(out, lineterminator=LINE_END).writerows(rows)
    return out.getvalue()


def write_rows(path: str | Path, rows: Iterable[Sequence[str]]) -> bytes:
    """Write ``rows`` to ``path`` in the package's format; returns the bytes
    written (for the descriptor's ``bytes`` and ``hash``)."""
    data = format_rows(rows).encode(ENCODING)
    Path(path).write_bytes(data)
    return data


def read_rows(path: str | Path) -> list[list[str]]:
    """Header and rows of a CSV file, as text cells."""
    with open(path, encoding=ENCODING, newline="") as fh:
        return list(csv.reader(fh))
