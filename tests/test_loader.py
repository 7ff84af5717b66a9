"""load(): every table, raw and in each language, typed from the schema."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kz_between_chairs import _paths, descriptor, load, loader, tables
from kz_between_chairs._paths import package_root

LANGS = descriptor.LANGUAGES
VOCABULARIES = ("entity_types", "event_types", "units", "measures", "predicates", "vote_choices", "verdicts")
ALLOWED_TABLES = ", ".join(descriptor.table_names())


def raw(table: str) -> list[dict[str, str]]:
    """The CSV as text, the way csv reads it (the independent reference)."""
    with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fields(table: str) -> list[dict]:
    return descriptor.resource(table)["schema"]["fields"]


def test_tables_are_the_descriptor_resources():
    assert tables() == [r["name"] for r in descriptor.read()["resources"]]


@pytest.mark.parametrize("table", descriptor.table_names())
def test_every_column_has_the_dtype_of_its_schema_field(table):
    frame = load(table)
    assert list(frame.columns) == [f["name"] for f in fields(table)]
    assert len(frame) == len(raw(table))
    references = descriptor.foreign_keys(table)
    for field in fields(table):
        column, kind = frame[field["name"]], field["type"]
        enum = field.get("constraints", {}).get("enum")
        target = references.get(field["name"], ("",))[0]
        if target in VOCABULARIES:
            key = descriptor.resource(target)["schema"]["primaryKey"][0]
            assert list(column.cat.categories) == [row[key] for row in raw(target)], field
        elif enum:
            assert list(column.cat.categories) == enum, field
        elif kind == "string":
            assert column.dtype == pd.StringDtype(), field
        elif kind == "number":
            assert column.dtype == "float64", field
        elif kind == "integer":
            assert column.dtype == "Int64", field
        elif kind == "date":
            assert column.dtype.kind == "M", field
        elif kind == "boolean":
            assert column.dtype == "boolean", field
        else:
            pytest.fail(f"no expectation for {table}.{field['name']} of type {kind}")


@pytest.mark.parametrize("table", descriptor.table_names())
def test_values_are_the_csv_cells(table):
    frame = load(table)
    for field in fields(table):
        name, kind = field["name"], field["type"]
        cells = [row[name] for row in raw(table)]
        if kind == "date":
            got = [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in frame[name]]
        elif kind == "number":
            got = ["" if pd.isna(v) else v for v in frame[name]]
            cells = [float(c) if c else "" for c in cells]
        elif kind == "integer":
            got = ["" if pd.isna(v) else str(v) for v in frame[name]]
        elif kind == "boolean":
            got = ["true" if v else "false" for v in frame[name]]
        else:
            got = ["" if pd.isna(v) else v for v in frame[name]]
        assert got == cells, name


def test_vocabularies_are_the_code_lists():
    assert descriptor.vocabularies() == list(VOCABULARIES)


def test_ids_that_point_to_entities_stay_strings():
    frame = load("relations")
    for column in ("relation_id", "subject_id", "object_id", "source_id"):
        assert frame[column].dtype == pd.StringDtype()


def test_empty_cells_are_missing_values():
    events = load("events")
    open_start = events.set_index("event_id").loc["price_rise_before_unrest"]
    assert pd.isna(open_start["date_start"])
    assert open_start["date_end"] == pd.Timestamp("2022-01-02")
    assert events["wikidata_id"].isna().any()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", descriptor.table_names())
def test_lang_keeps_one_label_column(table, lang):
    frame = load(table, lang=lang)
    plain = load(table)
    columns = list(plain.columns)
    labels = descriptor.label_fields(table)
    descriptions = [c for c in columns if c.startswith("description_")]
    assert not any(c.startswith(("label_", "description_")) for c in frame.columns)
    expected = [c for c in columns if c not in labels and c not in descriptions]
    if labels:
        expected.insert(columns.index(labels[0]), "label")
        assert list(frame["label"]) == [row[f"label_{lang}"] for row in raw(table)]
    if descriptions:
        expected.insert(expected.index("label") + 1, "description")
        # the code lists are described in English only: English in every language
        assert descriptions == ["description_en"]
        assert list(frame["description"]) == [row["description_en"] for row in raw(table)]
    assert list(frame.columns) == expected
    for column in expected:
        if column not in ("label", "description"):
            pd.testing.assert_series_equal(frame[column], plain[column])


def test_lang_gives_the_kazakh_and_russian_names():
    kk = load("entities", lang="kk").set_index("entity_id")["label"]
    ru = load("entities", lang="ru").set_index("entity_id")["label"]
    assert (kk["kazakhstan"], ru["kazakhstan"]) == ("Қазақстан", "Казахстан")


def test_localise_falls_back_to_english_and_keeps_other_columns():
    frame = pd.DataFrame({"id": ["a"], "label_de": ["A-de"], "label_kk": ["A-kk"],
                          "description_en": ["A-en"], "quote_de": ["q"]})
    assert loader.localise(frame, "kk").to_dict("records") == [
        {"id": "a", "label": "A-kk", "description": "A-en", "quote_de": "q"}
    ]
    assert loader.localise(frame, "ru").to_dict("records")[0]["label"] == "A-de"


def test_unknown_table_names_the_allowed_tables():
    with pytest.raises(ValueError) as error:
        load("people")
    assert str(error.value) == f"unknown table 'people'; allowed: {ALLOWED_TABLES}"


@pytest.mark.parametrize("lang", ["fr", "kz", "", "KK", "en-US"])
def test_unknown_language_names_the_allowed_languages(lang):
    with pytest.raises(ValueError) as error:
        load("events", lang=lang)
    assert str(error.value) == f"unknown language {lang!r}; allowed: de, en, kk, ru"


def test_dtypes_match_what_load_gives():
    for table in tables():
        frame = load(table)
        assert {c: str(frame[c].dtype).split("[")[0] for c in frame} == loader.dtypes(table)


def test_loading_never_imports_frictionless_nor_writes():
    """Run in a fresh process: the test session itself imports frictionless."""
    code = (
        "import sys, kz_between_chairs as k\n"
        "for lang in (None, 'de', 'en', 'kk', 'ru'):\n"
        "    [k.load(t, lang=lang) for t in k.tables()]\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'frictionless'))\n"
    )
    before = _listing(package_root())
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert _listing(package_root()) == before


def _listing(root: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in [root / "datapackage.json", *(root / "data").iterdir()]}


# --- a damaged copy of the package: errors name file, row and column ---------


@pytest.fixture
def shipped(package_copy, monkeypatch):
    """Make the loader read ``package_copy`` instead of the shipped package;
    returns its folder (edit its files, then call load)."""
    root = package_copy.parent
    monkeypatch.setattr(_paths, "package_root", lambda: root)
    monkeypatch.setattr(loader, "package_root", lambda: root)
    caches = (descriptor._shipped, loader._plan, loader._codes)
    for cache in caches:
        cache.cache_clear()
    yield root
    for cache in caches:
        cache.cache_clear()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_value_outside_the_enum_is_an_error_not_a_missing_value(shipped):
    _replace(shipped / "data" / "indicators.csv", ",200,=,", ",200,about,")
    with pytest.raises(ValueError) as error:
        load("indicators")
    assert str(error.value) == (
        "data/indicators.csv:2:comparator: 'about' is not allowed; allowed: =, ~, >, >=, <, <="
    )


def test_a_code_outside_the_vocabulary_is_an_error(shipped):
    _replace(shipped / "data" / "events.csv", "unrest_2022,protest,", "unrest_2022,riot,")
    with pytest.raises(ValueError) as error:
        load("events")
    assert str(error.value).startswith("data/events.csv:2:event_type: 'riot' is not allowed; allowed: protest, ")


def test_a_bad_boolean_is_an_error(shipped):
    _replace(shipped / "data" / "sources.csv", ",primary,false,", ",primary,no,")
    with pytest.raises(ValueError) as error:
        load("sources")
    assert str(error.value) == (
        "data/sources.csv:2:linked_from_article: 'no' is not allowed; "
        "allowed: true, True, TRUE, 1, false, False, FALSE, 0"
    )


def test_a_bad_date_names_file_and_column(shipped):
    _replace(shipped / "data" / "events.csv", ",2022-01-02,2022-01-31,", ",2022-01-02,2022-01-32,")
    with pytest.raises(ValueError) as error:
        load("events")
    assert str(error.value) == "data/events.csv:2:date_end: '2022-01-32' is not a date (YYYY-MM-DD)"


def test_a_bad_number_names_the_file(shipped):
    _replace(shipped / "data" / "indicators.csv", ",200,=,", ",two hundred,=,")
    with pytest.raises(ValueError, match=r"^data/indicators\.csv: .*two hundred"):
        load("indicators")


def test_columns_must_match_the_schema(shipped):
    _replace(shipped / "data" / "units.csv", "unit,label_de", "code,label_de")
    with pytest.raises(ValueError) as error:
        load("units")
    assert str(error.value) == (
        "data/units.csv: columns code, label_de, label_en, label_kk, label_ru, description_en, ucum "
        "do not match the schema's unit, label_de, label_en, label_kk, label_ru, description_en, ucum"
    )


def test_schema_types_drive_the_dtypes(shipped):
    """Integer fields are nullable Int64, whether or not a cell is empty."""
    path = shipped / "datapackage.json"
    package = descriptor.read(path)
    descriptor.resource("units", package)["schema"]["fields"].append({"name": "rank", "type": "integer"})
    descriptor.write(path, package)
    csv_path = shipped / "data" / "units.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    body = [f"{line},{n if n != 2 else ''}" for n, line in enumerate(lines[1:], start=1)]
    csv_path.write_text("\n".join([lines[0] + ",rank", *body]) + "\n", encoding="utf-8")
    rank = load("units")["rank"]
    assert rank.dtype == "Int64"
    assert rank.isna().tolist() == [n == 2 for n in range(1, len(lines))]


@pytest.mark.parametrize("lang", ["de", "en", "kk", "ru"])
def test_statement_column_states_every_indicator_in_the_language(lang):
    from kz_between_chairs import statement

    frame = load("indicators", lang=lang, statement=True)
    assert frame["statement"].tolist() == [statement(i, lang) for i in frame["indicator_id"]]


@pytest.mark.parametrize(("name", "lang"), [("events", "en"), ("indicators", None)])
def test_statement_column_needs_indicators_and_a_language(name, lang):
    with pytest.raises(ValueError, match=r"statement=True needs name='indicators' and a lang \(de, en, kk, ru\)"):
        load(name, lang=lang, statement=True)
