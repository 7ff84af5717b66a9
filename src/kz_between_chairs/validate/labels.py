"""Label rules: four languages on every labelled row, each text in its
language's script, no word that mixes scripts, and CLDR's names for
countries, currencies and languages.

A text's language is known from its column (``label_kk``, ``description_en``,
``quote_de``: any ``*_<lang>``) or, in a table with ``lang`` and ``name``
columns (``entity_names``), from the row.

>>> _script_problem("kk", "Kaspi Bank нарықтық құны")
>>> _script_problem("ru", "Halyk Банк")
"Russian is written in Cyrillic; 'Halyk' is not (listed exceptions: 'Halyk Bank', 'Kaspi Bank')"
>>> _script_problem("de", "Kasachstan (Қазақстан)")
"German text has Cyrillic letters: 'Қазақстан'"
>>> _mixed_words("Нур-Sultan Kаспи")  # the second word begins with a Latin K
['Kаспи']
>>> _script_problem("kk", "Kаспи")  # a mixed word: mixed-script's alone
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..descriptor import LANGUAGES
from .codes import CLDR_DEVIATIONS, CODED_TYPES, language_name
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem
from .tables import FIRST_DATA_ROW, Table

RULES = {
    "label-columns": "a labelled table has label_de, label_en, label_kk and label_ru, each required",
    "language-script": "Kazakh and Russian text is Cyrillic (listed exceptions only), German and English has no Cyrillic",
    "mixed-script": "no word mixes Latin and Cyrillic letters",
    "cldr-country": "a country's labels are CLDR's territory names",
    "cldr-currency": "a currency's labels are CLDR's currency names",
    "cldr-language": "a language's labels are CLDR's language names",
}

LATIN_IN_CYRILLIC = ("Halyk Bank", "Kaspi Bank")
"""The only Latin words allowed in Kazakh and Russian text: brands that
write themselves in Latin letters there, as Kazakh and Russian media name
them (entities ``halyk_bank``, ``kaspi_bank``)."""

CYRILLIC_SCRIPT = ("kk", "ru")
LABEL_PREFIX = "label_"
ROW_LANGUAGE = ("lang", "name")
"""A table with these columns holds one text (name) in the row's language (lang)."""

_CYRILLIC = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_LATIN = "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff"
_CYRILLIC_LETTER = re.compile(f"[{_CYRILLIC}]")
_NON_CYRILLIC_LETTER = re.compile(rf"[^\W\d_{_CYRILLIC}]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(f"[{_LATIN}]")
_EXCEPTIONS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in LATIN_IN_CYRILLIC) + r")\b")


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        yield from _label_columns(table)
        for number, column, lang, text in _texts(table):
            if lang in LANGUAGES:
                message = _script_problem(lang, text)
                if message:
                    yield Problem(table.file, number, column, "language-script", message)
            for word in _mixed_words(text):
                yield Problem(table.file, number, column, "mixed-script", f"{word!r} mixes Latin and Cyrillic letters")
    entities = ctx.tables.get("entities")
    if entities is not None:
        yield from _cldr(entities)


def _label_columns(table: Table) -> Iterator[Problem]:
    """The four label columns, each required (frictionless then reports an
    empty label)."""
    if not any(c.startswith(LABEL_PREFIX) for c in (*table.header, *table.fields)):
        return
    for lang in LANGUAGES:
        column = LABEL_PREFIX + lang
        if column not in table.header:
            yield Problem(table.file, 1, column, "label-columns",
                          f"no {column} column; a labelled table has {', '.join(LABEL_PREFIX + x for x in LANGUAGES)}")
        elif not (table.fields.get(column, {}).get("constraints") or {}).get("required"):
            yield Problem(DESCRIPTOR_FILE, None, f"{table.name}.{column}", "label-columns",
                          "not required; every row needs its label: give the field constraints.required")


def _texts(table: Table) -> Iterator[tuple[int, str, str | None, str]]:
    """``(row, column, language or None, text)`` of every non-empty cell; the
    language from the column's suffix, or from the row (``lang``/``name``)."""
    by_row = all(c in table.header for c in ROW_LANGUAGE)
    for number, row in enumerate(table.rows, FIRST_DATA_ROW):
        for column, text in zip(table.header, row):
            if not text:
                continue
            lang = column.rsplit("_", 1)[-1] if "_" in column else None
            if by_row and column == ROW_LANGUAGE[1]:
                lang = row[table.index(ROW_LANGUAGE[0])]
            yield number, column, lang, text


def _mixed(word: str) -> bool:
    return _CYRILLIC_LETTER.search(word) is not None and _LATIN_LETTER.search(word) is not None


def _script_problem(lang: str, text: str) -> str | None:
    """The first word not in the language's script; a word that mixes
    scripts is left to ``mixed-script``."""
    if lang in CYRILLIC_SCRIPT:
        for word in _WORD.findall(_EXCEPTIONS.sub(" ", text)):
            if _NON_CYRILLIC_LETTER.search(word) and not _mixed(word):
                allowed = ", ".join(repr(w) for w in LATIN_IN_CYRILLIC)
                return f"{language_name(lang)} is written in Cyrillic; {word!r} is not (listed exceptions: {allowed})"
    else:
        for word in _WORD.findall(text):
            if _CYRILLIC_LETTER.search(word) and not _mixed(word):
                return f"{language_name(lang)} text has Cyrillic letters: {word!r}"
    return None


def _mixed_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if _mixed(w)]


def _cldr(entities: Table) -> Iterator[Problem]:
    type_i = entities.index("entity_type")
    if type_i is None:
        return
    code_i = {t: entities.index(c.column) for t, c in CODED_TYPES.items()}
    label_i = {lang: entities.index(LABEL_PREFIX + lang) for lang in LANGUAGES}
    for number, row in enumerate(entities.rows, FIRST_DATA_ROW):
        kind, i = CODED_TYPES.get(row[type_i]), code_i.get(row[type_i])
        if kind is None or i is None or not row[i]:
            continue  # the identifier rules report a missing code
        code = row[i]
        for lang, j in label_i.items():
            if j is None or not row[j]:
                continue  # label-columns reports it, or frictionless (required)
            accepted = kind.accepted_names(lang, code)
            if not accepted or row[j].strip() in accepted:  # csv-whitespace reports blanks
                continue
            if (lang, code) in CLDR_DEVIATIONS:
                message = (f"{row[j]!r}; the listed name of {code} in {language_name(lang)} is {accepted[0]!r} "
                           f"(CLDR: {kind.cldr_name(lang, code)!r})")
            else:
                message = f"{row[j]!r}; CLDR names {code} {' or '.join(map(repr, accepted))} in {language_name(lang)}"
            yield Problem(entities.file, number, LABEL_PREFIX + lang, kind.rule, message)
