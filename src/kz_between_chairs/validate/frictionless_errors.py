"""Frictionless 5 on the descriptor and every table, run once; its errors as
:class:`Problem`.

The rule name of such a problem is frictionless's own error type
(``type-error``, ``constraint-error``, ``foreign-key``, ``primary-key`` ...),
so its documentation applies as it is.  The checks in :data:`SKIP` are
skipped: the project's rules make them, with a message that says how to fix
the fault.  A cell error's message is
frictionless's note after the cell's value, except a constraint error's,
which says what the cell breaks (:data:`CONSTRAINTS`):

>>> class E:  # the attributes frictionless errors carry
...     type, note, cell, row_number, field_name = "type-error", 'type is "number/default"', "abc", 2, "value"
>>> _problem("data/indicators.csv", E()).format()
'data/indicators.csv:2:value: type-error: \\'abc\\': type is "number/default"'

In another language the message comes from a translated template per error
type, filled from the error's attributes (cell, field, row, the reference of
a foreign key) and the field's schema, never from frictionless's English
text; an error type without a template (:data:`TEMPLATES`) keeps
frictionless's note:

>>> _problem("data/indicators.csv", E(), {"type": "number"}).format("ru")
"data/indicators.csv:2:value: type-error: 'abc': значение не типа «number/default»"
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import N_
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


TEMPLATES = {
    # Translators: frictionless type-error; {type} is a Table Schema type and format (number/default).
    "type-error": N_("{cell}: not a value of type \"{type}\""),
    "missing-cell": N_("the row has no cell for this column"),
    "extra-cell": N_("{cell}: a cell beyond the last column"),
    "blank-row": N_("the row is blank"),
    "primary-key": N_("the primary key repeats that of an earlier row"),
    # Translators: frictionless unique-error; the column's values must be unique.
    "unique-error": N_("{cell} appears in an earlier row of this column, whose values are unique"),
    # Translators: frictionless foreign-key; {cells} were not found in {fields} of the table {table}.
    "foreign-key": N_("{cells} is not among the values of {fields} in the table {table}"),
}
"""A translated template per frictionless error type (its ``type``), filled
from the error's attributes; constraint errors have one per constraint
(:data:`CONSTRAINTS`)."""

CONSTRAINTS = {
    "required": N_("the column requires a value"),
    "pattern": N_("{cell} does not match the pattern \"{value}\""),
    "enum": N_("{cell} is not one of the allowed values: {value}"),
    "minimum": N_("{cell} is below the minimum, {value}"),
    "maximum": N_("{cell} is above the maximum, {value}"),
    "exclusiveMinimum": N_("{cell} is not above {value}"),
    "exclusiveMaximum": N_("{cell} is not below {value}"),
    "minLength": N_("{cell} is shorter than {value} characters"),
    "maxLength": N_("{cell} is longer than {value} characters"),
}
"""A constraint error's template, by the constraint the cell breaks: an
empty cell breaks ``required``; a filled one, the field's only other
constraint.  A field with several other constraints keeps frictionless's
note (which says which one, but only in English prose)."""


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
                yield Problem.of(resource.path, None, None, "table-unchecked",
                                 N_("frictionless stopped in this table at a number it cannot compare ({error}); "
                                    "the number-form rule names the cell"), error=type(exc).__name__)
    fields = {(r["path"], f["name"]): f for r in ctx.resources for f in r["schema"]["fields"]}
    for report in reports:
        yield from _problems(report, fields)


def _problems(report: Any, fields: dict[tuple[str, str], dict[str, Any]]) -> Iterator[Problem]:
    for error in report.errors:
        yield _problem(DESCRIPTOR_FILE, error)
    for task in report.tasks:
        file = task.place if isinstance(task.place, str) else task.name
        for error in task.errors:
            yield _problem(file, error, fields.get((file, getattr(error, "field_name", None)), {}))


def _problem(file: str, error: Any, field: dict[str, Any] | None = None) -> Problem:
    """``error`` as a problem; ``field``: the schema of its column, if any."""
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
    template, args = _template(error, field or {})
    if template and error.type == "constraint-error":
        # Why in English too: frictionless's note names the constraint and
        # its setting ('constraint "required" is "True"'), not the fault.
        return Problem.of(file, row, column, error.type, template, **args)
    return Problem(file, row, column, error.type, message, template, tuple(args.items()))


def _template(error: Any, field: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The translated template of ``error`` and its arguments, or ``(None, {})``."""
    cell = getattr(error, "cell", None)
    args: dict[str, Any] = {"cell": repr(cell)}
    if error.type == "constraint-error":
        if cell in (None, ""):
            return CONSTRAINTS["required"], args
        others = [name for name in field.get("constraints", {}) if name != "required"]
        if len(others) != 1 or others[0] not in CONSTRAINTS:
            return None, {}
        value = field["constraints"][others[0]]
        args["value"] = ", ".join(map(str, value)) if isinstance(value, list) else value
        return CONSTRAINTS[others[0]], args
    if error.type not in TEMPLATES:
        return None, {}
    if error.type == "type-error":
        args["type"] = f"{field.get('type', 'string')}/{field.get('format', 'default')}"
    if error.type == "foreign-key":
        args.update(cells=repr(", ".join(map(str, error.field_cells))), fields=", ".join(error.reference_field_names),
                    table=error.reference_name or "-")
    return TEMPLATES[error.type], args
