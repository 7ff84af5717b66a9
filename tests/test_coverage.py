"""Coverage of the article: every number it states is an indicator (or a
date), and each fact is recorded once."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kz_between_chairs.article import normalise, read_normalised

URL = re.compile(r"https?://\S+")
# A numeral, allowing the article's thin-space/space thousands ("2 500").
NUMERAL = re.compile(r"\d{1,3}(?: \d{3})+|\d+")
NUMBER_WORDS = ("zwei Wochen", "eines Viertels")


def test_every_numeral_of_the_article_is_an_indicator_or_a_date(article_path, rows):
    text = URL.sub(" ", read_normalised(article_path))
    quotes = " | ".join(normalise(r["quote_de"]) for r in rows("indicators"))
    years = {r[c][:4] for t, c in (("events", "date"), ("relations", "period")) for r in rows(t) if r[c]}
    uncovered = [
        n for n in NUMERAL.findall(text)
        if not (len(n) == 4 and n in years) and not re.search(rf"(?<!\d)(?<!\d ){re.escape(n)}(?!\d)(?! \d{{3}})", quotes)
    ]
    assert uncovered == []


@pytest.mark.parametrize("words", NUMBER_WORDS)
def test_numbers_written_as_words_are_indicators(words, article_path, rows):
    assert words in read_normalised(article_path)
    assert any(words in r["quote_de"] for r in rows("indicators"))


def test_each_indicator_states_one_number_once(rows):
    keys = Counter((r["measure"], r["subject_id"], r["counterpart_id"]) for r in rows("indicators"))
    assert [k for k, n in keys.items() if n > 1] == []


def test_each_relation_is_recorded_once(rows):
    keys = Counter((r["subject_id"], r["predicate"], r["object_id"], r["location_id"]) for r in rows("relations"))
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_country_and_currency_of_the_article_has_its_iso_code(rows):
    for r in rows("entities"):
        if r["entity_type"] == "country":
            assert re.fullmatch(r"[A-Z]{2}", r["iso3166_alpha2"]), r["entity_id"]
        if r["entity_type"] == "currency":
            assert re.fullmatch(r"[A-Z]{3}", r["iso4217"]), r["entity_id"]
