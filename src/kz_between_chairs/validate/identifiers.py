"""Identifier rules: Wikidata item ids well formed; ISO codes that exist
(pycountry); every country, currency (and language) entity has its code.

>>> bool(WIKIDATA_ID.match("Q232")), bool(WIKIDATA_ID.match("Q0232"))
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .codes import CODED_TYPES
from .problems import Context, Problem
from .tables import Table

RULES = {
    "wikidata-id": "wikidata_id matches ^Q[1-9][0-9]*$",
    "code-exists": "an ISO 3166-1 alpha-2, ISO 4217 or language code exists (pycountry)",
    "code-missing": "every country has its ISO 3166-1 alpha-2 code, every currency its ISO 4217 code",
}

RESTATES = {"wikidata-id": ("constraint-error", "pattern")}

WIKIDATA_COLUMN = "wikidata_id"
WIKIDATA_ID = re.compile(r"^Q[1-9][0-9]*$")


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables():
        for number, value in table.cells(WIKIDATA_COLUMN):
            if value and not WIKIDATA_ID.match(value):
                yield Problem(table.file, number, WIKIDATA_COLUMN, "wikidata-id",
                              f"{value!r} is not a Wikidata item id (Q and a number without leading zero)")
        for kind in CODED_TYPES.values():
            for number, value in table.cells(kind.column):
                if value and not kind.exists(value):
                    yield Problem(table.file, number, kind.column, "code-exists", f"{value!r} is not an {kind.standard} code")
    entities = ctx.table("entities")
    if entities is not None:
        yield from _missing_codes(entities)


def _missing_codes(entities: Table) -> Iterator[Problem]:
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
