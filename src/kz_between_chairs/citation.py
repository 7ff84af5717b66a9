"""Cite the dataset and the article it is made from, as BibTeX or APA.

Both citations are generated from ``CITATION.cff`` (the one home of the
citation metadata): the dataset from its top level, the article from its
``references``.  Using the data means citing both, so both are printed.

>>> print(cite("apa"))  # doctest: +ELLIPSIS
kz-between-chairs contributors. (...). Kazakhstan between chairs: ... (Version ...) [Data set].
<BLANKLINE>
Mohr, C. P. (2022). Zwischen den Stühlen. IPG-Journal.

The runtime has no YAML library (pyyaml comes only with optional extras), so
:func:`read_cff` reads the small subset of YAML that ``CITATION.cff`` uses and
rejects everything else with the line number; ``tests/test_citation.py``
checks that it reads exactly what pyyaml reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ._paths import package_root

STYLES = ("bibtex", "apa")
"""The citation styles :func:`cite` knows."""

# RFC 2606 reserves these hosts for examples: a URL on them is a placeholder
# that must not end up in a printed citation.
_PLACEHOLDER_HOSTS = {"example.org", "example.com", "example.net"}


def cite(style: str = "bibtex") -> str:
    """The citation of the dataset and of its source article, in ``style``.

    >>> print(cite("bibtex"))  # doctest: +ELLIPSIS
    @misc{kz_between_chairs_...,
      author = {{kz-between-chairs contributors}},
      title = {{Kazakhstan between chairs: Russia, China and the West in 2022}},
    ...
    @article{mohr_2022,
      author = {Mohr, Christoph P.},
      title = {{Zwischen den Stühlen}},
      journal = {IPG-Journal},
      year = {2022},
      language = {german}
    }
    >>> cite("chicago")
    Traceback (most recent call last):
    ...
    ValueError: unknown citation style 'chicago'; allowed: bibtex, apa
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; allowed: {', '.join(STYLES)}")
    cff = read_cff(package_root() / "CITATION.cff")
    works = [cff, *cff.get("references", [])]
    render = bibtex if style == "bibtex" else apa
    return "\n\n".join(render(work) for work in works)


# --- formatting --------------------------------------------------------------


def bibtex(work: dict[str, Any]) -> str:
    """One BibTeX entry for a CFF work (the top level or a reference).

    Titles are double-braced so that styles do not lower-case the nouns of a
    German title; the key is the first author's family name (or the first
    word of an institution's name) and the year.

    >>> print(bibtex({"type": "article", "title": "T", "journal": "J", "year": 2022,
    ...               "authors": [{"family-names": "Doe", "given-names": "Jane"}]}))
    @article{doe_2022,
      author = {Doe, Jane},
      title = {{T}},
      journal = {J},
      year = {2022}
    }
    """
    year = _year(work)
    fields = [
        ("author", " and ".join(_bibtex_name(a) for a in _require(work, "authors"))),
        ("title", "{" + _bibtex_escape(_require(work, "title")) + "}"),
    ]
    if work.get("journal"):
        fields.append(("journal", _bibtex_escape(work["journal"])))
    fields.append(("year", str(year)))
    if work.get("version"):
        fields.append(("version", _bibtex_escape(str(work["version"]))))
    if work.get("type") == "dataset":
        fields.append(("note", "Data set"))
    if _url(work):
        fields.append(("url", _url(work)))
    languages = work.get("languages") or []
    if languages:
        fields.append(("language", " and ".join(_language_key(code) for code in languages)))
    entry_type = "article" if work.get("type") == "article" else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{_key(work, year)},\n{body}\n}}"


def apa(work: dict[str, Any]) -> str:
    """One APA (7th edition) reference for a CFF work, as plain text.

    >>> print(apa({"type": "dataset", "title": "T", "version": "1.0", "date-released": "2026-01-02",
    ...            "authors": [{"family-names": "Doe", "given-names": "Jane-Marie A."}, {"name": "ACME"}]}))
    Doe, J.-M. A., & ACME. (2026). T (Version 1.0) [Data set].
    """
    authors = [_apa_name(a) for a in _require(work, "authors")]
    if len(authors) == 1:
        names = authors[0]
    else:
        names = ", ".join(authors[:-1]) + ", & " + authors[-1]
    title = _require(work, "title")
    if work.get("type") == "dataset":
        version = f" (Version {work['version']})" if work.get("version") else ""
        title = f"{title}{version} [Data set]"
    parts = [_end(names), f"({_year(work)}).", _end(title)]
    if work.get("journal"):
        parts.append(_end(work["journal"]))
    if _url(work):
        parts.append(_url(work))
    return " ".join(parts)


def _require(work: dict[str, Any], key: str) -> Any:
    if not work.get(key):
        raise ValueError(f"CITATION.cff: a cited work has no {key!r}: {work.get('title', work)!r}")
    return work[key]


def _year(work: dict[str, Any]) -> int:
    if work.get("year"):
        return int(work["year"])
    return int(str(_require(work, "date-released"))[:4])


