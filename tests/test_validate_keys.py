"""categories and uniqueKeys: frictionless 5.21 does not enforce them, the
validator does wherever the descriptor uses them."""

from __future__ import annotations

import pytest
from validate_helpers import edit_descriptor, resource, row_of, set_cell, validate

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def field(descriptor, table, name):
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def test_a_value_is_one_of_the_categories(package_copy):
    edit_descriptor(package_copy, lambda d: field(d, "event_participants", "role").update(
        {"categories": [{"value": "actor", "label": "Actor"}, "target"]}))
    row = row_of(package_copy, "event_participants", "role", "participant")
    assert f"data/event_participants.csv:{row}:role: categories: 'participant' is not one of the categories actor, target" \
        == validate(package_copy).problems[0]


def test_categories_alone(package_copy):
    edit_descriptor(package_copy, lambda d: field(d, "units", "ucum").update({"categories": ["%", "wk", "{person}"]}))
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "ucum", "week")
    assert validate(package_copy).problems == [
        f"data/units.csv:{row}:ucum: categories: 'week' is not one of the categories %, wk, {{person}}"
    ]


def test_no_two_rows_share_a_unique_key(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"].update({"uniqueKeys": [["label_de", "label_en"]]}))
    week = row_of(package_copy, "units", "unit", "week")
    percent = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", week, "label_de", "Prozent")
    set_cell(package_copy, "units", week, "label_en", "percent")
    assert validate(package_copy).problems == [
        f"data/units.csv:{week}:label_de,label_en: unique-keys: 'Prozent', 'percent' repeats row {percent}"
    ]
