"""Where the gettext catalogs live, and how a ``.po`` file becomes ``.mo``.

Under a package root (the repository, or ``kz_between_chairs/package/`` in a
wheel)::

    translations/messages.pot                    the template (sources only)
    translations/<lang>/LC_MESSAGES/messages.po  a language's catalog (committed)
    translations/<lang>/LC_MESSAGES/messages.mo  compiled (only in a wheel)

Reading the catalogs (:mod:`kz_between_chairs.i18n`), updating them
(:mod:`kz_between_chairs.catalog_update`), compiling them into the wheel
(``scripts/hatch_build.py``) and packing them into a release all take the
layout from here.  The module imports nothing from the package, so the build
hook can load it by its path before the package is installed.

>>> catalog_file("kk", ".mo")
'translations/kk/LC_MESSAGES/messages.mo'
"""

from __future__ import annotations

import io
from pathlib import Path

DOMAIN = "messages"
"""The gettext domain: ``<lang>/LC_MESSAGES/messages.po``."""
FOLDER = "translations"
"""The catalogs' folder, relative to the package root."""
TEMPLATE = f"{FOLDER}/{DOMAIN}.pot"
"""The template, relative to the package root."""


def catalog_file(lang: str, suffix: str = ".po") -> str:
    """The catalog of ``lang`` (``.po``, or compiled ``.mo``), relative to
    the package root.

    >>> catalog_file("ru")
    'translations/ru/LC_MESSAGES/messages.po'
    """
    return f"{FOLDER}/{lang}/LC_MESSAGES/{DOMAIN}{suffix}"


def sources(root: Path) -> list[str]:
    """The template and every language's ``.po`` under ``root``, relative to
    it, sorted (what a source release carries).

    >>> from kz_between_chairs._paths import package_root
    >>> sources(package_root())[:2]
    ['translations/de/LC_MESSAGES/messages.po', 'translations/en/LC_MESSAGES/messages.po']
    """
    found = [root / TEMPLATE, *root.glob(catalog_file("*"))]
    return sorted(p.relative_to(root).as_posix() for p in found if p.is_file())


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po`` file, made in memory (fuzzy entries are
    left out, as msgfmt does).  The header's dates are the build time of
    :func:`build_time`, never the clock, so a wheel is byte-reproducible."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    # the .po files carry no dates: babel would stamp now, in the local zone
    catalog.creation_date = catalog.revision_date = build_time()
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


REPRODUCIBLE_EPOCH = 1580601600
"""hatchling's own default time stamp for reproducible builds (2020-02-02)."""


def build_time(environ=None):
    """``SOURCE_DATE_EPOCH`` as a UTC datetime (hatchling's default without it).

    >>> build_time({"SOURCE_DATE_EPOCH": "1764374400"}).isoformat()
    '2025-11-29T00:00:00+00:00'
    """
    import datetime as dt
    import os

    environ = os.environ if environ is None else environ
    epoch = int(environ.get("SOURCE_DATE_EPOCH") or REPRODUCIBLE_EPOCH)
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc)


def compile_all(root: Path, out: Path) -> list[str]:
    """Compile every ``.po`` under ``root`` to its ``.mo`` under ``out``, in
    the same layout; returns the ``.mo`` paths relative to ``out``."""
    made = []
    for po in sorted(root.glob(catalog_file("*"))):
        rel = po.relative_to(root).with_suffix(".mo").as_posix()
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(compile_po(po))
        made.append(rel)
    return made
