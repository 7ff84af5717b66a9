"""The static site without a browser: the page model, the links, the
pictures, the catalogs' words, determinism, and building from another copy
of the package (a new table appears without code changes; hostile keys stay
inside the site; a failed build leaves the old site alone)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

pytest.importorskip("jinja2", reason="the site needs the site extra: pip install -e '.[site]'")

from kz_between_chairs import descriptor  # noqa: E402
from kz_between_chairs._paths import package_root  # noqa: E402
from kz_between_chairs.cli import main  # noqa: E402
from kz_between_chairs.site import MARKER, build  # noqa: E402
from kz_between_chairs.site import model, svg  # noqa: E402
from kz_between_chairs.site.package import Package  # noqa: E402

LANGS = ("de", "en", "kk", "ru")


class Parsed(HTMLParser):
    """Tags with their attributes, the ids, and the text of one page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def plain(self) -> str:
        return re.sub(r"[ \t\r\n]+", " ", " ".join(self.text))  # no-break spaces stay


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "public").out


@pytest.fixture(scope="module")
def parsed(site):
    cache: dict[str, Parsed] = {}

    def get(path: str) -> Parsed:
        if path not in cache:
            cache[path] = Parsed((site / path).read_text(encoding="utf-8"))
        return cache[path]

    return get


def rows(table: str) -> list[dict[str, str]]:
    with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- the page model -----------------------------------------------------------


def test_one_tree_per_language_with_a_page_per_table_entity_and_event():
    pkg = Package.open()
    paths = [p.path for p in model.pages(pkg)]
    per_language = 1 + len(pkg.tables) + len(rows("entities")) + len(rows("events"))
    assert len(paths) == len(set(paths)) == 4 * per_language
    for lang in LANGS:
        assert f"{lang}/index.html" in paths
        assert f"{lang}/tables/relations.html" in paths
        assert f"{lang}/entities/kazakhstan.html" in paths
        assert f"{lang}/events/csto_deployment.html" in paths


@pytest.mark.parametrize(("page", "target", "link"), [
    ("en/index.html", "en/entities/russia.html", "entities/russia.html"),
    ("en/entities/russia.html", "en/entities/china.html", "china.html"),
    ("kk/entities/russia.html", "ru/entities/russia.html", "../../ru/entities/russia.html"),
    ("ru/tables/units.html", "data/units.csv", "../../data/units.csv"),
    ("ru/tables/units.html", "ru/tables/units.html#row-percent", "units.html#row-percent"),
    ("index.html", "de/index.html", "de/index.html"),
])
def test_links_are_relative_to_the_page(page, target, link):
    assert model.href(page, target) == link


def test_a_hostile_key_becomes_a_safe_file_name():
    for key in ("../../etc/passwd", "a/b", "..", "x" * 200, "Ü ber"):
        name = model.slug(key)
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", name) and name not in (".", "..")
    assert model.slug("a/b") != model.slug("a_b")


def test_edtf_dates_in_words():
    assert model.edtf("2022-01-06/2022-01-19", "ru") == "6 янв. 2022\u202fг. – 19 янв. 2022\u202fг."
    assert model.edtf("2022-03?", "ru") == "март 2022\u202fг. (предположительно)"
    assert model.edtf("../2022-01-02", "de") == "bis 02.01.2022"
    assert model.edtf("not a date", "en") == "not a date"


def test_a_cell_links_foreign_keys_and_wikidata_and_keeps_the_quote_german():
    pkg = Package.open()
    relation = pkg.row("relations", "kazakhstan_member_of_csto")
    obj = model.cell(pkg, "relations", "object_id", relation, "kk")
    assert (obj.text, obj.href) == ("ҰҚШҰ", "kk/entities/csto.html") or obj.href == "kk/entities/csto.html"
    quote = model.cell(pkg, "relations", "quote_de", relation, "en")
    assert quote.quote and quote.lang == "de"
    wikidata = model.cell(pkg, "entities", "wikidata_id", pkg.row("entities", "kazakhstan"), "en")
    assert wikidata.href == "https://www.wikidata.org/wiki/Q232"
    predicate = model.cell(pkg, "relations", "predicate", relation, "ru")
    assert predicate.text == pkg.row("predicates", "member_of")["label_ru"]


