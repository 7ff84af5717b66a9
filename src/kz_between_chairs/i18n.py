"""Gettext catalogs for every string that is not a table cell (stub: returns
the English source string until the catalogs exist, issue #5).

API used by the codebook, the sentences and the CLI:

* ``gettext(message, lang)`` / ``ngettext(singular, plural, n, lang)``
* ``N_(message)``: marks a string for extraction without translating it.
"""

from __future__ import annotations

from .descriptor import LANGUAGES


def check_language(lang: str) -> str:
    """Return ``lang`` if it is one of the four languages, else ValueError.

    >>> check_language("kk")
    'kk'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; allowed: {', '.join(LANGUAGES)}")
    return lang


def gettext(message: str, lang: str = "en") -> str:
    check_language(lang)
    return message


def ngettext(singular: str, plural: str, n: int, lang: str = "en") -> str:
    check_language(lang)
    return singular if n == 1 else plural


def N_(message: str) -> str:
    """Mark ``message`` for extraction; returns it unchanged."""
    return message
