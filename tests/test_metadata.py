"""The metadata files come from metadata/dataset.yaml and never drift; none
carries a placeholder; the JSON-LD validates (Croissant with mlcroissant)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import update_metadata  # scripts/ is on pytest's pythonpath
import yaml

from kz_between_chairs import __version__, descriptor, i18n, metadata
from kz_between_chairs.citation import read_cff

ROOT = Path(__file__).resolve().parents[1]

FACTS = metadata.read_facts(ROOT / "metadata" / "dataset.yaml")


def test_committed_metadata_files_are_current():
    assert update_metadata.drifted() == []


def test_a_changed_fact_reaches_every_file(tmp_path):
    for rel in ("metadata/dataset.yaml", "CITATION.cff", ".zenodo.json", "datapackage.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    facts = tmp_path / "metadata" / "dataset.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("  - Kazakh\n", "  - Kazakh language\n"),
                     encoding="utf-8")
    assert update_metadata.drifted(tmp_path) == ["CITATION.cff", ".zenodo.json", "datapackage.json"]
    for rel, data in update_metadata.expected(tmp_path).items():
        (tmp_path / rel).write_bytes(data)
    assert update_metadata.drifted(tmp_path) == []
    assert "Kazakh language" in read_cff(tmp_path / "CITATION.cff")["keywords"]
    assert "Kazakh language" in json.loads((tmp_path / ".zenodo.json").read_text(encoding="utf-8"))["keywords"]
    assert "Kazakh language" in descriptor.read(tmp_path / "datapackage.json")["keywords"]


def test_check_mode_names_the_stale_file(tmp_path, monkeypatch):
    monkeypatch.setattr(update_metadata, "drifted", lambda root=ROOT: [".zenodo.json"])
    assert update_metadata.main(["--check"]) == 1


def test_the_facts_agree_with_the_files():
    cff = read_cff(ROOT / "CITATION.cff")
    package = descriptor.read(ROOT / "datapackage.json")
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    assert cff["title"] == package["title"] == zenodo["title"] == FACTS["title"]
    assert cff["version"] == package["version"] == zenodo["version"] == __version__
    assert cff["date-released"] == package["created"][:10] == zenodo["publication_date"] == FACTS["released"]
    assert cff["license"] == package["licenses"][0]["name"] == FACTS["licence"]["id"]
    assert zenodo["license"] == "cc-by-4.0"
    assert package["languages"] == FACTS["languages"] == list(descriptor.LANGUAGES)
    assert zenodo["upload_type"] == "dataset"
    assert zenodo["creators"] == [{"name": "kz-between-chairs contributors"}]
    assert zenodo["references"] == ["Mohr, C. P. (2022). Zwischen den Stühlen. IPG-Journal."]


def test_the_article_becomes_a_related_identifier_only_with_an_address():
    assert "related_identifiers" not in metadata.zenodo(FACTS, __version__)
    facts = {**FACTS, "source": {**FACTS["source"], "url": "https://www.ipg-journal.de/article"}}
    assert metadata.zenodo(facts, __version__)["related_identifiers"] == [{
        "identifier": "https://www.ipg-journal.de/article", "relation": "isDerivedFrom",
        "resource_type": "publication-article", "scheme": "url",
    }]
    assert metadata.package_fields(facts, __version__)["sources"][0]["path"] == "https://www.ipg-journal.de/article"


def test_public_homes_appear_once_they_exist():
    assert "homepage" not in descriptor.read(ROOT / "datapackage.json")
    assert "id" not in descriptor.read(ROOT / "datapackage.json")
    facts = {**FACTS, "repository": "https://github.com/o/kz-between-chairs", "doi": "10.5281/zenodo.1"}
    cff = yaml.safe_load(metadata.citation_cff(facts, __version__))
    assert (cff["repository-code"], cff["url"], cff["doi"]) == (
        "https://github.com/o/kz-between-chairs", "https://doi.org/10.5281/zenodo.1", "10.5281/zenodo.1"
    )
    fields = metadata.package_fields(facts, __version__)
    assert (fields["homepage"], fields["id"]) == ("https://doi.org/10.5281/zenodo.1",) * 2


PLACEHOLDER = re.compile(r"https?://(?:www\.)?example\.(?:org|com|net)|<owner>|<record>|TODO|FIXME|XXX")
METADATA = ("CITATION.cff", ".zenodo.json", "datapackage.json")


def test_no_placeholder_anywhere():
    """No example.org address in the data, the metadata and the documents
    (code may use one in a doctest, as RFC 2606 means it; the tests feed
    such addresses as hostile input), and no placeholder value in the
    metadata files."""
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True).stdout.split()
    if not tracked:  # not a git checkout (an unpacked sdist): every file but hidden and build folders
        tracked = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
                   if not any(part.startswith(".") or part in ("build", "dist", "_site") or part.endswith(".egg-info")
                              for part in p.relative_to(ROOT).parts)]
    found = []
    for rel in tracked:
        if rel.startswith("tests/") or not (ROOT / rel).is_file() or rel.endswith((".png", ".mo", ".py")):
            continue
        text = (ROOT / rel).read_text(encoding="utf-8", errors="replace")
        if rel not in METADATA:  # elsewhere, <owner> may stand in a how-to
            text = re.sub(r"<owner>|<record>|TODO|FIXME|XXX", "", text)
        found += [f"{rel}: {m.group(0)}" for m in PLACEHOLDER.finditer(text)]
    assert found == []


def test_schema_org_dataset_in_four_languages():
    document = metadata.schema_org(FACTS, __version__, descriptor.read())
    assert document["@type"] == "sc:Dataset"
    assert document["name"] == [
        {"@language": lang, "@value": i18n.gettext(FACTS["title"], lang)} for lang in descriptor.LANGUAGES
    ]
    assert len({tag["@value"] for tag in document["description"]}) == 4
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [d["contentUrl"] for d in document["distribution"]] == [r["path"] for r in descriptor.read()["resources"]]
    assert document["isBasedOn"]["name"] == "Zwischen den Stühlen"
    assert "url" not in document and "identifier" not in document


@pytest.mark.slow
def test_croissant_validates_and_reads_the_records_with_mlcroissant(tmp_path):
    mlc = pytest.importorskip("mlcroissant", reason="install the 'test' extra (mlcroissant)")
    from kz_between_chairs.formats import parquet

    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "parquet").mkdir()
    digests = {}
    for name in descriptor.table_names():
        parquet.write(tmp_path / "parquet" / f"{name}.parquet", name)
        digests[name] = metadata.sha256(tmp_path / "parquet" / f"{name}.parquet")
    document = metadata.croissant(FACTS, __version__, descriptor.read(), "@misc{x}", digests)
    (tmp_path / "croissant.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    dataset = mlc.Dataset(jsonld=str(tmp_path / "croissant.json"))
    assert dataset.metadata.name == {lang: i18n.gettext(FACTS["title"], lang) for lang in descriptor.LANGUAGES}
    assert not dataset.metadata.ctx.issues.errors
    assert [r.name for r in dataset.metadata.record_sets] == descriptor.table_names()
    records = list(dataset.records("event_types"))
    codes = [r["event_types/cameo_code"] for r in records]
    assert b"074" in codes and b"023" in codes  # leading zeros kept
    assert len(records) == len((ROOT / "data" / "event_types.csv").read_text(encoding="utf-8").splitlines()) - 1
