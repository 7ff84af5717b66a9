"""Rules of record_checks, un_votes and positions: one fact per check, value with
comparator and unit, the indicator's unit, every UN vote coded once, a position
held by a participant of its event."""

from __future__ import annotations

import pytest
from validate_helpers import problems, read_rows, row_of, set_cell, write_rows

from kz_between_chairs.validate import record


def test_the_shipped_tables_pass(package_copy):
    assert problems(record, package_copy) == []


def test_a_check_names_one_fact_not_two(package_copy):
    row = row_of(package_copy, "record_checks", "check_id", "deaths_prosecutor_2022_01_15")
    set_cell(package_copy, "record_checks", row, "event_id", "unrest_2022")
    assert problems(record, package_copy) == [
        f"data/record_checks.csv:{row}:event_id: check-target: indicator_id and event_id are set; a check concerns one fact"
    ]


def test_a_check_names_one_fact_not_three(package_copy):
    row = row_of(package_copy, "record_checks", "check_id", "halyk_largest_bank_assets")
    set_cell(package_copy, "record_checks", row, "indicator_id", "kz_imports_russia")
    set_cell(package_copy, "record_checks", row, "event_id", "unrest_2022")
    assert problems(record, package_copy) == [
        f"data/record_checks.csv:{row}:event_id: check-target: "
        "indicator_id and event_id and relation_id are set; a check concerns one fact"
    ]


def test_a_check_names_a_fact(package_copy):
    row = row_of(package_copy, "record_checks", "check_id", "unga_vote_2014_abstention")
    set_cell(package_copy, "record_checks", row, "event_id", "")
    assert problems(record, package_copy) == [
        f"data/record_checks.csv:{row}:indicator_id: check-target: "
        "none of indicator_id, event_id and relation_id is set: which fact of the article does the check concern?"
    ]


@pytest.mark.parametrize(("emptied", "message"), [
    (["comparator"], "comparator empty"),
    (["value", "unit"], "value and unit empty"),
])
def test_value_comparator_and_unit_go_together(package_copy, emptied, message):
    row = row_of(package_copy, "record_checks", "check_id", "kz_imports_russia_2021")
    for column in emptied:
        set_cell(package_copy, "record_checks", row, column, "")
    assert problems(record, package_copy) == [
        f"data/record_checks.csv:{row}:{emptied[0]}: check-value: value, comparator and unit go together; {message}"
    ]


def test_the_value_is_in_the_indicators_unit(package_copy):
    row = row_of(package_copy, "record_checks", "check_id", "kz_imports_russia_2021")
    set_cell(package_copy, "record_checks", row, "unit", "person")
    assert problems(record, package_copy) == [
        f"data/record_checks.csv:{row}:unit: check-unit: 'person' is not the unit of indicator 'kz_imports_russia' ('percent')"
    ]


def test_a_un_vote_row_is_a_un_vote_event(package_copy):
    row = row_of(package_copy, "un_votes", "event_id", "unga_vote_2014")
    set_cell(package_copy, "un_votes", row, "event_id", "crimea_annexation")
    event_row = row_of(package_copy, "events", "event_id", "unga_vote_2014")
    assert problems(record, package_copy) == [
        f"data/events.csv:{event_row}:event_id: un-vote-coded: the UN vote 'unga_vote_2014' has no row in un_votes (resolution, vote, totals)",
        f"data/un_votes.csv:{row}:event_id: un-vote-coded: event 'crimea_annexation' is of type 'annexation', not un_vote",
    ]


def test_every_un_vote_is_coded(package_copy):
    rows = read_rows(package_copy, "un_votes")
    write_rows(package_copy, "un_votes", [r for r in rows if r[0] != "unga_vote_2022"])
    event_row = row_of(package_copy, "events", "event_id", "unga_vote_2022")
    assert problems(record, package_copy) == [
        f"data/events.csv:{event_row}:event_id: un-vote-coded: the UN vote 'unga_vote_2022' has no row in un_votes (resolution, vote, totals)"
    ]


def test_a_position_is_held_by_a_participant_of_its_event(package_copy):
    row = row_of(package_copy, "positions", "event_id", "no_sides_message")
    set_cell(package_copy, "positions", row, "holder_id", "tokayev")
    assert problems(record, package_copy) == [
        f"data/positions.csv:{row}:holder_id: position-holder: 'tokayev' takes no part in event 'no_sides_message'; "
        "add it to event_participants or name who holds the position"
    ]


@pytest.mark.parametrize(("check", "value", "verdict", "message"), [
    ("deaths_prosecutor_2022_01_15", "200", "differs", "200 is within the article's '= 200', so the verdict is consistent, not differs"),
    ("csto_troops_session_2022_01_10", "2300", "differs", "2300 is within the article's '~ 2500', so the verdict is consistent, not differs"),
    ("csto_troops_zas_2022_01_06", "2000", "consistent", "2000 is outside the article's '~ 2500', so the verdict is differs, not consistent"),
    ("kz_imports_russia_2021", "40", "consistent", "40 is outside the article's '> 40', so the verdict is differs, not consistent"),
])
def test_the_verdict_follows_from_the_hedge(package_copy, check, value, verdict, message):
    row = row_of(package_copy, "record_checks", "check_id", check)
    set_cell(package_copy, "record_checks", row, "value", value)
    assert set_cell(package_copy, "record_checks", row, "verdict", verdict) == verdict
    assert problems(record, package_copy) == [f"data/record_checks.csv:{row}:verdict: check-verdict: {message}"]
