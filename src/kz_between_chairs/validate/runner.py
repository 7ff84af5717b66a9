"""Run the shape rules, then frictionless and every family of the project's
rules on one copy of the package, one after the other; return all problems,
sorted, at most :data:`CAP` per rule and file.

A family is a module with ``check(ctx) -> Iterable[Problem]`` and ``RULES``
(rule name -> what it requires).  The shape rules (:mod:`.shape`) come
first: a descriptor they find fault with, or a file they refuse, is all
that is reported, since neither frictionless nor the other rules can read
it safely (and frictionless would fetch a URL or block on a FIFO).
Frictionless checks the schema (types, constraints, keys); the project's
families check what a schema cannot say.  Where both would see one fault,
only one of them reports it: frictionless skips the checks the project
makes with a clearer message (:data:`.frictionless_errors.SKIP`), and the
project leaves the schema's constraints to frictionless.
"""

from __future__ import annotations

from itertools import groupby
from types import ModuleType

from . import (
    catalogs,
    dates,
    descriptor,
    forms,
    frictionless_errors,
    hygiene,
    identifiers,
    keys,
    labels,
    merge_keys,
    numbers,
    provenance,
    record,
    shape,
)
from ..i18n import N_, Nn_
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem

FAMILIES: tuple[ModuleType, ...] = (
    descriptor, hygiene, labels, identifiers, merge_keys, dates, numbers, forms, provenance, record, keys, catalogs,
)
"""The project's rule families, in running order (after shape and frictionless)."""
CAP = 20
"""Problems reported per rule and file; the rest are counted in one more line."""
MORE = Nn_("and {n} more from here on", "and {n} more from here on")
# Translators: {module} is a module's name, {error} a Python exception (both stay as they are).
FAULT = N_("a fault of the validator in its {module} module ({error}); the other checks ran; please report it")


def run(ctx: Context) -> list[Problem]:
    problems = _safely(shape, ctx)
    if not problems:
        for family in (frictionless_errors, *FAMILIES):
            problems.extend(_safely(family, ctx))
    return capped(sorted(problems, key=Problem.sort_key))


def capped(problems: list[Problem], cap: int = CAP) -> list[Problem]:
    """The first ``cap`` problems of each rule in each file, and a line on
    the row of the next one that counts the rest (a broken file can hold
    thousands).

    >>> many = [Problem("a.csv", n, "x", "r", "m") for n in range(2, 6)]
    >>> [p.format() for p in capped(many, 2)]
    ['a.csv:2:x: r: m', 'a.csv:3:x: r: m', 'a.csv:4: r: and 2 more from here on']
    """
    out: list[Problem] = []
    for (file, rule), group in groupby(sorted(problems, key=lambda p: (p.file, p.rule)), key=lambda p: (p.file, p.rule)):
        found = list(group)
        out.extend(found[:cap])
        if len(found) > cap:
            out.append(Problem.of(file, found[cap].row, None, rule, MORE, n=len(found) - cap))
    return sorted(out, key=Problem.sort_key)


def _safely(family: ModuleType, ctx: Context) -> list[Problem]:
    """A family's problems.  Should a family still fail on some input, that
    is a fault of the validator: reported as one, and the others still run."""
    try:
        return list(family.check(ctx))
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        name = family.__name__.rsplit(".", 1)[-1]
        return [Problem.of(DESCRIPTOR_FILE, None, None, "validator-fault", FAULT,
                           module=name, error=f"{type(exc).__name__}: {exc}")]
