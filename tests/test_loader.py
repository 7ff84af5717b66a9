"""load(): every table, raw and in each language, typed from the schema."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from kz_between_chairs import DataError, descriptor, load, loader, tables
from kz_between_chairs._paths import package_root

LANGS = descriptor.LANGUAGES
VOCABULARIES = ("entity_types", "event_types", "units", "measures", "predicates", "vote_choices", "verdicts", "stances")
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
    plain = _in_language(table, lang, load(table))
    columns = list(plain.columns)
    labels = descriptor.label_fields(table)
    expected = [c for c in columns if c not in labels]
    if labels:
        expected.insert(columns.index(labels[0]), "label")
        assert list(frame["label"]) == list(plain[f"label_{lang}"])
    if lang == "en":
        expected = [c.removesuffix("_en") if c == "description_en" else c for c in expected]
    assert list(frame.columns) == expected
    # a column still suffixed is text in one language only: there is no version in lang
    assert not [c for c in frame.columns
                if c.rpartition("_")[2] in set(LANGS) - {lang} and f"{c.rpartition('_')[0]}_{lang}" in columns]
    for column in expected:
        if column != "label":
            original = column if column in plain else f"{column}_en"
            pd.testing.assert_series_equal(frame[column], plain[original], check_names=False)


def _in_language(table: str, lang: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``frame`` in ``lang``: all, unless the table has a row per language."""
    if "lang" in descriptor.resource(table)["schema"]["primaryKey"]:
        return frame[frame["lang"] == lang].reset_index(drop=True)
    return frame


def test_no_english_text_under_a_neutral_name():
    """Notes and descriptions are English only: their name and title say so
    in every other language (titles of documents, like quotes, are data in
    the language of their source)."""
    for table in tables():
        for lang in ("de", "kk", "ru"):
            for column in load(table, lang=lang).columns:
                field = next((f for f in fields(table) if f["name"] == column), None)
                if field and column.startswith(("note", "description")):
                    assert column.endswith("_en") and "English" in field["title"], (table, column)


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_with_a_row_per_language_keeps_the_rows_of_the_language(lang):
    names = load("entity_names", lang=lang)
    expected = [row for row in raw("entity_names") if row["lang"] == lang]
    assert 0 < len(names) < len(raw("entity_names"))
    assert names["name"].tolist() == [row["name"] for row in expected]
    assert names["entity_id"].tolist() == [row["entity_id"] for row in expected]
    assert names.index.tolist() == list(range(len(expected)))


def test_lang_gives_the_kazakh_and_russian_names():
    kk = load("entities", lang="kk").set_index("entity_id")["label"]
    ru = load("entities", lang="ru").set_index("entity_id")["label"]
    assert (kk["kazakhstan"], ru["kazakhstan"]) == ("Қазақстан", "Казахстан")


