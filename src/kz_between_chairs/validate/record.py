"""Rules of the coded positions and of the record beside the article:
``record_checks`` (the article against the record), ``un_votes`` (the UN
votes it mentions) and ``positions`` (the stances it reports).

A check concerns one fact of the article, an indicator, an event or a
relation; its
value comes with a comparator and a unit, the unit of the indicator it
checks, and where both the article and the record give a number the verdict
follows from the article's hedge (:func:`within`).  Each UN vote of the article is coded once: every event of type
``un_vote`` has its row in ``un_votes``, and every row there is such an
event.  A position is held by an entity that takes part in the event that
states it.  That the referenced rows exist is a foreign key (frictionless).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import N_
from .context import Context
from .problem import Problem
from .tables import Table

TARGETS_SET = {
    2: N_("{first} and {second} are set; a check concerns one fact"),
    3: N_("{first} and {second} and {third} are set; a check concerns one fact"),
}
VALUE_EMPTY = {
    1: N_("value, comparator and unit go together; {first} empty"),
    2: N_("value, comparator and unit go together; {first} and {second} empty"),
}
# Translators: {claim} is the article's hedge and number ('~ 2500'); {want} and {verdict} are verdict codes.
WITHIN = N_("{value} is within the article's {claim}, so the verdict is {want}, not {verdict}")
OUTSIDE = N_("{value} is outside the article's {claim}, so the verdict is {want}, not {verdict}")

RULES = {
    "check-target": "a row of record_checks names exactly one fact: an indicator_id, an event_id or a relation_id",
    "check-value": "a row of record_checks has value, comparator and unit all set or all empty",
    "check-unit": "a row of record_checks gives its value in the unit of the indicator it checks",
    "check-verdict": "where the article and the record both give a number, the verdict is consistent exactly when "
                     "the record's number lies within the article's hedge",
    "un-vote-coded": "every event of type un_vote has its row in un_votes, and every row there is such an event",
    "position-holder": "the holder of a position takes part in the event that states it (event_participants)",
}

ABOUT = 0.1
"""How far "about" (``~``) and "nearly" (``<``) reach: a tenth of the article's number."""
NUMERIC_VERDICTS = ("consistent", "differs")
CHECKS, VOTES, EVENTS, INDICATORS = "record_checks", "un_votes", "events", "indicators"
POSITIONS, PARTICIPANTS = "positions", "event_participants"
UN_VOTE = "un_vote"
TARGETS = ("indicator_id", "event_id", "relation_id")
VALUE = ("value", "comparator", "unit")


def check(ctx: Context) -> Iterator[Problem]:
    checks, votes, events = (ctx.tables.get(n) for n in (CHECKS, VOTES, EVENTS))
    if checks is not None:
        yield from _targets(checks)
        yield from _values(checks)
        indicators = ctx.tables.get(INDICATORS)
        if indicators is not None:
            yield from _units(checks, dict(r for _, r in indicators.records("indicator_id", "unit")))
            claims = {i: (c, v) for _, (i, c, v) in indicators.records("indicator_id", "comparator", "value")}
            yield from _verdicts(checks, claims)
    if votes is not None and events is not None:
        yield from _coded(votes, events)
    positions, participants = ctx.tables.get(POSITIONS), ctx.tables.get(PARTICIPANTS)
    if positions is not None and participants is not None:
        yield from _holders(positions, {r for _, r in participants.records("event_id", "entity_id")})


def _targets(checks: Table) -> Iterator[Problem]:
    for number, cells in checks.records(*TARGETS):
        named = [column for column, cell in zip(TARGETS, cells) if cell]
        if len(named) > 1:
            yield Problem.of(checks.file, number, named[1], "check-target", TARGETS_SET[len(named)],
                             **dict(zip(("first", "second", "third"), named)))
        elif not named:
            yield Problem.of(checks.file, number, TARGETS[0], "check-target",
                             N_("none of indicator_id, event_id and relation_id is set: "
                                "which fact of the article does the check concern?"))