def test_table_columns_keep_only_the_pages_language():
    pkg = Package.open()
    names = [c.name for c in model.columns(pkg, "relations", "kk")]
    assert "quote_de" in names and not any(n.startswith("label_") for n in names)
    names = [c.name for c in model.columns(pkg, "indicators", "kk")]
    assert "label_kk" in names and not {"label_de", "label_en", "label_ru"} & set(names)
    # a table with a page per row shows its label in the key's cell, with the id under it
    names = [c.name for c in model.columns(pkg, "entities", "kk")]
    assert "entity_id" in names and not any(n.startswith("label_") for n in names)
    key = model.cell(pkg, "entities", "entity_id", pkg.row("entities", "kazakhstan"), "kk")
    assert (key.text, key.key, key.href) == ("Қазақстан", "kazakhstan", "kk/entities/kazakhstan.html")
    vocabulary = [c.name for c in model.columns(Package.open(), "units", "ru")]
    assert "description_en" in vocabulary  # the only description: English stands in


def test_an_entity_page_shows_both_ends_of_its_relations_and_names_over_time():
    pkg = Package.open()
    view = model.row_view(pkg, "entities", "nur_sultan", "en")
    titles = [s.title for s in view.sections]
    assert "Entity names — Entity" in titles
    names = next(s for s in view.sections if s.table == "entity_names")
    assert any(c.text == "Nur-Sultan" for _a, cells in names.rows for c in cells)
    assert any(c.text == "Historical name" for _a, cells in names.rows for c in cells)
    russia = model.row_view(pkg, "entities", "russia", "en")
    titles = [s.title for s in russia.sections]
    assert "Relations — Subject" in titles and "Relations — Object" in titles


# --- the built site ------------------------------------------------------------


def test_every_link_and_resource_stays_inside_the_site_and_exists(site, parsed):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) == 1 + 4 * (1 + len(Package.open().tables) + len(rows("entities")) + len(rows("events")))
    for page in pages:
        doc = parsed(page)
        for tag, attrs in doc.tags:
            for attribute in ("href", "src"):
                value = attrs.get(attribute)
                if value is None:
                    continue
                if value == "data:,":  # the empty icon that spares a request for /favicon.ico
                    continue
                if re.match(r"https?://", value):
                    # leaving the site is only ever a link the reader follows
                    assert tag == "a", f"{page}: <{tag} {attribute}={value}> loads from another host"
                    continue
                path, _, fragment = value.partition("#")
                target = (site / page).parent / unquote(path) if path else site / page
                target = target.resolve()
                assert target.is_relative_to(site.resolve()), f"{page}: {value} leaves the site"
                assert target.is_file(), f"{page}: {value} is missing"
                if fragment and target.suffix == ".html":
                    assert fragment in parsed(target.relative_to(site.resolve()).as_posix()).ids, f"{page}: {value}"


def test_no_external_fonts_scripts_or_styles(site):
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    js = (site / "assets" / "site.js").read_text(encoding="utf-8")
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert not re.search(r"fetch\(|XMLHttpRequest|import\(", js)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"https?:", text), page


def test_lang_and_hreflang_join_the_translations(parsed):
    for page in ("index.html", "tables/events.html", "entities/kazakhstan.html", "events/unrest_2022.html"):
        for lang in LANGS:
            doc = parsed(f"{lang}/{page}")
            assert doc.all("html")[0]["lang"] == lang
            alternates = {a["hreflang"]: a["href"] for a in doc.all("link") if a.get("rel") == "alternate"}
            assert set(alternates) == set(LANGS)
            for other, link in alternates.items():
                expected = model.href(f"{lang}/{page}", f"{other}/{page}")
                assert link == expected
            switcher = [a for a in doc.all("a") if a.get("hreflang")]
            assert [a["hreflang"] for a in switcher] == list(LANGS)
            assert [a for a in switcher if "aria-current" in a][0]["hreflang"] == lang


