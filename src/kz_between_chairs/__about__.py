"""The package version: the one place it is written (datapackage.json and
CITATION.cff are checked against it by ``kz-between-chairs validate``)."""

__version__ = "0.2.0"
