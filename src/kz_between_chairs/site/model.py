"""The page model: which pages the site has, where each lives, and what each
shows, as plain values (no HTML).  The templates only lay these values out,
so everything the site says can be tested here without a browser.

Paths are relative to the site's root and always written with ``/``; a page
links to another through :func:`href`, which makes the link relative to the
page, so that the site works from ``file://`` and from any sub-path.

>>> Page("entities", "kazakhstan", "kk").path
'kk/entities/kazakhstan.html'
>>> href("kk/entities/kazakhstan.html", "kk/tables/relations.html#row-x")
'../tables/relations.html#row-x'
>>> href("kk/index.html", "index.html"), href("index.html", "kk/tables/units.html")
('../index.html', 'kk/tables/units.html')
>>> href("kk/index.html", "https://www.wikidata.org/wiki/Q232")
'https://www.wikidata.org/wiki/Q232'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .. import dates, descriptor
from ..i18n import gettext
from . import svg, text
from .package import Package, Row

LANGUAGES = descriptor.LANGUAGES
ROW_PAGES = ("entities", "events")
"""Tables with a page for every row (the folder is named like the table)."""
WIKIDATA = {"wikidata_id": "https://www.wikidata.org/wiki/{}", "wikidata_property": "https://www.wikidata.org/wiki/Property:{}"}
"""Columns holding Wikidata identifiers -> the address of an identifier's page."""
_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,80}")


# --- pages and links ---------------------------------------------------------


def slug(key: str) -> str:
    """A file or anchor name for a key: the key itself when it is safe, else
    a stable name made from its hash (a key from another copy of the package
    could hold ``/`` or ``..``).

    >>> slug("kazakhstan"), slug("../etc")
    ('kazakhstan', 'k-f7f9121fdb')
    """
    if _SAFE.fullmatch(key) and key not in (".", ".."):
        return key
    return "k-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Page:
    """One page: ``kind`` is home, table, entities or events; ``key`` the
    table name or the row's key (empty for home)."""

    kind: str
    key: str
    lang: str

    @property
    def path(self) -> str:
        if self.kind == "home":
            return f"{self.lang}/index.html"
        folder = "tables" if self.kind == "table" else self.kind
        return f"{self.lang}/{folder}/{slug(self.key)}.html"

    def translation(self, lang: str) -> Page:
        return Page(self.kind, self.key, lang)


def pages(pkg: Package) -> list[Page]:
    """Every page of the site but the root's language chooser, language by
    language: home, the tables in descriptor order, then a page per row of
    the tables in :data:`ROW_PAGES`."""
    out = []
    for lang in LANGUAGES:
        out.append(Page("home", "", lang))
        out += [Page("table", name, lang) for name in pkg.tables]
        for kind in ROW_PAGES:
            if kind in pkg.tables and pkg.key(kind):
                out += [Page(kind, row[pkg.key(kind)], lang) for row in pkg.tables[kind]]
    return out


def href(page_path: str, target: str) -> str:
    """``target`` (a site path, maybe with ``#fragment``, or an absolute
    address) as a link from the page at ``page_path``."""
    if re.match(r"[a-z]+:", target):
        return target
    path, hash_, fragment = target.partition("#")
    if not path:
        return hash_ + fragment
    here, there = page_path.split("/")[:-1], path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + hash_ + fragment


def row_target(pkg: Package, table: str, key: str, lang: str) -> str:
    """Where a row is shown: its own page, else its line in its table."""
    if table in ROW_PAGES and pkg.row(table, key) is not None:
        return Page(table, key, lang).path
    return f"{Page('table', table, lang).path}#row-{slug(key)}"


# --- cells ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One value as shown: ``href`` a site path or an address; ``lang`` the
    language of the text where it differs from the page's; ``sort`` the
    value the column sorts by (the text where None)."""

    text: str
    href: str | None = None
    lang: str | None = None
    quote: bool = False
    sort: str | None = None
    numeric: bool = False
    key: str | None = None  # a row's id, shown small under its label


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    description: str
    numeric: bool = False


def language_of(column: str) -> str | None:
    """The language of a per-language column (``label_kk`` -> ``kk``,
    ``quote_de`` -> ``de``), else None."""
    prefix, _, tag = column.rpartition("_")
    return tag if prefix and tag in LANGUAGES else None


def columns(pkg: Package, table: str, lang: str, without: tuple[str, ...] = ()) -> list[Column]:
    """The columns a page shows of ``table``: every column but the labels and
    descriptions in other languages (English stands in where ``lang`` has
    none) and ``without``.  A table with a page per row shows its label in
    the key's column (see :func:`cell`), not twice."""
    fields = pkg.fields(table)
    names = [f["name"] for f in fields]
    shown = []
    for f in fields:
        name = f["name"]
        tag = language_of(name)
        prefix = name.rpartition("_")[0]
        if name in without or (table in ROW_PAGES and prefix == "label" and pkg.key(table)):
            continue
        if tag and prefix in ("label", "description"):
            own = f"{prefix}_{lang}" in names
            if tag != lang and not (tag == "en" and not own):
                continue
        shown.append(Column(name, _t(f.get("title") or name, lang), _t(f.get("description", ""), lang),
                            f.get("type") in ("number", "integer", "year")))
    return shown


