"""What changed between two copies of the data package, row by row.

A copy is a folder holding ``datapackage.json``, the descriptor itself, or a
release zip (``datapackage.json`` at its root or in one top folder).  Rows are
matched by the table's primary key; cells are compared as the CSV text they
are, so ``2500`` and ``2500.0`` differ and nothing is lost to a type
conversion.  A column that only one copy has is reported once, as a column
change, and left out of the row comparison.

>>> import shutil, tempfile
>>> from pathlib import Path
>>> from kz_between_chairs._paths import package_root
>>> with tempfile.TemporaryDirectory() as folder:
...     old = Path(folder, "old")
...     _ = shutil.copytree(package_root() / "data", old / "data")
...     _ = shutil.copy(package_root() / "datapackage.json", old)
...     units = old / "data" / "units.csv"
...     _ = units.write_text(units.read_text(encoding="utf-8").replace("weeks", "Weeks"), encoding="utf-8")
...     print(text(compare(old, package_root()), "old", "new"), end="")
kz-between-chairs diff: old -> new
units: 1 changed
  ~ unit=week
      description_en: 'Duration in Weeks.' -> 'Duration in weeks.'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .copies import Copy
from .csv_format import format_rows
from .errors import DataError
from .i18n import N_

COLUMNS = ("table", "change", "key", "field", "old", "new")
"""Columns of the CSV form of a diff, in order."""

KINDS = ("table added", "table removed", "column added", "column removed", "added", "removed", "changed")
"""The kinds of change, in the order they are listed within a table."""


@dataclass(frozen=True)
class Change:
    """One difference: a table, a column or a row added or removed, or one
    cell of a row changed (``field``, ``old`` -> ``new``)."""

    table: str
    change: str
    key: str = ""
    field: str = ""
    old: str = ""
    new: str = ""


def _tables(copy: Copy) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in copy.descriptor["resources"]}


def _rows(copy: Copy, resource: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a resource's CSV, as text (read through
    :meth:`Copy.read`: only regular files inside the copy)."""
    path = resource.get("path")
    raw = copy.read(path)
    try:
        text = raw.decode(resource.get("encoding", "utf-8")).removeprefix("\ufeff")
    except (UnicodeDecodeError, LookupError):
        raise DataError(copy.file(path), None, None, N_("not text in the encoding the descriptor declares")) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataError(copy.file(path), None, None, N_("empty file, no header row"))
    return rows[0], rows[1:]


def compare(old: str | Path | Copy, new: str | Path | Copy) -> list[Change]:
    """Every difference between two copies (each a folder, a
    ``datapackage.json`` or a release zip, see :class:`Copy`), table by table
    in the new copy's order (tables only the old copy has come last)."""
    old = old if isinstance(old, Copy) else Copy.of(old)
    new = new if isinstance(new, Copy) else Copy.of(new)
    before, after = _tables(old), _tables(new)
    changes: list[Change] = []
    for name in [*after, *(n for n in before if n not in after)]:
        if name not in before:
            changes.append(Change(name, "table added"))
            continue
        if name not in after:
            changes.append(Change(name, "table removed"))
            continue
        changes += _table(name, old, before[name], new, after[name])
    return changes


def _table(name: str, old: Copy, res_old: dict, new: Copy, res_new: dict) -> list[Change]:
    head_old, rows_old = _rows(old, res_old)
    head_new, rows_new = _rows(new, res_new)
    changes = [Change(name, "column added", field=c) for c in head_new if c not in head_old]
    changes += [Change(name, "column removed", field=c) for c in head_old if c not in head_new]
    key = _primary_key(res_new) or _primary_key(res_old) or list(head_new)
    if not set(key) <= set(head_old) & set(head_new):
        # the key itself changed: rows cannot be matched, compare whole rows
        key = [c for c in head_new if c in head_old]
    common = [c for c in head_new if c in head_old]
    first = _by_key(old, res_old, head_old, rows_old, key)
    second = _by_key(new, res_new, head_new, rows_new, key)
    changes += [Change(name, "added", _show(key, k)) for k in second if k not in first]
    changes += [Change(name, "removed", _show(key, k)) for k in first if k not in second]
    for k, row in second.items():
        if k in first:
            for column in common:
                if first[k][column] != row[column]:
                    changes.append(Change(name, "changed", _show(key, k), column, first[k][column], row[column]))
    return changes


def _primary_key(resource: dict) -> list[str]:
    key = (resource.get("schema") or {}).get("primaryKey") or []
    return [key] if isinstance(key, str) else list(key)


def _by_key(copy: Copy, resource: dict, header: list[str], rows: list[list[str]], key: list[str]) -> dict:
    out: dict[tuple[str, ...], dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise DataError(copy.file(resource["path"]), number, None,
                            N_("the header has {header} columns, this row {count}"), count=len(row), header=len(header))
        record = dict(zip(header, row))
        k = tuple(record[c] for c in key)
        if k in out:
            raise DataError(copy.file(resource["path"]), number, ",".join(key),
                            N_("the primary key {key} repeats an earlier row"), key=_show(key, k))
        out[k] = record
    return out


def _show(key: list[str], values: tuple[str, ...]) -> str:
    return ", ".join(f"{column}={value}" for column, value in zip(key, values))


def text(changes: list[Change], old: str, new: str) -> str:
    """The changes as text for a terminal or a changelog: a summary line per
    table, then ``+`` added, ``-`` removed and ``~`` changed rows with every
    changed field, old -> new."""
    lines = [f"kz-between-chairs diff: {old} -> {new}"]
    if not changes:
        return "\n".join(lines + ["no differences"]) + "\n"
    tables = list(dict.fromkeys(c.table for c in changes))
    for table in tables:
        mine = [c for c in changes if c.table == table]
        counts = {kind: len({c.key for c in mine if c.change == kind}) for kind in ("added", "removed", "changed")}
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
        whole = [c for c in mine if c.change.startswith(("table", "column"))]
        lines.append(f"{table}: " + "; ".join([*(_whole(c) for c in whole), *([summary] if summary else [])]))
        last = None
        for c in mine:
            if c.change == "added":
                lines.append(f"  + {c.key}")
            elif c.change == "removed":
                lines.append(f"  - {c.key}")
            elif c.change == "changed":
                if c.key != last:
                    lines.append(f"  ~ {c.key}")
                    last = c.key
                lines.append(f"      {c.field}: {c.old!r} -> {c.new!r}")
    return "\n".join(lines) + "\n"


def _whole(change: Change) -> str:
    return f"{change.change} {change.field}".rstrip() if change.field else change.change


def to_csv(changes: list[Change]) -> str:
    """The changes as CSV (header :data:`COLUMNS`, one line per change)."""
    return format_rows([COLUMNS, *([c.table, c.change, c.key, c.field, c.old, c.new] for c in changes)])
