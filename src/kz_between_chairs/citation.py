"""Cite the dataset and the article it is made from: BibTeX, APA, CSL-JSON
(Zotero, Mendeley, pandoc) or RIS (EndNote, Zotero).

Every style is generated from ``CITATION.cff`` (the one home of the citation
metadata, read with PyYAML): the dataset from its top level, the article
from its ``references``.  Using the data means citing both, so both are
printed.

>>> print(cite("apa"))  # doctest: +ELLIPSIS
kz-between-chairs contributors. (...). Kazakhstan between chairs: ... (Version ...) [Data set].
<BLANKLINE>
Mohr, C. P. (2022). Zwischen den Stühlen. IPG-Journal.

BibTeX and APA are written here (no library writes APA from CFF, and the
BibTeX needs the double braces that keep a German title's nouns); RIS goes
through ``rispy``; CSL-JSON is plain JSON in the fields of the CSL data
schema.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ._paths import package_root

STYLES = ("bibtex", "apa", "csl-json", "ris")
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
    ValueError: unknown citation style 'chicago'; allowed: bibtex, apa, csl-json, ris
    """
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; allowed: {', '.join(STYLES)}")
    works = cited_works()
    if style == "csl-json":
        return json.dumps([csl_json(work) for work in works], ensure_ascii=False, indent=2)
    if style == "ris":
        return ris(works)
    write = bibtex if style == "bibtex" else apa
    return "\n\n".join(write(work) for work in works)


def cited_works(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The works to cite, as CFF mappings: the dataset (the top level of
    ``CITATION.cff``, the shipped one unless ``path`` is given), then its
    references."""
    cff = read_cff(path or package_root() / "CITATION.cff")
    return [cff, *cff.get("references", [])]


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


_CSL_TYPES = {"dataset": "dataset", "article": "article-journal", "software": "software"}
_RIS_TYPES = {"dataset": "DATA", "article": "JOUR", "software": "COMP"}


def csl_json(work: dict[str, Any]) -> dict[str, Any]:
    """One item of CSL-JSON (the data schema of citeproc, Zotero, pandoc).

    >>> csl_json({"type": "article", "title": "T", "journal": "J", "year": 2022, "languages": ["de"],
    ...           "authors": [{"family-names": "Doe", "given-names": "Jane"}]})  # doctest: +NORMALIZE_WHITESPACE
    {'id': 'doe_2022', 'type': 'article-journal', 'title': 'T', 'author': [{'family': 'Doe', 'given': 'Jane'}],
     'issued': {'date-parts': [[2022]]}, 'container-title': 'J', 'language': 'de'}
    """
    item = {
        "id": _key(work, _year(work)),
        "type": _CSL_TYPES.get(work.get("type", ""), "document"),
        "title": _require(work, "title"),
        "author": [_csl_name(a) for a in _require(work, "authors")],
        "issued": {"date-parts": [_date_parts(work)]},
    }
    optional = {
        "container-title": work.get("journal"),
        "version": str(work["version"]) if work.get("version") else None,
        "abstract": work.get("abstract"),
        "URL": _url(work),
        "language": (work.get("languages") or [None])[0],
    }
    return item | {k: v for k, v in optional.items() if v}


def ris(works: list[dict[str, Any]]) -> str:
    """RIS records of the works, one after the other (``rispy`` writes them).

    >>> print(ris([{"type": "article", "title": "T", "journal": "J", "year": 2022,
    ...             "authors": [{"family-names": "Doe", "given-names": "Jane"}]}]))  # doctest: +NORMALIZE_WHITESPACE
    TY  - JOUR
    ID  - doe_2022
    AU  - Doe, Jane
    TI  - T
    JO  - J
    PY  - 2022
    ER  -
    """
    import rispy

    class Writer(rispy.RisWriter):
        def set_header(self, count: int) -> str:  # rispy numbers the records by default
            return ""

    records = []
    for work in works:
        year = _year(work)
        record = {
            "type_of_reference": _RIS_TYPES.get(work.get("type", ""), "GEN"),
            "id": _key(work, year),
            "authors": [_ris_name(a) for a in _require(work, "authors")],
            "title": _require(work, "title"),
            "journal_name": work.get("journal"),
            "year": str(year),
            "date": "/".join(f"{p:02d}" for p in _date_parts(work)) if work.get("date-released") else None,
            "edition": str(work["version"]) if work.get("version") else None,
            "abstract": work.get("abstract"),
            "urls": [_url(work)] if _url(work) else None,
            "language": ", ".join(_language_name(code) for code in work.get("languages") or []) or None,
        }
        records.append({k: v for k, v in record.items() if v})
    return rispy.dumps(records, implementation=Writer).strip("\n")


def _require(work: dict[str, Any], key: str) -> Any:
    if not work.get(key):
        raise ValueError(f"CITATION.cff: a cited work has no {key!r}: {work.get('title', work)!r}")
    return work[key]


def _date_parts(work: dict[str, Any]) -> list[int]:
    """[year, month, day] of ``date-released``, else [year]."""
    if work.get("date-released"):
        return [int(p) for p in str(work["date-released"]).split("-")]
    return [_year(work)]


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


def _csl_name(author: dict[str, Any]) -> dict[str, str]:
    if not author.get("family-names"):
        return {"literal": author["name"]}
    name = {"family": author["family-names"], "given": author.get("given-names", "")}
    extra = {"non-dropping-particle": author.get("name-particle"), "suffix": author.get("name-suffix")}
    return {k: v for k, v in (name | extra).items() if v}


def _ris_name(author: dict[str, Any]) -> str:
    person = _person(author)
    if person is None:
        return author["name"]
    family, given = person
    return f"{family}, {given}" if given else family


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
    return _language_name(code).lower()


def _language_name(code: str) -> str:
    """The English name of an ISO 639 code (``German``), from CLDR."""
    from babel import Locale

    return Locale.parse(code).english_name


# --- reading CITATION.cff ----------------------------------------------------


def read_cff(path: str | Path) -> dict[str, Any]:
    """Read a ``CITATION.cff`` file (YAML, through PyYAML's safe loader).

    A file that is not YAML, or whose top level is not a mapping, is a
    ValueError naming the file and, where YAML says it, the line.

    >>> read_cff(package_root() / "CITATION.cff")["cff-version"]
    '1.2.0'
    """
    import yaml

    path = Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise ValueError(f"{where}: not YAML: {getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(document, dict):
        raise ValueError(f"{path.name}: the document must be a mapping of keys to values")
    return document