def cell(pkg: Package, table: str, column: str, row: Row, lang: str) -> Cell:
    """The value of ``column`` in ``row`` of ``table`` as the page shows it."""
    value = row.get(column) or ""
    if not value:
        return Cell("")
    schema = next((f for f in pkg.fields(table) if f["name"] == column), {})
    kind = schema.get("type", "string")
    references = pkg.foreign_keys(table)
    if column in references:
        target, _key = references[column]
        return Cell(pkg.label(target, value, lang), row_target(pkg, target, value, lang), sort=pkg.label(target, value, lang))
    if column == pkg.key(table) and table in ROW_PAGES:
        # the row's name, linking to its page, with the id under it
        label = pkg.label(table, value, lang)
        return Cell(label, row_target(pkg, table, value, lang), sort=label, key=value)
    if column in WIKIDATA:
        return Cell(value, WIKIDATA[column].format(value))
    if schema.get("format") == "uri" and re.match(r"https?://", value):
        return Cell(value, value)
    tag = language_of(column)
    if tag:
        return Cell(value, lang=tag if tag != lang else None, quote=column.startswith("quote_"))
    if column == "name" and row.get("lang") in LANGUAGES:
        return Cell(value, lang=row["lang"] if row["lang"] != lang else None)
    if kind in ("number", "integer", "year"):
        return Cell(number(value, lang), sort=value, numeric=True)
    if kind == "boolean":
        truth = value in schema.get("trueValues", ("true", "True", "TRUE", "1"))
        return Cell(text.ui(lang)["yes" if truth else "no"], sort=value)
    if schema.get("rdfType") == dates.EDTF_TYPE:
        return Cell(edtf(value, lang), sort=value)
    return Cell(text.code(value, schema, lang), sort=value)


def number(value: str, lang: str) -> str:
    """A number as ``lang`` writes it, every digit kept.

    >>> number("2500", "de"), number("2500", "kk"), number("12.5", "ru")
    ('2.500', '2\\xa0500', '12,5')
    """
    from babel.numbers import format_decimal

    try:
        return format_decimal(Decimal(value), locale=lang, decimal_quantization=False)
    except (InvalidOperation, ValueError):
        return value


def edtf(value: str, lang: str) -> str:
    """An EDTF date or interval in words; anything else as it is.

    >>> edtf("2022-01-06/2022-01-19", "en")
    'Jan 6, 2022 – Jan 19, 2022'
    >>> edtf("2022-03?", "de"), edtf("../2022-01-02", "en")
    ('März 2022 (unsicher)', 'until Jan 2, 2022')
    """
    try:
        ends = dates.ends(value)
    except ValueError:
        return value
    shown = [None if end.open else _edtf_end(end, lang) for end in ends]
    if len(shown) == 1:
        return shown[0] or value
    start, end = shown
    if start is None and end is None:
        return value
    if start is None:
        return text.ui(lang)["until"].format(date=end)
    if end is None:
        return text.ui(lang)["since"].format(date=start)
    return f"{start} – {end}"


def _edtf_end(end: dates.End, lang: str) -> str:
    from babel.dates import format_date, format_skeleton

    if end.precision == "day":
        words = format_date(end.day, "medium", locale=lang)
    elif end.precision == "month":
        words = format_skeleton("yMMMM", end.day, locale=lang)
    else:
        words = str(end.day.year)
    if end.qualifier == "?":
        words += f" ({text.ui(lang)['uncertain']})"
    elif end.qualifier in ("~", "%"):
        words += f" ({text.ui(lang)['approximate']})"
    return words


def _t(message: str, lang: str) -> str:
    return gettext(message, lang) if message else ""


# --- the views: what each kind of page shows -------------------------------------


@dataclass
class Grid:
    """Rows of one table as a page shows them."""

    table: str
    title: str
    columns: list[Column]
    rows: list[tuple[str, list[Cell]]]  # (anchor, cells)
    anchors: bool = False  # rows carry id="row-..." (only on the table's own page)
    search: bool = False


def grid(pkg: Package, table: str, rows: list[Row], lang: str, title: str = "", without: tuple[str, ...] = (),
         own_page: bool = False) -> Grid:
    shown = columns(pkg, table, lang, without)
    key = pkg.key(table)
    out = [(f"row-{slug(r[key])}" if key and r.get(key) else "", [cell(pkg, table, c.name, r, lang) for c in shown])
           for r in rows]
    return Grid(table, title or table_title(pkg, table, lang), shown, out, anchors=own_page, search=own_page)


def table_title(pkg: Package, table: str, lang: str) -> str:
    return _t(pkg.resource(table).get("title") or table, lang)


