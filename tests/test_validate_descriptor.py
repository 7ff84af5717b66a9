"""Descriptor rules: v1/v2 readability, paths, bytes and hash, versions."""

from __future__ import annotations

import hashlib

import pytest
from validate_helpers import csv_path, edit_descriptor, resource, validate

from kz_between_chairs import __version__

pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_schema_must_be_data_package_2(package_copy):
    v1 = "https://specs.frictionlessdata.io/schemas/data-package.json"
    edit_descriptor(package_copy, lambda d: d.update({"$schema": v1}))
    run = validate(package_copy)
    assert run.code == 1
    assert run.problems == [
        f"datapackage.json:$schema: descriptor-schema: {v1!r}; expected 'https://datapackage.org/profiles/2.0/datapackage.json'"
    ]
    assert run.summary == "1 problem in 1 file"


@pytest.mark.parametrize(
    ("key", "rule", "expected"),
    [("type", "resource-type", "table"), ("encoding", "resource-encoding", "utf-8")],
)
def test_every_resource_declares_type_and_encoding(package_copy, key, rule, expected):
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop(key))
    assert validate(package_copy).problems == [f"datapackage.json:units.{key}: {rule}: None; expected {expected!r}"]


def test_every_resource_declares_the_v1_profile(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop("profile"))
    assert validate(package_copy).problems == [
        # frictionless then refuses the whole package; the project's rules still run
        "datapackage.json: package-error: The data package has an error: descriptor is not valid (The data package "
        'has an error: profile "tabular-data-package" requires all the resources to be "tabular-data-resource")',
        "datapackage.json:units.profile: resource-profile: None; expected 'tabular-data-resource'",
    ]


def test_primary_key_is_an_array(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"].update({"primaryKey": "unit"}))
    assert validate(package_copy).problems == ["datapackage.json:units.primaryKey: key-array: 'unit'; write it as an array"]


def test_foreign_key_fields_are_arrays(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "entities")["schema"]["foreignKeys"][0].update({"fields": "entity_type"}))
    assert "datapackage.json:entities.foreignKeys[0].fields: key-array: 'entity_type'; write it as an array" in validate(
        package_copy).problems


@pytest.mark.parametrize("path", ["../data/units.csv", "/etc/units.csv", "https://example.org/units.csv"])
def test_resource_path_stays_inside_the_package(package_copy, path):
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"path": path}))
    run = validate(package_copy)
    assert f"datapackage.json:units.path: resource-path: {path!r} is not a relative path inside the package" in run.problems
    assert run.code == 1


def test_resource_path_names_an_existing_file(package_copy):
    csv_path(package_copy, "units").unlink()
    run = validate(package_copy)
    assert "datapackage.json:units.path: resource-path: 'data/units.csv': no such file" in run.problems
    # frictionless says so too, and the other tables are still checked
    assert any(line.startswith("data/units.csv: scheme-error: ") for line in run.problems)


def test_bytes_match_the_file(package_copy):
    size = csv_path(package_copy, "units").stat().st_size
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"bytes": size + 1}))
    # frictionless's byte-count says the same: the validator prints it once
    assert validate(package_copy).problems == [
        f"data/units.csv: resource-bytes: the descriptor says {size + 1}, the file has {size} bytes; "
        "scripts/update_derived.py regenerates it"
    ]


def test_hash_is_the_sha256_of_the_file(package_copy):
    actual = "sha256:" + hashlib.sha256(csv_path(package_copy, "units").read_bytes()).hexdigest()
    wrong = "sha256:" + "0" * 64
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"hash": wrong}))
    assert validate(package_copy).problems == [
        f"data/units.csv: resource-hash: the descriptor says {wrong!r}, the file is {actual!r}; "
        "scripts/update_derived.py regenerates it"
    ]


def test_hash_names_its_algorithm(package_copy):
    digest = hashlib.sha256(csv_path(package_copy, "units").read_bytes()).hexdigest()
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"hash": digest}))
    assert f"data/units.csv: resource-hash: the descriptor says {digest!r}, the file is 'sha256:{digest}'; " \
        "scripts/update_derived.py regenerates it" in validate(package_copy).problems


def test_descriptor_version_equals_the_package_version(package_copy):
    edit_descriptor(package_copy, lambda d: d.update({"version": "9.9.9"}))
    assert validate(package_copy).problems == [
        f"datapackage.json:version: version-match: '9.9.9' differs from the package's {__version__!r} "
        "(kz_between_chairs.__version__)"
    ]


def test_citation_version_equals_the_package_version(package_copy):
    cff = package_copy.parent / "CITATION.cff"
    lines = cff.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("version:"))
    lines[line - 1] = "version: 1.0\n"  # unquoted: still the string "1.0"
    cff.write_text("".join(lines), encoding="utf-8")
    assert validate(package_copy).problems == [
        f"CITATION.cff:{line}:version: version-match: '1.0' differs from the package's {__version__!r} "
        "(kz_between_chairs.__version__)"
    ]


def test_citation_must_be_there(package_copy):
    (package_copy.parent / "CITATION.cff").unlink()
    assert validate(package_copy).problems == ["CITATION.cff: version-match: no CITATION.cff beside datapackage.json"]


def test_unparsable_citation_is_reported_and_the_rest_still_runs(package_copy):
    (package_copy.parent / "CITATION.cff").write_text("version: [unclosed\n", encoding="utf-8")
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop("encoding"))
    problems = validate(package_copy).problems
    assert problems[0].startswith("CITATION.cff: version-match: cannot read CITATION.cff: ")
    assert problems[1:] == ["datapackage.json:units.encoding: resource-encoding: None; expected 'utf-8'"]
