"""Provenance rules.  The rules that read the article are tested against a
stand-in article made of the package's own quotes (so they run without the
real text); the real article is checked in test_validate_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_helpers import read_rows, row_of, set_cell, validate

from kz_between_chairs.article import read_normalised, sha256

pytest.importorskip("frictionless", reason="install the 'validate' extra")

FACT_TABLES = ("entities", "indicators", "events", "relations")


@pytest.fixture
def stand_in(package_copy: Path) -> Path:
    """An article made of every quote of the copy, which the copy's primary
    source then describes (text_sha256)."""
    quotes = []
    for table in FACT_TABLES:
        rows = read_rows(package_copy, table)
        i = rows[0].index("quote_de")
        quotes += [row[i] for row in rows[1:]]
    path = package_copy.parent / "article.txt"
    path.write_text("\n\n".join(quotes) + "\n", encoding="utf-8")
    set_cell(package_copy, "sources", primary_row(package_copy), "text_sha256", sha256(read_normalised(path)))
    assert validate(package_copy, "--article", path).problems == []
    return path


def primary_row(dp: Path) -> int:
    return row_of(dp, "sources", "role", "primary")


@pytest.mark.parametrize(("column", "rule", "message"), [
    ("source_id", "source-missing", "no source_id: which source supports this row?"),
    ("quote_de", "quote-missing", "no quote_de: quote the article's words for this row"),
])
def test_every_fact_row_has_source_and_quote(package_copy, column, rule, message):
    row = row_of(package_copy, "relations", "relation_id", "russia_member_of_csto")
    set_cell(package_copy, "relations", row, column, "")
    # frictionless's "required" error on the same cell is folded into this one
    assert validate(package_copy).problems == [f"data/relations.csv:{row}:{column}: {rule}: {message}"]


def test_a_quote_has_at_most_15_words(package_copy):
    row = row_of(package_copy, "events", "event_id", "csto_request")
    quote = "Im Januar rief die kasachische Regierung anlässlich der Proteste russische Truppen zu Hilfe, und dann noch"
    set_cell(package_copy, "events", row, "quote_de", quote)
    assert validate(package_copy).problems == [f"data/events.csv:{row}:quote_de: quote-length: 16 words; a quote has at most 15"]


def test_every_quote_is_in_the_article(package_copy, stand_in):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    set_cell(package_copy, "entities", row, "quote_de", "eine von Russland erfundene Phrase")
    assert validate(package_copy, "--article", stand_in).problems == [
        f"data/entities.csv:{row}:quote_de: quote-not-found: 'eine von Russland erfundene Phrase' is not in the article "
        "(normalised text)"
    ]


def test_quotes_are_matched_after_normalisation(package_copy, stand_in):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    quote = read_rows(package_copy, "entities")[row - 1][-1]
    words = quote.split(" ")
    set_cell(package_copy, "entities", row, "quote_de", " ".join(words[:2]) + "  " + " ".join(words[2:]))
    problems = validate(package_copy, "--article", stand_in).problems
    assert [p for p in problems if "quote-not-found" in p] == []


def test_the_article_is_the_text_the_primary_source_describes(package_copy, stand_in):
    with open(stand_in, "a", encoding="utf-8") as fh:
        fh.write("Ein Satz mehr.\n")
    actual = sha256(read_normalised(stand_in))
    assert validate(package_copy, "--article", stand_in).problems == [
        f"data/sources.csv:{primary_row(package_copy)}:text_sha256: article-hash: the article given is not this text: "
        f"its SHA-256 is {actual}"
    ]


def test_there_is_a_primary_source_to_compare_with(package_copy, stand_in):
    set_cell(package_copy, "sources", primary_row(package_copy), "role", "cited")
    assert validate(package_copy, "--article", stand_in).problems == [
        "data/sources.csv:role: article-hash: no primary source to compare the article with"
    ]
