"""categories and uniqueKeys: frictionless 5.21 does not enforce them, the
validator does wherever the descriptor uses them."""

from __future__ import annotations

from validate_helpers import edit_descriptor, problems, resource, row_of, set_cell

from kz_between_chairs.validate import keys


def field(descriptor, table, name):
    return next(f for f in resource(descriptor, table)["schema"]["fields"] if f["name"] == name)


def test_a_value_is_one_of_the_categories(package_copy):
    edit_descriptor(package_copy, lambda d: field(d, "units", "ucum").update(
        {"categories": [{"value": "%", "label": "percent"}, "wk", "{person}"]}))
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "ucum", "week")
    assert problems(keys, package_copy) == [
        f"data/units.csv:{row}:ucum: categories: 'week' is not one of the categories %, wk, {{person}}"
    ]


def test_no_two_rows_share_a_unique_key(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"].update({"uniqueKeys": [["label_de", "label_en"]]}))
    week = row_of(package_copy, "units", "unit", "week")
    percent = row_of(package_copy, "units", "unit", "percent")
    set_cell(package_copy, "units", week, "label_de", "Prozent")
    set_cell(package_copy, "units", week, "label_en", "percent")
    assert problems(keys, package_copy) == [
        f"data/units.csv:{week}:label_de,label_en: unique-keys: 'Prozent', 'percent' repeats row {percent}"
    ]


def test_a_unique_key_names_fields_of_the_table(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"].update({"uniqueKeys": [["label_de", "label_xx"]]}))
    assert problems(keys, package_copy) == [
        "datapackage.json:units.uniqueKeys: unique-keys: 'label_xx' is not a field of the table"
    ]
