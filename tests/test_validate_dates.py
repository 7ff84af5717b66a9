"""Date rules: EDTF parses, derived bounds agree, order of dates."""

from __future__ import annotations

import pytest
from validate_helpers import row_of, set_cell, validate

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_edtf_parses(package_copy):
    row = row_of(package_copy, "events", "event_id", "csto_request")
    set_cell(package_copy, "events", row, "date", "2022-13")
    assert validate(package_copy).problems == [f"data/events.csv:{row}:date: edtf-parse: not an EDTF date: '2022-13'"]


def test_edtf_parses_in_every_edtf_column(package_copy):
    row = row_of(package_copy, "sources", "source_id", "mohr_2022")
    set_cell(package_copy, "sources", row, "published", "March 2022")
    assert validate(package_copy).problems == [
        f"data/sources.csv:{row}:published: edtf-parse: not an EDTF date: 'March 2022'"
    ]


def test_derived_dates_are_the_strict_bounds(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "period", "2022-01")
    set_cell(package_copy, "indicators", row, "date_start", "2022-01-01")
    set_cell(package_copy, "indicators", row, "date_end", "2022-01-19")
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:date_end: edtf-bounds: '2022-01-19'; the strict bound of period '2022-01' is '2022-01-31'"
    ]


def test_an_open_end_leaves_the_bound_empty(package_copy):
    row = row_of(package_copy, "events", "event_id", "csto_request")
    set_cell(package_copy, "events", row, "date", "../2022-01-05")
    set_cell(package_copy, "events", row, "date_start", "2022-01-05")
    set_cell(package_copy, "events", row, "date_end", "2022-01-05")
    assert validate(package_copy).problems == [
        f"data/events.csv:{row}:date_start: edtf-bounds: '2022-01-05'; the strict bound of date '../2022-01-05' is ''"
    ]


def test_start_not_after_end(package_copy):
    row = row_of(package_copy, "events", "event_id", "csto_request")
    # a reversed interval parses; its bounds are then reversed too
    set_cell(package_copy, "events", row, "date", "2022-01-19/2022-01-06")
    set_cell(package_copy, "events", row, "date_start", "2022-01-19")
    set_cell(package_copy, "events", row, "date_end", "2022-01-06")
    assert validate(package_copy).problems == [
        f"data/events.csv:{row}:date_end: date-order: date_start 2022-01-19 is not on or before date_end 2022-01-06"
    ]


def test_a_name_is_valid_from_before_valid_to(package_copy):
    row = row_of(package_copy, "entity_names", "name", "Нур-Султан")
    set_cell(package_copy, "entity_names", row, "valid_from", "2022-09-19")
    set_cell(package_copy, "entity_names", row, "valid_to", "2022-09-19")
    assert validate(package_copy).problems == [
        f"data/entity_names.csv:{row}:valid_to: validity-order: valid_from 2022-09-19 is not before valid_to 2022-09-19"
    ]
