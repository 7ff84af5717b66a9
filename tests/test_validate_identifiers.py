"""Identifier rules: Wikidata ids, ISO codes that exist, codes that are there."""

from __future__ import annotations

import pytest
from validate_helpers import add_column, edit_descriptor, problems, read_rows, resource, row_of, set_cell, write_rows

from kz_between_chairs.validate import identifiers


@pytest.mark.parametrize("pattern", [None, "^Q[0-9]+$"])
def test_a_wikidata_id_field_has_the_pattern(package_copy, pattern):
    # frictionless enforces the pattern on every cell
    def change(d):
        field = next(f for f in resource(d, "entities")["schema"]["fields"] if f["name"] == "wikidata_id")
        field["constraints"] = {"pattern": pattern} if pattern else {}

    edit_descriptor(package_copy, change)
    assert problems(identifiers, package_copy) == [
        f"datapackage.json:entities.wikidata_id: wikidata-id: pattern {pattern!r}; a Wikidata item id is '^Q[1-9][0-9]*$'"
    ]


@pytest.mark.parametrize(("entity", "column", "code", "standard"),
                         [("russia", "iso3166_alpha2", "SU", "ISO 3166-1 alpha-2"), ("tenge", "iso4217", "KZA", "ISO 4217")])
def test_iso_codes_exist(package_copy, entity, column, code, standard):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, code)
    assert problems(identifiers, package_copy) == [
        f"data/entities.csv:{row}:{column}: code-exists: {code!r} is not an {standard} code"
    ]


@pytest.mark.parametrize(("entity", "column", "kind", "standard"),
                         [("china", "iso3166_alpha2", "country", "ISO 3166-1 alpha-2"),
                          ("ruble", "iso4217", "currency", "ISO 4217")])
def test_every_country_and_currency_has_its_code(package_copy, entity, column, kind, standard):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, "")
    assert problems(identifiers, package_copy) == [
        f"data/entities.csv:{row}:{column}: code-missing: a {kind} needs its {standard} code"
    ]


def test_a_coded_type_needs_its_code_column(package_copy):
    types = read_rows(package_copy, "entity_types")
    write_rows(package_copy, "entity_types", types + [["language", "Sprache", "Language", "Тіл", "Язык", "A language."]])
    set_cell(package_copy, "entities", row_of(package_copy, "entities", "entity_id", "mohr"), "entity_type", "language")
    assert problems(identifiers, package_copy) == [
        "data/entities.csv:1:bcp47: code-missing: no bcp47 column for the language entities' ISO 639 (BCP 47) codes"
    ]


def test_language_code_exists(package_copy):
    add_column(package_copy, "entities", {"name": "bcp47", "type": "string"}, lambda row: "")
    row = row_of(package_copy, "entities", "entity_id", "mohr")
    set_cell(package_copy, "entities", row, "bcp47", "xx")
    assert problems(identifiers, package_copy) == [
        f"data/entities.csv:{row}:bcp47: code-exists: 'xx' is not an ISO 639 (BCP 47) code"
    ]


def test_the_code_rules_say_when_they_cannot_find_the_entity_types(package_copy):
    rows = read_rows(package_copy, "entities")
    i = rows[0].index("entity_type")
    write_rows(package_copy, "entities", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "entities")["schema"]["fields"].pop(i))
    assert problems(identifiers, package_copy) == [
        "data/entities.csv:1:entity_type: code-missing: no entity_type column: the code rules learn from it which "
        "entities need a code"
    ]
