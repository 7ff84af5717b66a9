"""Gettext catalogs for every string that is not a table cell: titles and
descriptions of the descriptor, the CLI's messages, the sentences that state
an indicator.

The catalogs live where :mod:`kz_between_chairs.catalogs` says (see also
``translations/README.md``).  An installed wheel carries them compiled
(``messages.mo``, built by ``scripts/hatch_build.py``); a source checkout has
only the ``.po`` files, which are compiled in memory with babel on first use.
Nothing is ever written at run time.  Each language's catalog is read once.

A string the catalog does not translate comes back unchanged (gettext's
fallback), so English is always the last resort:

>>> gettext("Indicators", "ru")
'Индикаторы'
>>> gettext("a string no catalog has", "kk")
'a string no catalog has'
>>> ngettext("a row no catalog has", "rows no catalog has", 3, "de")
'rows no catalog has'
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import lru_cache

from ._paths import package_root
from .catalogs import catalog_file, compile_po
from .descriptor import LANGUAGES


LANG_ENV = "KZ_LANG"
"""Environment variable with the language of messages for commands without ``--lang``."""


def check_language(lang: str) -> str:
    """Return ``lang`` if it is one of the four languages, else ValueError.

    >>> check_language("kk")
    'kk'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    return lang


def gettext(message: str, lang: str = "en") -> str:
    """``message`` in ``lang`` (the English source string if untranslated)."""
    check_language(lang)
    # gettext("") would return the catalog's header, never wanted here
    return translations(lang).gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int, lang: str = "en") -> str:
    """The form of ``singular``/``plural`` that ``n`` takes in ``lang``, by
    the catalog's CLDR plural rule (Russian: 1, 21 / 2-4 / 5-20).

    >>> [ngettext("{number} week", "{number} weeks", n, "ru") for n in (1, 2, 5, 21)]
    ['{number} неделя', '{number} недели', '{number} недель', '{number} неделя']
    """
    check_language(lang)
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; returns it unchanged."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (to pass to :func:`ngettext`
    later); returns it unchanged."""
    return singular, plural


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog of ``lang``, read once per process."""
    root = package_root()
    mo, po = root / catalog_file(check_language(lang), ".mo"), root / catalog_file(lang)
    if mo.is_file():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        return _gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    raise FileNotFoundError(
        f"kz_between_chairs: no catalog for {lang!r} ({mo.name} or {po.name} in {po.parent}); reinstall the package"
    )
