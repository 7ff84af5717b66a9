"""The release formats, each read back with its own tool: sqlite3 (and
Datasette), openpyxl, pandas.read_stata, pyreadstat and pyarrow."""

from __future__ import annotations

import asyncio
import csv
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from kz_between_chairs import descriptor, i18n, load
from kz_between_chairs._paths import package_root
from kz_between_chairs.formats import coded, labels, sqlite, stats, workbook

TABLES = descriptor.table_names()
LANGS = descriptor.LANGUAGES
BOOK_LANGS = ("de", "kk")  # the release test reads all four; two keep the fast suite fast


def raw(table: str) -> list[dict[str, str]]:
    with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- SQLite ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / sqlite.FILENAME
    sqlite.write(path)
    return path


@pytest.fixture
def db(database):
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


def test_sqlite_holds_every_table_with_the_rows_of_the_csv(db):
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {*TABLES, "_tables", "_columns"}
    for table in TABLES:
        rows = raw(table)
        columns = list(rows[0])
        got = db.execute(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall()
        assert len(got) == len(rows), table
        for want, have in zip(rows, got):
            for column, value in zip(columns, have):
                kind = descriptor.field(table, column).get("type", "string")
                if want[column] == "":
                    assert value is None, (table, column)
                elif kind == "number":
                    assert value == float(want[column])
                elif kind in ("integer", "year"):
                    assert value == int(want[column])
                elif kind == "boolean":
                    assert value == (1 if want[column] == "true" else 0)
                else:  # text, ISO dates, codes with their leading zeros
                    assert value == want[column], (table, column)


def test_sqlite_codes_keep_leading_zeros(db):
    codes = [r[0] for r in db.execute("SELECT cameo_code FROM event_types WHERE cameo_code LIKE '0%'")]
    assert codes and all(isinstance(c, str) and len(c) >= 2 for c in codes)
    assert db.execute("SELECT typeof(cameo_code) FROM event_types WHERE cameo_code IS NOT NULL").fetchall() == [
        ("text",)
    ] * len(codes + [r for r in raw("event_types") if r["cameo_code"] and not r["cameo_code"].startswith("0")])


def test_sqlite_declares_and_enforces_every_key(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for table in TABLES:
        schema = descriptor.resource(table)["schema"]
        info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        assert key == schema["primaryKey"], table
        declared = {(r[3], r[2], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
        expected = {
            (fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
            for fk in schema.get("foreignKeys", [])
        }
        assert declared == expected, table
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY constraint failed"):
        db.execute("UPDATE events SET event_type = 'no_such_type' WHERE rowid = 1")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: events.event_id"):
        db.execute("INSERT INTO events SELECT * FROM events LIMIT 1")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("UPDATE events SET date_start = '2022-1-6' WHERE rowid = 1")


def test_sqlite_dates_are_iso_text_with_bounds(db):
    row = db.execute("SELECT date, date_start, date_end FROM events WHERE event_id = 'csto_deployment'").fetchone()
    assert row == ("2022-01-06/2022-01-19", "2022-01-06", "2022-01-19")
    assert db.execute("SELECT julianday(date_end) - julianday(date_start) FROM events "
                      "WHERE event_id = 'csto_deployment'").fetchone() == (13.0,)


@pytest.mark.parametrize("lang", LANGS)
def test_sqlite_language_views_resolve_labels(db, lang):
    for table in TABLES:
        view = f"{table}_{lang}"
        frame = load(table, lang)
        columns = [r[1] for r in db.execute(f'PRAGMA table_info("{view}")')]
        plain = [c for c in columns if not (c.endswith("_label") and c.removesuffix("_label") in coded(table))]
        assert plain == list(frame.columns), view
        key = ", ".join(f'"{c}"' for c in descriptor.resource(table)["schema"]["primaryKey"])
        for column, (target, _key) in coded(table).items():
            got = {r[:-1]: r[-1] for r in db.execute(f'SELECT {key}, "{column}_label" FROM "{view}"')}
            codes = {r[:-1]: r[-1] for r in db.execute(f'SELECT {key}, "{column}" FROM "{table}"')}
            names = labels(target, lang)
            assert got == {r: (names[c] if c is not None else None) for r, c in codes.items()}, (view, column)


def test_sqlite_codebook_tables(db):
    rows = db.execute(
        "SELECT column_name, type, required, primary_key, references_table, allowed_values, title_ru "
        "FROM _columns WHERE table_name = 'indicators' ORDER BY position"
    ).fetchall()
    assert [r[0] for r in rows] == [f["name"] for f in descriptor.resource("indicators")["schema"]["fields"]]
    unit = next(r for r in rows if r[0] == "unit")
    assert unit[4] == "units" and unit[2] == 1 and unit[3] == 0
    comparator = next(r for r in rows if r[0] == "comparator")
    assert comparator[5] == "=, ~, >, >=, <, <="
    assert comparator[6] == i18n.gettext("Comparator", "ru")
    counts = dict(db.execute("SELECT table_name, rows FROM _tables"))
    assert counts == {t: len(raw(t)) for t in TABLES}


def test_sqlite_build_refuses_to_overwrite(database):
    with pytest.raises(FileExistsError, match="exists already"):
        sqlite.write(database)


def test_datasette_metadata_names_licence_source_and_every_table():
    meta = sqlite.datasette_metadata()
    package = descriptor.read()
    assert (meta["title"], meta["license"], meta["license_url"]) == (
        package["title"], "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"
    )
    assert meta["source"] == package["sources"][0]["title"]
    tables = meta["databases"]["kz-between-chairs"]["tables"]
    assert set(tables) == {*TABLES, "_tables", "_columns"}
    assert tables["events"]["columns"]["date"] == descriptor.field("events", "date")["description"]


@pytest.mark.slow
def test_datasette_serves_the_database_with_its_metadata(database, tmp_path):
    datasette_app = pytest.importorskip("datasette.app", reason="install datasette to check the database in it")
    sqlite.write_datasette_metadata(tmp_path / "metadata.json")
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))

    async def fetch():
        ds = datasette_app.Datasette([str(database)], metadata=metadata)
        table = await ds.client.get("/kz-between-chairs/event_types.json?_shape=array&event_type=military_deployment")
        view = await ds.client.get("/kz-between-chairs/events_ru.json?_shape=array&event_id=csto_deployment")
        home = await ds.client.get("/kz-between-chairs/events")
        return table.json(), view.json(), home.text

    table, view, home = asyncio.run(fetch())
    assert table[0]["cameo_code"] == "074"
    assert view[0]["event_type_label"] == labels("event_types", "ru")["military_deployment"]
    assert descriptor.resource("events")["description"] in home


@pytest.mark.slow
def test_duckdb_attaches_the_database(database):
    duckdb = pytest.importorskip("duckdb", reason="install the 'test' extra (duckdb)")
    con = duckdb.connect()
    # Why LOAD and never INSTALL: installing downloads the extension, and the
    # tests make no request beyond the machine.
    try:
        con.execute("SET autoinstall_known_extensions = false; LOAD sqlite")
    except duckdb.Error:
        pytest.skip("DuckDB's sqlite extension is not installed: run INSTALL sqlite once in DuckDB where the network allows")
    con.execute(f"ATTACH '{database}' AS kz (TYPE sqlite, READ_ONLY)")
    assert con.execute("SELECT cameo_code FROM kz.event_types WHERE event_type = 'military_deployment'").fetchone() == ("074",)
    assert con.execute("SELECT count(*) FROM kz.events_ru").fetchone() == (len(raw("events")),)
    con.close()


# --- Excel ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    openpyxl = pytest.importorskip("openpyxl", reason="install the 'xlsx' extra")
    folder = tmp_path_factory.mktemp("xlsx")
    out = {}
    for lang in BOOK_LANGS:
        workbook.write(folder / workbook.filename(lang), lang)
        out[lang] = openpyxl.load_workbook(folder / workbook.filename(lang))
    return out


@pytest.mark.parametrize("lang", BOOK_LANGS)
def test_workbook_sheets_and_properties(books, lang):
    book = books[lang]
    assert book.sheetnames == [i18n.gettext("About", lang), i18n.gettext("Codebook", lang), *TABLES]
    assert all(len(name) <= 31 for name in book.sheetnames)
    props = book.properties
    assert (props.title, props.creator, props.version, props.language) == (
        i18n.gettext(descriptor.read()["title"], lang), "kz-between-chairs contributors",
        descriptor.read()["version"], lang,
    )


@pytest.mark.parametrize("lang", BOOK_LANGS)
def test_workbook_first_sheet_says_what_licence_citation_and_hedges(books, lang):
    from kz_between_chairs import cite

    about = dict(books[lang].worksheets[0].iter_rows(values_only=True, max_col=2))
    _ = lambda text: i18n.gettext(text, lang)  # noqa: E731
    assert about[_("Dataset")] == i18n.gettext(descriptor.read()["title"], lang)
    assert about[_("Licence")].startswith("CC-BY-4.0: Creative Commons Attribution 4.0 International")
    assert about[_("How to cite")] == cite("apa")
    assert about[_("Hedges")] == i18n.gettext(descriptor.field("indicators", "comparator")["description"], lang)


@pytest.mark.parametrize("lang", BOOK_LANGS)
def test_workbook_table_sheets(books, lang):
    book = books[lang]
    for table in TABLES:
        sheet = book[table]
        frame = load(table, lang)
        header = [c.value for c in sheet[1]]
        assert len(header) == len(frame.columns) + len([c for c in coded(table) if c in frame.columns])
        assert header[0] == i18n.gettext(descriptor.resource(table)["schema"]["fields"][0]["title"], lang)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.max_row == 1 + len(frame)
    sheet = book["event_types"]
    header = [c.value for c in sheet[1]]
    cameo = header.index(i18n.gettext(descriptor.field("event_types", "cameo_code")["title"], lang)) + 1
    cells = [sheet.cell(row=r, column=cameo) for r in range(2, sheet.max_row + 1)]
    expected = [row["cameo_code"] or None for row in raw("event_types")]
    assert [c.value for c in cells] == expected
    assert any(v and v.startswith("0") for v in expected)
    assert {c.data_type for c in cells if c.value} == {"s"}
    assert {c.number_format for c in cells} == {"@"}
    events = book["events"]
    header = [c.value for c in events[1]]
    label = i18n.gettext("{column} (label)", lang).format(column=i18n.gettext("Event type", lang))
    at = header.index(label)
    assert [r[at] for r in events.iter_rows(min_row=2, values_only=True)] == [
        labels("event_types", lang)[c] for c in load("events")["event_type"]
    ]


def test_workbook_keeps_formula_like_text_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="install the 'xlsx' extra")
    frames = {name: load(name, "en") for name in TABLES}
    frames["units"] = frames["units"].copy()
    frames["units"]["label"] = frames["units"]["label"].astype("string")
    frames["units"].loc[0, "label"] = "=HYPERLINK(\"http://x\")"
    workbook.write(tmp_path / "t.xlsx", "en", frames=frames)
    cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["units"]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"http://x\")", "s")


# --- Stata and SPSS ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "kk"])
def test_stata_files_carry_variable_and_value_labels(tmp_path, lang):
    for table in TABLES:
        path = tmp_path / f"{table}.dta"
        stats.write_dta(path, table, lang)
        assert path.read_bytes().startswith(b"<stata_dta><header><release>118</release>")
        with pd.io.stata.StataReader(path) as reader:
            variables, values = reader.variable_labels(), reader.value_labels()
            data = reader.read(convert_categoricals=False)
        frame = load(table, lang)
        assert list(data.columns) == list(frame.columns)
        for column in frame.columns:
            want = stats.prepare(table, lang)[1][column][: stats.STATA_LABEL]
            assert variables[column] == want, (table, column)
        coded_columns = {c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
        coded_columns |= {c for c in frame.columns if str(frame[c].dtype) == "boolean"}
        assert set(values) == coded_columns, table
    with pd.io.stata.StataReader(tmp_path / "events.dta") as reader:
        events = reader.read()
    assert list(events["event_type"].astype(str)) == [labels("event_types", lang)[c] for c in load("events")["event_type"]]
    with pd.io.stata.StataReader(tmp_path / "indicators.dta") as reader:
        assert reader.value_labels()["comparator"] == {1: "=", 2: "~", 3: ">", 4: ">=", 5: "<", 6: "<="}
    with pd.io.stata.StataReader(tmp_path / "event_types.dta") as reader:
        cameo = reader.read()["cameo_code"]
    assert list(cameo) == [r["cameo_code"] for r in raw("event_types")]  # text: 074 stays 074


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_spss_files_carry_variable_and_value_labels(tmp_path, lang):
    pyreadstat = pytest.importorskip("pyreadstat", reason="install the 'spss' extra")
    for table in TABLES:
        path = tmp_path / f"{table}.sav"
        stats.write_sav(path, table, lang)
        data, meta = pyreadstat.read_sav(str(path))
        frame, variables, values = stats.prepare(table, lang)
        assert list(data.columns) == list(frame.columns)
        assert meta.column_names_to_labels == variables, table
        assert meta.variable_value_labels == {
            c: {float(k): stats.cut(v, stats.SPSS_VALUE_LABEL) for k, v in m.items()} for c, m in values.items()
        }
    data, meta = pyreadstat.read_sav(str(tmp_path / "indicators.sav"), apply_value_formats=True)
    assert list(data["unit"]) == [labels("units", lang)[c] for c in load("indicators")["unit"]]
    assert meta.original_variable_types["date_start"].startswith("DATE")
    data, _ = pyreadstat.read_sav(str(tmp_path / "event_types.sav"))
    assert list(data["cameo_code"]) == [r["cameo_code"] for r in raw("event_types")]


# --- Parquet ----------------------------------------------------------------------


def test_parquet_schema_carries_descriptions_and_package_metadata(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet", reason="install the 'parquet' extra")
    from kz_between_chairs.formats import parquet

    for table in TABLES:
        parquet.write(tmp_path / f"{table}.parquet", table)
        schema = pq.read_schema(tmp_path / f"{table}.parquet")
        for field in descriptor.resource(table)["schema"]["fields"]:
            meta = schema.field(field["name"]).metadata
            assert meta[b"description"].decode() == field["description"], (table, field["name"])
            assert meta[b"type"].decode() == field.get("type", "string")
        facts = json.loads(schema.metadata[parquet.METADATA_KEY])
        assert facts["package"]["version"] == descriptor.read()["version"]
        assert facts["package"]["licenses"] == descriptor.read()["licenses"]
        assert facts["resource"]["primaryKey"] == descriptor.resource(table)["schema"]["primaryKey"]
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{table}.parquet"), load(table))
    assert pq.read_schema(tmp_path / "indicators.parquet").field("unit").metadata[b"references"] == b"units.unit"
