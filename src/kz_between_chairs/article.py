"""The article's text as the quotes are matched against it.

The article itself never ships (copyright); the validator and the tests take
its path from the user.  Normalisation (ARCHITECTURE.md, "Provenance"):
NFC, a hyphen at a line end joins the next line, every other run of
whitespace becomes one space.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

ARTICLE_ENV = "KZ_ARTICLE"
"""Environment variable that the tests read the article's path from."""

_LINE_END_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Normalise article text (or a quote) for matching.

    >>> normalise("Die Kaspi-\\nBank  büßte\\n45 Prozent ein.")
    'Die Kaspi-Bank büßte 45 Prozent ein.'
    """
    text = unicodedata.normalize("NFC", text)
    # Why keep the hyphen: the article breaks lines only after real hyphens
    # ("Kaspi-\nBank"), never inside words, so joining keeps the compound.
    text = _LINE_END_HYPHEN.sub("-", text)
    return _WHITESPACE.sub(" ", text).strip()


def read_normalised(path: str | Path) -> str:
    """Read a UTF-8 article file and return its normalised text."""
    return normalise(Path(path).read_text(encoding="utf-8"))


def sha256(normalised_text: str) -> str:
    """SHA-256 (hex) of the normalised text, as in ``sources.text_sha256``.

    >>> sha256("abc")[:12]
    'ba7816bf8f01'
    """
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


def word_count(quote: str) -> int:
    """Words in a quote, as the 15-word limit counts them (whitespace-separated).

    >>> word_count("Rund 2 500 Soldaten")
    4
    """
    return len(normalise(quote).split(" ")) if quote.strip() else 0
