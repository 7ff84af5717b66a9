"""Number rules: percentages, counts, comparators (the schema's minimum and
enum are frictionless's)."""

from __future__ import annotations

import pytest
from validate_helpers import edit_descriptor, problems, read_rows, resource, row_of, set_cell, write_rows

from kz_between_chairs.validate import numbers


@pytest.mark.parametrize(("indicator", "value", "message"), [
    ("kz_imports_russia", "140", "percent-range: 140 percent: a percentage lies within 0-100"),
    ("kz_imports_russia", "-40", None),  # frictionless: minimum 0
    ("csto_troops", "2500.5", "count-value: 2500.5 person: a count is a whole number, not negative"),
    ("csto_troops", "-2500", None),  # frictionless: minimum 0
])
def test_a_value_fits_its_unit(package_copy, indicator, value, message):
    row = row_of(package_copy, "indicators", "indicator_id", indicator)
    set_cell(package_copy, "indicators", row, "value", value)
    assert problems(numbers, package_copy) == ([f"data/indicators.csv:{row}:value: {message}"] if message else [])


def test_comparator_needs_a_closed_set_in_the_descriptor(package_copy):
    # frictionless enforces the enum; without it, "=" would also be free text a spreadsheet runs (csv-formula)
    def drop_enum(d):
        field = next(f for f in resource(d, "indicators")["schema"]["fields"] if f["name"] == "comparator")
        field["constraints"].pop("enum")

    edit_descriptor(package_copy, drop_enum)
    assert problems(numbers, package_copy) == [
        "datapackage.json:indicators.comparator: comparator-enum: no closed set: give the field constraints.enum"
    ]


def test_the_unit_rules_say_when_they_cannot_find_the_unit_kinds(package_copy):
    rows = read_rows(package_copy, "units")
    i = rows[0].index("ucum")
    write_rows(package_copy, "units", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"].pop(i))
    assert problems(numbers, package_copy) == [
        "data/units.csv:1:ucum: percent-range: no ucum column: the percent and count rules learn a unit's kind from it"
    ]