def _key(work: dict[str, Any], year: int) -> str:
    first = work["authors"][0]
    name = first.get("family-names") or first["name"].split()[0]
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") + f"_{year}"


def _url(work: dict[str, Any]) -> str:
    url = work.get("url") or work.get("repository-code") or ""
    return "" if urlsplit(url).hostname in _PLACEHOLDER_HOSTS else url


def _end(text: str) -> str:
    """``text`` closed by a full stop, unless it already ends a sentence."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _person(author: dict[str, Any]) -> tuple[str, str] | None:
    """(family name with particle and suffix, given names), or None for an entity."""
    if not author.get("family-names"):
        return None
    family = " ".join(p for p in (author.get("name-particle"), author["family-names"]) if p)
    if author.get("name-suffix"):
        family += f", {author['name-suffix']}"
    return family, author.get("given-names", "")


def _bibtex_name(author: dict[str, Any]) -> str:
    person = _person(author)
    if person is None:  # an institution: braced so BibTeX does not split it
        return "{" + _bibtex_escape(author["name"]) + "}"
    family, given = person
    return _bibtex_escape(f"{family}, {given}" if given else family)


def _apa_name(author: dict[str, Any]) -> str:
    person = _person(author)
    if person is None:
        return author["name"]
    family, given = person
    initials = " ".join("-".join(p[0] + "." for p in word.split("-") if p) for word in given.split())
    return f"{family}, {initials}" if initials else family


def _bibtex_escape(text: str) -> str:
    return re.sub(r"([&%$#_])", r"\\\1", text)


def _language_key(code: str) -> str:
    """biblatex's language key (``german``) for an ISO 639 code, via CLDR."""
    from babel import Locale

    return Locale.parse(code).english_name.lower()


# --- reading CITATION.cff ----------------------------------------------------


def read_cff(path: str | Path) -> dict[str, Any]:
    """Read a ``CITATION.cff`` file into plain dicts, lists and scalars.

    >>> read_cff(package_root() / "CITATION.cff")["cff-version"]
    '1.2.0'
    """
    path = Path(path)
    return _YamlSubset(path.read_text(encoding="utf-8-sig"), path.name).document()


_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.-]*):(?: +(.*))?$")
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)$")
# Plain scalars that YAML 1.1 (pyyaml) reads as something else than a string
# (its implicit resolvers: floats, ints in other bases, booleans, nulls,
# timestamps, merge and value keys); the reader refuses them unless they are
# a decimal integer or true/false/null.
_NOT_A_STRING = re.compile(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?$|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?$"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$"
    r"|[-+]?0b[0-1_]+$|[-+]?0[0-7_]+$|[-+]?(?:0|[1-9][0-9_]*)$|[-+]?0x[0-9a-fA-F_]+$"
    r"|(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
    r"|(?:~|null|Null|NULL|<<|=)$|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
)
_CONSTANTS = {"true": True, "false": False, "null": None, "~": None}


