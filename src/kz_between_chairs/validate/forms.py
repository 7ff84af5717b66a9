"""Plain-form rules: numbers in plain ASCII digits, dates as ISO
``YYYY-MM-DD``, URIs as absolute http(s) addresses with a host.

Frictionless reads more than these forms (``２５００``, ``NaN``, ``1_000``,
``2022-1-1``, ``https:///path``); each rule reports only a cell that
frictionless accepts, since a cell frictionless rejects has its type-error
already.

>>> bool(PLAIN_URI.fullmatch("https://example.org/a?b=1")), bool(PLAIN_URI.fullmatch("https:///a"))
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from ..csv_format import INTEGER, NUMBER
from ..i18n import N_
from .context import Context
from .problem import Problem
from .tables import Table

RULES = {
    "number-form": "a number or integer cell is in plain ASCII digits (no NaN, Infinity, other digits or separators)",
    "date-form": "a date cell is an ISO date, YYYY-MM-DD",
    "uri-form": "a uri cell is an absolute http(s) address with a host and no blank",
}

PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
PLAIN_URI = re.compile(r"https?://[^\s/?#@:]+(?::\d+)?(?:[/?#]\S*)?", re.ASCII)

FORMS = {
    # (type, format) -> (rule, plain form, what a message asks for)
    ("number", None): ("number-form", NUMBER,
                       N_("{value} is not a number in plain digits (such as 2500 or 0.45)")),
    ("integer", None): ("number-form", INTEGER, N_("{value} is not a whole number in plain digits (such as 2500)")),
    ("date", None): ("date-form", PLAIN_DATE, N_("{value} is not an ISO date (YYYY-MM-DD)")),
    ("string", "uri"): ("uri-form", PLAIN_URI,
                        N_("{value} is not an absolute http(s) address with a host and no blank")),
}


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        schema = table.resource["schema"]
        missing = set(schema.get("missingValues", [""]))
        for column, field in table.fields.items():
            form = FORMS.get((field.get("type", "string"), field.get("format") if field.get("type") == "string" else None))
            if form is not None:
                yield from _cells(table, column, field, form, missing)


def _cells(table: Table, column: str, field: dict[str, Any], form: tuple, missing: set[str]) -> Iterator[Problem]:
    rule, plain, wanted = form
    for number, value in table.cells(column):
        if value in missing or value != value.strip() or plain.fullmatch(value):
            continue  # a blank at an edge is csv-whitespace's
        if _accepted(field.get("type", "string"), field.get("format"), value):
            yield Problem.of(table.file, number, column, rule, wanted, value=repr(value))


@cache
def _accepted(kind: str, form: str | None, value: str) -> bool:
    """True when frictionless reads ``value`` as a ``kind`` field without error."""
    from frictionless import Field

    field = Field.from_descriptor({"name": "x", "type": kind, **({"format": form} if form else {})})
    return field.read_cell(value)[1] is None
