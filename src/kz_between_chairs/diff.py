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
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .csv_format import format_rows

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


class Copy:
    """A readable copy of the package: its descriptor and its files."""

    def __init__(self, source: str | Path) -> None:
        path = Path(source)
        self.name = str(source)
        self._zip: zipfile.ZipFile | None = None
        if path.is_dir():
            path = path / "datapackage.json"
        if zipfile.is_zipfile(path) if path.is_file() else False:
            self._zip = zipfile.ZipFile(path)
            names = self._zip.namelist()
            found = [n for n in names if PurePosixPath(n).name == "datapackage.json" and len(PurePosixPath(n).parts) <= 2]
            if len(found) != 1:
                raise ValueError(f"{source}: no datapackage.json at the root of the zip or in one top folder")
            self._base = str(PurePosixPath(found[0]).parent)
            self.descriptor = self._json(found[0])
        elif path.is_file():
            self._base = path.parent
            self.descriptor = self._json(path)
        else:
            raise ValueError(f"{source}: not a folder with datapackage.json, a descriptor or a zip")
        resources = self.descriptor.get("resources")
        if not isinstance(resources, list):
            raise ValueError(f"{source}: the descriptor has no list of resources")

    def _json(self, member: str | Path) -> dict[str, Any]:
        try:
            raw = self._zip.read(member) if self._zip else Path(member).read_bytes()
            data = json.loads(raw.decode("utf-8"))
        except (OSError, KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{self.name}: {member}: not a readable JSON descriptor ({exc})") from None
        if not isinstance(data, dict):
            raise ValueError(f"{self.name}: {member}: the descriptor is not a JSON object")
        return data

    def tables(self) -> dict[str, dict[str, Any]]:
        return {r.get("name"): r for r in self.descriptor["resources"] if isinstance(r, dict)}

    def read(self, resource: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
        """Header and rows of a resource's CSV, as text."""
        rel = resource.get("path")
        if not isinstance(rel, str) or "://" in rel or rel.startswith(("/", "\\")) or ".." in PurePosixPath(rel).parts:
            raise ValueError(f"{self.name}: resource {resource.get('name')!r}: path {rel!r} is not a file inside the package")
        try:
            if self._zip:
                raw = self._zip.read(str(PurePosixPath(self._base) / rel) if self._base not in ("", ".") else rel)
            else:
                raw = (Path(self._base) / rel).read_bytes()
            text = raw.decode(resource.get("encoding", "utf-8")).removeprefix("\ufeff")
        except (OSError, KeyError, UnicodeDecodeError, LookupError) as exc:
            raise ValueError(f"{self.name}: {rel}: cannot be read ({exc})") from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows:
            raise ValueError(f"{self.name}: {rel}: empty file, no header row")
        return rows[0], rows[1:]


def compare(old: str | Path | Copy, new: str | Path | Copy) -> list[Change]:
    """Every difference between two copies, table by table in the new
    copy's order (tables only the old copy has come last)."""
    old = old if isinstance(old, Copy) else Copy(old)
    new = new if isinstance(new, Copy) else Copy(new)
    before, after = old.tables(), new.tables()
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
    head_old, rows_old = old.read(res_old)
    head_new, rows_new = new.read(res_new)
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
            raise ValueError(
                f"{copy.name}: {resource.get('path')}:{number}: {len(row)} fields, the header has {len(header)}"
            )
        record = dict(zip(header, row))
        k = tuple(record[c] for c in key)
        if k in out:
            raise ValueError(f"{copy.name}: {resource.get('path')}:{number}: primary key {_show(key, k)} repeated")
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