def test_localise_keeps_the_suffix_of_a_stand_in_and_other_columns():
    frame = pd.DataFrame({"id": ["a"], "label_de": ["A-de"], "label_kk": ["A-kk"],
                          "description_en": ["A-en"], "quote_de": ["q"]})
    assert loader.localise(frame, "kk").to_dict("records") == [
        {"id": "a", "label": "A-kk", "description_en": "A-en", "quote_de": "q"}
    ]
    assert loader.localise(frame, "en").to_dict("records")[0]["description"] == "A-en"
    assert loader.localise(frame, "ru").to_dict("records")[0]["label_de"] == "A-de"


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
def shipped(package_copy):
    """A writable copy of the package: edit its files, then load(..., package=shipped)."""
    return package_copy.parent


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _lines(path: Path, edit) -> None:
    """Rewrite every line of a CSV file through ``edit(number, line)`` (the header is 1)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(edit(n, line) + "\n" for n, line in enumerate(lines, start=1)), encoding="utf-8")


def _error(table: str, root: Path) -> str:
    with pytest.raises(DataError) as error:
        load(table, package=root)
    return str(error.value).replace(str(root), "PKG")


def test_a_value_outside_the_enum_is_an_error_not_a_missing_value(shipped):
    _replace(shipped / "data" / "indicators.csv", ",200,=,", ",200,about,")
    assert _error("indicators", shipped) == (
        "PKG/data/indicators.csv:2:comparator: 'about' is not allowed; allowed: =, ~, >, >=, <, <="
    )


def test_a_code_outside_the_vocabulary_is_an_error(shipped):
    _replace(shipped / "data" / "events.csv", "unrest_2022,protest,", "unrest_2022,riot,")
    assert _error("events", shipped).startswith(
        "PKG/data/events.csv:2:event_type: 'riot' is not allowed; allowed: protest, "
    )


def test_a_bad_boolean_is_an_error(shipped):
    _replace(shipped / "data" / "sources.csv", ",primary,false,", ",primary,no,")
    assert _error("sources", shipped) == (
        "PKG/data/sources.csv:2:linked_from_article: 'no' is not allowed; "
        "allowed: true, True, TRUE, 1, false, False, FALSE, 0"
    )


def test_a_bad_date_names_file_row_and_column(shipped):
    _replace(shipped / "data" / "events.csv", ",2022-01-02,2022-01-31,", ",2022-01-02,2022-01-32,")
    assert _error("events", shipped) == "PKG/data/events.csv:2:date_end: '2022-01-32' is not a date (YYYY-MM-DD)"


def test_a_word_in_a_number_column_names_file_row_and_column(shipped):
    _replace(shipped / "data" / "indicators.csv", ",200,=,", ",two hundred,=,")
    assert _error("indicators", shipped) == (
        "PKG/data/indicators.csv:2:value: 'two hundred' is not a number in plain digits (such as 2500 or 0.45)"
    )


@pytest.mark.parametrize("cell", ["NaN", "Infinity", "-inf", "２５００", "١٢٣", "2,500", "2 500", "1e", "."])
def test_numbers_are_plain_ascii_decimals(shipped, cell):
    """float() takes most of these; the package writes numbers in plain digits only."""
    _replace(shipped / "data" / "indicators.csv", ",200,=,", f',"{cell}",=,')
    assert _error("indicators", shipped) == (
        f"PKG/data/indicators.csv:2:value: '{cell}' is not a number in plain digits (such as 2500 or 0.45)"
    )


def test_a_trailing_comma_on_every_data_row_is_an_error_not_a_shift(shipped):
    """pandas would take the first column as the index and shift every label one place."""
    _lines(shipped / "data" / "units.csv", lambda n, line: line if n == 1 else line + ",")
    assert _error("units", shipped) == "PKG/data/units.csv:2:8: the row goes on after the last column, 'ucum'"


def test_a_trailing_comma_on_every_row_stops_at_the_header(shipped):
    _lines(shipped / "data" / "units.csv", lambda n, line: line + ",")
    assert _error("units", shipped) == "PKG/data/units.csv:1:8: the row goes on after the last column, 'ucum'"


def test_a_short_row_is_an_error_not_missing_values(shipped):
    _lines(shipped / "data" / "units.csv", lambda n, line: line.rsplit(",", 1)[0] if n == 3 else line)
    assert _error("units", shipped) == "PKG/data/units.csv:3:ucum: the row ends before this column"


UNITS_HEADER = "unit,label_de,label_en,label_kk,label_ru,description_en,ucum"


def _units(shipped: Path, *rows: str) -> None:
    """Write the copy's units.csv as the header and ``rows``."""
    (shipped / "data" / "units.csv").write_text("\n".join([UNITS_HEADER, *rows]) + "\n", encoding="utf-8")


def test_an_unclosed_quote_at_the_end_of_the_file_names_its_cell(shipped):
    _units(shipped, "person,Person,person,адам,человек,People.,{person}",
           'percent,"Prozent,percent,пайыз,процент,Percentage.,%',
           "week,Woche,week,апта,неделя,Weeks.,wk")
    assert _error("units", shipped) == "PKG/data/units.csv:3:label_de: a quote opened in this cell is never closed"


@pytest.mark.parametrize("closing", ['week,Woche",week,апта,неделя,Weeks.,wk', 'week,Woche,week,апта,неделя,"Weeks".,wk'])
def test_an_unclosed_quote_does_not_merge_rows(shipped, closing):
    """The quote is closed by a quote two rows further down: followed by a
    delimiter, csv would silently merge three rows into one."""
    _units(shipped, 'person,"Person,person,адам,человек,People.,{person}',
           "percent,Prozent,percent,пайыз,процент,Percentage.,%", closing)
    assert _error("units", shipped) == "PKG/data/units.csv:2:label_de: the cell runs on to line 4: a quote is not closed"


