"""Frictionless 5 on the descriptor and every table, run once; its errors as
:class:`Problem`.

The rule name of such a problem is frictionless's own error type
(``type-error``, ``constraint-error``, ``foreign-key``, ``primary-key`` ...),
so its documentation applies as it is.  The checks in :data:`SKIP` are
skipped: the project's rules make them, with a message that says how to fix
the fault.  A cell error's message is
frictionless's note after the cell's value:

>>> class E:  # the attributes frictionless errors carry
...     type, note, cell, row_number, field_name = "type-error", 'type is "number/default"', "abc", 2, "value"
>>> _problem("data/indicators.csv", E()).format()
'data/indicators.csv:2:value: type-error: \\'abc\\': type is "number/default"'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .context import Context
from .descriptor import invalid_pattern
from .problem import DESCRIPTOR_FILE, Problem

HEADER_ROW = 1
SKIP = ("byte-count", "hash-count", "#header")
"""Frictionless errors that the project's rules report instead: the
descriptor rules ``resource-bytes`` and ``resource-hash``, and the hygiene
rule ``csv-header`` (one problem for a header that is not the schema's,
instead of one per label).  A table that the hygiene rules find unreadable
(not UTF-8, a broken quote) or misheaded is not given to frictionless at
all: read by position, every cell of it would be a consequence of that one
fault (and 5,000 extra columns would take frictionless half a minute)."""


def check(ctx: Context) -> Iterator[Problem]:
    from frictionless import Checklist, FrictionlessException, Package

    package = None
    checklist = Checklist(skip_errors=list(SKIP))
    try:
        package = Package(str(ctx.descriptor_path))
        for resource in ctx.resources:
            if resource["path"] in ctx.unreadable or resource["path"] in ctx.headers:
                package.remove_resource(resource["name"])
                continue
            for field in resource["schema"]["fields"]:
                if invalid_pattern(field):  # field-pattern reports it; frictionless would stop at it
                    package.get_resource(resource["name"]).schema.get_field(field["name"]).constraints.pop("pattern")
        reports = [package.validate(checklist)]
    except FrictionlessException as exc:
        # Why go on: the project's rules still run on what can be read.
        reasons = "".join(f" ({r.message})" for r in exc.reasons)
        yield Problem(DESCRIPTOR_FILE, None, None, exc.error.type, exc.error.message + reasons)
        return
    except ArithmeticError:
        # A cell frictionless cannot compare (sNaN: decimal.InvalidOperation)
        # ends its whole run; table by table, only that table's is lost.
        reports = []
        for resource in package.resources:
            try:
                reports.append(package.validate(checklist, name=resource.name))
            except ArithmeticError as exc:
                yield Problem(resource.path, None, None, "table-unchecked",
                              f"frictionless stopped in this table at a number it cannot compare ({type(exc).__name__}); "
                              "the number-form rule names the cell")
    for report in reports:
        yield from _problems(report)


def _problems(report: Any) -> Iterator[Problem]:
    for error in report.errors:
        yield _problem(DESCRIPTOR_FILE, error)
    for task in report.tasks:
        file = task.place if isinstance(task.place, str) else task.name
        for error in task.errors:
            yield _problem(file, error)


def _problem(file: str, error: Any) -> Problem:
    row = getattr(error, "row_number", None)
    if row is None and getattr(error, "row_numbers", None):
        row = HEADER_ROW  # a header (label) error
    column = getattr(error, "field_name", None)
    if column is None and getattr(error, "field_names", None):
        column = ",".join(error.field_names)
    message = getattr(error, "note", "") or error.message
    cell = getattr(error, "cell", None)
    if cell not in (None, "", "None") and getattr(error, "note", ""):
        message = f"{cell!r}: {message}"
    return Problem(file, row, column, error.type, message)
