"""A data package read for the site: the descriptor, every table as rows of
cell text, and the lookups the pages need (a row by its key, a label in a
language, the rows that point at a row).

The copy is opened with :class:`kz_between_chairs.copies.Copy`, so the site
builds from the installed package, a folder, a ``datapackage.json`` or a
release zip, and reads only regular files inside the copy.  Cells are kept
as the CSV writes them (read with :mod:`csv`, not as typed frames): a number
keeps the digits the package wrote, a date its EDTF qualifiers.

>>> pkg = Package.open()
>>> pkg.label("entities", "kazakhstan", "kk")
'Қазақстан'
>>> [(table, column) for table, column, _rows in pkg.referrers("events", "csto_deployment")][:2]
[('event_participants', 'event_id'), ('indicators', 'event_id')]
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .. import descriptor
from ..copies import Copy

Row = dict[str, str]


@dataclass
class Package:
    """One copy of the data package."""

    copy: Copy
    meta: dict[str, Any]
    tables: dict[str, list[Row]] = field(repr=False)

    @classmethod
    def open(cls, path: str | Path | None = None) -> Package:
        """Read the copy at ``path`` (the installed package when None).  A
        missing or unreadable file is a ValueError that names it."""
        copy = Copy.of(path)
        meta = copy.descriptor
        tables = {}
        for name in descriptor.table_names(meta):
            res = descriptor.resource(name, meta)
            data = copy.read(res.get("path"))
            try:
                text = data.decode(res.get("encoding", "utf-8"))
                tables[name] = list(csv.DictReader(io.StringIO(text, newline="")))
            except (UnicodeDecodeError, LookupError, csv.Error) as exc:
                raise ValueError(f"{copy.file(res['path'])}: cannot read the table {name!r}: {exc}") from None
        return cls(copy, meta, tables)

    def read(self, member: str) -> bytes:
        """The bytes of a file of the copy (a resource path)."""
        return self.copy.read(member)

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
            cache[table] = {r[key]: r for r in self.tables.get(table, [])} if key else {}
        return cache[table]
