"""Identifier rules: Wikidata item ids constrained to their form (the
schema's pattern, which frictionless enforces); ISO codes that exist
(pycountry); every country, currency (and language) entity has its code.
"""

from __future__ import annotations

from collections.abc import Iterator

from .codes import CODED_TYPES
from ..i18n import N_
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
                yield Problem.of(DESCRIPTOR_FILE, None, f"{table.name}.{WIKIDATA_COLUMN}", "wikidata-id",
                                 N_("pattern {pattern}; a Wikidata item id is {wanted}"),
                                 pattern=repr(pattern), wanted=repr(WIKIDATA_PATTERN))
        for kind in CODED_TYPES.values():
            for number, value in table.cells(kind.column):
                if value and not kind.exists(value):
                    yield Problem.of(table.file, number, kind.column, "code-exists",
                                     N_("{value} is not an {standard} code"), value=repr(value), standard=kind.standard)
    entities = ctx.tables.get("entities")
    if entities is not None:
        yield from _missing_codes(entities)


def _missing_codes(entities: Table) -> Iterator[Problem]:
    if entities.index("entity_type") is None:
        yield Problem.of(entities.file, 1, "entity_type", "code-missing",
                         N_("no entity_type column: the code rules learn from it which entities need a code"))
        return
    needed = {row[0] for _, row in entities.records("entity_type")} & set(CODED_TYPES)
    for entity_type in sorted(needed):
        kind = CODED_TYPES[entity_type]
        if entities.index(kind.column) is None:
            yield Problem.of(entities.file, 1, kind.column, "code-missing",
                             N_("no {column} column for the {type} entities' {standard} codes"),
                             column=kind.column, type=entity_type, standard=kind.standard)
            continue
        for number, (row_type, code) in entities.records("entity_type", kind.column):
            if row_type == entity_type and not code:
                yield Problem.of(entities.file, number, kind.column, "code-missing",
                                 N_("a {type} needs its {standard} code"), type=entity_type, standard=kind.standard)
