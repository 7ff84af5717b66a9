"""Command line ``kz-between-chairs``: list, show, describe, export and cite
the tables, build the website; ``validate`` is handed to
:mod:`kz_between_chairs.validate`.

Messages and help are in the language :func:`message_language` picks (the
command's ``--lang``, which every command takes, else ``KZ_LANG``, else
English), argparse's own words included (:mod:`.argparse_i18n`).  Usage errors print one
line naming the allowed values and exit with status 2; a failure at run time
prints one line and exits with status 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from functools import partial

from . import descriptor, i18n
from .__about__ import __version__

PROG = "kz-between-chairs"
DIFF_FORMATS = ("text", "csv")
"""Output forms of ``diff``."""
LANG_ENV = i18n.LANG_ENV
"""Environment variable with the language of messages for commands without ``--lang``."""

_CELL_WIDTH = 40  # widest cell `show` prints before cutting it with "..."


def message_language(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """The language of the messages: a valid ``--lang`` among the arguments,
    else ``KZ_LANG`` if it is one of the four languages, else English.

    >>> message_language(["show", "events", "--lang", "kk"], {"KZ_LANG": "ru"})
    'kk'
    >>> message_language(["tables"], {"KZ_LANG": "ru"})
    'ru'
    >>> message_language(["show", "events", "--lang=fr"], {"KZ_LANG": "kk_KZ"})
    'en'
    """
    for at, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and at + 1 < len(argv):
            value = argv[at + 1]
        else:
            value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if value in descriptor.LANGUAGES:
            return value
    value = environ.get(LANG_ENV, "")
    return value if value in descriptor.LANGUAGES else "en"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status.

    >>> main(["tables"])  # doctest: +ELLIPSIS
    sources ...
    0
    >>> main(["show", "units", "--limit", "x"])
    2
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    before = 2 if argv[:1] == ["--lang"] else 1 if argv[:1] and argv[0].startswith("--lang=") else 0
    if argv[before : before + 1] == ["validate"]:  # its own parser; a --lang before it goes after
        from .validate import main as validate

        return validate([*argv[before + 1 :], *argv[:before]])
    lang = message_language(argv)
    from .argparse_i18n import speaking

    try:
        with speaking(lang):  # argparse's own words (usage:, options ...) in lang too
            args = _parser(lang).parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return int(stop.code or 0)
    from .errors import DataError
    from .export import MissingExtra

    try:
        args.run(args, lang)
    except MissingExtra as missing:
        # Translators: {format} is xlsx or parquet; keep the pip command as it is.
        message = i18n.gettext("{format} export needs {library}: pip install '{requirement}'", lang)
        requirement = f"{PROG}[{missing.extra}]"
        _fail(lang, message.format(format=args.format, library=missing.library, requirement=requirement))
        return 2
    except DataError as error:  # a damaged copy: file:row:column and the problem, translated
        _fail(lang, error.message(lang))
        return 1
    except SystemExit as stop:  # a usage error found while running
        return int(stop.code or 0)
    except BrokenPipeError:  # `... | head` closed the pipe: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (OSError, ValueError) as error:
        _fail(lang, str(error))
        return 1
    return 0


class _Parser(argparse.ArgumentParser):
    """argparse with one-line, translated usage errors."""

    def __init__(self, *args, lang: str = "en", **kwargs) -> None:
        super().__init__(*args, allow_abbrev=False, **kwargs)
        self.lang = lang

    def error(self, message: str):
        _fail(self.lang, message, prog=self.prog)
        self.exit(2)


def _fail(lang: str, message: str, prog: str = PROG) -> None:
    # Translators: one line on stderr; {prog} is the command (kz-between-chairs show).
    print(i18n.gettext("{prog}: error: {message}", lang).format(prog=prog, message=message), file=sys.stderr)


def _parser(lang: str) -> argparse.ArgumentParser:
    _ = partial(i18n.gettext, lang=lang)
    from .citation import STYLES
    from .export import ALL, FORMATS
    from .loader import CODES

    languages = ", ".join(descriptor.LANGUAGES)

    table = _choice(_("unknown table '{value}'; allowed: {allowed}"), descriptor.table_names())
    language = _choice(_("unknown language '{value}'; allowed: {allowed}"), descriptor.LANGUAGES)
    fmt = _choice(_("unknown format '{value}'; allowed: {allowed}"), FORMATS)
    codes = _choice(_("unknown codes '{value}'; allowed: {allowed}"), CODES)
    style = _choice(_("unknown citation style '{value}'; allowed: {allowed}"), STYLES)
    see_tables = _("a table (see: {prog} tables)").format(prog=PROG)

    def package_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--package", metavar="PATH",
            help=_("read this copy of the data package instead of the installed one: "
                   "a folder, its datapackage.json or a release zip"),
        )

    parser = _Parser(
        prog=PROG,
        lang=lang,
        description=_(
            "Kazakhstan between Russia, China and the West (Christoph P. Mohr, IPG-Journal 2022) "
            "as tables in German, English, Kazakh and Russian: list them, look at them, read "
            "their codebook, export them, cite them."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}", help=_("print the version and exit")
    )
    # before the command too (kz-between-chairs --lang ru tables); its own dest, because a
    # subcommand's default would overwrite it, and message_language has read it already
    parser.add_argument(
        "--lang", dest="messages_lang", type=language, metavar="LANG",
        help=_("language of the messages: {allowed} (default: {env}, else en)").format(allowed=languages, env=LANG_ENV),
    )
    commands = parser.add_subparsers(title=_("commands"), metavar="COMMAND", required=True)

    def command(name: str, run, summary: str, messages: bool = False) -> argparse.ArgumentParser:
        """A subcommand; ``messages``: give it a --lang for its messages alone
        (the other commands' --lang chooses their data's language too)."""
        sub = commands.add_parser(name, lang=lang, help=summary, description=summary)
        sub.set_defaults(run=run)
        if messages:
            sub.add_argument(
                "--lang", type=language, metavar="LANG",
                help=_("language of the messages: {allowed} (default: {env}, else en)").format(
                    allowed=languages, env=LANG_ENV),
            )
        return sub

    package_option(command("tables", _tables, _("list the tables"), messages=True))

    show = command("show", _show, _("print a table in the terminal"))
    show.add_argument("table", type=table, metavar="TABLE", help=see_tables)
    show.add_argument(
        "--lang", type=language, metavar="LANG",
        help=_("show the labels in this language only: {allowed}").format(allowed=languages),
    )
    show.add_argument("--limit", type=_limit(_), metavar="N", help=_("print the first N rows only"))
    show.set_defaults(usage=show.error)
    show.add_argument(
        "--codes", type=codes, metavar="CODES",
        help=_("labels: code columns in words in LANG (the default with --lang); "
               "codes: as in the CSV, for joins"),
    )
    package_option(show)

    describe = command("describe", _describe, _("print the codebook of a table: what every column holds"))
    describe.add_argument("table", type=table, metavar="TABLE", help=see_tables)
    describe.add_argument(
        "--lang", type=language, metavar="LANG",
        help=_("language of titles and descriptions: {allowed}").format(allowed=languages),
    )
    package_option(describe)

    export = command("export", _export, _(
        "write every table in one language (or all) to a folder; for Excel use xlsx, one workbook "
        "that keeps Kazakh and Russian text intact (CSV is plain UTF-8)"
    ))
    export.add_argument(
        "--lang", type=_choice(_("unknown language '{value}'; allowed: {allowed}"), (*descriptor.LANGUAGES, ALL)),
        metavar="LANG", required=True,
        help=_("language of the labels: {allowed}; {all} writes each language").format(allowed=languages, all=ALL),
    )
    export.add_argument(
        "--format", type=fmt, metavar="FORMAT", required=True,
        help=_("{allowed}; parquet, xlsx and sav need the extras parquet, xlsx and spss").format(
            allowed=", ".join(FORMATS)
        ),
    )
    export.add_argument(
        "--out", type=_folder(_), metavar="DIR", required=True, help=_("folder to write to (created if missing)")
    )
    export.add_argument(
        "--force", action="store_true",
        help=_("replace files of the same name from an earlier export; without it the export stops "
               "before writing anything. Other files in the folder are never touched"),
    )
    export.add_argument(
        "--excel-safe", action="store_true",
        help=_("csv only: put ' before every text cell that starts with =, +, - or @, so that a "
               "spreadsheet does not run it as a formula (this changes those cells)"),
    )

    diff = command("diff", _diff, _(
        "list the rows added, removed and changed between two copies of the package "
        "(folders, datapackage.json files or release zips), matched by primary key"
    ), messages=True)
    diff.add_argument("old", metavar="OLD", help=_("the earlier copy"))
    diff.add_argument("new", metavar="NEW", help=_("the later copy"))
    diff.add_argument(
        "--format", type=_choice(_("unknown format '{value}'; allowed: {allowed}"), DIFF_FORMATS),
        metavar="FORMAT", default=DIFF_FORMATS[0],
        help=_("{allowed} (default: {default})").format(allowed=", ".join(DIFF_FORMATS), default=DIFF_FORMATS[0]),
    )
    export.add_argument(
        "--codes", type=codes, metavar="CODES", default="labels",
        help=_("labels: code columns in words in LANG (the default); codes: as in the CSV, for joins"),
    )

    cite = command("cite", _cite, _("print how to cite the dataset and the article"), messages=True)
    cite.add_argument(
        "--format", type=style, metavar="STYLE", default=STYLES[0],
        help=_("citation style: {allowed} (default: {default})").format(
            allowed=", ".join(STYLES), default=STYLES[0]
        ),
    )

    site = command("site", _site, _(
        "build the website of the data: one tree per language (de, en, kk, ru), "
        "opened from disk or published as it is"
    ), messages=True)
    site.add_argument("--out", metavar="DIR", required=True, help=_(
        "folder to write to (created if missing; replaced if it holds a site built before)"
    ))
    site.add_argument("--package", metavar="PATH", help=_(
        "build from this copy of the data package (a folder with datapackage.json) instead of the installed one"
    ))
    site.add_argument("--downloads", metavar="DIR", help=_(
        "also offer the files of this folder (a release's zip, wheel ...) for download"
    ))
    site.add_argument("--base-url", metavar="URL", help=_(
        "the site's public address, for absolute links in its metadata"
    ))

    # parsed by the validator itself (see main); listed here for --help
    commands.add_parser(
        "validate", lang=lang, add_help=False,
        help=_("check the data package: {prog} validate --help").format(prog=PROG),
    )
    return parser


def _choice(message: str, allowed: Sequence[str]):
    """An argparse type accepting one of ``allowed``; else ``message``."""

    def convert(value: str) -> str:
        if value not in allowed:
            raise argparse.ArgumentTypeError(message.format(value=value, allowed=", ".join(allowed)))
        return value

    return convert


def _folder(_):
    def convert(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(_("the output folder is empty: name a folder"))
        return value

    return convert


def _limit(_):
    def convert(value: str) -> int:
        if value.isascii() and value.isdigit() and int(value) >= 1:
            return int(value)
        message = _("'{value}' is not a whole number of at least 1")
        raise argparse.ArgumentTypeError(message.format(value=value))

    return convert


# --- commands: each takes the parsed arguments and the message language ------


def _tables(args: argparse.Namespace, lang: str) -> None:
    from .copies import Copy

    desc = Copy.of(args.package).descriptor
    names = descriptor.table_names(desc)
    width = max(map(len, names), default=0)
    for name in names:
        title = descriptor.resource(name, desc).get("title", "")
        print(f"{name:<{width}}  {i18n.gettext(title, lang)}".rstrip())


def _show(args: argparse.Namespace, lang: str) -> None:
    from .loader import load

    codes = args.codes or ("labels" if args.lang else "codes")
    if codes == "labels" and not args.lang:
        # Translators: a usage error; keep --codes, --lang and labels as they are.
        args.usage(i18n.gettext("--codes labels needs --lang", lang))
    frame = load(args.table, args.lang, codes=codes, package=args.package)
    total = len(frame)
    if args.limit is not None:
        frame = frame.head(args.limit)
    print(_cells(frame).to_string(index=False, max_colwidth=_CELL_WIDTH, line_width=_width()))
    if len(frame) < total:
        # Translators: below `show --limit N`; the plural form follows {total}.
        print(i18n.ngettext("(first {shown} of {total} row)", "(first {shown} of {total} rows)", total, lang)
              .format(shown=len(frame), total=total))


def _cells(frame):
    """The frame as display text: dates as YYYY-MM-DD, empty cells blank."""
    shown = frame.copy()
    for column in shown.columns:
        series = shown[column]
        if series.dtype.kind == "M":
            series = series.dt.strftime("%Y-%m-%d")
        shown[column] = series.astype(object).where(series.notna(), "")
    return shown


def _describe(args: argparse.Namespace, lang: str) -> None:
    from .codebook import describe, facts

    book = describe(args.table, args.lang or lang, package=args.package)
    width = _width()
    print(f"{args.table}: {book.attrs['title']}")
    print(textwrap.fill(book.attrs["description"], width))
    for row in book.itertuples(index=False):
        print()
        print(f"{row.field}  ({facts(row, book.attrs['lang'])})")
        text = f"{row.title}: {row.description}" if row.description else row.title
        print(textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    "))


def _export(args: argparse.Namespace, lang: str) -> None:
    from .export import WouldReplace, export

    if args.excel_safe and args.format != "csv":
        raise ValueError(i18n.gettext("--excel-safe applies to --format csv only", lang))
    try:
        written = export(args.out, args.lang, args.format, force=args.force, excel_safe=args.excel_safe,
                         codes=args.codes)
    except WouldReplace as refused:
        # Translators: {path} is the first file that exists; {more} how many others do.
        message = i18n.ngettext(
            "{path} exists (and {more} other file); nothing was written. Add --force to replace them",
            "{path} exists (and {more} other files); nothing was written. Add --force to replace them",
            len(refused.existing) - 1, lang,
        ) if len(refused.existing) > 1 else i18n.gettext(
            "{path} exists; nothing was written. Add --force to replace it", lang
        )
        raise ValueError(message.format(path=refused.existing[0], more=len(refused.existing) - 1)) from None
    for path in written:
        print(path)


def _diff(args: argparse.Namespace, lang: str) -> None:
    from . import diff

    changes = diff.compare(args.old, args.new)
    sys.stdout.write(diff.to_csv(changes) if args.format == "csv" else diff.text(changes, args.old, args.new))


def _cite(args: argparse.Namespace, lang: str) -> None:
    from .citation import cite

    print(cite(args.format))


def _site(args: argparse.Namespace, lang: str) -> None:
    try:
        from .site import build
    except ModuleNotFoundError as missing:  # jinja2 or networkx absent
        # Translators: {library} is a Python library; keep the pip command as it is.
        message = i18n.gettext("the site needs {library}: pip install '{requirement}'", lang)
        raise ValueError(message.format(library=missing.name, requirement=f"{PROG}[site]")) from None
    result = build(args.out, args.package, args.downloads, args.base_url)
    # Translators: after `site`; {pages} is a number, {seconds} a time in seconds.
    message = i18n.ngettext("{out}: {pages} page in {seconds} s", "{out}: {pages} pages in {seconds} s", result.pages, lang)
    print(message.format(out=result.out, pages=result.pages, seconds=f"{result.seconds:.1f}"))


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


if __name__ == "__main__":
    sys.exit(main())
