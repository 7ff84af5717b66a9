"""Identifier rules: Wikidata ids, ISO codes that exist, codes that are there."""

from __future__ import annotations

import pytest
from validate_helpers import (
    add_column,
    read_rows,
    row_of,
    set_cell,
    validate,
    write_rows,
)

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_wikidata_id_form(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    set_cell(package_copy, "entities", row, "wikidata_id", "Q0159")
    # frictionless's pattern error on the same cell is folded into this one
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:wikidata_id: wikidata-id: 'Q0159' is not a Wikidata item id "
        "(Q and a number without leading zero)"
    ]


def test_wikidata_id_form_where_the_schema_has_no_pattern(package_copy):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    set_cell(package_copy, "entities", row, "wikidata_id", "P159")
    from validate_helpers import edit_descriptor, resource

    def drop_pattern(d):
        field = next(f for f in resource(d, "entities")["schema"]["fields"] if f["name"] == "wikidata_id")
        field.pop("constraints")

    edit_descriptor(package_copy, drop_pattern)
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:wikidata_id: wikidata-id: 'P159' is not a Wikidata item id "
        "(Q and a number without leading zero)"
    ]


@pytest.mark.parametrize(("entity", "column", "code", "standard"),
                         [("russia", "iso3166_alpha2", "SU", "ISO 3166-1 alpha-2"), ("tenge", "iso4217", "KZA", "ISO 4217")])
def test_iso_codes_exist(package_copy, entity, column, code, standard):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, code)
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:{column}: code-exists: {code!r} is not an {standard} code"
    ]


@pytest.mark.parametrize(("entity", "column", "kind", "standard"),
                         [("china", "iso3166_alpha2", "country", "ISO 3166-1 alpha-2"),
                          ("ruble", "iso4217", "currency", "ISO 4217")])
def test_every_country_and_currency_has_its_code(package_copy, entity, column, kind, standard):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, "")
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:{column}: code-missing: a {kind} needs its {standard} code"
    ]


def test_a_coded_type_needs_its_code_column(package_copy):
    types = read_rows(package_copy, "entity_types")
    write_rows(package_copy, "entity_types", types + [["language", "Sprache", "Language", "Тіл", "Язык", "A language."]])
    row = row_of(package_copy, "entities", "entity_id", "mohr")
    set_cell(package_copy, "entities", row, "entity_type", "language")
    assert validate(package_copy).problems == [
        "data/entities.csv:1:bcp47: code-missing: no bcp47 column for the language entities' ISO 639 (BCP 47) codes"
    ]


def test_language_code_exists(package_copy):
    add_column(package_copy, "entities", {"name": "bcp47", "type": "string"}, lambda row: "")
    row = row_of(package_copy, "entities", "entity_id", "mohr")
    set_cell(package_copy, "entities", row, "bcp47", "xx")
    assert validate(package_copy).problems == [
        f"data/entities.csv:{row}:bcp47: code-exists: 'xx' is not an ISO 639 (BCP 47) code"
    ]