def test_every_table_page_has_its_rows_a_filter_a_codebook_and_its_csv(site, parsed):
    for table in Package.open().tables:
        for lang in LANGS:
            page = f"{lang}/tables/{table}.html"
            doc = parsed(page)
            searches = [a for a in doc.all("input") if a.get("type") == "search"]
            assert len(searches) == 1 and searches[0]["data-filter"] == "rows"
            body = (site / page).read_text(encoding="utf-8")
            data = body.split('<table id="rows"', 1)[1].split("</table>", 1)[0]
            assert data.count("<tr") - 1 == len(rows(table))  # minus the heading row
            assert any(a.get("href") == f"../../data/{table}.csv" for a in doc.all("a"))
            assert "codebook-h" in doc.ids
    assert (site / "data" / "events.csv").read_bytes() == (package_root() / "data" / "events.csv").read_bytes()


def test_every_fact_shows_its_quote_and_source(parsed):
    for table, kind in (("entities", "entities"), ("events", "events")):
        for row in rows(table):
            key = row["entity_id" if table == "entities" else "event_id"]
            doc = parsed(f"ru/{kind}/{key}.html")
            assert row["quote_de"] in doc.plain, key
            quotes = [a for t, a in doc.tags if t == "blockquote"]
            assert quotes and quotes[0]["lang"] == "de"


def test_an_event_page_lists_participants_with_roles_and_its_numbers(parsed):
    doc = parsed("ru/events/csto_deployment.html")
    assert "Инициатор" in doc.plain  # the role in words
    assert "Численность военнослужащих миссии ОДКБ" in doc.plain  # the indicator's label
    assert any(a.get("href") == "../entities/csto.html" for a in doc.all("a"))


def test_entity_pages_link_wikidata(site, parsed):
    for row in rows("entities"):
        links = [a["href"] for a in parsed(f"en/entities/{row['entity_id']}.html").all("a")]
        wikidata = [h for h in links if h.startswith("https://www.wikidata.org/wiki/")]
        if row["wikidata_id"]:  # the page's own identifier comes first, before the rows that refer to it
            assert wikidata[0] == f"https://www.wikidata.org/wiki/{row['wikidata_id']}"
        else:
            html = (site / "en" / "entities" / f"{row['entity_id']}.html").read_text(encoding="utf-8")
            details = html.split('id="details-h"', 1)[-1].split("</dl>", 1)[0]
            assert "wikidata.org" not in details


def test_home_states_the_numbers_with_their_hedges_in_words(parsed):
    from kz_between_chairs import statement

    for lang in LANGS:
        doc = parsed(f"{lang}/index.html")
        for row in rows("indicators"):
            assert statement(row["indicator_id"], lang) in doc.plain
    assert "about 2,500 people" in parsed("en/index.html").plain
    assert "около 2\xa0500 человек" in parsed("ru/index.html").plain


def test_home_sets_the_independent_record_beside_each_number(site, parsed):
    checks = [r for r in rows("record_checks") if r["indicator_id"]]
    assert checks
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    figures = html.split('id="figures-h"', 1)[1].split("</ul>", 1)[0]
    for row in checks:
        assert row["check_id"] in figures  # every check, under the number it checks
    verdicts = {r["verdict"]: r["label_en"] for r in rows("verdicts")}
    assert verdicts[checks[0]["verdict"]] in figures


def test_home_lists_downloads_with_size_and_checksum(site, parsed):
    doc = parsed("en/index.html")
    for table in Package.open().tables:
        data = (package_root() / "data" / f"{table}.csv").read_bytes()
        assert hashlib.sha256(data).hexdigest() in doc.plain
    assert "@misc{" in doc.plain and "Mohr, C. P. (2022)" in doc.plain  # BibTeX and APA
    assert any(a.get("data-copy") == "bibtex" for a in doc.all("button"))
    assert any(a.get("rel") == "license" and "creativecommons.org" in a["href"] for a in doc.all("a"))


