"""Provenance rules: every fact row names its source and quotes the article
(the fields are required, so frictionless reports an empty one) in at most
15 words; with ``--article``, every quote is in the normalised text
and the text is the one the primary source's ``text_sha256`` describes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..article import normalise, sha256, word_count
from ..i18n import N_
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem
from .tables import Table

RULES = {
    "source-missing": "every fact table has a required source_id",
    "quote-missing": "every fact table has a required quote_de",
    "quote-length": "a quote has at most 15 words",
    "quote-not-found": "with --article: every quote is found in the normalised article text",
    "article-hash": "with --article: the text's SHA-256 equals sources.text_sha256 of the primary source",
}

FACT_TABLES = ("entities", "indicators", "events", "relations", "positions")
SOURCE, QUOTE = "source_id", "quote_de"
MAX_QUOTE_WORDS = 15
SOURCES_TABLE, ROLE, PRIMARY, TEXT_HASH = "sources", "role", "primary", "text_sha256"


def check(ctx: Context) -> Iterator[Problem]:
    text = ctx.article_text
    for name in FACT_TABLES:
        table = ctx.tables.get(name)
        if table is None:
            continue
        yield from _required(table, SOURCE, "source-missing")
        yield from _required(table, QUOTE, "quote-missing")
        for number, quote in table.cells(QUOTE):
            if not quote:
                continue
            words = word_count(quote)
            if words > MAX_QUOTE_WORDS:
                yield Problem.of(table.file, number, QUOTE, "quote-length",
                                 N_("{words} words; a quote has at most {most}"), words=words, most=MAX_QUOTE_WORDS)
            if text is not None and normalise(quote) not in text:
                yield Problem.of(table.file, number, QUOTE, "quote-not-found",
                                 N_("{quote} is not in the article (normalised text)"), quote=repr(quote))
    if text is not None:
        yield from _article_hash(ctx, sha256(text))


def _required(table: Table, column: str, rule: str) -> Iterator[Problem]:
    if table.index(column) is None:
        yield Problem.of(table.file, 1, column, rule, N_("no {column} column: every fact row needs one"), column=column)
    elif not (table.fields.get(column, {}).get("constraints") or {}).get("required"):
        yield Problem.of(DESCRIPTOR_FILE, None, f"{table.name}.{column}", rule,
                         N_("not required; every fact row needs one: give the field constraints.required"))


def _article_hash(ctx: Context, actual: str) -> Iterator[Problem]:
    sources = ctx.tables.get(SOURCES_TABLE)
    if sources is None:
        return
    absent = [c for c in (ROLE, TEXT_HASH) if sources.index(c) is None]
    if absent:
        yield Problem.of(sources.file, 1, absent[0], "article-hash",
                         N_("no {column} column: the article is compared with the text_sha256 of the primary source"),
                         column=absent[0])
        return
    primary = [(n, h) for n, (role, h) in sources.records(ROLE, TEXT_HASH) if role == PRIMARY]
    if not primary:
        yield Problem.of(sources.file, None, ROLE, "article-hash", N_("no primary source to compare the article with"))
    for number, expected in primary:
        if expected != actual:
            yield Problem.of(sources.file, number, TEXT_HASH, "article-hash",
                             N_("the article given is not this text: its SHA-256 is {hash}"), hash=actual)
