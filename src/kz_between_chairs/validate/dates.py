"""Date rules: every EDTF value parses (edtf library); ``date_start`` and
``date_end`` equal its strict bounds; start not after end; a name's
``valid_from`` before its ``valid_to``, and the periods of one name
(``period_number``) in time order without overlap.

An EDTF column is a field with the ``rdfType`` of EDTF in the descriptor; a
table with ``date_start``/``date_end`` and one EDTF column derives them from
it (:func:`kz_between_chairs.dates.bounded_field`, as
``scripts/update_derived.py`` does).

>>> _bounds("2022-01-02/2022-01")
('2022-01-02', '2022-01-31')
>>> _bounds("2022-13")
"not an EDTF date: '2022-13'"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache

from .. import dates
from ..i18n import N_
from .context import Context
from .problem import Problem
from .tables import Table

RULES = {
    "edtf-parse": "every EDTF value parses (level 0-1, edtf library)",
    "edtf-bounds": "date_start and date_end equal the strict bounds of the EDTF value",
    "date-order": "date_start is not after date_end",
    "validity-order": "valid_from is before valid_to",
    "validity-periods": "the periods of one name are numbered 1, 2 ... in time order and do not overlap",
}

BOUNDS = dates.BOUNDS
VALIDITY = ("valid_from", "valid_to")
PERIOD = "period_number"
# Translators: {first} and {second} are column names (date_start), {start} and {end} their dates.
BEFORE = N_("{first} {start} is not before {second} {end}")
ON_OR_BEFORE = N_("{first} {start} is not on or before {second} {end}")
OVERLAP = {
    # (no valid_from, no valid_to of the earlier period) -> message
    (False, False): N_("{start}; the name's period in row {first} is valid until {end}"),
    (False, True): N_("{start}; the name's period in row {first} is valid until now"),
    (True, False): N_("empty; the name's period in row {first} is valid until {end}"),
    (True, True): N_("empty; the name's period in row {first} is valid until now"),
}


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        edtf = [c for c in table.header if table.fields.get(c, {}).get("rdfType") == dates.EDTF_TYPE]
        for column in edtf:
            for number, value in table.cells(column):
                parsed = _bounds(value) if value else None
                if isinstance(parsed, str):
                    yield Problem(table.file, number, column, "edtf-parse", parsed)
        if len(edtf) == 1 and all(c in table.header for c in BOUNDS):
            yield from _derived(table, edtf[0])
        yield from _order(table, BOUNDS, "date-order", strict=False)
        yield from _order(table, VALIDITY, "validity-order", strict=True)
        yield from _periods(table)


@lru_cache(maxsize=4096)
def _bounds(value: str) -> tuple[str, str] | str:
    """ISO strict bounds ("" for an open end), or the parse error's message.
    Cached: the same value recurs across rows and tables."""
    try:
        low, high = dates.bounds(value)
    except ValueError as exc:
        return str(exc)
    return (low.isoformat() if low else "", high.isoformat() if high else "")


def _derived(table: Table, column: str) -> Iterator[Problem]:
    for number, (value, *given) in table.records(column, *BOUNDS):
        expected = _bounds(value) if value else ("", "")
        if isinstance(expected, str):
            continue  # edtf-parse reported it
        for name, have, want in zip(BOUNDS, given, expected):
            if have != want:
                yield Problem.of(table.file, number, name, "edtf-bounds",
                                 N_("{have}; the strict bound of {field} {value} is {want}"),
                                 have=repr(have), field=column, value=repr(value), want=repr(want))


def _order(table: Table, columns: tuple[str, str], rule: str, strict: bool) -> Iterator[Problem]:
    """The first column's date on or before (``strict``: before) the second's."""
    if not all(c in table.header for c in columns):
        return
    for number, (start, end) in table.records(*columns):
        low, high = _date(start), _date(end)
        if low and high and (low > high or (strict and low == high)):
            yield Problem.of(table.file, number, columns[1], rule, BEFORE if strict else ON_OR_BEFORE,
                             first=columns[0], start=start, second=columns[1], end=end)


def _periods(table: Table) -> Iterator[Problem]:
    """A name official in several periods has a row per period (the key is
    the name and its ``period_number``): the numbers follow ``valid_from``, and
    a period ends (``valid_to``, exclusive) on or before the next one starts."""
    if not all(c in table.header for c in (*VALIDITY, PERIOD)):
        return
    name = [c for c in table.resource["schema"].get("primaryKey", []) if c != PERIOD]
    periods: dict[tuple[str, ...], list[tuple[dt.date, int, str, str]]] = {}
    for number, (*key, start, end, period) in table.records(*name, *VALIDITY, PERIOD):
        periods.setdefault(tuple(key), []).append((_date(start) or dt.date.min, number, end, period))
    for rows in periods.values():
        rows.sort()
        for position, (_, number, _, period) in enumerate(rows, 1):
            if period.isdigit() and int(period) != position:
                yield Problem.of(table.file, number, PERIOD, "validity-periods",
                                 N_("{period}; by valid_from this is period {position} of the name"),
                                 period=period, position=position)
        for (_, first, end, _), (start, number, _, _) in zip(rows, rows[1:]):
            if not _date(end) or _date(end) > start:
                template = OVERLAP[start == dt.date.min, not end]
                yield Problem.of(table.file, number, VALIDITY[0], "validity-periods", template,
                                 start=start, first=first, end=end)


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None  # empty, or a type error that frictionless reports
