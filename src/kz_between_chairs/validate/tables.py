"""One CSV table as the rules read it: plain strings, read once with the csv
module (frictionless reads the files for its own checks).

>>> t = read_table({"name": "t", "path": "data/t.csv", "schema": {"fields": [{"name": "a"}]}},
...                'a,b\\nx,"y\\nz"\\nw\\n')
>>> t.header, t.rows
(['a', 'b'], [['x', 'y\\nz'], ['w', '']])
>>> list(t.cells("b"))
[(2, 'y\\nz'), (3, '')]
>>> t.row_of_line(4), t.end_lines
(3, [1, 3, 4])
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

FIRST_DATA_ROW = 2
"""Row number of the first data row: the header is row 1 (as in frictionless)."""


@dataclass
class Table:
    name: str
    file: str
    """The resource's path, relative to the package root (``data/events.csv``)."""
    resource: dict[str, Any]
    header: list[str]
    rows: list[list[str]]
    """Data rows, each padded to the header's length (frictionless reports
    short rows; the project's rules see an empty cell)."""
    end_lines: list[int]
    """Line on which the header (index 0) and each row end."""

    @cached_property
    def fields(self) -> dict[str, dict[str, Any]]:
        """The schema's fields by name."""
        schema = self.resource.get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        fields = fields if isinstance(fields, list) else []  # the shape rules report any other
        return {f["name"]: f for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}

    def index(self, column: str) -> int | None:
        """Position of a column in the header, or None when absent."""
        try:
            return self.header.index(column)
        except ValueError:
            return None

    def cells(self, column: str) -> Iterator[tuple[int, str]]:
        """``(row number, value)`` of one column; nothing when it is absent."""
        i = self.index(column)
        if i is not None:
            for number, row in enumerate(self.rows, FIRST_DATA_ROW):
                yield number, row[i]

    def records(self, *columns: str) -> Iterator[tuple[int, tuple[str, ...]]]:
        """``(row number, values)`` of several columns ("" for an absent one)."""
        idx = [self.index(c) for c in columns]
        for number, row in enumerate(self.rows, FIRST_DATA_ROW):
            yield number, tuple("" if i is None else row[i] for i in idx)

    def row_of_line(self, line: int) -> int:
        """Row number of the row that a (1-based) line of the file belongs to."""
        return bisect_left(self.end_lines, line) + 1


def read_table(resource: dict[str, Any], text: str) -> Table:
    """Parse a CSV text (raises ``csv.Error`` on a broken quote)."""
    # StringIO splits on "\n" only and keeps "\r", so CRLF is seen by hygiene.
    reader = csv.reader(io.StringIO(text), strict=True)
    header: list[str] = []
    rows: list[list[str]] = []
    end_lines: list[int] = []
    for row in reader:
        end_lines.append(reader.line_num)
        if len(end_lines) == 1:
            header = row
            continue
        if len(row) < len(header):
            row += [""] * (len(header) - len(row))
        rows.append(row)
    return Table(resource["name"], resource["path"], resource, header, rows, end_lines)
