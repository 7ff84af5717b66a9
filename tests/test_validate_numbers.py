"""Number rules: percentages, counts, comparators."""

from __future__ import annotations

import pytest
from validate_helpers import edit_descriptor, resource, row_of, set_cell, validate

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_a_percentage_is_at_most_100(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "kz_imports_russia")
    set_cell(package_copy, "indicators", row, "value", "140")
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:value: percent-range: 140 percent: a percentage lies within 0-100"
    ]


def test_a_negative_percentage_is_reported_once(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "kz_imports_russia")
    set_cell(package_copy, "indicators", row, "value", "-40")
    # frictionless's "minimum" error on the same cell is folded into this one
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:value: percent-range: -40 percent: a percentage lies within 0-100"
    ]


@pytest.mark.parametrize("value", ["2500.5", "-2500"])
def test_a_count_is_a_whole_number_not_negative(package_copy, value):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "value", value)
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:value: count-value: {value} person: a count is a whole number, not negative"
    ]


def test_comparator_from_the_closed_set(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "comparator", "about")
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:comparator: comparator-enum: 'about' is not one of = ~ > >= < <="
    ]


def test_comparator_needs_a_closed_set_in_the_descriptor(package_copy):
    def drop_enum(d):
        field = next(f for f in resource(d, "indicators")["schema"]["fields"] if f["name"] == "comparator")
        field["constraints"].pop("enum")

    edit_descriptor(package_copy, drop_enum)
    problems = validate(package_copy).problems
    assert problems[-1] == (
        "datapackage.json:indicators.comparator: comparator-enum: no closed set: give the field constraints.enum"
    )
    # and without a closed set, "=" is free text that a spreadsheet would run
    formula = ":comparator: csv-formula: '=' begins with '=': a spreadsheet would run it as a formula"
    assert problems[:-1] and all(p.endswith(formula) for p in problems[:-1])
