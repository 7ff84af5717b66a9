"""Label rules: four languages on every labelled row, each label visible,
each text in its language's script (so a look-alike letter from another
script is caught), no word that mixes scripts, and CLDR's names for
countries, currencies and languages.

A text's language is known from its column (``label_kk``, ``description_en``,
``quote_de``: any ``*_<lang>``) or, in a table with ``lang`` and ``name``
columns (``entity_names``), from the row.

>>> _script_problem("kk", "Kaspi Bank нарықтық құны")
>>> _script_problem("ru", "Halyk Банк").message
"Russian is written in Cyrillic; 'Halyk' is not (listed exceptions: 'Halyk Bank', 'Kaspi Bank')"
>>> _script_problem("ru", "Halyk Банк").text("ru")
"русский язык пишется кириллицей; 'Halyk' — нет (перечисленные исключения: 'Halyk Bank', 'Kaspi Bank')"
>>> _script_problem("de", "Kasachstan (Қазақстан)").message
"German text has Cyrillic letters: 'Қазақстан'"
>>> _mixed_words("Нур-Sultan Kаспи")  # the second word begins with a Latin K
['Kаспи']
>>> _script_problem("kk", "Kаспи")  # a mixed word: mixed-script's alone
>>> _script_problem("en", "Central Αsia"), _mixed_words("Central Αsia")  # a Greek Alpha
(None, ['Αsia'])
>>> _script_problem("en", "Κεντρική Asia").message
"English text has Greek letters: 'Κεντρική'"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from functools import cache

from ..descriptor import LANGUAGES
from ..i18n import N_
from .codes import CLDR_DEVIATIONS, CODED_TYPES
from .context import Context
from .problem import DESCRIPTOR_FILE, Either, Language, Problem, Term
from .tables import FIRST_DATA_ROW, Table

SCRIPT_NAMES = (N_("Latin"), N_("Cyrillic"), N_("Greek"))
"""Scripts a message names in the reader's language (others as Unicode names them)."""

RULES = {
    "label-columns": "a labelled table has label_de, label_en, label_kk and label_ru, each required",
    "label-empty": "a label has a visible character",
    "language-script": "Kazakh and Russian text is in Cyrillic letters (listed exceptions only), German and English "
    "text in Latin letters (no Cyrillic, Greek or other look-alikes)",
    "mixed-script": "no word mixes the letters of two scripts (Latin and Cyrillic, Latin and Greek ...)",
    "cldr-country": "a country's labels are CLDR's territory names",
    "cldr-currency": "a currency's labels are CLDR's currency names",
    "cldr-language": "a language's labels are CLDR's language names",
}

LATIN_IN_CYRILLIC = ("Halyk Bank", "Kaspi Bank")
"""The only Latin words allowed in Kazakh and Russian text: brands that
write themselves in Latin letters there, as Kazakh and Russian media name
them (entities ``halyk_bank``, ``kaspi_bank``)."""

SCRIPTS = {"de": "LATIN", "en": "LATIN", "kk": "CYRILLIC", "ru": "CYRILLIC"}
"""The script of each language's letters (the first word of a letter's
Unicode name: LATIN SMALL LETTER A, CYRILLIC SMALL LETTER A, GREEK ...)."""
LABEL_PREFIX = "label_"
ENTITY_TYPE = "entity_type"
ROW_LANGUAGE = ("lang", "name")
"""A table with these columns holds one text (name) in the row's language (lang)."""

_WORD = re.compile(r"[^\W\d_]+")
_VISIBLE = "LNPS"
"""Unicode categories (first letter) of characters that show: letters,
numbers, punctuation, symbols."""
_EXCEPTIONS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in LATIN_IN_CYRILLIC) + r")\b")