class _YamlSubset:
    """Block mappings and sequences (``- key: value`` items included),
    double- and single-quoted one-line scalars, plain scalars (strings,
    integers, true/false/null), ``>``/``|`` block scalars with ``-`` or
    default chomping, and comments. Anything else (flow collections, anchors,
    tags, multi-line quoted strings, tabs, ambiguous plain scalars such as
    dates and floats) is a ValueError naming the line: better refused than
    read differently from the YAML readers the rest of the world uses."""

    def __init__(self, text: str, name: str) -> None:
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self.name = name

    def document(self) -> dict[str, Any]:
        i = self._skip(0)
        if i == len(self.lines):
            raise ValueError(f"{self.name}: the file has no content")
        if self._indent(i) != 0 or self._is_item(self.lines[i]):
            self._fail(i, "the document must be a mapping starting at column 1")
        value, i = self._mapping(i, 0)
        i = self._skip(i)
        if i < len(self.lines):
            self._fail(i, "unexpected indentation")
        return value

    # --- lines

    def _fail(self, i: int, message: str):
        raise ValueError(f"{self.name}:{i + 1}: {message}")

    def _skip(self, i: int) -> int:
        """The index of the next line with content (not blank, not a comment)."""
        while i < len(self.lines) and self.lines[i].strip()[:1] in ("", "#"):
            i += 1
        return i

    def _indent(self, i: int) -> int:
        line = self.lines[i]
        indent = len(line) - len(line.lstrip(" "))
        if line[indent:indent + 1] == "\t":
            self._fail(i, "tab in indentation")
        return indent

    @staticmethod
    def _is_item(content: str) -> bool:
        return content == "-" or content.startswith("- ")

    # --- collections

    def _block(self, i: int, indent: int) -> tuple[Any, int]:
        if self._is_item(self.lines[i][indent:]):
            return self._sequence(i, indent)
        return self._mapping(i, indent)

    def _mapping(self, i: int, indent: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        while (i := self._skip(i)) < len(self.lines) and self._indent(i) >= indent:
            if self._indent(i) > indent:
                self._fail(i, "unexpected indentation")
            content = self.lines[i][indent:]
            match = _KEY.match(content)
            if not match:
                self._fail(i, f"expected 'key: value', found {content.strip()!r}")
            key, rest = match.group(1), (match.group(2) or "").strip()
            if key in result:
                self._fail(i, f"duplicate key {key!r}")
            if rest == "" or rest.startswith("#"):
                result[key], i = self._nested(i, indent)
            elif rest[0] in ">|":
                result[key], i = self._block_scalar(i, rest, indent)
            else:
                result[key], i = self._scalar(i, rest), i + 1
        return result, i

    def _nested(self, i: int, indent: int) -> tuple[Any, int]:
        """The value of a key with nothing after the colon: a nested block,
        a sequence at the key's own indentation, or null."""
        j = self._skip(i + 1)
        if j < len(self.lines):
            if self._indent(j) > indent:
                return self._block(j, self._indent(j))
            if self._indent(j) == indent and self._is_item(self.lines[j][indent:]):
                return self._sequence(j, indent)
        return None, i + 1

    def _sequence(self, i: int, indent: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        while (i := self._skip(i)) < len(self.lines) and self._indent(i) >= indent:
            if self._indent(i) > indent:
                self._fail(i, "unexpected indentation")
            content = self.lines[i][indent:]
            if not self._is_item(content):
                break  # a key of the enclosing mapping
            rest = content[1:].lstrip(" ")
            if rest == "" or rest.startswith("#"):
                value, i = self._nested(i, indent)
            elif _KEY.match(rest) or self._is_item(rest):
                # "- key: value": the item is a block starting where "key" starts;
                # blank out the dash so the block reader sees a plain line
                column = len(self.lines[i]) - len(rest)
                self.lines[i] = " " * column + rest
                value, i = self._block(i, column)
            elif rest[0] in ">|":
                value, i = self._block_scalar(i, rest, indent)
            else:
                value, i = self._scalar(i, rest), i + 1
            items.append(value)
        return items, i

    # --- scalars

    def _scalar(self, i: int, text: str) -> Any:
        if text[0] == '"':
            end = re.match(r'"(?:[^"\\]|\\.)*"', text)
            if not end:
                self._fail(i, "unterminated or multi-line double-quoted string")
            self._only_comment_after(i, text[end.end():])
            try:
                return json.loads(end.group(0))
            except json.JSONDecodeError:
                self._fail(i, f"unsupported escape in {end.group(0)}")
        if text[0] == "'":
            end = re.match(r"'(?:[^']|'')*'", text)
            if not end:
                self._fail(i, "unterminated or multi-line single-quoted string")
            self._only_comment_after(i, text[end.end():])
            return end.group(0)[1:-1].replace("''", "'")
        plain = re.split(r"\s#", text, maxsplit=1)[0].rstrip()
        if _INT.match(plain):
            return int(plain)
        if plain in _CONSTANTS:
            return _CONSTANTS[plain]
        if plain[0] in "[]{}&*!|>%@`,?:-":
            self._fail(i, f"unsupported YAML construct: {plain!r} (quote the value)")
        if ": " in plain or plain.endswith(":"):
            self._fail(i, f"a plain value cannot contain ': ' (quote it): {plain!r}")
        if _NOT_A_STRING.match(plain):
            self._fail(i, f"ambiguous plain value {plain!r}: quote it")
        return plain

    def _only_comment_after(self, i: int, rest: str) -> None:
        rest = rest.strip()
        if rest and not rest.startswith("#"):
            self._fail(i, f"unexpected text after the quoted string: {rest!r}")

    def _block_scalar(self, i: int, header: str, parent: int) -> tuple[str, int]:
        header = re.split(r"\s#", header, maxsplit=1)[0].rstrip()
        if header not in (">", ">-", "|", "|-"):
            self._fail(i, f"unsupported block scalar header {header!r} (use >, >-, | or |-)")
        j, lines = i + 1, []
        while j < len(self.lines) and (not self.lines[j].strip() or self._indent(j) > parent):
            lines.append(self.lines[j])
            j += 1
        while lines and not lines[-1].strip():
            lines.pop()
        j = i + 1 + len(lines)
        if not lines:
            return "", j
        indent = min(self._indent(k) for k in range(i + 1, j) if self.lines[k].strip())
        if self._indent(i + 1 + next(n for n, line in enumerate(lines) if line.strip())) != indent:
            self._fail(i + 1, "a block scalar's first line must be its least indented")
        body = [line[indent:] if line.strip() else "" for line in lines]
        if header[0] == "|":
            text = "\n".join(body)
        else:
            if any(line.startswith(" ") for line in body):
                self._fail(i + 1, "more-indented lines in a folded block scalar are not supported")
            text = "".join(
                ("\n" if not line else (" " if n and body[n - 1] else "") + line)
                for n, line in enumerate(body)
            )
        return (text if header.endswith("-") else text + "\n"), j
