"""Shared fixtures: the article (from KZ_ARTICLE) and a scratch copy of the package."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kz_between_chairs._paths import package_root
from kz_between_chairs.article import ARTICLE_ENV

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def article_path() -> Path:
    """Path of the article text; skips with instructions when it is not given."""
    value = os.environ.get(ARTICLE_ENV)
    if not value:
        pytest.skip(
            f"the article's text is not part of the package (copyright): save it as a UTF-8 text file "
            f"and set {ARTICLE_ENV} to its path, e.g. {ARTICLE_ENV}=/path/to/article.txt python -m pytest"
        )
    path = Path(value)
    if not path.is_file():
        pytest.fail(f"{ARTICLE_ENV}={value} is not a file")
    return path


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A writable copy of the package (descriptor, data, catalogs, CITATION.cff);
    returns the path of its datapackage.json."""
    src = package_root()
    dst = tmp_path / "pkg"
    dst.mkdir()
    shutil.copy2(src / "datapackage.json", dst)
    shutil.copytree(src / "data", dst / "data")
    for extra in ("translations", "CITATION.cff"):
        path = ROOT / extra
        if path.is_dir():
            shutil.copytree(path, dst / extra)
        elif path.is_file():
            shutil.copy2(path, dst / extra)
    return dst / "datapackage.json"


@pytest.fixture(scope="session")
def rows() -> Callable[[str], list[dict[str, str]]]:
    """``rows(table)``: the shipped table's rows as dicts of raw cell text."""

    def read(table: str) -> list[dict[str, str]]:
        with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    return read


@pytest.fixture(scope="session")
def words(rows) -> Callable[[str, str], dict[str, dict[str, str]]]:
    """``words(table, lang)``: column -> code -> its words in ``lang``, made from
    the raw CSVs, the descriptor and the catalogs (the reference for
    ``codes="labels"``): a foreign key by the target row's ``label_<lang>``,
    a field with ``categories`` by their translated labels, a language tag by
    its CLDR name."""
    from babel import Locale

    from kz_between_chairs import descriptor, i18n

    def make(table: str, lang: str) -> dict[str, dict[str, str]]:
        out = {}
        for column, (target, key) in descriptor.foreign_keys(table).items():
            if f"label_{lang}" in descriptor.label_fields(target):
                out[column] = {row[key]: row[f"label_{lang}"] for row in rows(target)}
        for field in descriptor.resource(table)["schema"]["fields"]:
            if "categories" in field:
                out[field["name"]] = {c["value"]: i18n.gettext(c["label"], lang) for c in field["categories"]}
            if field.get("constraints", {}).get("enum") == list(descriptor.LANGUAGES):
                out[field["name"]] = {tag: Locale(tag).get_display_name(lang) for tag in descriptor.LANGUAGES}
        return out

    return make
