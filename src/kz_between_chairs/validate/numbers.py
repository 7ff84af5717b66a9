"""Number rules: percentages within 0-100, counts whole numbers, the
comparator from a closed set in the descriptor.  The schema's ``minimum``
(no negative value) and ``enum`` are frictionless's to enforce.

What a unit is comes from the units table, by its UCUM code: ``%`` is a
percentage; an annotation such as ``{person}`` counts things.

>>> _kind("%"), _kind("{person}"), _kind("wk")
('percent', 'count', None)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..descriptor import foreign_keys
from ..i18n import N_
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem
from .tables import Table

RULES = {
    "percent-range": "a value in a percent unit is at most 100",
    "count-value": "a value in a count unit is a whole number",
    "comparator-enum": "the comparator field has a closed set (constraints.enum)",
}

VALUE, UNIT, COMPARATOR, UCUM = "value", "unit", "comparator", "ucum"
PERCENT_UCUM = "%"


def check(ctx: Context) -> Iterator[Problem]:
    found: dict[Problem, None] = {}  # ordered, once: tables share a units table
    for table in ctx.tables.values():
        if table.index(VALUE) is not None and table.index(UNIT) is not None:
            found.update(dict.fromkeys(_values(ctx, table)))
    yield from found
    for table in ctx.tables.values():
        if table.index(COMPARATOR) is not None:
            yield from _comparators(table)


def _kind(ucum: str) -> str | None:
    if ucum == PERCENT_UCUM:
        return "percent"
    if ucum.startswith("{") and ucum.endswith("}"):
        return "count"
    return None


def _values(ctx: Context, table: Table) -> Iterator[Problem]:
    try:
        units_name, key = foreign_keys(table.name, ctx.descriptor)[UNIT]
    except (KeyError, ValueError, TypeError):
        return  # no unit table to learn the units from
    units = ctx.tables.get(units_name)
    if units is None:
        return  # not readable: the shape or hygiene rules say why
    if units.index(UCUM) is None:
        yield Problem.of(units.file, 1, UCUM, "percent-range",
                         N_("no {column} column: the percent and count rules learn a unit's kind from it"), column=UCUM)
        return
    kinds = {unit: _kind(ucum) for _, (unit, ucum) in units.records(key, UCUM)}
    for number, (text, unit) in table.records(VALUE, UNIT):
        kind = kinds.get(unit)
        try:
            value = float(text)
        except ValueError:
            continue  # frictionless reports the type error
        if kind == "percent" and value > 100:
            yield Problem.of(table.file, number, VALUE, "percent-range",
                             N_("{value} {unit}: a percentage lies within 0-100"), value=text, unit=unit)
        elif kind == "count" and not value.is_integer():
            yield Problem.of(table.file, number, VALUE, "count-value",
                             N_("{value} {unit}: a count is a whole number, not negative"), value=text, unit=unit)


def _comparators(table: Table) -> Iterator[Problem]:
    if not (table.fields.get(COMPARATOR, {}).get("constraints") or {}).get("enum"):
        yield Problem.of(DESCRIPTOR_FILE, None, f"{table.name}.{COMPARATOR}", "comparator-enum",
                         N_("no closed set: give the field constraints.enum"))
