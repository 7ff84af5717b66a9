"""Provenance rules.  The rules that read the article are tested against a
stand-in article made of the package's own quotes (so they run without the
real text); the real article is checked in test_validate_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_helpers import edit_descriptor, problems, read_rows, resource, row_of, set_cell, write_rows

from kz_between_chairs.article import read_normalised, sha256
from kz_between_chairs.validate import provenance

FACT_TABLES = ("entities", "indicators", "events", "relations", "positions")


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
    assert problems(provenance, package_copy, path) == []
    return path


def primary_row(dp: Path) -> int:
    return row_of(dp, "sources", "role", "primary")


@pytest.mark.parametrize(("column", "rule"), [("source_id", "source-missing"), ("quote_de", "quote-missing")])
def test_every_fact_row_has_source_and_quote(package_copy, column, rule):
    # the field is required, so frictionless reports an empty cell
    def drop_required(d):
        field = next(f for f in resource(d, "relations")["schema"]["fields"] if f["name"] == column)
        field["constraints"].pop("required")

    edit_descriptor(package_copy, drop_required)
    assert problems(provenance, package_copy) == [
        f"datapackage.json:relations.{column}: {rule}: not required; every fact row needs one: "
        "give the field constraints.required"
    ]


def test_a_fact_table_has_a_source_column(package_copy):
    rows = read_rows(package_copy, "relations")
    i = rows[0].index("source_id")
    write_rows(package_copy, "relations", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "relations")["schema"]["fields"].pop(i))
    assert problems(provenance, package_copy) == [
        "data/relations.csv:1:source_id: source-missing: no source_id column: every fact row needs one"
    ]


def test_a_quote_has_at_most_15_words(package_copy):
    row = row_of(package_copy, "events", "event_id", "csto_request")
    quote = "Im Januar rief die kasachische Regierung anlässlich der Proteste russische Truppen zu Hilfe, und dann noch"
    set_cell(package_copy, "events", row, "quote_de", quote)
    assert problems(provenance, package_copy) == [f"data/events.csv:{row}:quote_de: quote-length: 16 words; a quote has at most 15"]


def test_every_quote_is_in_the_article(package_copy, stand_in):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    set_cell(package_copy, "entities", row, "quote_de", "eine von Russland erfundene Phrase")
    assert problems(provenance, package_copy, stand_in) == [
        f"data/entities.csv:{row}:quote_de: quote-not-found: 'eine von Russland erfundene Phrase' is not in the article "
        "(normalised text)"
    ]


def test_quotes_are_matched_after_normalisation(package_copy, stand_in):
    row = row_of(package_copy, "entities", "entity_id", "russia")
    rows = read_rows(package_copy, "entities")
    quote = rows[row - 1][rows[0].index("quote_de")]
    words = quote.split(" ")
    set_cell(package_copy, "entities", row, "quote_de", " ".join(words[:2]) + "  " + " ".join(words[2:]))
    assert problems(provenance, package_copy, stand_in) == []


def test_the_article_is_the_text_the_primary_source_describes(package_copy, stand_in):
    with open(stand_in, "a", encoding="utf-8") as fh:
        fh.write("Ein Satz mehr.\n")
    actual = sha256(read_normalised(stand_in))
    assert problems(provenance, package_copy, stand_in) == [
        f"data/sources.csv:{primary_row(package_copy)}:text_sha256: article-hash: the article given is not this text: "
        f"its SHA-256 is {actual}"
    ]


def test_there_is_a_primary_source_to_compare_with(package_copy, stand_in):
    set_cell(package_copy, "sources", primary_row(package_copy), "role", "cited")
    assert problems(provenance, package_copy, stand_in) == [
        "data/sources.csv:role: article-hash: no primary source to compare the article with"
    ]


def test_the_article_rule_says_when_it_cannot_find_the_hash(package_copy, stand_in):
    rows = read_rows(package_copy, "sources")
    i = rows[0].index("text_sha256")
    write_rows(package_copy, "sources", [row[:i] + row[i + 1:] for row in rows])
    edit_descriptor(package_copy, lambda d: resource(d, "sources")["schema"]["fields"].pop(i))
    assert problems(provenance, package_copy, stand_in) == [
        "data/sources.csv:1:text_sha256: article-hash: no text_sha256 column: the article is compared with the "
        "text_sha256 of the primary source"
    ]
