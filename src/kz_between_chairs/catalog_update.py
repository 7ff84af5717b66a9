"""Keeping the catalogs in step with their sources: extraction of the
template, update of a language's catalog from it, the exact bytes written,
and what "out of sync" means.

``scripts/update_catalogs.py`` writes with these functions; the validator's
``catalog-sync`` rule (:mod:`kz_between_chairs.validate.catalogs`) checks
with the same ones, so the two cannot disagree.

The template (``translations/messages.pot``) holds, in this order:

* every ``title`` and ``description`` of ``datapackage.json``: the package's,
  each resource's and each field's (their English text is the msgid);
* the sentence that states each indicator (``sentence_en`` of
  ``data/indicators.csv``);
* every string of the package's Python modules marked with ``gettext``,
  ``ngettext``, ``_``, ``N_`` or ``Nn_`` (CLI messages, the phrases of the
  sentences), with the ``# Translators:`` comment above it.

Locations carry no line numbers and the header no dates, so regenerating an
unchanged tree writes the same bytes.

>>> from kz_between_chairs._paths import package_root
>>> from kz_between_chairs.descriptor import read
>>> template = extract(read(), package_root())
>>> "Indicators" in template and "{number} person" in template
True
>>> template.get("Russia accounts for {quantity} of Kazakhstan's total imports.").locations
[('data/indicators.csv', None)]
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from .__about__ import __version__
from .catalogs import DOMAIN
from .csv_format import read_rows
from .descriptor import resource
from .statements import TEMPLATE_COLUMN, translator_comment

PROJECT = "kz-between-chairs"
SOURCE_LANGUAGE = "en"
"""The language of the msgids: its catalog is filled from the template."""
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "_": None, "N_": None, "Nn_": (1, 2)}
"""Functions whose literal arguments are extracted (babel keyword specs)."""
COMMENT_TAG = "Translators:"
UPDATE_COMMAND = "python scripts/update_catalogs.py"
CODE_DIR = Path(__file__).resolve().parent
"""The package's Python modules, the other source of msgids."""
CODE_PREFIX = "src/kz_between_chairs/"
"""How locations name a module (the same for a wheel and a checkout)."""

# Never written: dates and the babel version change with every run or machine,
# and babel fills the bug address with a placeholder when there is none.
_DROPPED = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date|Generated-By|Report-Msgid-Bugs-To): [^"]*"\n', re.M)


def extract(desc: dict[str, Any], root: Path, code_dir: Path = CODE_DIR) -> Catalog:
    """The template: every msgid of the descriptor ``desc``, of the data of
    the package at ``root`` and of the modules under ``code_dir``."""
    template = _new(None)
    for text, comment in descriptor_strings(desc):
        template.add(text, locations=[("datapackage.json", None)], auto_comments=[comment])
    for text, file, comment in data_strings(desc, root):
        template.add(text, locations=[(file, None)], auto_comments=[comment])
    for path in sorted(p for p in code_dir.rglob("*.py") if "__pycache__" not in p.parts):
        where = CODE_PREFIX + path.relative_to(code_dir).as_posix()
        found = extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=(COMMENT_TAG,), strip_comment_tags=True
        )
        for _line, message, comments, context in found:
            template.add(message, locations=[(where, None)], auto_comments=comments, context=context)
    return template


