"""CITATION.cff: consistent with the package, read with PyYAML, and turned by
cite() into BibTeX that a BibTeX parser accepts, APA text, CSL-JSON and RIS
that a RIS reader reads back."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from bibtexparser import middlewares

import kz_between_chairs as kz
from kz_between_chairs import citation
from kz_between_chairs.citation import apa, bibtex, read_cff
from kz_between_chairs.descriptor import read

ROOT = Path(__file__).resolve().parents[1]
CFF = ROOT / "CITATION.cff"


@pytest.fixture(scope="module")
def cff() -> dict:
    return read_cff(CFF)


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return read()


# --- the file ---------------------------------------------------------------


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


def test_no_placeholder_address_until_a_public_home_exists(cff):
    # metadata/dataset.yaml has no repository or DOI yet: CFF names no address
    assert "example.org" not in CFF.read_text(encoding="utf-8")
    assert not {"repository-code", "url", "doi"} & set(cff)
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
    with pytest.raises(ValueError, match=r"^unknown citation style 'mla'; allowed: bibtex, apa, csl-json, ris$"):
        kz.cite("mla")


def test_missing_metadata_is_named():
    with pytest.raises(ValueError, match=r"^CITATION.cff: a cited work has no 'authors': 'T'$"):
        apa({"title": "T", "year": 2020})


# --- CSL-JSON and RIS ----------------------------------------------------------


def test_csl_json_is_the_dataset_and_the_article():
    dataset, article = json.loads(kz.cite("csl-json"))
    released = read_cff(CFF)["date-released"]  # a date, or its ISO text
    released = str(released).split("-")
    assert dataset == {
        "id": "kz_between_chairs_2026",
        "type": "dataset",
        "title": "Kazakhstan between chairs: Russia, China and the West in 2022",
        "author": [{"literal": "kz-between-chairs contributors"}],
        "issued": {"date-parts": [[int(part) for part in released]]},
        "version": kz.__version__,
        "abstract": read_cff(CFF)["abstract"],
    }
    assert article == {
        "id": "mohr_2022",
        "type": "article-journal",
        "title": "Zwischen den Stühlen",
        "author": [{"family": "Mohr", "given": "Christoph P."}],
        "issued": {"date-parts": [[2022]]},
        "container-title": "IPG-Journal",
        "language": "de",
    }


def test_csl_json_names_particles_and_keeps_real_addresses():
    item = citation.csl_json(
        {
            "type": "software",
            "title": "T",
            "authors": [{"family-names": "Beethoven", "given-names": "Ludwig", "name-particle": "van"}],
            "date-released": "2026-01-02",
            "url": "https://data.example.kz/x",
        }
    )
    assert item["author"] == [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}]
    assert (item["type"], item["URL"], item["issued"]) == ("software", "https://data.example.kz/x", {"date-parts": [[2026, 1, 2]]})


def test_ris_reads_back_as_the_dataset_and_the_article():
    text = kz.cite("ris")
    assert "example.org" not in text
    dataset, article = rispy.loads(text)
    released = str(read_cff(CFF)["date-released"])  # RIS writes the date with slashes
    assert dataset["type_of_reference"] == "DATA"
    assert (dataset["id"], dataset["year"], dataset["date"], dataset["edition"]) == (
        "kz_between_chairs_2026", "2026", released.replace("-", "/"), kz.__version__
    )
    assert dataset["authors"] == ["kz-between-chairs contributors"]
    assert article == {
        "type_of_reference": "JOUR",
        "id": "mohr_2022",
        "authors": ["Mohr, Christoph P."],
        "title": "Zwischen den Stühlen",
        "journal_name": "IPG-Journal",
        "year": "2022",
        "language": "German",
    }
    assert text.count("ER  - ") == 2 and not text.startswith("1")


# --- reading CITATION.cff -------------------------------------------------------


def test_reader_is_pyyaml(cff):
    assert cff == yaml.safe_load(CFF.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: 1\nb: [1,\n", "CITATION.cff:3: not YAML: expected the node content, but found '<stream end>'"),
        ("a: 1\n  b: 2\n", "CITATION.cff:2: not YAML: mapping values are not allowed here"),
        ("- a\n", "CITATION.cff: the document must be a mapping of keys to values"),
        ("# nothing\n", "CITATION.cff: the document must be a mapping of keys to values"),
    ],
)
def test_reader_names_the_file_and_line_of_what_is_not_a_cff(tmp_path, text, message):
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        read_cff(path)
    assert str(error.value) == message
