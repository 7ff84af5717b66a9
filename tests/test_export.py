"""Export under hostile conditions: an empty --out, files of an earlier
export, a killed export, cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kz_between_chairs import cli, descriptor, export, load

TABLES = descriptor.table_names()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("out", ["", "   "])
def test_an_empty_out_is_refused_and_nothing_is_written(capsys, tmp_path, monkeypatch, out):
    monkeypatch.chdir(tmp_path)
    status, stdout, err = run(capsys, "export", "--lang", "en", "--format", "csv", "--out", out)
    assert (status, stdout) == (2, "")
    assert err == "kz-between-chairs export: error: argument --out: the output folder is empty: name a folder\n"
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="^the output folder is empty: name a folder$"):
        export.export(out, "en", "csv")


def test_same_named_files_are_replaced_only_with_force(capsys, tmp_path):
    (tmp_path / "units.csv").write_text("mine\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    status, out, err = run(capsys, "export", "--lang", "en", "--format", "csv", "--out", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == (f"kz-between-chairs: error: {tmp_path / 'units.csv'} exists; nothing was written. "
                   "Add --force to replace it\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "units.csv"]
    assert (tmp_path / "units.csv").read_text(encoding="utf-8") == "mine\n"

    status, out, err = run(capsys, "export", "--lang", "en", "--format", "csv", "--out", str(tmp_path), "--force")
    assert (status, err) == (0, "")
    assert (tmp_path / "units.csv").read_text(encoding="utf-8").startswith("unit,label,description,ucum\n")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_a_second_export_names_every_file_it_would_replace(capsys, tmp_path):
    assert run(capsys, "export", "--lang", "kk", "--format", "csv", "--out", str(tmp_path))[0] == 0
    status, out, err = run(capsys, "export", "--lang", "en", "--format", "csv", "--out", str(tmp_path))
    assert (status, out) == (1, "")
    assert err == (f"kz-between-chairs: error: {tmp_path / 'sources.csv'} exists (and {len(TABLES) - 1} other "
                   "files); nothing was written. Add --force to replace them\n")


def test_help_says_what_force_does(capsys):
    status, out, _ = run(capsys, "export", "--help")
    assert status == 0
    flat = " ".join(out.split())
    assert "--force replace files of the same name from an earlier export; without it the export stops " \
           "before writing anything. Other files in the folder are never touched" in flat
    assert "--excel-safe csv only:" in flat


def test_a_killed_export_leaves_no_temporary_files(tmp_path):
    """SIGTERM mid-export: the staging folder goes, no file is half there."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from kz_between_chairs import export
        real = export._csv
        def slow(path, frame, excel_safe=False):
            real(path, frame, excel_safe)
            print("wrote", path.name, flush=True)
            time.sleep(30)
        export._csv = slow
        export.export({str(tmp_path)!r}, "ru", "csv")
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().startswith("wrote sources.csv")
    staging = [p for p in tmp_path.iterdir() if p.name.startswith(export.STAGING_PREFIX)]
    assert len(staging) == 1 and (staging[0] / "sources.csv").is_file()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


def test_a_staging_folder_left_by_a_killed_export_goes_on_the_next_run(capsys, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{export.STAGING_PREFIX}{dead.stdout.strip()}-0123abcd"
    stale.mkdir()
    (stale / "events.csv").write_text("half", encoding="utf-8")
    running = tmp_path / f"{export.STAGING_PREFIX}{os.getppid()}-0123abcd"  # a live process: left alone
    running.mkdir()
    mine = tmp_path / ".kz-export-notes"  # not an export's name: left alone
    mine.mkdir()
    assert run(capsys, "export", "--lang", "en", "--format", "json", "--out", str(tmp_path))[0] == 0
    assert not stale.exists() and running.is_dir() and mine.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == sorted(f"{t}.json" for t in TABLES)


def _modified_copy_cells():
    return ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain", "a=b"]


@pytest.mark.parametrize("safe", [False, True])
def test_excel_safe_csv_neutralises_formula_cells_only_when_asked(tmp_path, monkeypatch, safe):
    import pandas as pd

    cells = _modified_copy_cells()
    frame = pd.DataFrame({"note": pd.array(cells, dtype="string"), "value": [1.5, -2.0, 3.0, 4.0, 5.0, 6.0]})
    export._csv(tmp_path / "t.csv", frame, excel_safe=safe)
    with open(tmp_path / "t.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    expected = ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain", "a=b"] if safe else cells
    assert [r["note"] for r in rows] == expected
    assert [r["value"] for r in rows] == ["1.5", "-2", "3", "4", "5", "6"]  # numbers are never touched


def test_excel_safe_changes_exactly_the_formula_like_cells_of_the_shipped_data(capsys, tmp_path):
    plain, safe = tmp_path / "plain", tmp_path / "safe"
    assert run(capsys, "export", "--lang", "ru", "--format", "csv", "--out", str(plain))[0] == 0
    assert run(capsys, "export", "--lang", "ru", "--format", "csv", "--out", str(safe), "--excel-safe")[0] == 0
    changed, expected = [], []
    for table in TABLES:
        numeric = {c for c, kind in load(table, "ru").dtypes.items() if kind.kind in "fiu"}
        with open(plain / f"{table}.csv", encoding="utf-8") as a, open(safe / f"{table}.csv", encoding="utf-8") as b:
            for number, (x, y) in enumerate(zip(csv.DictReader(a), csv.DictReader(b)), start=2):
                changed += [(table, number, k, x[k], y[k]) for k in x if x[k] != y[k]]
                expected += [
                    (table, number, k, v, "'" + v) for k, v in x.items()
                    if v.startswith(("=", "+", "-", "@")) and k not in numeric
                ]
    assert ("indicators", 2, "comparator", "=", "'=") in expected  # the hedge "=" is such a cell
    assert changed == expected


def test_excel_safe_is_for_csv_only(capsys, tmp_path):
    status, out, err = run(capsys, "export", "--lang", "en", "--format", "json", "--out", str(tmp_path), "--excel-safe")
    assert (status, out, err) == (1, "", "kz-between-chairs: error: --excel-safe applies to --format csv only\n")
    assert list(tmp_path.iterdir()) == []


def test_lang_all_writes_each_language_in_its_folder(capsys, tmp_path):
    status, out, err = run(capsys, "export", "--lang", "all", "--format", "csv", "--out", str(tmp_path))
    assert (status, err) == (0, "")
    expected = [tmp_path / lang / f"{t}.csv" for lang in descriptor.LANGUAGES for t in TABLES]
    assert out.splitlines() == [str(p) for p in expected]
    rows = (tmp_path / "kk" / "units.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "unit,label,description_en,ucum"  # English-only text keeps its suffix
    assert rows[2] == 'percent,пайыз,"Percentage, 0 to 100.",%'
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(descriptor.LANGUAGES)


def test_lang_all_xlsx_is_one_workbook_per_language(capsys, tmp_path, monkeypatch):
    from kz_between_chairs.formats import workbook

    # the workbooks themselves are read back in test_formats and the release test
    monkeypatch.setattr(workbook, "write", lambda path, lang, frames: Path(path).write_text(lang, encoding="utf-8"))
    status, out, err = run(capsys, "export", "--lang", "all", "--format", "xlsx", "--out", str(tmp_path))
    assert (status, err) == (0, "")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"kz-between-chairs.{g}.xlsx" for g in descriptor.LANGUAGES]
    assert [(tmp_path / f"kz-between-chairs.{g}.xlsx").read_text(encoding="utf-8") for g in descriptor.LANGUAGES] == list(
        descriptor.LANGUAGES
    )
