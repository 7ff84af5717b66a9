"""Label rules: four languages, scripts, and CLDR's names."""

from __future__ import annotations

import pytest
from validate_helpers import (
    add_column,
    edit_descriptor,
    read_rows,
    resource,
    row_of,
    set_cell,
    validate,
    write_rows,
)

from kz_between_chairs.validate.labels import LATIN_IN_CYRILLIC

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_a_labelled_table_has_all_four_label_columns(package_copy):
    rows = read_rows(package_copy, "units")
    i = rows[0].index("label_kk")
    write_rows(package_copy, "units", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"].pop(i))
    assert validate(package_copy).problems == [
        "data/units.csv:1:label_kk: label-columns: no label_kk column; a labelled table has "
        "label_de, label_en, label_kk, label_ru"
    ]


def test_every_label_is_filled(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_kk", "")
    # frictionless's "required" error on the same cell is folded into this one
    assert validate(package_copy).problems == [f"data/units.csv:{row}:label_kk: label-empty: no Kazakh label"]


def test_russian_is_cyrillic(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_ru", "nedeli")
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:label_ru: language-script: Russian is written in Cyrillic; 'nedeli' is not "
        "(listed exceptions: 'Halyk Bank', 'Kaspi Bank')"
    ]


def test_only_listed_brands_may_be_latin_in_kazakh(package_copy):
    assert LATIN_IN_CYRILLIC == ("Halyk Bank", "Kaspi Bank")
    row = row_of(package_copy, "entities", "entity_id", "kazatomprom")
    set_cell(package_copy, "entities", row, "label_kk", "Kazatomprom")
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:label_kk: language-script: Kazakh is written in Cyrillic; 'Kazatomprom' is not "
        "(listed exceptions: 'Halyk Bank', 'Kaspi Bank')"
    ]


def test_german_and_english_have_no_cyrillic(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "description_en", "Duration in weeks (апта).")
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:description_en: language-script: English text has Cyrillic letters: 'апта'"
    ]


def test_a_name_is_in_the_script_of_its_language(package_copy):
    row = row_of(package_copy, "entity_names", "name", "Қазақстан Республикасы")
    set_cell(package_copy, "entity_names", row, "name", "Qazaqstan Respublikasy")
    assert validate(package_copy).problems == [
        f"data/entity_names.csv:{row}:name: language-script: Kazakh is written in Cyrillic; 'Qazaqstan' is not "
        "(listed exceptions: 'Halyk Bank', 'Kaspi Bank')"
    ]


def test_no_word_mixes_latin_and_cyrillic(package_copy):
    row = row_of(package_copy, "sources", "language", "ru")
    title = read_rows(package_copy, "sources")[row - 1][1]
    mixed = "A" + title[1:]  # a Latin A for the Cyrillic one
    set_cell(package_copy, "sources", row, "title", mixed)
    word = mixed.split()[0]
    assert validate(package_copy).problems == [
        f"data/sources.csv:{row}:title: mixed-script: {word!r} mixes Latin and Cyrillic letters"
    ]


def test_a_mixed_word_in_a_label_breaks_both_script_rules(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "central_asia")
    set_cell(package_copy, "entities", row, "label_en", "Central Аsia")  # Cyrillic А
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:label_en: language-script: English text has Cyrillic letters: 'Аsia'",
        f"data/entities.csv:{row}:label_en: mixed-script: 'Аsia' mixes Latin and Cyrillic letters",
    ]


def test_country_names_are_cldr(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    set_cell(package_copy, "entities", row, "label_de", "Russische Föderation")
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:label_de: cldr-country: 'Russische Föderation'; CLDR names RU 'Russland' in German"
    ]


def test_currency_names_are_cldr(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "tenge")
    set_cell(package_copy, "entities", row, "label_en", "Tenge")
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:label_en: cldr-currency: 'Tenge'; "
        "CLDR names KZT 'Kazakhstani Tenge' or 'Kazakhstani tenge' in English"
    ]


def test_a_listed_deviation_replaces_the_cldr_name(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "tenge")
    set_cell(package_copy, "entities", row, "label_ru", "казахский тенге")  # CLDR's own name
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:label_ru: cldr-currency: 'казахский тенге'; the listed name of KZT in Russian "
        "is 'казахстанский тенге' (CLDR: 'казахский тенге')"
    ]


def test_language_names_are_cldr(package_copy):
    """No language is an entity today; once one is, its labels are CLDR's."""
    types = read_rows(package_copy, "entity_types")
    write_rows(package_copy, "entity_types", types + [["language", "Sprache", "Language", "Тіл", "Язык", "A language."]])
    add_column(package_copy, "entities", {"name": "bcp47", "type": "string"}, lambda row: "")
    entities = read_rows(package_copy, "entities")
    header = entities[0]
    values = {"entity_id": "kazakh", "entity_type": "language", "bcp47": "kk", "label_de": "Kasachisch",
              "label_en": "Kazakh language", "label_kk": "қазақ тілі", "label_ru": "казахский",
              "source_id": "mohr_2022", "quote_de": entities[1][header.index("quote_de")]}
    write_rows(package_copy, "entities", entities + [[values.get(c, "") for c in header]])
    assert validate(package_copy).problems == [
        f"data/entities.csv:{len(entities) + 1}:label_en: cldr-language: 'Kazakh language'; "
        "CLDR names kk 'Kazakh' in English"
    ]
