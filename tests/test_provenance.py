"""Every fact row quotes the article: the quote is short and really in the text."""

from __future__ import annotations


import pytest

from kz_between_chairs.article import normalise, read_normalised, sha256, word_count

FACT_TABLES = ("entities", "indicators", "events", "relations", "positions")


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_fact_row_has_a_short_quote_and_a_source(table, rows):
    for row in rows(table):
        assert row["source_id"], row
        assert 0 < word_count(row["quote_de"]) <= 15, row


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_quote_occurs_in_the_article(table, article_path, rows):
    text = read_normalised(article_path)
    missing = [row["quote_de"] for row in rows(table) if normalise(row["quote_de"]) not in text]
    assert missing == []


def test_primary_source_hash_matches_the_article(article_path, rows):
    primary = [r for r in rows("sources") if r["role"] == "primary"]
    assert len(primary) == 1
    assert primary[0]["text_sha256"] == sha256(read_normalised(article_path))