def test_text_after_a_closing_quote_is_an_error(shipped):
    _units(shipped, 'person,"Person"s,person,адам,человек,People.,{person}')
    assert _error("units", shipped) == "PKG/data/units.csv:2:label_de: text follows the closing quote of this cell"


def test_a_duplicate_primary_key_names_the_first_row(shipped):
    _units(shipped, "person,Person,person,адам,человек,People.,{person}",
           "percent,Prozent,percent,пайыз,процент,Percentage.,%",
           "person,Personen,people,адамдар,люди,People.,{person}")
    assert _error("units", shipped) == "PKG/data/units.csv:4:unit: 'person' is already the key of row 2"


def test_a_duplicate_composite_key_names_every_key_column(shipped):
    path = shipped / "data" / "event_participants.csv"
    _lines(path, lambda n, line: (path.read_text(encoding="utf-8").splitlines()[1] if n == 3 else line))
    assert _error("event_participants", shipped) == (
        f"PKG/data/event_participants.csv:3:event_id,entity_id,role: "
        f"'{','.join(raw('event_participants')[0].values())}' is already the key of row 2"
    )


def test_an_empty_required_cell_is_an_error(shipped):
    _replace(shipped / "data" / "events.csv", "unrest_2022,protest,", "unrest_2022,,")
    assert _error("events", shipped) == "PKG/data/events.csv:2:event_type: empty, but the column is required"


def test_an_empty_key_cell_is_an_error(shipped):
    _lines(shipped / "data" / "units.csv", lambda n, line: line[line.index(","):] if n == 2 else line)
    assert _error("units", shipped) == "PKG/data/units.csv:2:unit: empty, but the column is required"


def test_columns_must_match_the_schema(shipped):
    _replace(shipped / "data" / "units.csv", "unit,label_de", "code,label_de")
    assert _error("units", shipped) == "PKG/data/units.csv:1:unit: the header has 'code' where the schema has this column"


def test_a_byte_order_mark_is_shown_in_the_header(shipped):
    path = shipped / "data" / "units.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _error("units", shipped) == (
        "PKG/data/units.csv:1:unit: the header has '\\ufeffunit' where the schema has this column"
    )


def test_bytes_that_are_not_utf8_name_their_cell(shipped):
    path = shipped / "data" / "units.csv"
    path.write_bytes(path.read_bytes().replace("Prozent".encode(), "Prozent".encode() + b"\xff", 1))
    row = next(n for n, r in enumerate(raw("units"), start=2) if "Prozent" in r["label_de"])
    assert _error("units", shipped) == f"PKG/data/units.csv:{row}:label_de: holds bytes that are not utf-8 text"


def test_an_empty_file_is_an_error(shipped):
    (shipped / "data" / "units.csv").write_bytes(b"")
    assert _error("units", shipped) == "PKG/data/units.csv: the file is empty; it needs at least the header row"


def test_a_header_only_file_is_an_empty_table(shipped):
    path = shipped / "data" / "relations.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    frame = load("relations", package=shipped)
    assert len(frame) == 0
    assert {c: str(frame[c].dtype) for c in frame} == {c: str(load("relations")[c].dtype) for c in frame}


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
    rank = load("units", package=shipped)["rank"]
    assert rank.dtype == "Int64"
    assert rank.isna().tolist() == [n == 2 for n in range(1, len(lines))]
    _replace(csv_path, ",1\n", ",1.0\n")
    assert _error("units", shipped) == "PKG/data/units.csv:2:rank: '1.0' is not a whole number"


# --- files that are not what they claim: never block, never leave the copy --


def _point(shipped: Path, table: str, path: str) -> None:
    descriptor_path = shipped / "datapackage.json"
    package = descriptor.read(descriptor_path)
    next(r for r in package["resources"] if r["name"] == table)["path"] = path
    descriptor.write(descriptor_path, package)


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("https://example.org/units.csv", "not a relative path inside the data package"),
        ("/etc/passwd", "not a relative path inside the data package"),
        ("../outside.csv", "not a relative path inside the data package"),
        ("data/missing.csv", "no such file in the data package"),
        ("data", "no such file in the data package"),
    ],
)
def test_a_resource_path_must_name_a_file_inside_the_copy(shipped, path, problem):
    _point(shipped, "units", path)
    assert _error("units", shipped) == f"PKG/{path}: {problem}"


