"""Date rules: EDTF parses, derived bounds agree, order of dates."""

from __future__ import annotations

import pytest
from validate_helpers import problems, row_of, set_cell

from kz_between_chairs.validate import dates


@pytest.mark.parametrize(("table", "key", "id_", "column", "value"), [
    ("events", "event_id", "csto_request", "date", "2022-13"),
    ("sources", "source_id", "mohr_2022", "published", "March 2022"),  # every EDTF column
])
def test_edtf_parses(package_copy, table, key, id_, column, value):
    row = row_of(package_copy, table, key, id_)
    set_cell(package_copy, table, row, column, value)
    assert problems(dates, package_copy) == [f"data/{table}.csv:{row}:{column}: edtf-parse: not an EDTF date: {value!r}"]


def set_dates(dp, table, key, id_, cells):
    row = row_of(dp, table, key, id_)
    for column, value in cells.items():
        set_cell(dp, table, row, column, value)
    return row


def test_derived_dates_are_the_strict_bounds(package_copy):
    row = set_dates(package_copy, "indicators", "indicator_id", "csto_troops",
                    {"period": "2022-01", "date_start": "2022-01-01", "date_end": "2022-01-19"})
    assert problems(dates, package_copy) == [
        f"data/indicators.csv:{row}:date_end: edtf-bounds: '2022-01-19'; the strict bound of period '2022-01' is '2022-01-31'"
    ]


def test_an_open_end_leaves_the_bound_empty(package_copy):
    row = set_dates(package_copy, "events", "event_id", "csto_request",
                    {"date": "../2022-01-05", "date_start": "2022-01-05", "date_end": "2022-01-05"})
    assert problems(dates, package_copy) == [
        f"data/events.csv:{row}:date_start: edtf-bounds: '2022-01-05'; the strict bound of date '../2022-01-05' is ''"
    ]


def test_start_not_after_end(package_copy):
    # a reversed interval parses; its bounds are then reversed too
    row = set_dates(package_copy, "events", "event_id", "csto_request",
                    {"date": "2022-01-19/2022-01-06", "date_start": "2022-01-19", "date_end": "2022-01-06"})
    assert problems(dates, package_copy) == [
        f"data/events.csv:{row}:date_end: date-order: date_start 2022-01-19 is not on or before date_end 2022-01-06"
    ]


def test_a_name_is_valid_from_before_valid_to(package_copy):
    row = set_dates(package_copy, "entity_names", "name", "Нур-Султан", {"valid_from": "2022-09-19", "valid_to": "2022-09-19"})
    assert problems(dates, package_copy) == [
        f"data/entity_names.csv:{row}:valid_to: validity-order: valid_from 2022-09-19 is not before valid_to 2022-09-19"
    ]


def test_the_periods_of_a_name_are_numbered_in_time_order(package_copy):
    first = set_dates(package_copy, "entity_names", "valid_from", "1998-05-06", {"period_number": "2"})
    later = row_of(package_copy, "entity_names", "valid_from", "2022-09-19")
    set_cell(package_copy, "entity_names", later, "period_number", "1")
    assert problems(dates, package_copy) == [
        f"data/entity_names.csv:{first}:period_number: validity-periods: 2; by valid_from this is period 1 of the name",
        f"data/entity_names.csv:{later}:period_number: validity-periods: 1; by valid_from this is period 2 of the name",
    ]


def test_the_periods_of_a_name_do_not_overlap(package_copy):
    first = set_dates(package_copy, "entity_names", "valid_from", "1998-05-06", {"valid_to": "2022-09-20"})
    later = row_of(package_copy, "entity_names", "valid_from", "2022-09-19")
    assert problems(dates, package_copy) == [
        f"data/entity_names.csv:{later}:valid_from: validity-periods: 2022-09-19; the name's period in row {first} "
        "is valid until 2022-09-20"
    ]