@dataclass
class CodebookRow:
    name: str
    title: str
    type: str
    required: bool
    values: str
    values_href: str | None
    description: str


def codebook(pkg: Package, table: str, lang: str) -> list[CodebookRow]:
    """Every column of the CSV (all languages), as the codebook lists it."""
    schema = pkg.resource(table)["schema"]
    key = schema.get("primaryKey") or []
    references = pkg.foreign_keys(table)
    out = []
    for f in schema["fields"]:
        constraints = f.get("constraints", {})
        target = None
        if f["name"] in references:
            values = references[f["name"]][0]
            target = Page("table", values, lang).path
        elif "enum" in constraints:
            values = ", ".join(map(str, constraints["enum"]))
        else:
            values = ""
        out.append(CodebookRow(
            f["name"], _t(f.get("title", ""), lang), f.get("type", "string"),
            bool(constraints.get("required")) or f["name"] in key, values, target,
            _t(f.get("description", ""), lang),
        ))
    return out


@dataclass
class Fact:
    """A row's own claim: the article's words and where they are from."""

    quote: str
    quote_lang: str
    sources: list[Cell]


def fact(pkg: Package, table: str, row: Row, lang: str) -> Fact | None:
    quotes = [c for c in row if c.startswith("quote_") and row[c]]
    if not quotes:
        return None
    references = pkg.foreign_keys(table)
    sources = [cell(pkg, table, c, row, lang) for c, (target, _k) in references.items()
               if target == "sources" and row.get(c)]
    return Fact(row[quotes[0]], language_of(quotes[0]) or "de", sources)


@dataclass
class RowView:
    """An entity's or an event's page."""

    table: str
    key: str
    title: str
    kind: Cell | None
    labels: list[tuple[str, str, str]]  # (lang, the language's name, label)
    details: list[tuple[str, Cell]]  # (column title, value)
    fact: Fact | None
    sections: list[Grid] = field(default_factory=list)


def row_view(pkg: Package, table: str, key: str, lang: str) -> RowView:
    """Everything the package says about one row: its labels in every
    language, its other columns, its quote and sources, and every row of
    any table that points at it (both ends of a relation, participants,
    names over time, indicators ...), and the rows that point at those in
    turn (an independent record of a number, say)."""
    row = pkg.row(table, key)
    if row is None:
        raise ValueError(f"{table}: no row {key!r}")
    labels = [(language_of(c) or "", language_name(language_of(c) or "", lang), row[c])
              for c in descriptor.label_fields(table, pkg.meta) if row.get(c)]
    references = pkg.foreign_keys(table)
    kinds = [c for c, (target, _k) in references.items() if target in pkg.vocabularies]
    skip = {c for c in row if c.startswith(("label_", "quote_"))}
    skip |= {c for c, (target, _k) in references.items() if target == "sources"}
    skip |= {key_column for key_column in [pkg.key(table)] if key_column}
    skip |= set(kinds[:1])
    details = [(c.title, cell(pkg, table, c.name, row, lang)) for c in columns(pkg, table, lang)
               if c.name not in skip and row.get(c.name)]
    view = RowView(
        table, key, pkg.label(table, key, lang),
        cell(pkg, table, kinds[0], row, lang) if kinds else None,
        labels, details, fact(pkg, table, row, lang),
    )
    shown = set()
    for other, column, rows in pkg.referrers(table, key):
        title = f"{table_title(pkg, other, lang)} — {_field_title(pkg, other, column, lang)}"
        view.sections.append(grid(pkg, other, rows, lang, title, without=(column,)))
        shown.add(other)
    # one step further: rows that point at the rows shown (not back at pages of their own)
    for section in list(view.sections):
        other_key = pkg.key(section.table)
        if not other_key or section.table in ROW_PAGES:
            continue
        for anchor_rows in [r for r in pkg.referrers_many(section.table, [r[other_key] for r in _rows_of(pkg, section)])]:
            third, column, rows = anchor_rows
            if third in shown or third in ROW_PAGES:
                continue
            title = f"{table_title(pkg, third, lang)} — {_field_title(pkg, third, column, lang)}"
            view.sections.append(grid(pkg, third, rows, lang, title))
            shown.add(third)
    return view


def _rows_of(pkg: Package, section: Grid) -> list[Row]:
    key = pkg.key(section.table)
    wanted = {a.removeprefix("row-") for a, _cells in section.rows}
    return [r for r in pkg.tables[section.table] if slug(r.get(key, "")) in wanted]


def _field_title(pkg: Package, table: str, column: str, lang: str) -> str:
    f = next((f for f in pkg.fields(table) if f["name"] == column), {})
    return _t(f.get("title") or column, lang)


def language_name(tag: str, lang: str) -> str:
    """A language's name in ``lang`` (CLDR), capitalised for a list.

    >>> language_name("kk", "ru"), language_name("de", "kk")
    ('Казахский', 'Неміс тілі')
    """
    from babel import Locale

    name = Locale.parse(lang).languages.get(tag, tag)
    return name[:1].upper() + name[1:]