def test_a_symlink_out_of_the_copy_is_refused(shipped, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_bytes((shipped / "data" / "units.csv").read_bytes())
    (shipped / "data" / "units.csv").unlink()
    (shipped / "data" / "units.csv").symlink_to(outside)
    assert _error("units", shipped) == "PKG/data/units.csv: leads outside the data package"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_blocking(shipped):
    (shipped / "data" / "units.csv").unlink()
    os.mkfifo(shipped / "data" / "units.csv")
    assert _error("units", shipped) == "PKG/data/units.csv: no such file in the data package"


def test_a_device_is_refused(shipped):
    (shipped / "data" / "zero.csv").symlink_to("/dev/zero")
    _point(shipped, "units", "data/zero.csv")
    assert _error("units", shipped) in (
        "PKG/data/zero.csv: leads outside the data package",  # resolved first: /dev is outside
    )


def test_a_descriptor_that_is_not_json_is_an_error(shipped):
    (shipped / "datapackage.json").write_text("{", encoding="utf-8")
    assert _error("units", shipped) == "PKG/datapackage.json: not valid JSON"


def test_a_descriptor_of_the_wrong_shape_is_an_error(shipped):
    path = shipped / "datapackage.json"
    package = descriptor.read(path)
    next(r for r in package["resources"] if r["name"] == "units")["schema"] = "units.schema.json"
    descriptor.write(path, package)
    assert _error("units", shipped) == (
        "PKG/datapackage.json: the resource 'units' is not described as a tabular data resource; "
        "run kz-between-chairs validate for details"
    )


@pytest.mark.parametrize("lang", ["de", "en", "kk", "ru"])
def test_statement_column_states_every_indicator_in_the_language(lang):
    from kz_between_chairs import statement

    frame = load("indicators", lang=lang, statement=True)
    assert frame["statement"].tolist() == [statement(i, lang) for i in frame["indicator_id"]]


@pytest.mark.parametrize(("name", "lang"), [("events", "en"), ("indicators", None)])
def test_statement_column_needs_indicators_and_a_language(name, lang):
    with pytest.raises(ValueError, match=r"statement=True needs name='indicators' and a lang \(de, en, kk, ru\)"):
        load(name, lang=lang, statement=True)


# --- package=: any copy, by the same rules -------------------------------------


def _zip(folder: Path, path: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, prefix + file.relative_to(folder).as_posix())
    return path


@pytest.fixture
def copies(shipped, tmp_path) -> dict[str, Path]:
    """The same copy as a folder, its datapackage.json and two release zips."""
    return {
        "folder": shipped,
        "datapackage.json": shipped / "datapackage.json",
        "zip": _zip(shipped, tmp_path / "release.zip"),
        "zip with a top folder": _zip(shipped, tmp_path / "nested.zip", "kz-between-chairs-0.1.0/"),
    }


@pytest.mark.parametrize("kind", ["folder", "datapackage.json", "zip", "zip with a top folder"])
def test_any_copy_loads_like_the_installed_one(copies, kind):
    package = copies[kind]
    assert tables(package=package) == tables()
    for table in tables():
        for lang in (None, "kk"):
            pd.testing.assert_frame_equal(load(table, lang, package=package), load(table, lang))


def test_package_takes_a_string_path(copies):
    pd.testing.assert_frame_equal(load("units", package=str(copies["zip"])), load("units"))


@pytest.mark.parametrize(("kind", "file"), [
    ("folder", "PKG/data/units.csv"),
    ("zip", "ZIP/release.zip/data/units.csv"),
    ("zip with a top folder", "ZIP/nested.zip/kz-between-chairs-0.1.0/data/units.csv"),
])
def test_a_broken_copy_raises_the_same_errors_wherever_it_is(shipped, tmp_path, kind, file):
    _units(shipped, "person,Person,person,адам,человек,People.,{person},")
    package = {"folder": shipped,
               "zip": _zip(shipped, tmp_path / "release.zip"),
               "zip with a top folder": _zip(shipped, tmp_path / "nested.zip", "kz-between-chairs-0.1.0/")}[kind]
    with pytest.raises(DataError) as error:
        load("units", package=package)
    where = str(error.value).replace(str(shipped), "PKG").replace(str(tmp_path), "ZIP")
    assert where == f"{file}:2:8: the row goes on after the last column, 'ucum'"
    assert (error.value.row, error.value.column) == (2, 8)


def test_tables_and_describe_read_the_copy(shipped):
    from kz_between_chairs import describe

    path = shipped / "datapackage.json"
    package = descriptor.read(path)
    units = next(r for r in package["resources"] if r["name"] == "units")
    units["schema"]["fields"].append({"name": "rank", "type": "integer", "title": "Rank"})
    package["resources"].remove(next(r for r in package["resources"] if r["name"] == "relations"))
    descriptor.write(path, package)
    assert tables(package=shipped) == [t for t in tables() if t != "relations"]
    book = describe("units", "en", package=shipped).set_index("field")
    assert book.loc["rank", ["type", "dtype", "title"]].tolist() == ["integer", "Int64", "Rank"]
    assert "rank" not in describe("units", "en")["field"].tolist()


@pytest.mark.parametrize("where", ["nowhere", "", "data"])
def test_a_path_that_is_no_package_is_an_error(shipped, where, monkeypatch):
    monkeypatch.chdir(shipped)
    with pytest.raises(DataError) as error:
        load("units", package=where)
    assert str(error.value) == (
        f"{where}: no data package here; give a folder with datapackage.json, a datapackage.json or a release zip"
    )


def test_a_zip_without_a_descriptor_is_an_error(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(DataError) as error:
        load("units", package=path)
    assert str(error.value) == (
        f"{path}: the zip holds no datapackage.json, neither at its root nor in one top-level folder"
    )


def test_loading_a_copy_never_writes_into_it(copies):
    before = _listing(copies["folder"])
    zipped = copies["zip"].read_bytes()
    for kind in copies:
        [load(t, "ru", package=copies[kind]) for t in tables()]
    assert _listing(copies["folder"]) == before
    assert copies["zip"].read_bytes() == zipped


def test_a_copy_is_read_anew_on_every_load(shipped):
    """Edit a copy between two loads: the second load sees the edit."""
    assert load("units", package=shipped)["label_en"].tolist()[0] == "person"
    _replace(shipped / "data" / "units.csv", ",person,адам,", ",people,адам,")
    assert load("units", package=shipped)["label_en"].tolist()[0] == "people"


# --- the command line: one line, no traceback, in the user's language ----------


def test_show_prints_a_data_error_as_one_line_with_exit_1(shipped, capsys):
    from kz_between_chairs import cli

    _units(shipped, "person,Person,person,адам,человек,People.,{person}", "percent,Prozent")
    assert cli.main(["show", "units", "--package", str(shipped)]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"kz-between-chairs: error: {shipped}/data/units.csv:3:label_en: the row ends before this column\n")


def test_show_reads_a_copy(copies, capsys):
    from kz_between_chairs import cli

    assert cli.main(["show", "units", "--package", str(copies["zip"]), "--lang", "kk"]) == 0
    zipped = capsys.readouterr().out
    assert cli.main(["show", "units", "--lang", "kk"]) == 0
    assert zipped == capsys.readouterr().out


@pytest.mark.parametrize(("lang", "problem"), [
    ("ru", "строка заканчивается раньше этого столбца"),
    ("kk", "жол осы бағанға жетпей аяқталады"),
    ("de", "die Zeile endet vor dieser Spalte"),
])
def test_the_cli_says_what_is_broken_in_the_users_language(shipped, capsys, monkeypatch, lang, problem):
    from kz_between_chairs import cli, i18n

    monkeypatch.setenv("KZ_LANG", lang)
    _units(shipped, "person,Person,person,адам,человек,People.,{person}", "percent,Prozent")
    assert cli.main(["describe", "units", "--package", str(shipped)]) == 0
    capsys.readouterr()
    assert cli.main(["show", "units", "--package", str(shipped)]) == 1
    frame = i18n.gettext("{prog}: error: {message}", lang)
    message = f"{shipped}/data/units.csv:3:label_en: {problem}"
    assert capsys.readouterr() == ("", frame.format(prog="kz-between-chairs", message=message) + "\n")


@pytest.mark.parametrize("resources", ['{"resources": {}}', '{"resources": [1]}', '[]', '{"resources": [{"path": "x"}]}'])
def test_a_descriptor_without_named_resources_is_an_error(shipped, resources):
    (shipped / "datapackage.json").write_text(resources, encoding="utf-8")
    assert _error("units", shipped) == "PKG/datapackage.json: not a data package: it has no list of named resources"


def test_a_primary_key_on_a_missing_column_is_an_error(shipped):
    path = shipped / "datapackage.json"
    package = descriptor.read(path)
    next(r for r in package["resources"] if r["name"] == "units")["schema"]["primaryKey"] = ["code"]
    descriptor.write(path, package)
    assert _error("units", shipped) == (
        "PKG/datapackage.json: the resource 'units' is not described as a tabular data resource; "
        "run kz-between-chairs validate for details"
    )


# --- codes="labels": every code column in the reader's language ---------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", descriptor.table_names())
def test_codes_labels_gives_every_code_column_in_words(table, lang, words):
    coded = load(table, lang=lang)
    worded = load(table, lang=lang, codes="labels")
    assert list(worded.columns) == list(coded.columns)
    words = words(table, lang)
    for column in coded.columns:
        got = ["" if pd.isna(v) else v for v in worded[column]]
        codes = ["" if pd.isna(v) else v for v in coded[column]]
        if column in words:
            assert got == [words[column][c] if c else "" for c in codes], column
        elif coded[column].dtype.kind != "M":
            assert got == codes, column


def test_codes_labels_reads_as_russian():
    row = load("event_participants", "ru", codes="labels").iloc[0]
    assert (row["entity_id"], row["role"]) == ("Казахстан", "Участник")
    names = load("entity_names", "kk", codes="labels")
    assert set(names["lang"]) == {"қазақ тілі"}


def test_a_vocabulary_column_in_words_stays_categorical_in_vocabulary_order():
    worded = load("events", "kk", codes="labels")["event_type"]
    assert list(worded.cat.categories) == load("event_types", "kk")["label"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_code_has_the_same_label_in_every_table(lang):
    """A code in words is the label of its row in the code list, wherever it appears."""
    seen: dict[tuple[str, str], set[str]] = {}
    for table in tables():
        coded, worded = load(table, lang=lang), load(table, lang=lang, codes="labels")
        for column, (target, _) in descriptor.foreign_keys(table).items():
            for code, word in zip(coded[column], worded[column]):
                if not pd.isna(code):
                    seen.setdefault((target, code), set()).add(word)
    assert seen and all(len(words) == 1 for words in seen.values()), {k: v for k, v in seen.items() if len(v) > 1}


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"lang": "ru", "codes": "words"}, "unknown codes 'words'; allowed: codes, labels"),
    ({"codes": "labels"}, "codes='labels' needs a lang (de, en, kk, ru)"),
])
def test_codes_takes_codes_or_labels_with_a_language(kwargs, message):
    with pytest.raises(ValueError) as error:
        load("events", **kwargs)
    assert str(error.value) == message