def test_home_describes_the_dataset_for_search_engines(site):
    text = (site / "kk" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Dataset" and data["@context"] == "https://schema.org"
    assert data["name"].startswith("Екі оттың ортасындағы Қазақстан")
    files = {d["name"]: d for d in data["distribution"]}
    events = (package_root() / "data" / "events.csv").read_bytes()
    assert files["events.csv"]["sha256"] == hashlib.sha256(events).hexdigest()
    assert files["events.csv"]["contentUrl"] == "../data/events.csv"
    assert data["isBasedOn"][0]["author"]["name"] == "Christoph P. Mohr"


def test_pictures_have_titles_and_link_to_pages(site, parsed):
    text = (site / "en" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg[^>]*>(.*?)</svg>", text, re.S)
    assert len(svgs) == 3  # chart, timeline, network
    for body in svgs:
        assert body.startswith("<title id=")
    for tag in re.findall(r"<svg[^>]*>", text):
        assert "aria-labelledby" in tag
    links = {a["href"] for a in parsed("en/index.html").all("a")}
    assert {f"events/{r['event_id']}.html" for r in rows("events")} <= links
    related = {r[c] for r in rows("relations") for c in ("subject_id", "object_id")}
    assert {f"entities/{e}.html" for e in related} <= links


def test_the_chart_draws_each_hedge():
    bars = [svg.Bar(c, c, 10, c, "u", 20) for c in ("=", "~", ">", "<")]
    drawn = str(svg.chart(bars, "t", "d", {"exact": "e", "about": "a", "more": "m", "less": "l"}))
    assert drawn.count('fill="url(#ch-fade)"') == 1 + 1  # the bar and its legend
    assert drawn.count('class="arrow"') == 2
    assert drawn.count('class="bar open"') == 2
    assert "#fade" not in drawn.replace("#ch-fade", "")


def test_the_network_keeps_the_thesis_in_place():
    pos = svg.layout(["kazakhstan", "russia", "china", "the_west", "sco", "x", "y"],
                     [("kazakhstan", "russia"), ("kazakhstan", "china"), ("kazakhstan", "the_west"),
                      ("russia", "sco"), ("x", "y")])
    kz, ru, cn, west = pos["kazakhstan"], pos["russia"], pos["china"], pos["the_west"]
    assert ru[1] < kz[1] and west[0] < kz[0] < cn[0]
    assert pos["x"][0] > cn[0]  # a separate part is set beside the rest


def test_colours_meet_wcag_aa(site):
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    colour = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-f]{6})", css))

    def luminance(hex_: str) -> float:
        channels = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for text in ("ink", "muted", "link", "accent", "focus"):
        for background in ("paper", "band"):
            assert ratio(colour[text], colour[background]) >= 4.5, (text, background)
    assert ratio(colour["line"], colour["paper"]) >= 3  # graphics (WCAG 1.4.11)
    for node in svg.PALETTE:
        assert ratio(node, colour["paper"]) >= 4.5


def test_font_stacks_name_fonts_with_kazakh_letters(site, parsed):
    css = (site / "assets" / "site.css").read_text(encoding="utf-8")
    stack = re.search(r"font-family: ([^;]+);", css).group(1)
    assert "system-ui" in stack and "Noto Sans" in stack and "DejaVu Sans" in stack
    assert set("әғқңөұүі") <= set(parsed("kk/index.html").plain.lower())


# --- another copy of the package, and bad input ---------------------------------


