"""Write the site: render every page of :mod:`.model` with the Jinja2
templates, copy the package's files beside them, and put the finished tree
in place at once.

The tree is built in a folder next to ``out`` and moved there at the end, so
a failed build leaves ``out`` as it was.  ``out`` is replaced only when it is
missing, empty, or a site this function built (it holds :data:`MARKER`).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ..__about__ import __version__
from ..i18n import gettext
from . import text
from .home import Download, home
from .model import LANGUAGES, Page, codebook, grid, href, pages, row_view, table_title
from .package import Package

MARKER = ".kz-between-chairs-site"
"""File at the site's root that marks a folder the build may replace."""
ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class Result:
    out: Path
    pages: int  # HTML pages, the root's language chooser included
    files: int
    seconds: float


def build(out: str | Path, package: str | Path | None = None, downloads: str | Path | None = None,
          base_url: str | None = None) -> Result:
    """Build the site of the package at ``package`` (the installed one when
    None) into ``out``.  Files in ``downloads`` (a release's zip, wheel ...)
    are copied into the site and listed with their size and SHA-256;
    ``base_url`` (the site's public address) makes the addresses of the
    schema.org description and of the ``hreflang`` links absolute.

    Two builds of the same input write the same bytes.  Errors are
    ValueError naming the file or folder."""
    started = time.perf_counter()
    out = Path(out)
    _check_target(out)
    pkg = Package.open(package)
    extra = _extra_downloads(downloads)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        written = _write(pkg, staging, extra, base_url)
        _replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    html = sum(1 for p in written if p.endswith(".html"))
    return Result(out, html, len(written), time.perf_counter() - started)


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ValueError(f"{out}: the folder is not empty and holds no site built here ({MARKER}); choose another --out")


def _extra_downloads(folder: str | Path | None) -> list[Path]:
    if folder is None:
        return []
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder (--downloads takes the folder of the release files)")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _replace(staging: Path, out: Path) -> None:
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        if old.exists():
            shutil.rmtree(old)
        out.rename(old)
        staging.rename(out)
        shutil.rmtree(old)
    else:
        staging.rename(out)


def _write(pkg: Package, root: Path, extra: list[Path], base_url: str | None) -> list[str]:
    written: list[str] = []

    def put(path: str, data: bytes) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(path)

    downloads = []
    for path in ["datapackage.json", *(r["path"] for r in pkg.meta["resources"])]:
        data = pkg.read(path)  # only regular files inside the copy
        put(path, data)
        downloads.append(Download.of(path, data))
    for file in extra:
        data = file.read_bytes()
        put(f"downloads/{file.name}", data)
        downloads.append(Download.of(f"downloads/{file.name}", data))
    for name in ASSETS:
        put(f"assets/{name}", (files(__package__) / "static" / name).read_bytes())

    env = _environment()
    all_pages = pages(pkg)
    put("index.html", _root_page(env, pkg, base_url))
    for page in all_pages:
        put(page.path, render(env, pkg, page, downloads, base_url))
    put(MARKER, f"kz-between-chairs {__version__}\n".encode())
    return written


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(files(__package__) / "templates")),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    return env


def render(env, pkg: Package, page: Page, downloads: list[Download], base_url: str | None) -> bytes:
    """One page as UTF-8 bytes."""
    lang = page.lang
    ui = text.ui(lang)
    site_title = gettext(pkg.meta["title"], lang) if pkg.meta.get("title") else pkg.meta.get("name", "")
    context = dict(
        lang=lang, ui=ui, page=page, site_title=site_title, version=pkg.meta.get("version", __version__),
        home=Page("home", "", lang).path, alternates=_alternates(page, base_url),
        licences=[(lic.get("title") or lic.get("name", ""), lic["path"]) for lic in pkg.meta.get("licenses", []) if lic.get("path")],
        plural=_plural_templates(lang), crumbs=[], summary=site_title,
        size=lambda n: _size(n, lang),
    )
    if page.kind == "home":
        view = home(pkg, lang, downloads, base_url)
        template, title = "home.html", view.title
        context.update(view=view, summary=view.description)
    elif page.kind == "table":
        resource = pkg.resource(page.key)
        title = table_title(pkg, page.key, lang)
        view = grid(pkg, page.key, pkg.tables[page.key], lang, own_page=True)
        description = gettext(resource["description"], lang) if resource.get("description") else ""
        template = "table.html"
        context.update(view=view, description=description, codebook=codebook(pkg, page.key, lang),
                       csv=resource["path"], count=text.count(len(pkg.tables[page.key]), lang),
                       summary=description or title)
    else:
        view = row_view(pkg, page.kind, page.key, lang)
        template, title = "row.html", view.title
        context.update(view=view, crumbs=[(table_title(pkg, page.kind, lang), Page("table", page.kind, lang).path)])
    context["title"] = title
    context["url"] = lambda target: href(page.path, target)
    return env.get_template(template).render(context).encode("utf-8")


def _alternates(page: Page, base_url: str | None) -> list[dict[str, str]]:
    out = []
    for lang in LANGUAGES:
        other = page.translation(lang).path
        out.append(dict(
            lang=lang, name=text.ui(lang)["language_name"], link=href(page.path, other),
            href=(base_url.rstrip("/") + "/" + other) if base_url else href(page.path, other),
        ))
    return out


def _root_page(env, pkg: Package, base_url: str | None) -> bytes:
    alternates = []
    for lang in LANGUAGES:
        path = Page("home", "", lang).path
        alternates.append(dict(
            lang=lang, name=text.ui(lang)["language_name"], link=path,
            href=(base_url.rstrip("/") + "/" + path) if base_url else path,
            title=gettext(pkg.meta["title"], lang) if pkg.meta.get("title") else "",
        ))
    english = next(a for a in alternates if a["lang"] == "en")
    alternates.append(dict(english, lang="x-default"))
    title = pkg.meta.get("title") or pkg.meta.get("name", "")
    return env.get_template("root.html").render(title=title, alternates=alternates).encode("utf-8")


@lru_cache(maxsize=None)
def _plural_templates(lang: str) -> dict[str, str]:
    """The row-count template for each CLDR plural category of ``lang``, so
    the page's script picks the form by ``Intl.PluralRules`` as gettext would."""
    from babel import Locale
    from ..i18n import ngettext

    rule = Locale.parse(lang).plural_form
    out: dict[str, str] = {}
    for n in range(0, 200):
        out.setdefault(rule(n), ngettext(*text.ROWS, n, lang))
    return dict(sorted(out.items()))


def _size(n: int, lang: str) -> str:
    """A file size in CLDR's short units of ``lang`` (``12,3 kB``)."""
    from babel.units import format_unit

    if n < 1024:
        return format_unit(n, "digital-byte", length="short", locale=lang)
    if n < 1024 * 1024:
        return format_unit(round(n / 1024, 1), "digital-kilobyte", length="short", locale=lang)
    return format_unit(round(n / 1024 / 1024, 1), "digital-megabyte", length="short", locale=lang)