def check(ctx: Context) -> Iterator[Problem]:
    for table in ctx.tables.values():
        yield from _label_columns(table)
        for number, column, lang, text in _texts(table):
            if column.startswith(LABEL_PREFIX) and not any(unicodedata.category(c)[0] in _VISIBLE for c in text):
                yield Problem.of(table.file, number, column, "label-empty", N_("{text} has no visible character"),
                                 text=repr(text))
            if lang in LANGUAGES:
                found = _script_problem(lang, text)
                if found:
                    yield replace(found, file=table.file, row=number, column=column)
            for word in _mixed_words(text):
                yield Problem(table.file, number, column, "mixed-script", f"{word!r} mixes {_scripts_named(word)} letters")
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
            yield Problem.of(table.file, 1, column, "label-columns", N_("no {column} column; a labelled table has {columns}"),
                             column=column, columns=", ".join(LABEL_PREFIX + x for x in LANGUAGES))
        elif not (table.fields.get(column, {}).get("constraints") or {}).get("required"):
            yield Problem.of(DESCRIPTOR_FILE, None, f"{table.name}.{column}", "label-columns",
                             N_("not required; every row needs its label: give the field constraints.required"))


def _texts(table: Table) -> Iterator[tuple[int, str, str | None, str]]:
    """``(row, column, language or None, text)`` of every non-empty cell; the
    language from the column's suffix, or from the row (``lang``/``name``)."""
    row_lang = table.index(ROW_LANGUAGE[0]) if ROW_LANGUAGE[1] in table.header else None
    for number, row in enumerate(table.rows, FIRST_DATA_ROW):
        for column, text in zip(table.header, row):
            if not text:
                continue
            lang = column.rsplit("_", 1)[-1] if "_" in column else None
            if row_lang is not None and column == ROW_LANGUAGE[1]:
                lang = row[row_lang]
            yield number, column, lang, text


@cache
def _script(letter: str) -> str:
    """LATIN, CYRILLIC, GREEK ... (FULLWIDTH, MATHEMATICAL for look-alike forms)."""
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def _scripts(word: str) -> list[str]:
    """The scripts of a word's letters, Latin first, then Cyrillic, then the
    others; a modifier letter (the apostrophe ʼ) belongs to none."""
    found = {_script(c) for c in word} - {"MODIFIER"}
    return sorted(found, key=lambda s: (("LATIN", "CYRILLIC", s).index(s), s))


def _scripts_named(word: str) -> str:
    names = [s.title() for s in _scripts(word)]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _script_problem(lang: str, text: str) -> Problem | None:
    """The first word not in the language's script, as a problem without
    its place; a word that mixes scripts is left to ``mixed-script``."""
    script = SCRIPTS[lang]
    bare = _EXCEPTIONS.sub(" ", text) if script == "CYRILLIC" else text
    for word in _WORD.findall(bare):
        found = _scripts(word)
        if len(found) == 1 and found[0] != script:
            if script == "CYRILLIC":
                return Problem.of("", None, None, "language-script",
                                  N_("{language} is written in Cyrillic; {word} is not (listed exceptions: {allowed})"),
                                  language=Language(lang), word=repr(word),
                                  allowed=", ".join(repr(w) for w in LATIN_IN_CYRILLIC))
            script = found[0].title()
            return Problem.of("", None, None, "language-script", N_("{language} text has {script} letters: {word}"),
                              language=Language(lang), script=Term(script) if script in SCRIPT_NAMES else script,
                              word=repr(word))
    return None


def _mixed_words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if len(_scripts(w)) > 1]


def _cldr(entities: Table) -> Iterator[Problem]:
    type_i = entities.index(ENTITY_TYPE)
    if type_i is None:
        yield Problem.of(entities.file, 1, ENTITY_TYPE, "cldr-country",
                         N_("no {column} column: the CLDR rules learn from it which entities are countries, currencies, "
                            "languages"), column=ENTITY_TYPE)
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
            where = (entities.file, number, LABEL_PREFIX + lang, kind.rule)
            if (lang, code) in CLDR_DEVIATIONS:
                yield Problem.of(*where, N_("{label}; the listed name of {code} in {language} is {listed} (CLDR: {cldr})"),
                                 label=repr(row[j]), code=code, language=Language(lang), listed=repr(accepted[0]),
                                 cldr=repr(kind.cldr_name(lang, code)))
            else:
                yield Problem.of(*where, N_("{label}; CLDR names {code} {names} in {language}"), label=repr(row[j]),
                                 code=code, names=Either(map(repr, accepted)), language=Language(lang))
