"""One term per concept in every language: a code reads the same wherever it
appears, in its table, in the codebook, in the catalogs' descriptions and in
the sentences; and a label names one concept only, never another code or a
column (Kazakh «Нысан» was once both the entity and a facility)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kz_between_chairs as kz
from kz_between_chairs import descriptor
from kz_between_chairs.i18n import gettext, ngettext
from kz_between_chairs.statements import QUANTITIES

ROOT = Path(__file__).resolve().parents[1]
CODE_LISTS = descriptor.vocabularies()


def labels(table: str, lang: str) -> dict[str, str]:
    """code -> label of a code list in ``lang``."""
    key = descriptor.resource(table)["schema"]["primaryKey"][0]
    frame = kz.load(table, lang=lang)
    return dict(zip(frame[key], frame["label"]))


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
def test_the_codebook_gives_every_code_its_label(lang):
    text = (ROOT / "docs" / f"codebook.{lang}.md").read_text(encoding="utf-8")
    missing = [
        (table, code, label)
        for table in CODE_LISTS
        for code, label in labels(table, lang).items()
        if f"| `{code}` | {label} |" not in text
    ]
    assert missing == [], f"docs/codebook.{lang}.md: codes without their label (run scripts/build_docs.py)"


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
def test_a_label_names_one_concept(lang):
    titles = {}
    for table in kz.tables():
        resource = descriptor.resource(table)
        titles[gettext(resource["title"], lang).casefold()] = f"table {table}"
        for field in resource["schema"]["fields"]:
            titles[gettext(field["title"], lang).casefold()] = f"column {table}.{field['name']}"
    clashes = []
    for table in CODE_LISTS:
        seen: dict[str, str] = {}
        for code, label in labels(table, lang).items():
            key = label.casefold()
            if key in seen:
                clashes.append(f"{table}: {seen[key]} and {code} are both {label!r}")
            if key in titles:
                clashes.append(f"{table}: {code} is {label!r}, the title of {titles[key]}")
            seen[key] = code
    assert clashes == []


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
def test_a_unit_reads_as_in_its_sentences(lang):
    """The unit's label is the noun of its quantity phrase ("{number} человек")."""
    names = labels("units", lang)
    checked = 0
    for unit, phrases in QUANTITIES.items():
        if not isinstance(phrases["="], tuple):
            continue  # a percentage is a number and a sign, no noun
        noun = ngettext(*phrases["="], 1, lang).replace("{number}", "").strip()
        assert noun.casefold() == names[unit].casefold(), (unit, noun, names[unit])
        checked += 1
    assert checked >= 2


COMPARATOR_COLUMNS = [
    (table, field["name"])
    for table in kz.tables()
    for field in descriptor.resource(table)["schema"]["fields"]
    if field["name"] == "comparator"
]


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
@pytest.mark.parametrize(("table", "column"), COMPARATOR_COLUMNS)
def test_a_comparator_reads_as_in_its_sentences(table, column, lang):
    """The codebook explains each comparator with the word the sentences use
    ("~ около" and "около 20 %")."""
    explained = gettext(descriptor.field(table, column)["description"], lang)
    words = {
        comparator: re.sub(r"\{percent\}(-\w+)?", "", gettext(phrase, lang)).strip()
        for comparator, phrase in QUANTITIES["percent"].items()
        if comparator != "="
    }
    assert all(words.values())
    unexplained = {c: w for c, w in words.items() if f"{c} {w}" not in explained}
    assert unexplained == {}, explained


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
@pytest.mark.parametrize("term", ["Codebook", "Dataset"])
def test_a_readme_says_what_the_program_says(term, lang):
    """The README of a language calls the codebook and the dataset what the
    command line and the workbook call them (Russian «справочник полей»,
    never «кодбук»)."""
    said = gettext(term, lang)
    assert lang == "en" or said != term, f"{term!r} has no {lang} translation in the catalogs"
    readme = ROOT / ("README.md" if lang == "en" else f"README.{lang}.md")
    assert said.casefold() in readme.read_text(encoding="utf-8").casefold(), (readme.name, said)


CATEGORIES = [
    (table, field["name"], category["value"], category["label"])
    for table in kz.tables()
    for field in descriptor.resource(table)["schema"]["fields"]
    for category in field.get("categories") or []
]
"""(table, column, code, English label) of every code a schema puts into words."""


@pytest.mark.parametrize("lang", descriptor.LANGUAGES)
def test_a_closed_list_code_reads_the_same_everywhere(lang):
    """A code that the schema puts into words (role ``actor``: «Инициатор»)
    reads the same in the loader's labels, on the site and in the codebook's
    explanation of the column."""
    from kz_between_chairs.site.text import code as on_the_site

    assert CATEGORIES, "no column of the schema lists categories"
    apart = []
    for table, column, code, english in CATEGORIES:
        label = gettext(english, lang)
        shown = on_the_site(code, descriptor.field(table, column), lang)
        if shown != label:
            apart.append(f"{table}.{column} {code}: {label!r} here, {shown!r} on the site")
        explained = gettext(descriptor.field(table, column)["description"], lang)
        if lang != "en" and f"{code} ({label.casefold()}" not in explained.casefold():
            apart.append(f"{table}.{column} {code}: the codebook does not explain it as {label!r}")
    assert apart == []
