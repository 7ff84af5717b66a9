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
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..descriptor import LANGUAGES
from .codes import CLDR_DEVIATIONS, CODED_TYPES, language_name
from .problems import Context, Problem
from .tables import FIRST_DATA_ROW, Table

RULES = {
    "label-columns": "a labelled table has label_de, label_en, label_kk and label_ru",
    "label-empty": "every label cell is filled",
    "language-script": "Kazakh and Russian text is Cyrillic (listed exceptions only), German and English has no Cyrillic",
    "mixed-script": "no word mixes Latin and Cyrillic letters",
    "cldr-country": "a country's labels are CLDR's territory names",
    "cldr-currency": "a currency's labels are CLDR's currency names",
    "cldr-language": "a language's labels are CLDR's language names",
}

RESTATES = {"label-empty": ("constraint-error", "required")}

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
_MAYBE_NON_CYRILLIC_LETTER = re.compile(
    rf"[^\x00-\x40\x5b-\x60\x7b-\xa9\xab-\xb4\xb6-\xb9\xbb-\xbf\u2000-\u206f{_CYRILLIC}]"
)
"""Anything but ASCII and Latin-1 non-letters, general punctuation and
Cyrillic: a plain range class, far faster to scan than the exact one above."""
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_LETTER = re.compile(f"[{_LATIN}]")
_SEPARATOR = "\x00"
_EXCEPTIONS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in LATIN_IN_CYRILLIC) + r")\b")


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables():
        yield from _label_columns(table)
        yield from _scripts(table)
    entities = ctx.table("entities")
    if entities is not None:
        yield from _cldr(entities)


def _label_columns(table: Table) -> Iterator[Problem]:
    columns = [c for c in (*table.header, *table.fields) if c.startswith(LABEL_PREFIX)]
    if not columns:
        return
    for lang in LANGUAGES:
        column = LABEL_PREFIX + lang
        if column not in table.header:
            yield Problem(table.file, 1, column, "label-columns",
                          f"no {column} column; a labelled table has {', '.join(LABEL_PREFIX + x for x in LANGUAGES)}")
            continue
        values = table.column(column)
        if all(map(str.strip, values)):
            continue  # C speed: every label filled
        for number, value in enumerate(values, FIRST_DATA_ROW):
            if not value.strip():
                yield Problem(table.file, number, column, "label-empty", f"no {language_name(lang)} label")


def _scripts(table: Table) -> Iterator[Problem]:
    # Each column is scanned whole first and cell by cell only when that
    # finds something: nearly every column is clean.
    for column in table.header:
        lang = column.rsplit("_", 1)[-1] if "_" in column else None
        values = table.column(column)
        joined = _SEPARATOR.join(values)
        if lang in LANGUAGES:
            # A clean language column has no mixed word either: kk/ru hold no
            # Latin letter outside the listed words, de/en no Cyrillic one.
            if _script_problem(lang, joined):
                yield from _cells(table, column, lang, values)
        elif _may_mix(joined):
            yield from _cells(table, column, None, values)
    if all(c in table.header for c in ROW_LANGUAGE):
        by_language: dict[str, list[tuple[int, str]]] = {}
        for number, (lang, value) in table.records(*ROW_LANGUAGE):
            by_language.setdefault(lang, []).append((number, value))
        for lang, texts in by_language.items():
            if lang in LANGUAGES and _script_problem(lang, _SEPARATOR.join(v for _, v in texts)):
                for number, value in texts:
                    message = _script_problem(lang, value)
                    if message:
                        yield Problem(table.file, number, ROW_LANGUAGE[1], "language-script", message)


def _cells(table: Table, column: str, lang: str | None, values: list[str]) -> Iterator[Problem]:
    for number, value in enumerate(values, FIRST_DATA_ROW):
        message = _script_problem(lang, value) if lang else None
        if message:
            yield Problem(table.file, number, column, "language-script", message)
        for word in _mixed_words(value):
            yield Problem(table.file, number, column, "mixed-script", f"{word!r} mixes Latin and Cyrillic letters")


def _may_mix(text: str) -> bool:
    try:
        text.encode("latin-1")  # C speed: no Cyrillic letter at all
    except UnicodeEncodeError:
        return any(map(_mixed, set(_WORD.findall(text))))  # words recur: each is looked at once
    return False


def _mixed(word: str) -> bool:
    return _CYRILLIC_LETTER.search(word) is not None and _LATIN_LETTER.search(word) is not None


def _script_problem(lang: str, text: str) -> str | None:
    if lang in CYRILLIC_SCRIPT:
        bare = _EXCEPTIONS.sub(" ", text)
        found = _MAYBE_NON_CYRILLIC_LETTER.search(bare) and _NON_CYRILLIC_LETTER.search(bare)
        if found:
            allowed = ", ".join(repr(w) for w in LATIN_IN_CYRILLIC)
            return (f"{language_name(lang)} is written in Cyrillic; {_word_at(bare, found.start())!r} is not "
                    f"(listed exceptions: {allowed})")
    else:
        try:
            text.encode("latin-1")  # C speed: no Cyrillic letter at all
            return None
        except UnicodeEncodeError:
            pass
        found = _CYRILLIC_LETTER.search(text)
        if found:
            return f"{language_name(lang)} text has Cyrillic letters: {_word_at(text, found.start())!r}"
    return None


def _word_at(text: str, index: int) -> str:
    for word in _WORD.finditer(text):
        if word.start() <= index < word.end():
            return word.group()
    return text[index]


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
                continue  # label-columns or label-empty reports it
            accepted = kind.accepted_names(lang, code)
            if not accepted or row[j] in accepted:
                continue
            if (lang, code) in CLDR_DEVIATIONS:
                message = (f"{row[j]!r}; the listed name of {code} in {language_name(lang)} is {accepted[0]!r} "
                           f"(CLDR: {kind.cldr_name(lang, code)!r})")
            else:
                message = f"{row[j]!r}; CLDR names {code} {' or '.join(map(repr, accepted))} in {language_name(lang)}"
            yield Problem(entities.file, number, LABEL_PREFIX + lang, kind.rule, message)
