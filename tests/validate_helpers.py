"""Break a copy of the package (the ``package_copy`` fixture) in one place and
run one rule family (:func:`problems`) or the whole validator
(:func:`validate`) on it.

Editing a CSV changes its bytes and hash; :func:`set_cell` and
:func:`write_rows` refresh them in the copy's descriptor (as
scripts/update_derived.py does for the real one), so that a test sees only
the problem it made.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kz_between_chairs.article import read_normalised
from kz_between_chairs import csv_format
from kz_between_chairs.descriptor import file_stats, read, write
from kz_between_chairs.validate import main
from kz_between_chairs.validate.context import load
from kz_between_chairs.validate.problem import Problem


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def problems(self) -> list[str]:
        """The problem lines (every line but the summary)."""
        return self.out.splitlines()[:-1]

    @property
    def summary(self) -> str:
        return self.out.splitlines()[-1] if self.out else ""


def validate(*args: str | Path) -> Run:
    """Run ``kz-between-chairs validate ARGS`` (frictionless and every family)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def problems(family: Any, dp: Path, article: Path | None = None) -> list[str]:
    """The problems one rule family finds in the copy, as the validator prints them."""
    ctx = load(dp, article_text=read_normalised(article) if article else None)
    return [p.format() for p in sorted(family.check(ctx), key=Problem.sort_key)]


def csv_path(dp: Path, table: str) -> Path:
    return dp.parent / "data" / f"{table}.csv"


def read_rows(dp: Path, table: str) -> list[list[str]]:
    """Header and rows of a table of the copy."""
    return csv_format.read_rows(csv_path(dp, table))


def write_rows(dp: Path, table: str, rows: list[list[str]]) -> None:
    """Write a table as the package's CSVs are written, and refresh bytes/hash."""
    csv_format.write_rows(csv_path(dp, table), rows)
    refresh_stats(dp)


def set_cell(dp: Path, table: str, row: int, column: str, value: str) -> str:
    """Set one cell (row numbered as in the validator's output: header = 1);
    return the value it had."""
    rows = read_rows(dp, table)
    i = rows[0].index(column)
    old, rows[row - 1][i] = rows[row - 1][i], value
    write_rows(dp, table, rows)
    return old


def row_of(dp: Path, table: str, column: str, value: str) -> int:
    """Row number of the first row whose column holds value."""
    rows = read_rows(dp, table)
    i = rows[0].index(column)
    return next(n for n, row in enumerate(rows, 1) if row[i] == value)


def add_column(dp: Path, table: str, field: dict[str, Any], values: Callable[[list[str]], str]) -> None:
    """Add a field to a table's schema and a column (value per row) to its CSV."""
    edit_descriptor(dp, lambda d: resource(d, table)["schema"]["fields"].append(field))
    rows = read_rows(dp, table)
    header = rows[0]
    write_rows(dp, table, [header + [field["name"]]] + [row + [values(row)] for row in rows[1:]])


def resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def edit_descriptor(dp: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    descriptor = read(dp)
    change(descriptor)
    write(dp, descriptor)


def refresh_stats(dp: Path) -> None:
    """Recompute bytes and hash of every resource of the copy."""
    descriptor = read(dp)
    for r in descriptor["resources"]:
        path = dp.parent / r["path"]
        if path.is_file():
            data = path.read_bytes()
            r.update(file_stats(data))
    write(dp, descriptor)


def write_bytes(dp: Path, table: str, data: bytes) -> None:
    """Replace a table's file byte for byte (for encoding and line-ending
    faults that the csv module would not write), and refresh bytes/hash."""
    csv_path(dp, table).write_bytes(data)
    refresh_stats(dp)
