"""``kz-between-chairs validate [DATAPACKAGE_JSON] [--article PATH] [--json]``:
frictionless, then the project's own rules, on the shipped package or any
copy of it.

Every problem is one line ``file:row:column: rule: message``, sorted, then a
summary; exit status 0 when valid, 1 when not, 2 for a usage error.  The
files checked are only read.  :mod:`.context` reads the copy once,
:mod:`.runner` runs frictionless and the rule families
(:data:`.runner.FAMILIES`, one module each, each listing its rules in
``RULES``) on it, :mod:`.report` prints the problems in the language of
``--lang`` (or ``KZ_LANG``): the explanations and the summary translated,
file, row, column and rule names as they are.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import partial
from pathlib import Path

from .._paths import datapackage_path
from ..argparse_i18n import speaking
from ..descriptor import LANGUAGES
from ..i18n import LANG_ENV, N_, gettext
from ..article import ARTICLE_ENV, read_normalised
from ..descriptor import read as read_descriptor
from . import report
from .context import Context, load
from .runner import run

PROG = "kz-between-chairs validate"
NEEDS = ("frictionless", "edtf", "pycountry", "yaml")
"""Modules of the ``validate`` extra."""


class UsageError(Exception):
    """Bad arguments or an unreadable descriptor: one line on stderr, exit 2.
    The arguments are a template marked with ``N_`` and its values."""

    def __init__(self, template: str, **args: object) -> None:
        super().__init__(template.format(**args))
        self.template, self.args_ = template, args

    def text(self, lang: str) -> str:
        return gettext(self.template, lang).format(**self.args_)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = os.environ.get(LANG_ENV, "")
    lang = lang if lang in LANGUAGES else "en"
    for at, arg in enumerate(argv):  # the language of argparse's own errors too
        value = argv[at + 1] if arg == "--lang" and at + 1 < len(argv) else arg.removeprefix("--lang=")
        if arg.startswith("--lang") and value in LANGUAGES:
            lang = value
    try:
        with speaking(lang):  # argparse's own words too, which it looks up as the parser is built
            args = _parser(lang).parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return exc.code if isinstance(exc.code, int) else 2
    try:
        ctx = _context(args.descriptor, args.article)
    except UsageError as exc:
        print(f"{PROG}: {exc.text(lang)}", file=sys.stderr)
        return 2
    problems = run(ctx)
    tables = len(ctx.resources)
    article = ctx.article_text is not None
    try:
        print(report.as_json(problems, tables, article, lang) if args.json
              else report.text(problems, tables, article, lang))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (| head): no traceback, and none at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if problems else 0


def _parser(lang: str) -> argparse.ArgumentParser:
    _ = partial(gettext, lang=lang)
    parser = argparse.ArgumentParser(
        prog=PROG, description=_("Validate the data package: frictionless, then the project's own rules.")
    )
    parser.add_argument("descriptor", nargs="?", type=Path, metavar="DATAPACKAGE_JSON",
                        help=_("the package to check (default: the one installed with kz-between-chairs)"))
    parser.add_argument("--article", type=Path, metavar="PATH",
                        help=_("the article's text: check every quote against it (the tests read ${env})").format(
                            env=ARTICLE_ENV))
    parser.add_argument("--json", action="store_true", help=_("print the problems as JSON"))
    parser.add_argument("--lang", choices=LANGUAGES, metavar="LANG",
                        help=_("language of the messages: {allowed} (default: {env}, else en)").format(
                            allowed=", ".join(LANGUAGES), env=LANG_ENV))
    return parser


def _context(given: Path | None, article: Path | None) -> Context:
    missing = [m for m in NEEDS if not _importable(m)]
    if missing:
        raise UsageError(N_("needs {modules}: pip install '{requirement}'"),
                         modules=", ".join(missing), requirement="kz-between-chairs[validate]")
    path = given or datapackage_path()
    if path.is_dir():
        path = path / "datapackage.json"
    if not path.is_file():
        raise UsageError(N_("{path}: no such file"), path=path)
    try:
        data = read_descriptor(path)
    except json.JSONDecodeError as exc:
        raise UsageError(N_("{path}: not valid JSON: {error} (line {line}, column {column})"),
                         path=path, error=exc.msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise UsageError(N_("{path}: not valid JSON: nested too deeply"), path=path) from None
    except ValueError as exc:  # an integer too long to convert
        raise UsageError(N_("{path}: not valid JSON: {error}"), path=path, error=exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(N_("{path}: cannot read: {error}"), path=path, error=exc) from None
    if not isinstance(data, dict):
        raise UsageError(N_("{path}: not a data package descriptor (a JSON object)"), path=path)
    text = None
    if article is not None:
        if not article.is_file():
            raise UsageError(N_("--article {path}: no such file"), path=article)
        try:
            text = read_normalised(article)
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(N_("--article {path}: cannot read as UTF-8 text: {error}"),
                             path=article, error=exc) from None
    return load(path.resolve(), data, text)


def _importable(module: str) -> bool:
    from importlib.util import find_spec

    return find_spec(module) is not None
