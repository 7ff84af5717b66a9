"""What the home page of one language shows: the key figures with their
hedges in words, the three pictures, the tables, the downloads, the
citation, the licence and the schema.org description for dataset search
engines.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import citation
from ..i18n import gettext
from . import svg, text
from .model import Grid, Page, edtf, grid, href, number, row_target, table_title
from .package import Package, Row


@dataclass(frozen=True)
class Download:
    """A file of the site to download: its path in the site, size and SHA-256."""

    path: str
    bytes: int
    sha256: str

    @classmethod
    def of(cls, path: str, data: bytes) -> Download:
        return cls(path, len(data), hashlib.sha256(data).hexdigest())


@dataclass
class Figure:
    statement: str  # the number as a sentence, its hedge in words
    label: str
    href: str  # the indicator's row
    quote: str
    beside: list[Grid] = field(default_factory=list)  # rows that point at it: the independent record, say


@dataclass
class Home:
    title: str
    description: str
    figures: list[Figure]
    chart: Markup | None
    timeline: Markup | None
    events: list[tuple[str, str, str]]  # (date in words, label, site path)
    network: Markup | None
    relations: list[tuple[tuple[str, str], str, tuple[str, str]]]  # ((subject, path), predicate, (object, path))
    tables: list[tuple[str, str, str, str]]  # (name, title, description, rows in words)
    downloads: list[Download]
    bibtex: str
    apa: str
    licences: list[tuple[str, str]]  # (title, address)
    jsonld: Markup


def home(pkg: Package, lang: str, downloads: list[Download], base_url: str | None = None) -> Home:
    page = Page("home", "", lang).path
    ui = text.ui(lang)
    meta = pkg.meta
    figures, bars = _figures(pkg, lang)
    moments, events = _timeline(pkg, lang, page)
    network, relations = _network(pkg, lang, page)
    bibtex, apa = _citations(pkg)
    return Home(
        title=gettext(meta.get("title", ""), lang) if meta.get("title") else meta.get("name", ""),
        description=gettext(meta.get("description", ""), lang) if meta.get("description") else "",
        figures=figures,
        chart=svg.chart(bars, ui["chart_title"], ui["chart_desc"], {
            "exact": ui["legend_exact"], "about": ui["legend_about"], "more": ui["legend_more"], "less": ui["legend_less"],
        }) if bars else None,
        timeline=svg.timeline(moments, ui["timeline"], ui["timeline_desc"]) if moments else None,
        events=events,
        network=network,
        relations=relations,
        tables=[(name, table_title(pkg, name, lang), gettext(pkg.resource(name).get("description", ""), lang)
                 if pkg.resource(name).get("description") else "", text.count(len(rows), lang))
                for name, rows in pkg.tables.items()],
        downloads=downloads,
        bibtex=bibtex,
        apa=apa,
        licences=[(lic.get("title") or lic.get("name", ""), lic.get("path", "")) for lic in meta.get("licenses", [])],
        jsonld=jsonld(pkg, lang, downloads, base_url),
    )


def _figures(pkg: Package, lang: str) -> tuple[list[Figure], list[svg.Bar]]:
    """The indicators as sentences, and as bars of the chart."""
    from ..statements import quantity, sentence

    rows = pkg.tables.get("indicators", [])
    figures, bars = [], []
    units = {u: pkg.row("units", u) or {} for u in {r.get("unit", "") for r in rows}}
    largest: dict[str, float] = {}
    for r in rows:
        try:
            largest[r["unit"]] = max(largest.get(r["unit"], 0.0), float(r["value"]))
        except (KeyError, ValueError):
            pass
    for r in rows:
        key = r.get("indicator_id", "")
        label = pkg.label("indicators", key, lang)
        unit_label = pkg.label("units", r.get("unit", ""), lang)
        try:
            words = quantity(r["value"], r["comparator"], r["unit"], lang)
        except (KeyError, ValueError):
            words = f"{r.get('comparator', '')} {number(r.get('value', ''), lang)} {unit_label}".strip()
        try:
            said = sentence(r, lang)
        except (KeyError, ValueError):
            said = f"{label}: {words}."
        beside = [grid(pkg, other, found, lang, f"{table_title(pkg, other, lang)} ({len(found)})", without=(column,))
                  for other, column, found in pkg.referrers("indicators", key)]
        figures.append(Figure(said, label, row_target(pkg, "indicators", key, lang), r.get("quote_de", ""), beside))
        try:
            value = float(r["value"])
        except (KeyError, ValueError):
            continue
        percent = units[r.get("unit", "")].get("ucum") == "%"
        scale = 100.0 if percent else largest.get(r["unit"], 0.0)
        bars.append(svg.Bar(label, words, value, r.get("comparator", "="), unit_label, scale))
    order = list(dict.fromkeys(b.group for b in bars))
    bars.sort(key=lambda b: order.index(b.group))  # stable: the table's order within a unit
    return figures, bars


def _timeline(pkg: Package, lang: str, page: str) -> tuple[list[svg.Moment], list[tuple[str, str, str]]]:
    rows = sorted(pkg.tables.get("events", []),
                  key=lambda r: (r.get("date_start") or r.get("date_end") or "9999", r.get("event_id", "")))
    moments, events = [], []
    for r in rows:
        key = r.get("event_id", "")
        when = edtf(r.get("date", ""), lang) if r.get("date") else ""
        target = row_target(pkg, "events", key, lang)
        label = pkg.label("events", key, lang)
        exact = len(r.get("date", "")) == 10 and "/" not in r.get("date", "")
        year = (r.get("date_start") or r.get("date_end") or "")[:4]
        moments.append(svg.Moment(label, when, href(page, target), exact, year))
        events.append((when, label, target))
    return moments, events


def _network(pkg: Package, lang: str, page: str):
    rows = pkg.tables.get("relations", [])
    if not rows:
        return None, []
    ui = text.ui(lang)
    ids = sorted({r[c] for r in rows for c in ("subject_id", "object_id") if r.get(c)})
    # a current abbreviation in the page's language keeps the picture legible
    short = {n["entity_id"]: n["name"] for n in pkg.tables.get("entity_names", [])
             if n.get("lang") == lang and n.get("name_type") == "abbreviation" and not n.get("valid_to")}
    nodes = []
    for entity in ids:
        kind = (pkg.row("entities", entity) or {}).get("entity_type", "")
        full = pkg.label("entities", entity, lang)
        nodes.append(svg.Node(entity, short.get(entity, full),
                              href(page, row_target(pkg, "entities", entity, lang)),
                              kind, full))
    edges, relations = [], []
    for r in rows:
        subject, predicate, obj = r.get("subject_id", ""), r.get("predicate", ""), r.get("object_id", "")
        if not (subject and obj):
            continue
        words = (pkg.label("entities", subject, lang), pkg.label("predicates", predicate, lang), pkg.label("entities", obj, lang))
        edges.append(svg.Edge(subject, obj, " — ".join(words)))
        relations.append(((words[0], row_target(pkg, "entities", subject, lang)), words[1],
                          (words[2], row_target(pkg, "entities", obj, lang))))
    kinds = {n.group: pkg.label("entity_types", n.group, lang) if n.group else ui["other_kinds"] for n in nodes}
    picture = svg.network(nodes, edges, ui["network"], ui["network_desc"], kinds, ui["other_kinds"])
    return picture, relations


def _citations(pkg: Package) -> tuple[str, str]:
    """BibTeX and APA of the dataset and its article, from the copy's
    ``CITATION.cff`` (the installed one where the copy has none)."""
    import tempfile

    from .._paths import package_root

    try:
        data = pkg.read("CITATION.cff")
    except ValueError:
        data = (package_root() / "CITATION.cff").read_bytes()
    with tempfile.TemporaryDirectory() as folder:  # read_cff reads a path
        file = Path(folder) / "CITATION.cff"
        file.write_bytes(data)
        works = citation.cited_works(file)
    return "\n\n".join(citation.bibtex(w) for w in works), "\n\n".join(citation.apa(w) for w in works)


def jsonld(pkg: Package, lang: str, downloads: list[Download], base_url: str | None) -> Markup:
    """schema.org ``Dataset`` of the package, as the JSON-LD of a home page.
    Addresses are absolute under ``base_url`` when it is given (search
    engines want them so), else relative to the home page."""
    meta = pkg.meta
    page = Page("home", "", lang).path

    def address(path: str) -> str:
        return base_url.rstrip("/") + "/" + path if base_url else href(page, path)

    dates = sorted(d for r in pkg.tables.get("events", []) for d in (r.get("date_start"), r.get("date_end")) if d)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": gettext(meta.get("title", ""), lang) if meta.get("title") else meta.get("name", ""),
        "description": gettext(meta.get("description", ""), lang) if meta.get("description") else "",
        "url": address(page),
        "version": meta.get("version", ""),
        "inLanguage": list(meta.get("languages", [])),
        "keywords": list(meta.get("keywords", [])),
        "license": [lic["path"] for lic in meta.get("licenses", []) if lic.get("path")],
        "creator": [{"@type": "Organization", "name": c["title"]} for c in meta.get("contributors", []) if c.get("title")],
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "name": Path(d.path).name, "contentUrl": address(d.path),
             "encodingFormat": _media_type(d.path), "contentSize": f"{d.bytes} B", "sha256": d.sha256}
            for d in downloads
        ],
    }
    if dates:
        data["temporalCoverage"] = f"{dates[0]}/{dates[-1]}"
    sources = [r for r in pkg.tables.get("sources", []) if r.get("role") == "primary"]
    if sources:
        data["isBasedOn"] = [_article(r) for r in sources]
    body = json.dumps(data, ensure_ascii=False, indent=1)
    # "</script>" inside a string would end the element early
    return Markup(body.replace("<", "\\u003c"))


def _article(row: Row) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "name": row.get("title", "")}
    if row.get("author"):
        work["author"] = {"@type": "Person", "name": row["author"]}
    if row.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": row["publisher"]}
    if row.get("language"):
        work["inLanguage"] = row["language"]
    if row.get("url"):
        work["url"] = row["url"]
    return work


def _media_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".csv": "text/csv", ".json": "application/json", ".zip": "application/zip",
            ".whl": "application/zip", ".gz": "application/gzip"}.get(suffix, "application/octet-stream")
