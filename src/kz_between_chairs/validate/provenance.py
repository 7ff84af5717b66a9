"""Provenance rules: every fact row names its source and quotes the article in
at most 15 words; with ``--article``, every quote is in the normalised text
and the text is the one the primary source's ``text_sha256`` describes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..article import normalise, sha256, word_count
from .problems import Context, Problem
from .tables import Table

RULES = {
    "source-missing": "every fact row has a source_id",
    "quote-missing": "every fact row has a quote_de",
    "quote-length": "a quote has at most 15 words",
    "quote-not-found": "with --article: every quote is found in the normalised article text",
    "article-hash": "with --article: the text's SHA-256 equals sources.text_sha256 of the primary source",
}

RESTATES = {
    "source-missing": ("constraint-error", "required"),
    "quote-missing": ("constraint-error", "required"),
}

FACT_TABLES = ("entities", "indicators", "events", "relations")
SOURCE, QUOTE = "source_id", "quote_de"
MAX_QUOTE_WORDS = 15
SOURCES_TABLE, ROLE, PRIMARY, TEXT_HASH = "sources", "role", "primary", "text_sha256"


def check(ctx: Context) -> Iterator[Problem]:
    text = ctx.article_text
    seen: dict[str, tuple[int, bool]] = {}  # quote -> (words, in the text); quotes recur
    for name in FACT_TABLES:
        table = ctx.table(name)
        if table is None:
            continue
        yield from _present(table, SOURCE, "source-missing", "no source_id: which source supports this row?")
        yield from _present(table, QUOTE, "quote-missing", "no quote_de: quote the article's words for this row")
        for number, quote in table.cells(QUOTE):
            if not quote:
                continue
            if quote not in seen:
                seen[quote] = (word_count(quote), text is None or normalise(quote) in text)
            words, found = seen[quote]
            if words > MAX_QUOTE_WORDS:
                yield Problem(table.file, number, QUOTE, "quote-length",
                              f"{words} words; a quote has at most {MAX_QUOTE_WORDS}")
            if not found:
                yield Problem(table.file, number, QUOTE, "quote-not-found",
                              f"{quote!r} is not in the article (normalised text)")
    if text is not None:
        yield from _article_hash(ctx, sha256(text))


def _present(table: Table, column: str, rule: str, message: str) -> Iterator[Problem]:
    if table.index(column) is None:
        yield Problem(table.file, 1, column, rule, f"no {column} column: every fact row needs one")
        return
    for number, value in table.cells(column):
        if not value.strip():
            yield Problem(table.file, number, column, rule, message)


def _article_hash(ctx: Context, actual: str) -> Iterator[Problem]:
    sources = ctx.table(SOURCES_TABLE)
    if sources is None:
        return
    primary = [(n, h) for n, (role, h) in sources.records(ROLE, TEXT_HASH) if role == PRIMARY]
    if not primary:
        yield Problem(sources.file, None, ROLE, "article-hash", "no primary source to compare the article with")
    for number, expected in primary:
        if expected != actual:
            yield Problem(sources.file, number, TEXT_HASH, "article-hash",
                          f"the article given is not this text: its SHA-256 is {actual}")
