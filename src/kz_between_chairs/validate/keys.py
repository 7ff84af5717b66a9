"""Table Schema 2.0 rules that frictionless 5.21 reads but does not enforce:
a field's ``categories`` and a schema's ``uniqueKeys``.  The descriptor uses
neither today; the rules apply as soon as it does.

>>> sorted(_categories([{"value": 1, "label": "one"}, "two"]))
['1', 'two']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import N_
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem
from .tables import Table

RULES = {
    "categories": "a value of a field with categories is one of them",
    "unique-keys": "no two rows share the values of a unique key (a row with a missing value in it is exempt)",
}


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        schema = table.resource.get("schema") or {}
        missing = set(schema.get("missingValues", [""]))
        for column, field in table.fields.items():
            if isinstance(field.get("categories"), list):
                yield from _category_values(table, column, _categories(field["categories"]), missing)
        for key in schema.get("uniqueKeys") or []:
            if isinstance(key, list) and key:
                yield from _unique(table, key, missing)


def _categories(categories: list[Any]) -> set[str]:
    return {str(c["value"] if isinstance(c, dict) else c) for c in categories}


def _category_values(table: Table, column: str, allowed: set[str], missing: set[str]) -> Iterator[Problem]:
    for number, value in table.cells(column):
        if value not in missing and value not in allowed:
            yield Problem.of(table.file, number, column, "categories",
                             N_("{value} is not one of the categories {allowed}"),
                             value=repr(value), allowed=", ".join(sorted(allowed)))


def _unique(table: Table, key: list[str], missing: set[str]) -> Iterator[Problem]:
    """As SQL's UNIQUE: a row with a null (missing value) in the key is exempt
    (Table Schema 2.0, uniqueKeys)."""
    absent = [c for c in key if table.index(c) is None]
    if absent:
        yield Problem.of(DESCRIPTOR_FILE, None, f"{table.name}.uniqueKeys", "unique-keys",
                         N_("{fields} is not a field of the table"), fields=", ".join(map(repr, absent)))
        return
    seen: dict[tuple[str, ...], int] = {}
    for number, values in table.records(*key):
        if not missing.intersection(values):
            first = seen.setdefault(values, number)
            if first != number:
                yield Problem.of(table.file, number, ",".join(key), "unique-keys", N_("{values} repeats row {first}"),
                                 values=", ".join(map(repr, values)), first=first)