def _values(checks: Table) -> Iterator[Problem]:
    for number, cells in checks.records(*VALUE):
        empty = [column for column, cell in zip(VALUE, cells) if not cell]
        if empty and len(empty) < len(VALUE):
            yield Problem.of(checks.file, number, empty[0], "check-value", VALUE_EMPTY[len(empty)],
                             **dict(zip(("first", "second"), empty)))


def _units(checks: Table, units: dict[str, str]) -> Iterator[Problem]:
    for number, (indicator, unit) in checks.records("indicator_id", "unit"):
        want = units.get(indicator)
        if unit and want and unit != want:
            yield Problem.of(checks.file, number, "unit", "check-unit",
                             N_("{unit} is not the unit of indicator {indicator} ({want})"),
                             unit=repr(unit), indicator=repr(indicator), want=repr(want))


def _coded(votes: Table, events: Table) -> Iterator[Problem]:
    types = dict(r for _, r in events.records("event_id", "event_type"))
    coded = set()
    for number, (event,) in votes.records("event_id"):
        coded.add(event)
        if event in types and types[event] != UN_VOTE:
            yield Problem.of(votes.file, number, "event_id", "un-vote-coded",
                             N_("event {event} is of type {type}, not {wanted}"),
                             event=repr(event), type=repr(types[event]), wanted=UN_VOTE)
    for number, (event, event_type) in events.records("event_id", "event_type"):
        if event_type == UN_VOTE and event not in coded:
            yield Problem.of(events.file, number, "event_id", "un-vote-coded",
                             N_("the UN vote {event} has no row in {table} (resolution, vote, totals)"),
                             event=repr(event), table=VOTES)


def _holders(positions: Table, taking_part: set[tuple[str, str]]) -> Iterator[Problem]:
    for number, (event, holder) in positions.records("event_id", "holder_id"):
        if event and holder and (event, holder) not in taking_part:
            yield Problem.of(positions.file, number, "holder_id", "position-holder",
                             N_("{holder} takes no part in event {event}; add it to {table} or name who holds the position"),
                             holder=repr(holder), event=repr(event), table=PARTICIPANTS)


def within(record: float, comparator: str, article: float) -> bool:
    """Whether the record's number lies within the article's hedge:
    ``=`` exactly, ``~`` about (within a tenth), ``>``/``>=``/``<=`` as
    written, ``<`` nearly (below, by at most a tenth).

    >>> within(225, "=", 200), within(2030, "~", 2500), within(2400, "~", 2500), within(43, ">", 40)
    (False, False, True, True)
    >>> within(24, "<", 25), within(20, "<", 25)
    (True, False)
    """
    reach = ABOUT * abs(article)
    return {
        "=": record == article,
        "~": abs(record - article) <= reach,
        ">": record > article,
        ">=": record >= article,
        "<": article - reach <= record < article,
        "<=": record <= article,
    }[comparator]


def _verdicts(checks: Table, claims: dict[str, tuple[str, str]]) -> Iterator[Problem]:
    for number, (indicator, value, verdict) in checks.records("indicator_id", "value", "verdict"):
        comparator, claimed = claims.get(indicator, ("", ""))
        if verdict not in NUMERIC_VERDICTS or not value or comparator not in ("=", "~", ">", ">=", "<", "<="):
            continue
        try:
            inside = within(float(value), comparator, float(claimed))
        except ValueError:
            continue  # not a number: frictionless reports it
        want = NUMERIC_VERDICTS[0] if inside else NUMERIC_VERDICTS[1]
        if verdict != want:
            yield Problem.of(checks.file, number, "verdict", "check-verdict", WITHIN if inside else OUTSIDE,
                             value=value, claim=f"'{comparator} {claimed}'", want=want, verdict=verdict)