def _add_record_table(pkg_dir: Path) -> None:
    """A new table the site has never seen, pointing at indicators."""
    (pkg_dir / "data" / "records.csv").write_text(
        "record_id,indicator_id,value,source_id\nrec_1,csto_troops,2030,mohr_2022\n", encoding="utf-8")
    meta = descriptor.read(pkg_dir / "datapackage.json")
    meta["resources"].append({
        "name": "records", "path": "data/records.csv", "title": "Official record",
        "schema": {
            "fields": [{"name": "record_id", "type": "string"}, {"name": "indicator_id", "type": "string"},
                       {"name": "value", "type": "number"}, {"name": "source_id", "type": "string"}],
            "primaryKey": ["record_id"],
            "foreignKeys": [{"fields": ["indicator_id"], "reference": {"resource": "indicators", "fields": ["indicator_id"]}},
                            {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}}],
        },
    })
    descriptor.write(pkg_dir / "datapackage.json", meta)


def test_another_copy_new_table_hostile_key_and_release_files(package_copy, tmp_path):
    """One build from a changed copy: a table the site has never seen, an id
    that tries to leave the site, release files to offer, a public address."""
    _add_record_table(package_copy.parent)
    events = package_copy.parent / "data" / "events.csv"
    text = events.read_text(encoding="utf-8").replace("\nunrest_2022,", "\n../../../escaped,", 1)
    events.write_text(text, encoding="utf-8")
    release = tmp_path / "dist"
    release.mkdir()
    (release / "kz-between-chairs-0.1.0.zip").write_bytes(b"zip bytes")
    out = build(tmp_path / "site", package=package_copy, downloads=release,
                base_url="https://example.github.io/kz/").out

    table = (out / "en" / "tables" / "records.html").read_text(encoding="utf-8")
    assert "Official record" in table and "2,030" in table
    # on the page of the event the recorded number belongs to (two steps away)
    event = (out / "en" / "events" / "csto_deployment.html").read_text(encoding="utf-8")
    assert "Official record — indicator_id" in event and "2,030" in event  # no title: the column's name
    assert (out / "data" / "records.csv").is_file()

    assert not any(p.name.startswith("escaped") for p in tmp_path.rglob("*"))
    assert (out / "en" / "events" / f"{model.slug('../../../escaped')}.html").is_file()

    assert (out / "downloads" / "kz-between-chairs-0.1.0.zip").read_bytes() == b"zip bytes"
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert hashlib.sha256(b"zip bytes").hexdigest() in home
    assert '"contentUrl": "https://example.github.io/kz/downloads/kz-between-chairs-0.1.0.zip"' in home
    assert 'hreflang="de" href="https://example.github.io/kz/de/index.html"' in home


def test_a_failed_build_leaves_the_old_site_alone(package_copy, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("an earlier build\n", encoding="utf-8")
    (out / "index.html").write_text("old", encoding="utf-8")
    (package_copy.parent / "data" / "events.csv").unlink()
    with pytest.raises(ValueError, match=r"events\.csv"):
        build(out, package=package_copy.parent)
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "index.html"])
    assert (out / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg", "site"]  # no staging folder left behind


def test_the_command_builds_the_same_bytes_twice_and_refuses_foreign_folders(site, tmp_path, capsys, monkeypatch):
    # In a process of its own with another hash seed: nothing may depend on
    # the order of a set, nor be cached from the first build.
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    done = subprocess.run([sys.executable, "-m", "kz_between_chairs.cli", "site", "--out", str(tmp_path / "again")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed, "KZ_LANG": "en"})
    assert done.returncode == 0, done.stderr
    pages = len(list(site.rglob("*.html")))
    assert re.search(rf"{pages} pages in [0-9.]+ s", done.stdout)
    again = tmp_path / "again"
    first = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again).as_posix(): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []

    assert main(["site", "--out", str(tmp_path / "again"), "--package", str(tmp_path / "nowhere")]) == 1
    error = capsys.readouterr().err
    assert "nowhere" in error and "datapackage.json" in error and "Traceback" not in error
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("keep me", encoding="utf-8")
    monkeypatch.setenv("KZ_LANG", "ru")
    assert main(["site", "--out", str(tmp_path / "mine")]) == 1
    assert "ошибка" in capsys.readouterr().err
    assert (tmp_path / "mine" / "thesis.tex").read_text(encoding="utf-8") == "keep me"
