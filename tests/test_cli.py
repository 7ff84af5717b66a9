"""The kz-between-chairs command: every command, its help and its errors, in
the four languages."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pandas as pd
import pytest

from kz_between_chairs import cli, citation, descriptor, export, i18n, load
from kz_between_chairs._paths import package_root

LANGS = descriptor.LANGUAGES
TABLES = descriptor.table_names()
COMMANDS = ("tables", "show", "describe", "export", "diff", "cite")


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """No wrapping of wide tables, and no KZ_LANG from the caller's shell."""
    monkeypatch.setenv("COLUMNS", "2000")
    monkeypatch.delenv(cli.LANG_ENV, raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def error_line(message: str, lang: str = "en", prog: str = "kz-between-chairs") -> str:
    """How the CLI prints an error: one line, its frame in the message language."""
    return i18n.gettext("{prog}: error: {message}", lang).format(prog=prog, message=message) + "\n"


def raw(table: str) -> list[dict[str, str]]:
    with open(package_root() / "data" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --- help ---------------------------------------------------------------------


def test_top_level_help_lists_every_command_and_validate(capsys):
    status, out, err = run(capsys, "--help")
    assert (status, err) == (0, "")
    assert out.startswith("usage: kz-between-chairs [-h] [--version] [--lang LANG] COMMAND ...")
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("    ") and line.split()]
    assert [name for name in listed if name in (*COMMANDS, "validate")] == [*COMMANDS, "validate"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys, command):
    status, out, err = run(capsys, command, "--help")
    assert (status, err) == (0, "")
    assert out.startswith(f"usage: kz-between-chairs {command} [-h]")


def test_version(capsys):
    from kz_between_chairs import __version__

    assert run(capsys, "--version") == (0, f"kz-between-chairs {__version__}\n", "")


# --- validate is the validator's own command -----------------------------------


def test_validate_is_handed_over_verbatim(capsys, monkeypatch):
    seen = []
    monkeypatch.setattr("kz_between_chairs.validate.main", lambda argv: seen.append(argv) or 7)
    assert cli.main(["validate", "some/datapackage.json", "--article", "x", "--help"]) == 7
    assert seen == [["some/datapackage.json", "--article", "x", "--help"]]


def test_validate_help_works_through_the_cli():
    done = subprocess.run(
        [sys.executable, "-m", "kz_between_chairs.cli", "validate", "--help"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: kz-between-chairs validate")


# --- tables, show, describe ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_tables_lists_names_and_titles(capsys, monkeypatch, lang):
    monkeypatch.setenv(cli.LANG_ENV, lang)
    status, out, err = run(capsys, "tables")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == TABLES
    for line, table in zip(lines, TABLES):
        assert line.endswith("  " + i18n.gettext(descriptor.resource(table)["title"], lang))


def cells(out: str) -> list[dict[str, str]]:
    """Parse ``show`` output: columns are right-aligned under their headers."""
    header, *lines = out.splitlines()
    ends = [m.end() for m in re.finditer(r"\S+", header)]
    spans = list(zip([0, *(end + 1 for end in ends[:-1])], ends))
    names = header.split()
    return [{name: line[a:b].strip() for name, (a, b) in zip(names, spans)} for line in lines]


def shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


@pytest.mark.parametrize("lang", LANGS)
def test_show_prints_the_labels_of_one_language(capsys, lang):
    status, out, err = run(capsys, "show", "entities", "--lang", lang)
    assert (status, err) == (0, "")
    assert out.splitlines()[0].split() == list(load("entities", lang=lang).columns)
    rows = cells(out)
    assert [r["entity_id"] for r in rows] == [r["entity_id"] for r in raw("entities")]
    assert [r["label"] for r in rows] == [shown(r[f"label_{lang}"]) for r in raw("entities")]
    assert [r["wikidata_id"] for r in rows] == [r["wikidata_id"] for r in raw("entities")]


def test_show_without_lang_has_every_label_column_and_blank_empty_cells(capsys):
    status, out, _ = run(capsys, "show", "events")
    header = out.splitlines()[0].split()
    assert [c for c in header if c.startswith("label_")] == ["label_de", "label_en", "label_kk", "label_ru"]
    assert "<NA>" not in out and "NaT" not in out and "2022-01-06 00:00:00" not in out


@pytest.mark.parametrize("lang", LANGS)
def test_show_limit(capsys, lang):
    status, out, err = run(capsys, "show", "relations", "--limit", "2", "--lang", lang)
    lines = out.splitlines()
    assert (status, err, len(lines)) == (0, "", 4)
    total = len(raw("relations"))
    footer = i18n.ngettext("(first {shown} of {total} row)", "(first {shown} of {total} rows)", total, lang)
    assert lines[-1] == footer.format(shown=2, total=total)
    if lang == "en":
        assert lines[-1] == f"(first 2 of {total} rows)"


def test_show_limit_larger_than_the_table_has_no_footer(capsys):
    status, out, _ = run(capsys, "show", "units", "--limit", "1000")
    assert len(out.splitlines()) == 1 + len(raw("units"))


def test_show_cuts_long_cells(capsys):
    _, out, _ = run(capsys, "show", "sources", "--limit", "1")
    note = raw("sources")[0]["note_en"]
    assert len(note) > 40 and note not in out
    assert note[:37] + "..." in out


@pytest.mark.parametrize("lang", LANGS)
def test_describe_prints_the_codebook(capsys, lang):
    from kz_between_chairs import describe

    status, out, err = run(capsys, "describe", "indicators", "--lang", lang)
    assert (status, err) == (0, "")
    book = describe("indicators", lang=lang)
    assert out.splitlines()[0] == f"indicators: {book.attrs['title']}"
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")][2:]
    assert [line.split()[0] for line in heads] == list(book["field"])
    comparator = next(line for line in heads if line.startswith("comparator "))
    values = i18n.gettext("values: {vocabulary}", lang).format(vocabulary="=, ~, >, >=, <, <=")
    assert comparator == f"comparator  (string, pandas category; {i18n.gettext('required', lang)}; {values})"


def test_describe_uses_kz_lang_without_lang(capsys, monkeypatch):
    monkeypatch.setattr(i18n, "gettext", lambda message, lang="en": f"[{lang}]{message}")
    monkeypatch.setenv(cli.LANG_ENV, "kk")
    _, out, _ = run(capsys, "describe", "units")
    assert out.splitlines()[0] == "units: [kk]Units"


# --- export --------------------------------------------------------------------


@pytest.fixture
def localised(words):
    """``localised(table, lang)``: the raw CSV rows as an export in ``lang``
    gives them: the rows of ``lang`` in a table with a row per language, its
    label (and description) under the plain name, English-only text under
    its ``_en`` name, code columns in words."""

    def make(table: str, lang: str) -> list[dict[str, str]]:
        key = descriptor.resource(table)["schema"]["primaryKey"]
        coded = words(table, lang)
        out = []
        for row in raw(table):
            if "lang" in key and row["lang"] != lang:
                continue
            record = {}
            for column, cell in row.items():
                prefix, _, tag = column.rpartition("_")
                if prefix in ("label", "description") and tag in LANGS:
                    if column == f"{prefix}_{lang}":
                        record[prefix] = cell
                    elif column == "description_en":
                        record[column] = cell
                else:
                    record[column] = coded[column].get(cell, cell) if column in coded else cell
            out.append(record)
        return out

    return make


@pytest.mark.parametrize("lang", LANGS)
def test_export_csv_is_plain_utf8_with_the_package_cells(capsys, tmp_path, lang, localised):
    argv = ("export", "--lang", lang, "--format", "csv", "--out", str(tmp_path / "out"))
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    assert out.splitlines() == [str(tmp_path / "out" / f"{t}.csv") for t in TABLES]
    for table in TABLES:
        data = (tmp_path / "out" / f"{table}.csv").read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
        with open(tmp_path / "out" / f"{table}.csv", encoding="utf-8", newline="") as fh:
            exported = list(csv.DictReader(fh))
        assert exported == localised(table, lang), table


@pytest.mark.parametrize("lang", LANGS)
def test_export_json_records(capsys, tmp_path, lang, localised):
    assert run(capsys, "export", "--lang", lang, "--format", "json", "--out", str(tmp_path))[0] == 0
    for table in TABLES:
        records = json.loads((tmp_path / f"{table}.json").read_text(encoding="utf-8"))
        frame = load(table, lang=lang, codes="labels")
        assert [list(r) for r in records] == [list(frame.columns)] * len(frame)
        expected = localised(table, lang)
        for got, want in zip(records, expected):
            for column, cell in want.items():
                value = got[column]
                if value is None:
                    assert cell == "", (table, column)
                elif isinstance(value, bool):
                    assert cell == str(value).lower()
                elif isinstance(value, float):
                    assert value == float(cell)
                elif isinstance(value, int):
                    assert value == int(cell), (table, column)
                else:
                    assert value == cell, (table, column)


@pytest.mark.parametrize("lang", LANGS)
def test_export_parquet_keeps_the_dtypes(capsys, tmp_path, lang):
    assert run(capsys, "export", "--lang", lang, "--format", "parquet", "--out", str(tmp_path))[0] == 0
    for table in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{table}.parquet"), load(table, lang=lang, codes="labels"))


@pytest.mark.parametrize("lang", LANGS)
def test_export_xlsx_is_one_workbook_with_a_sheet_per_table(capsys, tmp_path, lang):
    import openpyxl  # the xlsx extra, part of the test extra

    status, out, _ = run(capsys, "export", "--lang", lang, "--format", "xlsx", "--out", str(tmp_path))
    workbook = tmp_path / f"kz-between-chairs.{lang}.xlsx"
    assert (status, out, sorted(p.name for p in tmp_path.iterdir())) == (0, f"{workbook}\n", [workbook.name])
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames[2:] == TABLES
    for table in TABLES:
        rows = list(book[table].iter_rows(values_only=True))
        frame = load(table, lang=lang)
        assert len(rows) == 1 + len(frame)
        if "label" in frame:
            at = rows[0].index(i18n.gettext(descriptor.field(table, f"label_{lang}")["title"], lang))
            assert [r[at] for r in rows[1:]] == list(frame["label"])
    sheet = book["indicators"]
    header = [c.value for c in sheet[1]]
    comparators = [row[header.index(i18n.gettext("Comparator", lang))] for row in sheet.iter_rows(min_row=2)]
    assert {c.data_type for c in comparators} == {"s"}  # "=" is text, not a formula
    assert [c.value for c in comparators] == list(load("indicators")["comparator"])
    start = sheet.cell(row=2, column=header.index(i18n.gettext(descriptor.field("indicators", "date_start")["title"], lang)) + 1)
    assert (start.is_date, start.number_format) == (True, "YYYY-MM-DD")


@pytest.mark.parametrize(("fmt", "library"), [("xlsx", "openpyxl"), ("parquet", "pyarrow")])
@pytest.mark.parametrize("lang", LANGS)
def test_export_without_the_extra_names_it(capsys, monkeypatch, tmp_path, fmt, library, lang):
    monkeypatch.setitem(sys.modules, library, None)  # import fails as if not installed
    status, out, err = run(capsys, "export", "--lang", lang, "--format", fmt, "--out", str(tmp_path))
    message = i18n.gettext("{format} export needs {library}: pip install '{requirement}'", lang).format(
        format=fmt, library=library, requirement=f"kz-between-chairs[{fmt}]"
    )
    assert (status, out, err) == (2, "", error_line(message, lang))
    assert list(tmp_path.iterdir()) == []


def test_a_failing_export_leaves_the_folder_as_it_was(capsys, monkeypatch, tmp_path):
    (tmp_path / "events.json").write_text("old", encoding="utf-8")
    written = []

    def half_then_fail(path, frame):
        path.write_text("[{", encoding="utf-8")
        written.append(path)
        if len(written) == 5:
            raise OSError(f"disk full while writing {path.name}")

    monkeypatch.setattr(export, "_json", half_then_fail)
    argv = ("export", "--lang", "kk", "--format", "json", "--out", str(tmp_path), "--force")
    status, out, err = run(capsys, *argv)
    assert (status, out) == (1, "")
    assert err == error_line(f"disk full while writing {written[-1].name}", "kk")
    assert all(p.parent.parent == tmp_path and p.parent.name.startswith(".kz-export-") for p in written)
    assert [(p.name, p.read_text(encoding="utf-8")) for p in tmp_path.iterdir()] == [("events.json", "old")]


def test_export_into_a_file_is_one_line_of_error(capsys, tmp_path):
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    status, out, err = run(capsys, "export", "--lang", "en", "--format", "csv", "--out", str(target))
    assert (status, out) == (1, "")
    assert err.startswith("kz-between-chairs: error: ") and err.count("\n") == 1


# --- cite ------------------------------------------------------------------------


@pytest.mark.parametrize("style", citation.STYLES)
def test_cite(capsys, style):
    assert run(capsys, "cite", "--format", style) == (0, citation.cite(style) + "\n", "")


def test_cite_defaults_to_bibtex(capsys):
    assert run(capsys, "cite")[1] == citation.cite("bibtex") + "\n"


# --- usage errors: one line naming the allowed values, status 2 ----------------

LANG_LIST = "de, en, kk, ru"
USAGE_ERRORS = [  # argv, then the message after "kz-between-chairs <command>: error: argument "
    (["show", "people"], f"TABLE: unknown table 'people'; allowed: {', '.join(TABLES)}"),
    (["describe", "people"], f"TABLE: unknown table 'people'; allowed: {', '.join(TABLES)}"),
    (["show", "events", "--lang", "fr"], f"--lang: unknown language 'fr'; allowed: {LANG_LIST}"),
    (["describe", "events", "--lang", "kz"], f"--lang: unknown language 'kz'; allowed: {LANG_LIST}"),
    (["export", "--lang", "fr", "--format", "csv", "--out", "x"],
     f"--lang: unknown language 'fr'; allowed: {LANG_LIST}, all"),
    (["export", "--lang", "en", "--format", "ods", "--out", "x"],
     "--format: unknown format 'ods'; allowed: csv, json, parquet, xlsx, sqlite, dta, sav"),
    (["export", "--lang", "en", "--format", "csv", "--out", ""],
     "--out: the output folder is empty: name a folder"),
    (["diff", "a", "b", "--format", "html"], "--format: unknown format 'html'; allowed: text, csv"),
    (["cite", "--format", "mla"], "--format: unknown citation style 'mla'; allowed: bibtex, apa, csl-json, ris"),
    (["show", "events", "--limit", "0"], "--limit: '0' is not a whole number of at least 1"),
    (["show", "events", "--limit", "-3"], "--limit: '-3' is not a whole number of at least 1"),
    (["show", "events", "--limit", "ten"], "--limit: 'ten' is not a whole number of at least 1"),
]


@pytest.mark.parametrize(("argv", "message"), USAGE_ERRORS)
def test_usage_errors(capsys, argv, message):
    expected = error_line(f"argument {message}", prog=f"kz-between-chairs {argv[0]}")
    assert run(capsys, *argv) == (2, "", expected)


def test_missing_or_unknown_command(capsys):
    status, out, err = run(capsys)
    assert (status, out) == (2, "")
    assert err == "kz-between-chairs: error: the following arguments are required: COMMAND\n"
    status, _, err = run(capsys, "frobnicate")
    assert status == 2 and err.count("\n") == 1
    assert all(command in err for command in (*COMMANDS, "validate"))


def test_export_options_are_required(capsys):
    status, out, err = run(capsys, "export", "--lang", "kk")
    assert (status, out) == (2, "")
    message = i18n.gettext("the following arguments are required: %s", "kk") % "--format, --out"  # argparse's own words
    assert err == error_line(message, "kk", prog="kz-between-chairs export")


@pytest.mark.parametrize("lang", LANGS)
def test_messages_follow_lang_then_kz_lang(capsys, monkeypatch, lang):
    monkeypatch.setattr(i18n, "gettext", lambda message, lang="en": f"[{lang}]{message}")
    _, _, err = run(capsys, "show", "people", "--lang", lang)
    assert err.startswith(f"[{lang}]kz-between-chairs show: error: [{lang}]argument TABLE: [{lang}]unknown table 'peo")
    monkeypatch.setenv(cli.LANG_ENV, lang)
    _, _, err = run(capsys, "show", "events", "--limit", "0")
    assert err.startswith(f"[{lang}]kz-between-chairs show: error: [{lang}]argument --limit: [{lang}]'0'")
    _, out, _ = run(capsys, "show", "--help")
    assert f"[{lang}]print a table in the terminal" in out


@pytest.mark.parametrize(("argv", "env", "expected"), [
    (["show", "events", "--lang", "ru"], {}, "ru"),
    (["show", "events", "--lang=de"], {"KZ_LANG": "kk"}, "de"),
    (["show", "events", "--lang", "xx"], {"KZ_LANG": "kk"}, "kk"),
    (["show", "events", "--lang"], {}, "en"),
    (["tables"], {"KZ_LANG": "de"}, "de"),
    (["tables"], {"KZ_LANG": "ru_RU.UTF-8"}, "en"),
    (["tables"], {}, "en"),
    (["export", "--out", "--", "--lang", "kk"], {}, "en"),
    (["show", "x--lang=kk"], {}, "en"),
])
def test_message_language(argv, env, expected):
    assert cli.message_language(argv, env) == expected


def test_no_traceback_from_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "kz_between_chairs.cli", "show", "events", "--lang", "fr"],
        capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "kz-between-chairs show: error: argument --lang: unknown language 'fr'; allowed: de, en, kk, ru\n"
    )
