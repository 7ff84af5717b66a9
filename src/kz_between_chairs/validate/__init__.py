"""``kz-between-chairs validate [DATAPACKAGE_JSON] [--article PATH] [--json]``:
frictionless, then the project's own rules, on the shipped package or any
copy of it.

Every problem is one line ``file:row:column: rule: message``, sorted, then a
summary; exit status 0 when valid, 1 when not, 2 for a usage error.  The
files checked are only read.  :mod:`.context` reads the copy once,
:mod:`.runner` runs frictionless and the rule families
(:data:`.runner.FAMILIES`, one module each, each listing its rules in
``RULES``) on it, :mod:`.report` prints the problems.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .._paths import datapackage_path
from ..article import ARTICLE_ENV, read_normalised
from ..descriptor import read as read_descriptor
from . import report
from .context import Context, load
from .runner import run

PROG = "kz-between-chairs validate"
NEEDS = ("frictionless", "edtf", "pycountry", "yaml")
"""Modules of the ``validate`` extra."""


class UsageError(Exception):
    """Bad arguments or an unreadable descriptor: one line on stderr, exit 2."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Validate the data package: frictionless, then the project's own rules."
    )
    parser.add_argument("descriptor", nargs="?", type=Path, metavar="DATAPACKAGE_JSON",
                        help="the package to check (default: the one installed with kz-between-chairs)")
    parser.add_argument("--article", type=Path, metavar="PATH",
                        help=f"the article's text: check every quote against it (the tests read ${ARTICLE_ENV})")
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return exc.code if isinstance(exc.code, int) else 2
    try:
        ctx = _context(args.descriptor, args.article)
    except UsageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    problems = run(ctx)
    tables = len(ctx.resources)
    article = ctx.article_text is not None
    try:
        print(report.as_json(problems, tables, article) if args.json else report.text(problems, tables, article))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (| head): no traceback, and none at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if problems else 0


def _context(given: Path | None, article: Path | None) -> Context:
    missing = [m for m in NEEDS if not _importable(m)]
    if missing:
        raise UsageError(f"needs {', '.join(missing)}: pip install 'kz-between-chairs[validate]'")
    path = given or datapackage_path()
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    try:
        data = read_descriptor(path)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise UsageError(f"{path}: not valid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer too long to convert
        raise UsageError(f"{path}: not valid JSON: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: not a data package descriptor (a JSON object)")
    text = None
    if article is not None:
        if not article.is_file():
            raise UsageError(f"--article {article}: no such file")
        try:
            text = read_normalised(article)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--article {article}: cannot read as UTF-8 text: {exc}") from None
    return load(path.resolve(), data, text)


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None
