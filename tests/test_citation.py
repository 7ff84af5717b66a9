"""CITATION.cff: consistent with the package, read exactly as pyyaml reads it,
and turned by cite() into BibTeX that a BibTeX parser accepts and APA text."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import bibtexparser
import pytest
import yaml
from bibtexparser import middlewares

import kz_between_chairs as kz
from kz_between_chairs import citation
from kz_between_chairs.citation import apa, bibtex, read_cff

ROOT = Path(__file__).resolve().parents[1]
CFF = ROOT / "CITATION.cff"


@pytest.fixture(scope="module")
def cff() -> dict:
    return read_cff(CFF)


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


# --- the file ---------------------------------------------------------------


def test_reader_reads_citation_cff_exactly_as_pyyaml(cff):
    assert cff == yaml.safe_load(CFF.read_text(encoding="utf-8"))


def test_cff_describes_the_package(cff, descriptor):
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "dataset"
    assert cff["version"] == kz.__version__ == descriptor["version"]
    assert cff["date-released"] == descriptor["created"][:10]
    assert cff["title"] == descriptor["title"]
    assert cff["abstract"] == descriptor["description"]
    assert cff["keywords"] == descriptor["keywords"]
    assert cff["license"] == descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert [a["name"] for a in cff["authors"]] == [c["title"] for c in descriptor["contributors"]]


def test_cff_references_the_article(cff):
    assert "preferred-citation" not in cff  # the dataset itself is what is cited
    assert cff["references"] == [
        {
            "type": "article",
            "authors": [{"family-names": "Mohr", "given-names": "Christoph P."}],
            "title": "Zwischen den Stühlen",
            "journal": "IPG-Journal",
            "year": 2022,
            "languages": ["de"],
        }
    ]


def test_placeholder_addresses_are_marked_and_never_cited(cff):
    text = CFF.read_text(encoding="utf-8")
    assert re.search(r"\n# PLACEHOLDERS:[^\n]*\n(#[^\n]*\n)*repository-code: [^\n]*\nurl: ", text)
    for key in ("repository-code", "url"):
        assert cff[key].startswith("https://example.org/placeholder/"), key
    for style in citation.STYLES:
        assert "example.org" not in kz.cite(style)


# --- BibTeX -----------------------------------------------------------------


def test_bibtex_parses_into_the_dataset_and_the_article():
    library = bibtexparser.parse_string(
        kz.cite("bibtex"),
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()],
    )
    assert library.failed_blocks == []
    dataset, article = library.entries
    assert (dataset.entry_type, dataset.key) == ("misc", "kz_between_chairs_2026")
    assert dataset["title"] == "{Kazakhstan between chairs: Russia, China and the West in 2022}"
    assert dataset["author"][0].last == ["{kz-between-chairs contributors}"]
    assert (dataset["year"], dataset["version"], dataset["note"]) == ("2026", kz.__version__, "Data set")
    assert "url" not in dataset.fields_dict  # the address is still a placeholder

    assert (article.entry_type, article.key) == ("article", "mohr_2022")
    author = article["author"][0]
    assert (author.last, author.first) == (["Mohr"], ["Christoph", "P."])
    assert article["title"] == "{Zwischen den Stühlen}"
    assert (article["journal"], article["year"], article["language"]) == ("IPG-Journal", "2022", "german")


def test_bibtex_escapes_specials_and_keeps_real_addresses():
    entry = bibtex(
        {
            "type": "dataset",
            "title": "Trade & 50% shares",
            "authors": [{"family-names": "Beethoven", "given-names": "Ludwig", "name-particle": "van"}],
            "date-released": "2026-01-02",
            "url": "https://data.example.kz/x",
        }
    )
    assert entry == textwrap.dedent(
        """\
        @misc{beethoven_2026,
          author = {van Beethoven, Ludwig},
          title = {{Trade \\& 50\\% shares}},
          year = {2026},
          note = {Data set},
          url = {https://data.example.kz/x}
        }"""
    )
    assert bibtexparser.parse_string(entry).failed_blocks == []


# --- APA --------------------------------------------------------------------


def test_apa_text():
    dataset, article = kz.cite("apa").split("\n\n")
    assert dataset == (
        f"kz-between-chairs contributors. (2026). Kazakhstan between chairs: Russia, China and "
        f"the West in 2022 (Version {kz.__version__}) [Data set]."
    )
    assert article == "Mohr, C. P. (2022). Zwischen den Stühlen. IPG-Journal."


def test_apa_lists_several_authors_with_an_ampersand():
    authors = [{"family-names": f, "given-names": g} for f, g in (("Doe", "Jane"), ("Roe", "R."), ("Poe", "Edgar A."))]
    assert apa({"title": "Why?", "year": 2020, "authors": authors}) == (
        "Doe, J., Roe, R., & Poe, E. A. (2020). Why?"
    )


def test_unknown_style_names_the_allowed_ones():
    with pytest.raises(ValueError, match=r"^unknown citation style 'mla'; allowed: bibtex, apa$"):
        kz.cite("mla")


def test_missing_metadata_is_named():
    with pytest.raises(ValueError, match=r"^CITATION.cff: a cited work has no 'authors': 'T'$"):
        apa({"title": "T", "year": 2020})


# --- the YAML subset reader -------------------------------------------------

SUPPORTED = {
    "nested": """\
        a:
          b: 1
          c:
            d: "x # not a comment"
        e: plain text   # a comment
        """,
    "sequences": """\
        authors:
          - family-names: Doe
            given-names: 'Jane ''J.'''
          - name: ACME
        same-indent:
        - one
        - two: 2
          three: null
        -
          nested: true
        list-of-lists:
          - - a
            - b
        """,
    "block scalars": """\
        folded: >-
          first line
          continues

          new paragraph
        kept: >
          one
          two
        literal: |-
          line 1
            indented
          # not a comment
        clip: |
          text

        after: "escapes \\u00fc \\" \\\\ \\n"
        """,
    "versions and urls": """\
        cff-version: 1.2.0
        url: https://example.org/a#b
        empty:
        tilde: ~
        negative: -3
        """,
}


@pytest.mark.parametrize("name", SUPPORTED)
def test_reader_agrees_with_pyyaml(name, tmp_path):
    text = textwrap.dedent(SUPPORTED[name])
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    assert read_cff(path) == yaml.safe_load(text)


UNSUPPORTED = {
    "flow sequence": ("a: [1, 2]\n", "CITATION.cff:1: unsupported YAML construct: '[1, 2]' (quote the value)"),
    "anchor": ("a: &x 1\n", "CITATION.cff:1: unsupported YAML construct: '&x 1' (quote the value)"),
    "date": ("a: 1\nd: 2026-11-29\n", "CITATION.cff:2: ambiguous plain value '2026-11-29': quote it"),
    "float": ("a: 1.5\n", "CITATION.cff:1: ambiguous plain value '1.5': quote it"),
    "yaml 1.1 boolean": ("a: yes\n", "CITATION.cff:1: ambiguous plain value 'yes': quote it"),
    "octal": ("a: 010\n", "CITATION.cff:1: ambiguous plain value '010': quote it"),
    "tab": ("a:\n\tb: 1\n", "CITATION.cff:2: tab in indentation"),
    "bad indent": ("a: 1\n  b: 2\n", "CITATION.cff:2: unexpected indentation"),
    "duplicate": ("a: 1\na: 2\n", "CITATION.cff:2: duplicate key 'a'"),
    "multi-line string": ('a: "one\n  two"\n', "CITATION.cff:1: unterminated or multi-line double-quoted string"),
    "text after quote": ('a: "x" y\n', "CITATION.cff:1: unexpected text after the quoted string: 'y'"),
    "colon in plain": ("a: b: c\n", "CITATION.cff:1: a plain value cannot contain ': ' (quote it): 'b: c'"),
    "keep chomping": ("a: |+\n  x\n", "CITATION.cff:1: unsupported block scalar header '|+' (use >, >-, | or |-)"),
    "top-level list": ("- a\n", "CITATION.cff:1: the document must be a mapping starting at column 1"),
    "empty": ("# nothing\n", "CITATION.cff: the file has no content"),
}


@pytest.mark.parametrize("name", UNSUPPORTED)
def test_reader_refuses_what_it_does_not_know_with_the_line(name, tmp_path):
    text, message = UNSUPPORTED[name]
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        read_cff(path)
    assert str(error.value) == message
