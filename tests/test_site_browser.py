"""The site in a real browser (Debian's chromium driven by Playwright): every
page of every language loads without a console error, a failed resource or
a request that leaves the site; the filter narrows the rows as one types;
columns sort by keyboard; the language switcher keeps the page; the site
works from a sub-path over HTTP and from file://; the home page fits a
phone's width.  Screenshots of the home and the Kazakhstan page in every
language go to the test's temporary folder."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' installs playwright")

from kz_between_chairs.site import build  # noqa: E402

CHROMIUM = os.environ.get("KZ_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
LANGS = ("de", "en", "kk", "ru")
SUBPATH = "/org/kz-between-chairs/"  # as GitHub Pages serves a project site


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("www")
    return build(root / SUBPATH.strip("/")).out


@pytest.fixture(scope="module")
def server(site):
    """The site over HTTP at a sub-path; yields its base address."""
    docroot = site.parents[len(Path(SUBPATH.strip("/")).parts) - 1]
    handler = functools.partial(_Quiet, directory=str(docroot))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUBPATH}"
    httpd.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no chromium at {CHROMIUM}: apt-get install chromium (or set KZ_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Everything that went wrong on a page: console errors, uncaught
    exceptions, failed requests, responses >= 400 and any request to an
    address outside the site (recorded, not intercepted: interception
    would route every request through Python and slow each page down)."""

    def __init__(self, page, inside: str) -> None:
        self.problems: list[str] = []
        self.inside = inside
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", self._request)

    def _request(self, request) -> None:
        if not request.url.startswith(self.inside):
            self.problems.append(f"left the site: {request.url}")

    def take(self) -> list[str]:
        found, self.problems[:] = list(self.problems), []
        return found


def test_every_page_of_every_language_loads_cleanly(site, server, browser):
    # One tab, page after page: more tabs share the site's renderer process
    # and were slower, not faster, on two cores.
    page = browser.new_page()
    watch = Watch(page, server)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    problems = {}
    for path in pages:
        page.goto(server + path, wait_until="domcontentloaded")  # the stylesheet and script are in by then
        found = watch.take()
        lang = path.split("/")[0] if "/" in path else "en"
        if page.evaluate("document.documentElement.lang") != lang:
            found.append(f"html lang is {page.evaluate('document.documentElement.lang')}")
        if found:
            problems[path] = found
    assert watch.take() == []  # nothing late either
    page.close()
    assert problems == {}
    assert len(pages) > 300


def test_typing_in_the_search_box_narrows_the_rows(server, browser):
    page = browser.new_page()
    watch = Watch(page, server)
    page.goto(server + "en/tables/events.html")
    rows = page.locator("#rows tbody tr")
    total = rows.count()
    box = page.locator("input[type=search]")
    assert box.is_visible()
    box.press_sequentially("tokay", delay=20)
    visible = [t for t in rows.all_inner_texts() if t]  # hidden rows have no inner text
    shown = page.locator("#rows tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all("tokay" in text.lower() for text in shown.all_inner_texts())
    assert page.locator("#rows-count").inner_text() == f"{shown.count()} of {total} rows"
    box.fill("")
    box.press_sequentially("no row has this")
    assert shown.count() == 0
    assert visible
    assert watch.take() == []
    page.close()


def test_columns_sort_from_the_keyboard(server, browser):
    page = browser.new_page()
    page.goto(server + "ru/tables/indicators.html")
    heading = page.locator("#rows thead th.num").first  # the value column
    button = heading.locator("button.sort")
    button.focus()
    page.keyboard.press("Enter")
    assert heading.get_attribute("aria-sort") == "ascending"
    column = page.evaluate("Array.from(document.querySelectorAll('#rows thead th')).indexOf("
                           "document.querySelector('#rows thead th.num'))")
    values = page.evaluate(f"Array.from(document.querySelectorAll('#rows tbody tr'))"
                           f".map(r => parseFloat(r.cells[{column}].dataset.sort))")
    assert values == sorted(values)
    page.keyboard.press("Enter")
    assert heading.get_attribute("aria-sort") == "descending"
    page.close()


def test_the_language_switcher_keeps_the_page(server, browser):
    page = browser.new_page()
    page.goto(server + "kk/entities/kazakhstan.html")
    assert page.locator("h1").inner_text() == "Қазақстан"
    for lang, title in (("ru", "Казахстан"), ("de", "Kasachstan"), ("en", "Kazakhstan")):
        page.locator(f'nav.langs a[hreflang="{lang}"]').click()
        page.wait_for_load_state()
        assert page.url == server + f"{lang}/entities/kazakhstan.html"
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.locator("h1").inner_text() == title
    page.close()


def test_the_site_works_from_file_urls(site, browser):
    page = browser.new_page()
    inside = site.as_uri() + "/"
    watch = Watch(page, inside)
    for path in ("index.html", "kk/index.html", "ru/tables/relations.html", "de/events/csto_deployment.html"):
        page.goto(inside + path, wait_until="load")
        assert watch.take() == [], path
    page.goto(inside + "index.html")
    page.locator('a[hreflang="kk"]').click()
    page.wait_for_load_state()
    assert page.url == inside + "kk/index.html"
    assert page.locator("button.copy").first.is_visible()  # the script ran
    page.close()


def test_screenshots_and_a_phones_width(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for lang in LANGS:
        for name, path in (("home", "index.html"), ("kazakhstan", "entities/kazakhstan.html")):
            page.goto(server + f"{lang}/{path}")
            shot = tmp_path / f"{lang}-{name}.jpeg"
            # the head of the page, as JPEG: a whole 9000-pixel page in PNG took seconds each
            page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=85,
                            clip={"x": 0, "y": 0, "width": 1280, "height": 2400})
            assert shot.stat().st_size > 10_000
    page.close()
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    for lang in LANGS:
        phone.goto(server + f"{lang}/index.html")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{lang}: the home page is {width}px wide on a 390px phone"
        phone.goto(server + f"{lang}/entities/kazakhstan.html")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, lang
    shots = os.environ.get("KZ_SITE_SHOTS")  # a folder to keep the screenshots in
    if shots:
        phone.screenshot(path=str(Path(shots) / "phone-kazakhstan.jpeg"), full_page=True, type="jpeg")
        for shot in tmp_path.glob("*.jpeg"):
            shutil.copy(shot, Path(shots) / shot.name)
    phone.close()
