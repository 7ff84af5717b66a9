"""Run frictionless and every family of the project's rules on one copy of
the package; return all problems, sorted.

A family is a module of this package with ``check(ctx) -> Iterable[Problem]``
and ``RULES`` (name -> what it requires).  Where a project rule restates a
frictionless check (``RESTATES``: an empty required label, a comparator out
of its enum, a changed hash), the project's problem, with its clearer
message, replaces frictionless's on the same file, row and column.

Frictionless is the slow part.  Where processes fork cheaply and safely
(Linux), it runs in a child process while this one runs the project's
rules, so that on two cores a run takes about as long as frictionless
alone; elsewhere, and with ``PARALLEL = False``, one after the other.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
import sys
from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from .problems import DESCRIPTOR_FILE, Context, Problem

FRICTIONLESS = "frictionless_errors"
FAMILIES = ("descriptor", "hygiene", "labels", "identifiers", "dates", "numbers", "provenance", "keys")
OPTIONAL_FAMILIES = ("catalogs",)
"""Families that another part of the project adds; run when present."""

PARALLEL = sys.platform.startswith("linux")
"""Run frictionless in a forked child process (see above)."""

_CONSTRAINT = re.compile(r'constraint "(\w+)"')


def families() -> list[ModuleType]:
    """The project's rule families (not frictionless), in running order."""
    names = [*FAMILIES, *(n for n in OPTIONAL_FAMILIES if find_spec(f"{__package__}.{n}") is not None)]
    return [import_module(f".{name}", __package__) for name in names]


def run(ctx: Context) -> list[Problem]:
    module = import_module(f".{FRICTIONLESS}", __package__)
    framework = _started(lambda: _safely("frictionless", module, ctx))
    own: list[Problem] = []
    restates: dict[str, tuple[str, str | None]] = {}
    # Why pause the cyclic GC: the tables are hundreds of thousands of
    # strings in lists, without cycles; every collection would walk them all.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for family in families():
            own.extend(_safely(family.__name__.rsplit(".", 1)[-1], family, ctx))
            restates.update(getattr(family, "RESTATES", {}))
    finally:
        if collecting:
            gc.enable()
        found = framework()
    replaced = {(p.file, p.row, p.column, *restates[p.rule]) for p in own if p.rule in restates}

    def kept(problem: Problem) -> bool:
        constraint = _CONSTRAINT.search(problem.message) if problem.rule == "constraint-error" else None
        key = (problem.file, problem.row, problem.column, problem.rule, constraint and constraint.group(1))
        return key not in replaced

    return sorted([*filter(kept, found), *own], key=Problem.sort_key)


def _safely(name: str, family: ModuleType, ctx: Context) -> list[Problem]:
    """A family's problems; a family that fails is itself a problem, and the
    others still run."""
    try:
        return list(family.check(ctx))
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        return [Problem(DESCRIPTOR_FILE, None, None, "rule-error", f"the {name} rules stopped: {type(exc).__name__}: {exc}")]


def _started(work: Callable[[], list[Problem]]) -> Callable[[], list[Problem]]:
    """Start ``work``; return the function that waits for its problems."""
    if not PARALLEL:
        done = work()
        return lambda: done
    fork = multiprocessing.get_context("fork")
    receive, send = fork.Pipe(duplex=False)
    child = fork.Process(target=_send, args=(send, work), daemon=True)
    child.start()
    send.close()

    def wait() -> list[Problem]:
        try:
            return receive.recv()
        except EOFError:
            child.join()
            return [Problem(DESCRIPTOR_FILE, None, None, "rule-error",
                            f"the frictionless rules stopped: their process ended with status {child.exitcode}")]
        finally:
            receive.close()
            child.join()

    return wait


def _send(send, work: Callable[[], list[Problem]]) -> None:
    send.send(work())
    send.close()