def descriptor_strings(desc: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """``(text, where)`` of every title and description of the package, its
    resources and their fields, and of the labels of a field's categories,
    in document order.

    >>> next(descriptor_strings({"title": "T", "resources": []}))
    ('T', 'title of the package')
    """
    for key in ("title", "description"):
        if isinstance(desc.get(key), str) and desc[key]:
            yield desc[key], f"{key} of the package"
    for resource in desc.get("resources") or []:
        name = resource.get("name")
        for key in ("title", "description"):
            if isinstance(resource.get(key), str) and resource[key]:
                yield resource[key], f"{key} of table {name}"
        for field in (resource.get("schema") or {}).get("fields") or []:
            for key in ("title", "description"):
                if isinstance(field.get(key), str) and field[key]:
                    yield field[key], f"{key} of column {name}.{field.get('name')}"
            for category in field.get("categories") or []:  # the words for a code of the column
                if isinstance(category, dict) and isinstance(category.get("label"), str) and category["label"]:
                    yield category["label"], f"label of {name}.{field.get('name')} = {category.get('value')}"


def data_strings(desc: dict[str, Any], root: Path) -> Iterator[tuple[str, str, str]]:
    """``(text, file, comment)`` of every cell that is a msgid: the indicators'
    sentences, in row order (none when the table or the column is missing;
    the validator reports that)."""
    try:
        file = resource("indicators", desc)["path"]
        rows = read_rows(root / file)
        at, key = rows[0].index(TEMPLATE_COLUMN), rows[0].index("indicator_id")
    except (ValueError, KeyError, TypeError, IndexError, OSError):
        return
    for row in rows[1:]:
        if len(row) > max(at, key) and row[at]:
            yield row[at], file, translator_comment(row[key], row[at])


def update(template: Catalog, lang: str, current: Catalog | None = None) -> Catalog:
    """The catalog of ``lang`` brought in line with ``template``: translations
    kept, obsolete entries dropped, new ones empty (in English: the msgid).

    Nothing is guessed: no fuzzy matching, and an entry whose plural shape
    changed is emptied rather than marked fuzzy.
    """
    # babel moves the template's Message objects into the catalog: without a
    # copy, the English fill-in below would leak into the next language.
    template = copy.deepcopy(template)
    catalog = current if current is not None else _new(lang)
    flagged = {_key(m) for m in catalog if m.id and m.fuzzy}
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    for message in catalog:
        if not message.id:
            continue
        if message.string is None or (message.fuzzy and _key(message) not in flagged):
            message.flags.discard("fuzzy")
            message.string = _no_translation(message)
        if lang == SOURCE_LANGUAGE and not any(strings(message)):
            message.string = message.id
    catalog.obsolete.clear()
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """The bytes of a ``.po``/``.pot`` file (deterministic)."""
    out = io.BytesIO()
    write_po(out, catalog, width=79, include_lineno=False, ignore_obsolete=True)
    return _DROPPED.sub(b"", out.getvalue())


def parse_file(path: Path) -> Catalog:
    """Parse a ``.po``/``.pot`` file (babel; ValueError when it is not one)."""
    return parse(path.read_bytes())


def parse(data: bytes) -> Catalog:
    """Parse the bytes of a ``.po``/``.pot`` file (ValueError when they are not one)."""
    from babel.messages.pofile import PoFileError

    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError) as exc:
        raise ValueError(str(exc)) from None


@dataclass(frozen=True)
class Drift:
    """An entry that a file lacks (``missing``) or that its source no longer
    has (``obsolete``, also every ``#~`` entry)."""

    kind: str
    message: Message

    def describe(self, source: str) -> str:
        """One line for the user; ``source`` names what the file follows."""
        if self.kind == "missing":
            return f"missing entry {shown(self.message)}: in {source}, not in this file; run: {UPDATE_COMMAND}"
        return f"obsolete entry {shown(self.message)}: not in {source}; run: {UPDATE_COMMAND}"


def drift(expected: Catalog, actual: Catalog) -> list[Drift]:
    """Entries of ``expected`` that ``actual`` lacks, then entries of
    ``actual`` (active or ``#~`` obsolete) that ``expected`` does not have."""
    want = {_key(m) for m in expected if m.id}
    have = {_key(m) for m in actual if m.id}
    out = [Drift("missing", m) for m in expected if m.id and _key(m) not in have]
    out += [Drift("obsolete", m) for m in actual if m.id and _key(m) not in want]
    out += [Drift("obsolete", m) for m in actual.obsolete.values()]
    return out


def shown(message: Message) -> str:
    """The msgid as problems quote it (cut after 60 characters)."""
    text = message.id if isinstance(message.id, str) else message.id[0]
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _key(message: Message) -> tuple[Any, ...]:
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    return (*ids, message.context)


def strings(message: Message) -> tuple[str, ...]:
    """The msgstr, or every plural form of it."""
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def _no_translation(message: Message) -> str | tuple[str, ...]:
    return ("",) * len(message.string) if isinstance(message.string, (list, tuple)) else ""


def _new(lang: str | None) -> Catalog:
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project=PROJECT,
        version=__version__,
        fuzzy=False,
        last_translator=f"{PROJECT} contributors" if lang else "",
        language_team=f"{PROJECT} translators" if lang else "",
    )
    what = f"{Locale.parse(lang).english_name} catalog" if lang else "Template of the catalogs"
    catalog.header_comment = (
        f"# {what} of {PROJECT}: titles, descriptions, messages and sentences.\n"
        f"# Update: {UPDATE_COMMAND}; see translations/README.md."
    )
    return catalog

