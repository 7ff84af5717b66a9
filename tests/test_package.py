"""The shipped data package: frictionless says VALID."""

from __future__ import annotations

import pytest

from kz_between_chairs._paths import datapackage_path

frictionless = pytest.importorskip("frictionless", reason="install the 'validate' extra")


def test_frictionless_reports_valid():
    report = frictionless.Package(str(datapackage_path())).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "message"])
