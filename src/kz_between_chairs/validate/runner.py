"""Run frictionless and every family of the project's rules on one copy of
the package, one after the other; return all problems, sorted.

A family is a module with ``check(ctx) -> Iterable[Problem]`` and ``RULES``
(rule name -> what it requires).  Frictionless checks the schema (types,
constraints, keys); the project's families check what a schema cannot say.
Where both would see one fault, only one of them reports it: frictionless
skips the checks the project makes with a clearer message
(:data:`.frictionless_errors.SKIP`), and the project leaves the schema's
constraints to frictionless.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    catalogs,
    dates,
    descriptor,
    frictionless_errors,
    hygiene,
    identifiers,
    keys,
    labels,
    merge_keys,
    numbers,
    provenance,
    record,
)
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem

FAMILIES: tuple[ModuleType, ...] = (
    descriptor, hygiene, labels, identifiers, merge_keys, dates, numbers, provenance, record, keys, catalogs,
)
"""The project's rule families, in running order (frictionless runs first)."""


def run(ctx: Context) -> list[Problem]:
    problems: list[Problem] = []
    for family in (frictionless_errors, *FAMILIES):
        problems.extend(_safely(family, ctx))
    return sorted(problems, key=Problem.sort_key)


def _safely(family: ModuleType, ctx: Context) -> list[Problem]:
    """A family's problems; a family that fails is itself a problem, and the
    others still run."""
    try:
        return list(family.check(ctx))
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        name = family.__name__.rsplit(".", 1)[-1].removesuffix("_errors")
        return [Problem(DESCRIPTOR_FILE, None, None, "rule-error", f"the {name} rules stopped: {type(exc).__name__}: {exc}")]
