"""Identifier rules: Wikidata item ids constrained to their form (the
schema's pattern, which frictionless enforces); ISO codes that exist
(pycountry); every country, currency (and language) entity has its code.
"""

from __future__ import annotations

from collections.abc import Iterator

from .codes import CODED_TYPES
from .context import Context
from .descriptor import invalid_pattern
from .problem import DESCRIPTOR_FILE, Problem
from .tables import Table

RULES = {
    "wikidata-id": "a wikidata_id field has the pattern ^Q[1-9][0-9]*$ (Q and a number without leading zero)",
    "code-exists": "an ISO 3166-1 alpha-2, ISO 4217 or language code exists (pycountry)",
    "code-missing": "every country has its ISO 3166-1 alpha-2 code, every currency its ISO 4217 code",
}

WIKIDATA_COLUMN = "wikidata_id"
WIKIDATA_PATTERN = "^Q[1-9][0-9]*$"


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        if WIKIDATA_COLUMN in table.fields:
            pattern = (table.fields[WIKIDATA_COLUMN].get("constraints") or {}).get("pattern")
            if pattern != WIKIDATA_PATTERN and not invalid_pattern(table.fields[WIKIDATA_COLUMN]):  # else field-pattern's
                yield Problem(DESCRIPTOR_FILE, None, f"{table.name}.{WIKIDATA_COLUMN}", "wikidata-id",
                              f"pattern {pattern!r}; a Wikidata item id is {WIKIDATA_PATTERN!r}")
        for kind in CODED_TYPES.values():
            for number, value in table.cells(kind.column):
                if value and not kind.exists(value):
                    yield Problem(table.file, number, kind.column, "code-exists", f"{value!r} is not an {kind.standard} code")
    entities = ctx.tables.get("entities")
    if entities is not None:
        yield from _missing_codes(entities)


def _missing_codes(entities: Table) -> Iterator[Problem]:
    if entities.index("entity_type") is None:
        yield Problem(entities.file, 1, "entity_type", "code-missing",
                      "no entity_type column: the code rules learn from it which entities need a code")
        return
    needed = {row[0] for _, row in entities.records("entity_type")} & set(CODED_TYPES)
    for entity_type in sorted(needed):
        kind = CODED_TYPES[entity_type]
        if entities.index(kind.column) is None:
            yield Problem(entities.file, 1, kind.column, "code-missing",
                          f"no {kind.column} column for the {entity_type} entities' {kind.standard} codes")
            continue
        for number, (row_type, code) in entities.records("entity_type", kind.column):
            if row_type == entity_type and not code:
                yield Problem(entities.file, number, kind.column, "code-missing",
                              f"a {entity_type} needs its {kind.standard} code")
