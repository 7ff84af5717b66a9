"""A data package read for the site: the descriptor, every table as rows of
cell text, and the lookups the pages need (a row by its key, a label in a
language, the rows that point at a row).

The site shows cells as the CSV writes them, so the tables are read as text
with :mod:`csv` rather than as typed frames: a number keeps the digits the
package wrote, a date its EDTF qualifiers.

>>> pkg = Package.open()
>>> pkg.label("entities", "kazakhstan", "kk")
'Қазақстан'
>>> [(table, column) for table, column, _rows in pkg.referrers("events", "csto_deployment")][:2]
[('event_participants', 'event_id'), ('indicators', 'event_id')]
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import descriptor
from .._paths import package_root

Row = dict[str, str]


@dataclass
class Package:
    """One copy of the data package: ``root`` holds ``datapackage.json``."""

    root: Path
    meta: dict[str, Any]
    tables: dict[str, list[Row]] = field(repr=False)

    @classmethod
    def open(cls, path: str | Path | None = None) -> Package:
        """Read the package at ``path`` (a folder or its ``datapackage.json``;
        the installed package when None).  A missing or unreadable file is a
        ValueError that names it."""
        root = package_root() if path is None else Path(path)
        if root.name == "datapackage.json":
            root = root.parent
        file = root / "datapackage.json"
        if not file.is_file():
            raise ValueError(f"{file}: no datapackage.json there (--package takes a folder holding one)")
        try:
            meta = descriptor.read(file)
        except (OSError, ValueError) as exc:
            raise ValueError(f"{file}: not a readable descriptor: {exc}") from None
        tables = {name: _read_csv(root, descriptor.resource(name, meta)) for name in descriptor.table_names(meta)}
        return cls(root, meta, tables)

    # --- the schema

    def resource(self, table: str) -> dict[str, Any]:
        return descriptor.resource(table, self.meta)

    def fields(self, table: str) -> list[dict[str, Any]]:
        return self.resource(table)["schema"]["fields"]

    def key(self, table: str) -> str | None:
        """The one-column primary key of ``table``, or None."""
        key = self.resource(table)["schema"].get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        return key[0] if len(key) == 1 else None

    def foreign_keys(self, table: str) -> dict[str, tuple[str, str]]:
        return descriptor.foreign_keys(table, self.meta)

    @cached_property
    def vocabularies(self) -> list[str]:
        return descriptor.vocabularies(self.meta)

    # --- rows

    def row(self, table: str, key: str) -> Row | None:
        return self._index(table).get(key)

    def label(self, table: str, key: str, lang: str) -> str:
        """The label of row ``key`` of ``table`` in ``lang`` (English, then a
        title or name, then the key itself where there is none)."""
        row = self.row(table, key) or {}
        for column in (f"label_{lang}", "label_en", "title", "name"):
            if row.get(column):
                return row[column]
        return key

    def referrers(self, table: str, key: str) -> list[tuple[str, str, list[Row]]]:
        """``(table, column, rows)`` for every foreign key into ``table`` that
        some rows point along at ``key``, in descriptor order."""
        return self.referrers_many(table, [key])

    def referrers_many(self, table: str, keys: list[str]) -> list[tuple[str, str, list[Row]]]:
        """As :meth:`referrers`, for rows pointing at any of ``keys``."""
        wanted, found = set(keys), []
        for other in self.tables:
            for column, (target, _field) in self.foreign_keys(other).items():
                if target == table:
                    rows = [r for r in self.tables[other] if r.get(column) in wanted]
                    if rows:
                        found.append((other, column, rows))
        return found

    def _index(self, table: str) -> dict[str, Row]:
        cache = self.__dict__.setdefault("_indexes", {})
        if table not in cache:
            key = self.key(table)
            cache[table] = {r[key]: r for r in self.tables[table]} if key else {}
        return cache[table]


def _read_csv(root: Path, resource: dict[str, Any]) -> list[Row]:
    path = root / resource["path"]
    try:
        with path.open(encoding=resource.get("encoding", "utf-8"), newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ValueError(f"{path}: cannot read the table {resource['name']!r}: {exc}") from None
