"""Descriptor rules: v1/v2 readability, paths, bytes and hash, versions."""

from __future__ import annotations

import hashlib

import pytest
from validate_helpers import csv_path, edit_descriptor, problems, resource

from kz_between_chairs import __version__
from kz_between_chairs.validate import descriptor

HINT = "scripts/update_derived.py regenerates it"


def test_schema_must_be_data_package_2(package_copy):
    v1 = "https://specs.frictionlessdata.io/schemas/data-package.json"
    edit_descriptor(package_copy, lambda d: d.update({"$schema": v1}))
    assert problems(descriptor, package_copy) == [
        f"datapackage.json:$schema: descriptor-schema: {v1!r}; expected 'https://datapackage.org/profiles/2.0/datapackage.json'"
    ]


@pytest.mark.parametrize(("key", "rule", "expected"), [
    ("type", "resource-type", "table"),
    ("encoding", "resource-encoding", "utf-8"),
])
def test_every_resource_declares_type_and_encoding(package_copy, key, rule, expected):
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop(key))
    assert problems(descriptor, package_copy) == [f"datapackage.json:units.{key}: {rule}: None; expected {expected!r}"]


@pytest.mark.parametrize("dialect", [None, {"delimiter": ";", "quoteChar": '"', "header": True}])
def test_every_resource_declares_the_csv_dialect(package_copy, dialect):
    edit_descriptor(package_copy, lambda d: resource(d, "units").update(dialect=dialect) if dialect else resource(d, "units").pop("dialect"))
    wrong = {"delimiter": ";"} if dialect else {"delimiter": None, "quoteChar": None, "header": None}
    assert problems(descriptor, package_copy) == [
        f"datapackage.json:units.dialect: resource-dialect: {wrong!r}; declare {{'delimiter': ',', 'quoteChar': '\"', "
        "'header': True} (frictionless would otherwise guess the delimiter)"
    ]


def test_bytes_match_the_file(package_copy):
    size = csv_path(package_copy, "units").stat().st_size
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"bytes": size + 1}))
    assert problems(descriptor, package_copy) == [
        f"data/units.csv: resource-bytes: the descriptor says {size + 1}, the file has {size} bytes; {HINT}"
    ]


def test_hash_is_the_sha256_of_the_file(package_copy):
    digest = hashlib.sha256(csv_path(package_copy, "units").read_bytes()).hexdigest()
    wrong = "sha256:" + "0" * 64
    edit_descriptor(package_copy, lambda d: (resource(d, "units").update({"hash": wrong}),
                                             resource(d, "measures").update({"hash": digest})))
    measures = hashlib.sha256(csv_path(package_copy, "measures").read_bytes()).hexdigest()
    assert problems(descriptor, package_copy) == [  # the second names no algorithm
        f"data/measures.csv: resource-hash: the descriptor says {digest!r}, the file is 'sha256:{measures}'; {HINT}",
        f"data/units.csv: resource-hash: the descriptor says {wrong!r}, the file is 'sha256:{digest}'; {HINT}",
    ]


def test_descriptor_version_equals_the_package_version(package_copy):
    edit_descriptor(package_copy, lambda d: d.update({"version": "9.9.9"}))
    assert problems(descriptor, package_copy) == [
        f"datapackage.json:version: version-match: '9.9.9' differs from the package's {__version__!r} "
        "(kz_between_chairs.__version__)"
    ]


def test_citation_version_equals_the_package_version(package_copy):
    cff = package_copy.parent / "CITATION.cff"
    lines = cff.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("version:"))
    lines[line - 1] = "version: 1.0\n"  # unquoted: still the string "1.0"
    cff.write_text("".join(lines), encoding="utf-8")
    assert problems(descriptor, package_copy) == [
        f"CITATION.cff:{line}:version: version-match: '1.0' differs from the package's {__version__!r} "
        "(kz_between_chairs.__version__)"
    ]


def test_citation_must_be_there(package_copy):
    (package_copy.parent / "CITATION.cff").unlink()
    assert problems(descriptor, package_copy) == ["CITATION.cff: version-match: no CITATION.cff beside datapackage.json"]


def test_unparsable_citation_is_reported_and_the_rest_still_runs(package_copy):
    (package_copy.parent / "CITATION.cff").write_text("version: [unclosed\n", encoding="utf-8")
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop("encoding"))
    found = problems(descriptor, package_copy)
    assert found[0].startswith("CITATION.cff: version-match: cannot read CITATION.cff: while parsing a flow sequence")
    assert found[1:] == ["datapackage.json:units.encoding: resource-encoding: None; expected 'utf-8'"]
