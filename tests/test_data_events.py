"""Data rules of the events, their dates and the names' validity that the
schema cannot express: a date less exact than a day says why, a source's
address is canonical, a name official in several periods has them apart."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from urllib.parse import parse_qs, urlsplit

from validate_helpers import read_rows, validate, write_rows

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_every_event_not_exact_to_the_day_says_what_was_searched(rows):
    vague = [r["event_id"] for r in rows("events")
             if not all(DAY.fullmatch(part) for part in r["date"].split("/")) and not r["note_en"].strip()]
    assert vague == []


def test_an_exact_date_of_the_record_names_its_source(rows):
    # the article names no day but the invasion's; every other exact day comes from a cited source
    cited = {r["source_id"] for r in rows("sources") if r["role"] == "cited"}
    undocumented = [r["event_id"] for r in rows("events")
                    if DAY.fullmatch(r["date"]) and r["date_source_id"] not in cited]
    assert undocumented == []


def test_source_addresses_are_canonical(rows):
    bad = []
    for r in rows("sources"):
        if not r["url"]:
            continue
        url = urlsplit(r["url"])
        host = url.hostname or ""
        if (host.endswith(".") or re.match(r"(img)?test\d*\.|amp\.", host) or "amp" in url.path.split("/")
                or any(k.startswith("utm_") for k in parse_qs(url.query))):
            bad.append(r["source_id"])
    assert bad == []


def test_a_name_official_in_several_periods_has_them_apart_and_numbered_in_time_order(rows):
    periods = defaultdict(list)
    for r in rows("entity_names"):
        periods[r["entity_id"], r["lang"], r["name"]].append(
            (dt.date.fromisoformat(r["valid_from"]) if r["valid_from"] else dt.date.min,
             dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else dt.date.max,
             int(r["period_number"])))
    overlapping = [key for key, spans in periods.items()
                   if any(a[1] > b[0] for a, b in zip(sorted(spans), sorted(spans)[1:]))]
    misnumbered = [key for key, spans in periods.items()
                   if [n for *_, n in sorted(spans)] != list(range(1, len(spans) + 1))]
    assert (overlapping, misnumbered) == ([], [])
    assert any(len(spans) > 1 for spans in periods.values()), "no name with several periods: the key cannot hold one"


def test_the_key_of_entity_names_tells_a_names_periods_apart(package_copy):
    table = read_rows(package_copy, "entity_names")
    header = table[0]
    name, name_type, number = (header.index(c) for c in ("name", "name_type", "period_number"))
    astana = next(i for i, r in enumerate(table) if r[name] == "Astana" and r[number] == "2")
    twin = list(table[astana])
    twin[name_type] = "short"  # the same key, another row
    third = list(table[astana])
    third[number] = "3"  # the same name, another period: another key
    write_rows(package_copy, "entity_names", table + [twin, third])
    # the third row breaks the order of periods (another rule); the key accepts it
    assert [p for p in validate(package_copy).problems if ": primary-key: " in p] == [
        f"data/entity_names.csv:{len(table) + 1}: primary-key: the same as in the row at position {astana + 1}",
    ]
