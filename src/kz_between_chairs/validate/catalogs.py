"""Catalog rules: every language has a complete, unfuzzy catalog with CLDR's
plural forms and the placeholders of its source strings; template and
catalogs hold exactly the entries of their sources; every indicator can be
stated as a sentence.

Problems name the catalog and the line of the entry's ``msgid`` (of the
``Plural-Forms`` header line), like msgfmt.  An installed wheel carries the
catalogs compiled only (``.mo``, no line numbers): they are checked as they
are, and the template, which it does not carry, is not.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from .. import catalog_update, statements
from ..catalogs import TEMPLATE, catalog_file
from ..descriptor import LANGUAGES, field
from ..i18n import N_
from .context import Context, Refused, read_file
from .problem import Problem

# Translators: {{quantity}} and {{when}} are the sentence's placeholders, written as they are; {found} lists its own.
SENTENCE_HAS = N_("the sentence of {indicator} must have {{quantity}}, may have {{when}}, and nothing else; it has {found}")
SENTENCE_HAS_NONE = N_("the sentence of {indicator} must have {{quantity}}, may have {{when}}, and nothing else; "
                       "it has no placeholder")

RULES = {
    "catalog-missing": "the template and a catalog for every language exist",
    "catalog-unreadable": "every catalog is a well-formed .po (or .mo) file",
    "catalog-untranslated": "every entry is translated, every plural form of it too",
    "catalog-fuzzy": "no entry, and not the header, is marked fuzzy",
    "catalog-plural-forms": "the Plural-Forms header is CLDR's for the catalog's language",
    "catalog-placeholder": "a translation has exactly the placeholders of its source string",
    "catalog-sync": "the template holds exactly the strings of its sources, each catalog exactly "
    f"the template's entries (fix: {catalog_update.UPDATE_COMMAND})",
    "statement-template": "every indicator has a sentence that fits its period, every unit its quantity phrases",
}

SOURCES = "the sources (datapackage.json, data/indicators.csv, src/kz_between_chairs/)"
"""How messages name what the template is extracted from."""

# %(name)s with its conversion; {name} with an optional conversion and format spec
_PERCENT = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
_BRACE = re.compile(r"\{\{|\}\}|\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")
_PLURAL_FORMS = re.compile(r"^Plural-Forms:[ \t]*(.*)$", re.M)


@dataclass
class _Loaded:
    file: str
    """Relative to the package root."""
    catalog: Catalog | None = None
    text: str | None = None
    """The ``.po`` text; None for a compiled ``.mo``."""


def check(ctx: Context) -> Iterator[Problem]:
    template, catalogs, problems = _load(ctx)
    yield from problems
    yield from _sync(ctx, template, catalogs)
    for lang, loaded in catalogs.items():
        if loaded.catalog is not None:
            yield from _entries(loaded)
        if loaded.catalog is not None or loaded.text is not None:
            # from the text too: a wrong nplurals is what makes a catalog unreadable
            yield from _plural_forms(lang, loaded)
    yield from _statements(ctx)


def sync(ctx: Context) -> Iterator[Problem]:
    """Only the ``catalog-missing``, ``catalog-unreadable`` and ``catalog-sync``
    problems: what ``scripts/update_catalogs.py --check`` reports."""
    template, catalogs, problems = _load(ctx)
    yield from problems
    yield from _sync(ctx, template, catalogs)


def placeholders(text: str) -> set[str]:
    """The placeholders of a string, in either Python style.

    >>> sorted(placeholders("{number} of %(total)d, {{literal}}, {when!s:>10}"))
    ['%(total)d', '{number}', '{when}']
    """
    found = set(_PERCENT.findall(text))
    found.update("{%s}" % m.group(1) for m in _BRACE.finditer(text) if m.group(1) is not None)
    return found


def _load(ctx: Context) -> tuple[_Loaded | None, dict[str, _Loaded], list[Problem]]:
    problems: list[Problem] = []
    catalogs: dict[str, _Loaded] = {}
    for lang in LANGUAGES:
        po = catalog_file(lang)
        mo = po[: -len(".po")] + ".mo"
        if (ctx.root / po).is_file():
            catalogs[lang] = _read(ctx.root, po, problems)
        elif (ctx.root / mo).is_file():
            catalogs[lang] = _read_mo(ctx.root, mo, problems)
        else:
            problems.append(Problem.of(po, None, None, "catalog-missing", N_("no catalog for {lang}; run: {command}"),
                                       lang=lang, command=catalog_update.UPDATE_COMMAND))
    template = None
    if (ctx.root / TEMPLATE).is_file():
        template = _read(ctx.root, TEMPLATE, problems)
    elif any(loaded.text is not None for loaded in catalogs.values()):
        # a source tree (its catalogs are .po files) must have the template too
        problems.append(Problem.of(TEMPLATE, None, None, "catalog-missing", N_("no template; run: {command}"),
                                   command=catalog_update.UPDATE_COMMAND))
    return template, catalogs, problems


def _read(root: Path, file: str, problems: list[Problem]) -> _Loaded:
    from babel.messages.pofile import PoFileError, read_po

    loaded = _Loaded(file)
    try:
        data = read_file(root, file)
        loaded.text = data.decode("utf-8")
        loaded.catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except Refused as exc:
        problems.append(Problem(file, None, None, "catalog-unreadable", str(exc)))
    except PoFileError as exc:
        reason = str(exc).rsplit(" on ", 1)[0]  # babel appends its 0-based line number
        problems.append(Problem.of(file, exc.lineno + 1, None, "catalog-unreadable", N_("not a catalog: {reason}"),
                                   reason=reason))
    except UnicodeDecodeError as exc:
        problems.append(Problem.of(file, None, None, "catalog-unreadable", N_("not UTF-8: {reason} at byte {start}"),
                                   reason=exc.reason, start=exc.start))
    return loaded


def _read_mo(root: Path, file: str, problems: list[Problem]) -> _Loaded:
    from babel.messages.mofile import read_mo

    loaded = _Loaded(file)
    try:
        loaded.catalog = read_mo(io.BytesIO(read_file(root, file)))
    except Refused as exc:
        problems.append(Problem(file, None, None, "catalog-unreadable", str(exc)))
    except Exception as exc:  # noqa: BLE001 - gettext's parser raises anything from struct to OSError
        problems.append(Problem.of(file, None, None, "catalog-unreadable", N_("not a compiled catalog: {error}"),
                                   error=exc))
    return loaded


def _sync(ctx: Context, template: _Loaded | None, catalogs: dict[str, _Loaded]) -> Iterator[Problem]:
    expected = catalog_update.extract(ctx.descriptor, ctx.root)
    if template is not None and template.catalog is not None:
        for drift in catalog_update.drift(expected, template.catalog):
            yield _drift_problem(template.file, drift, SOURCES)
        reference, name = template.catalog, TEMPLATE
    else:
        reference, name = expected, SOURCES
    for loaded in catalogs.values():
        if loaded.catalog is not None:
            for drift in catalog_update.drift(reference, loaded.catalog):
                yield _drift_problem(loaded.file, drift, name)


def _drift_problem(file: str, drift: catalog_update.Drift, source: str) -> Problem:
    line = drift.message.lineno if drift.kind == "obsolete" else None
    return Problem(file, line, None, "catalog-sync", drift.describe(source))


def _entries(loaded: _Loaded) -> Iterator[Problem]:
    file, catalog = loaded.file, loaded.catalog
    if catalog.fuzzy and loaded.text is not None:
        yield Problem.of(file, _header_line(loaded.text), None, "catalog-fuzzy",
                         N_("the header is marked fuzzy, so msgfmt ignores it and its Plural-Forms; remove the flag"))
    for message in catalog:
        if not message.id:
            continue
        shown = catalog_update.shown(message)
        line = message.lineno
        if message.fuzzy:
            yield Problem.of(file, line, None, "catalog-fuzzy",
                             N_("fuzzy entry {entry}: check the translation, then remove the flag"), entry=shown)
        forms = catalog_update.strings(message)
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        wanted = set().union(*map(placeholders, ids))
        for i, text in enumerate(forms):
            which = f"msgstr[{i}]" if message.pluralizable else "msgstr"
            if not text:
                yield Problem.of(file, line, None, "catalog-untranslated", N_("{which} of {entry} is empty"),
                                 which=which, entry=shown)
                continue
            got = placeholders(text)
            for name in sorted(wanted - got):
                yield Problem.of(file, line, None, "catalog-placeholder", N_("{which} of {entry} lacks {name}"),
                                 which=which, entry=shown, name=name)
            for name in sorted(got - wanted):
                yield Problem.of(file, line, None, "catalog-placeholder",
                                 N_("{which} of {entry} adds {name}, which the msgid does not have"),
                                 which=which, entry=shown, name=name)


def _plural_forms(lang: str, loaded: _Loaded) -> Iterator[Problem]:
    expected = get_plural(lang).plural_forms
    if loaded.text is None:  # compiled: babel has parsed the header
        found, line = loaded.catalog.plural_forms, None
    else:
        found, line = _header_field(loaded.text)
    if found is None:
        yield Problem.of(loaded.file, line, None, "catalog-plural-forms",
                         N_("no Plural-Forms header; CLDR's for {lang} is {expected}"), lang=lang, expected=repr(expected))
    elif _normal(found) != _normal(expected):
        yield Problem.of(loaded.file, line, None, "catalog-plural-forms",
                         N_("Plural-Forms is {found}; CLDR's for {lang} is {expected}"),
                         found=repr(found), lang=lang, expected=repr(expected))


def _header_line(text: str) -> int | None:
    lines = text.splitlines()
    return next((i for i, line in enumerate(lines, 1) if line.strip() == 'msgid ""'), None)


def _header_field(text: str) -> tuple[str | None, int | None]:
    """Plural-Forms of a ``.po``'s header and the line it starts on (the
    header's line when it is absent)."""
    from babel.messages.pofile import unescape

    lines = text.splitlines()
    first = _header_line(text)
    if first is None:
        return None, None
    joined, starts = "", []
    for number in range(first + 1, len(lines) + 1):
        line = lines[number - 1].strip()
        if line.startswith("msgstr "):
            line = line[len("msgstr "):]
        if not line.startswith('"'):
            break
        starts.append((len(joined), number))
        joined += unescape(line)
    match = _PLURAL_FORMS.search(joined)
    if match is None:
        return None, first
    line = max(number for offset, number in starts if offset <= match.start())
    return match.group(1).strip(), line


