"""Merge-key rules: pycountry's codes agree, every country has its keys, a key only where it belongs."""

from __future__ import annotations

import pytest
from validate_helpers import edit_descriptor, problems, read_rows, resource, row_of, set_cell, write_rows

from kz_between_chairs.validate import merge_keys


def test_the_shipped_keys_pass(package_copy):
    assert problems(merge_keys, package_copy) == []


@pytest.mark.parametrize(("entity", "column", "value", "what", "base", "want"), [
    ("kazakhstan", "iso3166_alpha3", "KAX", "ISO 3166-1 alpha-3 code", "KZ", "KAZ"),
    ("afghanistan", "iso3166_numeric", "4", "ISO 3166-1 numeric code", "AF", "004"),
    ("russia", "iso3166_numeric", "398", "ISO 3166-1 numeric code", "RU", "643"),
    ("tenge", "iso4217_numeric", "643", "ISO 4217 numeric code", "KZT", "398"),
])
def test_a_code_is_pycountrys_for_the_base_code(package_copy, entity, column, value, what, base, want):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, value)
    assert problems(merge_keys, package_copy) == [
        f"data/entities.csv:{row}:{column}: key-agrees: {value!r} is not the {what} of {base!r}; pycountry gives {want!r}"
    ]


@pytest.mark.parametrize(("entity", "column", "kind", "what"), [
    ("china", "iso3166_alpha3", "country", "ISO 3166-1 alpha-3 code"),
    ("india", "cow_code", "country", "Correlates of War state number"),
    ("iran", "gw_code", "country", "Gleditsch-Ward state number"),
    ("ruble", "iso4217_numeric", "currency", "ISO 4217 numeric code"),
])
def test_every_country_and_currency_has_its_keys(package_copy, entity, column, kind, what):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, "")
    assert problems(merge_keys, package_copy) == [f"data/entities.csv:{row}:{column}: key-missing: a {kind} needs its {what}"]


def test_a_region_may_lack_an_m49_code(package_copy):
    set_cell(package_copy, "entities", row_of(package_copy, "entities", "entity_id", "central_asia"), "m49_code", "")
    assert problems(merge_keys, package_copy) == []


@pytest.mark.parametrize(("entity", "column", "value", "kind", "what", "owner"), [
    ("moscow", "cow_code", "365", "city", "Correlates of War state number", "country"),
    ("kazakhstan", "m49_code", "143", "country", "UN M49 region code", "region"),
    ("central_asia", "iso4217_numeric", "398", "region", "ISO 4217 numeric code", "currency"),
])
def test_a_key_is_set_only_on_its_kind_of_entity(package_copy, entity, column, value, kind, what, owner):
    row = row_of(package_copy, "entities", "entity_id", entity)
    set_cell(package_copy, "entities", row, column, value)
    assert problems(merge_keys, package_copy) == [
        f"data/entities.csv:{row}:{column}: key-misplaced: a {kind} has no {what}: only a {owner} has one"
    ]


def test_a_missing_key_column_is_named_once(package_copy):
    rows = read_rows(package_copy, "entities")
    i = rows[0].index("gw_code")
    write_rows(package_copy, "entities", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "entities")["schema"]["fields"].remove(
        next(f for f in resource(d, "entities")["schema"]["fields"] if f["name"] == "gw_code")))
    assert problems(merge_keys, package_copy) == [
        "data/entities.csv:1:gw_code: key-missing: no gw_code column for the Gleditsch-Ward state numbers"
    ]


@pytest.mark.parametrize(("column", "change", "message"), [
    ("iso3166_alpha3", {"constraints": {}}, "pattern None; the field of the ISO 3166-1 alpha-3 code declares type 'string', pattern '^[A-Z]{3}$'"),
    ("iso3166_numeric", {"type": "integer"},
     "type 'integer'; the field of the ISO 3166-1 numeric code declares type 'string', pattern '^[0-9]{3}$'"),
    ("cow_code", {"constraints": {"minimum": 2}},
     "maximum None; the field of the Correlates of War state number declares type 'integer', minimum 2, maximum 999"),
])
def test_the_descriptor_declares_each_keys_form(package_copy, column, change, message):
    def edit(d):
        next(f for f in resource(d, "entities")["schema"]["fields"] if f["name"] == column).update(change)

    edit_descriptor(package_copy, edit)
    assert problems(merge_keys, package_copy) == [f"datapackage.json:entities.{column}: key-form: {message}"]