def test_statement_is_made_from_the_codes_before_they_become_words():
    worded = load("indicators", "ru", codes="labels", statement=True)
    coded = load("indicators", "ru", statement=True)
    assert worded["statement"].tolist() == coded["statement"].tolist()
    assert worded["unit"].tolist() != coded["unit"].tolist()


@pytest.mark.parametrize("lang", LANGS)
def test_show_with_lang_prints_code_columns_in_words(capsys, lang, words):
    from kz_between_chairs import cli

    assert cli.main(["show", "event_participants", "--lang", lang]) == 0
    out = capsys.readouterr().out
    roles = words("event_participants", lang)["role"]
    first = raw("event_participants")[0]
    assert roles[first["role"]] in out.splitlines()[1]
    assert cli.main(["show", "event_participants", "--lang", lang, "--codes", "codes"]) == 0
    assert first["role"] in capsys.readouterr().out.splitlines()[1]


def test_show_codes_labels_without_lang_is_a_usage_error(capsys):
    from kz_between_chairs import cli

    assert cli.main(["show", "units", "--codes", "labels"]) == 2
    assert capsys.readouterr() == ("", "kz-between-chairs show: error: --codes labels needs --lang\n")


@pytest.mark.parametrize("codes", [None, "labels", "codes"])
def test_export_writes_code_columns_in_words_unless_asked_for_codes(capsys, tmp_path, codes, words):
    from kz_between_chairs import cli

    argv = ["export", "--lang", "ru", "--format", "csv", "--out", str(tmp_path)]
    assert cli.main(argv + (["--codes", codes] if codes else [])) == 0
    with open(tmp_path / "event_participants.csv", encoding="utf-8", newline="") as fh:
        exported = [row["role"] for row in csv.DictReader(fh)]
    roles = [row["role"] for row in raw("event_participants")]
    if codes != "codes":
        roles = [words("event_participants", "ru")["role"][code] for code in roles]
    assert exported == roles