def _normal(plural_forms: str) -> str:
    return re.sub(r"\s+", "", plural_forms).rstrip(";")


def _statements(ctx: Context) -> Iterator[Problem]:
    rule = "statement-template"
    indicators = ctx.tables.get("indicators")
    column = statements.TEMPLATE_COLUMN
    if indicators is not None and indicators.index(column) is None:
        yield Problem.of(indicators.file, None, None, rule, N_("no column {column}: the sentences that state the indicators"),
                         column=column)
    elif indicators is not None:
        for row, (indicator, period, sentence) in indicators.records("indicator_id", "period", column):
            if not sentence:
                continue  # frictionless reports the required cell
            found = placeholders(sentence)
            others = sorted(found - {"{quantity}", "{when}"})
            if "{quantity}" not in found or others:
                template = SENTENCE_HAS if found else SENTENCE_HAS_NONE
                yield Problem.of(indicators.file, row, column, rule, template,
                                 indicator=repr(indicator), found=", ".join(sorted(found)))
                continue
            says_when = "{when}" in found
            if period and not says_when:
                yield Problem.of(indicators.file, row, "period", rule,
                                 N_("the sentence of {indicator} does not state the period; add {{when}} to it"),
                                 indicator=repr(indicator))
            elif says_when and not period:
                yield Problem.of(indicators.file, row, "period", rule,
                                 N_("the sentence of {indicator} states a period ({{when}}), and the row has none"),
                                 indicator=repr(indicator))
            elif period:
                try:
                    statements.when(period, "en")
                except ValueError as exc:
                    yield Problem(indicators.file, row, "period", rule, str(exc))
    units = ctx.tables.get("units")
    if units is not None:
        try:
            comparators = field("indicators", "comparator", ctx.descriptor)["constraints"]["enum"]
        except (KeyError, ValueError, TypeError):
            return  # the descriptor rules report a descriptor without it
        for row, unit in units.cells("unit"):
            lacking = [c for c in comparators if c not in statements.QUANTITIES.get(unit, {})]
            if lacking:
                yield Problem.of(units.file, row, "unit", rule,
                                 N_("no quantity phrase for unit {unit} with {comparators} "
                                    "in kz_between_chairs.statements.QUANTITIES"),
                                 unit=repr(unit), comparators=", ".join(lacking))

