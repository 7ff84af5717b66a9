"""Label rules: four required languages, scripts, and CLDR's names."""

from __future__ import annotations

import pytest
from validate_helpers import (
    add_column,
    edit_descriptor,
    problems,
    read_rows,
    resource,
    row_of,
    set_cell,
    write_rows,
)

from kz_between_chairs.validate import labels

CYRILLIC_ONLY = "(listed exceptions: 'Halyk Bank', 'Kaspi Bank')"


def test_a_labelled_table_has_all_four_label_columns(package_copy):
    rows = read_rows(package_copy, "units")
    i = rows[0].index("label_kk")
    write_rows(package_copy, "units", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"].pop(i))
    assert problems(labels, package_copy) == [
        "data/units.csv:1:label_kk: label-columns: no label_kk column; a labelled table has "
        "label_de, label_en, label_kk, label_ru"
    ]


def test_every_label_column_is_required(package_copy):
    # frictionless then reports an empty label, with its "required" constraint
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"][3].pop("constraints"))
    assert problems(labels, package_copy) == [
        "datapackage.json:units.label_kk: label-columns: not required; every row needs its label: "
        "give the field constraints.required"
    ]


@pytest.mark.parametrize(("table", "key", "id_", "column", "value", "message"), [
    ("units", "unit", "week", "label_ru", "nedeli",
     f"language-script: Russian is written in Cyrillic; 'nedeli' is not {CYRILLIC_ONLY}"),
    ("entities", "entity_id", "kazatomprom", "label_kk", "Kazatomprom",  # only listed brands may be Latin
     f"language-script: Kazakh is written in Cyrillic; 'Kazatomprom' is not {CYRILLIC_ONLY}"),
    ("units", "unit", "week", "description_en", "Duration in weeks (апта).",
     "language-script: English text has Cyrillic letters: 'апта'"),
    ("entity_names", "name", "Қазақстан Республикасы", "name", "Qazaqstan Respublikasy",  # language from the row
     f"language-script: Kazakh is written in Cyrillic; 'Qazaqstan' is not {CYRILLIC_ONLY}"),
    ("entities", "entity_id", "central_asia", "label_en", "Central \u0410sia",  # a Cyrillic А: one problem
     "mixed-script: '\u0410sia' mixes Latin and Cyrillic letters"),
    ("sources", "source_id", "mohr_2022", "title", "Zwischen den St\u043ehlen",
     "mixed-script: 'St\u043ehlen' mixes Latin and Cyrillic letters"),
    ("entities", "entity_id", "russia", "label_de", "Russische Föderation",
     "cldr-country: 'Russische Föderation'; CLDR names RU 'Russland' in German"),
    ("entities", "entity_id", "tenge", "label_en", "Tenge",
     "cldr-currency: 'Tenge'; CLDR names KZT 'Kazakhstani Tenge' or 'Kazakhstani tenge' in English"),
    ("entities", "entity_id", "tenge", "label_ru", "казахский тенге",  # CLDR's own name; a listed deviation replaces it
     "cldr-currency: 'казахский тенге'; the listed name of KZT in Russian is 'казахстанский тенге' "
     "(CLDR: 'казахский тенге')"),
    ("entities", "entity_id", "kazakhstan", "label_de", " Kasachstan", None),  # a blank is csv-whitespace's
])
def test_a_label_fault(package_copy, table, key, id_, column, value, message):
    row = row_of(package_copy, table, key, id_)
    set_cell(package_copy, table, row, column, value)
    assert problems(labels, package_copy) == ([f"data/{table}.csv:{row}:{column}: {message}"] if message else [])


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
    assert problems(labels, package_copy) == [
        f"data/entities.csv:{len(entities) + 1}:label_en: cldr-language: 'Kazakh language'; "
        "CLDR names kk 'Kazakh' in English"
    ]


@pytest.mark.parametrize("value", ["\u200b", "\u00ad\u200b", "\u0301"])
def test_a_label_without_a_visible_character_is_empty(package_copy, value):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_en", value)
    assert problems(labels, package_copy) == [f"data/units.csv:{row}:label_en: label-empty: {value!r} has no visible character"]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("label_en", "Central \u0391sia", "mixed-script: '\u0391sia' mixes Latin and Greek letters"),  # Greek Alpha
    ("label_en", "Κεντρική Asia", "language-script: English text has Greek letters: 'Κεντρική'"),
    ("label_de", "Zentral\uff41sien", "mixed-script: 'Zentral\uff41sien' mixes Latin and Fullwidth letters"),
    ("label_ru", "Центральная Аз\u0456я", None),  # Cyrillic і (Ukrainian, Kazakh): Cyrillic still
    ("label_ru", "Центральная \u0410зия", None),
    ("label_ru", "Центральная Азияʼ", None),  # a modifier letter (ʼ) belongs to no script
    ("label_ru", "Центральная Aзия", "mixed-script: 'Aзия' mixes Latin and Cyrillic letters"),  # a Latin A
])
def test_a_look_alike_letter_from_another_script(package_copy, column, value, message):
    row = row_of(package_copy, "entities", "entity_id", "central_asia")
    set_cell(package_copy, "entities", row, column, value)
    assert problems(labels, package_copy) == ([f"data/entities.csv:{row}:{column}: {message}"] if message else [])


def test_the_cldr_rules_say_when_they_cannot_find_the_entity_types(package_copy):
    rows = read_rows(package_copy, "entities")
    i = rows[0].index("entity_type")
    write_rows(package_copy, "entities", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "entities")["schema"]["fields"].pop(i))
    assert problems(labels, package_copy) == [
        "data/entities.csv:1:entity_type: cldr-country: no entity_type column: the CLDR rules learn from it which "
        "entities are countries, currencies, languages"
    ]
