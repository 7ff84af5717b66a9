"""The shipped data package: frictionless says VALID; the coverage holds."""

from __future__ import annotations

import csv

import pytest

from kz_between_chairs._paths import datapackage_path, package_root

frictionless = pytest.importorskip("frictionless", reason="install the 'validate' extra")


def rows(table: str) -> list[dict[str, str]]:
    with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_frictionless_reports_valid():
    report = frictionless.Package(str(datapackage_path())).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
