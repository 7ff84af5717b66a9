"""kz-between-chairs diff: rows matched by primary key, added, removed and
changed rows with the changed fields, as text and as CSV, over folders,
descriptors and release zips."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from kz_between_chairs import cli, diff
from kz_between_chairs._paths import package_root
from kz_between_chairs.descriptor import read as read_descriptor
from kz_between_chairs.descriptor import write as write_descriptor


@pytest.fixture
def copies(tmp_path) -> tuple[Path, Path]:
    """Two copies of the package; the second has one cell changed, one row
    removed and one added."""
    old, new = tmp_path / "old", tmp_path / "new"
    for folder in (old, new):
        shutil.copytree(package_root() / "data", folder / "data")
        shutil.copy(package_root() / "datapackage.json", folder / "datapackage.json")
    units = new / "data" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("person,") and lines[3].startswith("week,")
    lines[1] = lines[1].replace(",человек,", ",люди,")  # a cell changes
    del lines[3]  # week goes
    lines.append("day,Tag,day,күн,день,Duration in days.,d")  # a row comes
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return old, new


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_diff_text_lists_added_removed_and_changed_rows(capsys, copies):
    old, new = copies
    status, out, err = run(capsys, "diff", str(old), str(new))
    assert (status, err) == (0, "")
    assert out == (
        f"kz-between-chairs diff: {old} -> {new}\n"
        "units: 1 added, 1 removed, 1 changed\n"
        "  + unit=day\n"
        "  - unit=week\n"
        "  ~ unit=person\n"
        "      label_ru: 'человек' -> 'люди'\n"
    )


def test_diff_csv(capsys, copies):
    old, new = copies
    status, out, err = run(capsys, "diff", str(old / "datapackage.json"), str(new), "--format", "csv")
    assert (status, err) == (0, "")
    assert out == (
        "table,change,key,field,old,new\n"
        "units,added,unit=day,,,\n"
        "units,removed,unit=week,,,\n"
        "units,changed,unit=person,label_ru,человек,люди\n"
    )


def test_diff_reads_release_zips_and_finds_nothing_between_equal_copies(capsys, copies, tmp_path):
    old, new = copies
    archive = tmp_path / "old.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(old.rglob("*")):
            if path.is_file():
                z.write(path, f"kz-between-chairs-0.1.0/{path.relative_to(old).as_posix()}")
    assert diff.compare(archive, old) == []
    assert run(capsys, "diff", str(archive), str(old))[1].endswith("\nno differences\n")
    assert [c.change for c in diff.compare(archive, new)] == ["added", "removed", "changed"]


def test_diff_composite_keys_and_column_changes(copies):
    old, new = copies
    path = new / "data" / "entity_names.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ",extra"
    lines[1:] = [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    descriptor = read_descriptor(new / "datapackage.json")
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "relations"]
    write_descriptor(new / "datapackage.json", descriptor)
    changes = [c for c in diff.compare(old, new) if c.table != "units"]
    assert changes == [
        diff.Change("entity_names", "column added", field="extra"),
        diff.Change("relations", "table removed"),
    ]


@pytest.mark.parametrize(("path", "problem"), [
    ("../outside.csv", "../outside.csv: not a relative path inside the data package"),
    ("/etc/passwd", "/etc/passwd: not a relative path inside the data package"),
    ("https://example.com/units.csv", "https://example.com/units.csv: not a relative path inside the data package"),
    ("data/nothing.csv", "data/nothing.csv: no such file in the data package"),
])
def test_diff_refuses_resource_paths_outside_the_package(capsys, copies, path, problem):
    old, new = copies
    descriptor = read_descriptor(new / "datapackage.json")
    next(r for r in descriptor["resources"] if r["name"] == "units")["path"] = path
    write_descriptor(new / "datapackage.json", descriptor)
    status, out, err = run(capsys, "diff", str(old), str(new))
    assert (status, out) == (1, "")
    assert err == f"kz-between-chairs: error: {new}/{problem}\n"


def test_diff_names_a_repeated_key_and_a_short_row(capsys, copies):
    old, new = copies
    units = new / "data" / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "day,Tag,day,күн,день,Duration in days.,d\n", encoding="utf-8")
    status, _, err = run(capsys, "diff", str(old), str(new))
    assert status == 1
    assert err == f"kz-between-chairs: error: {new}/data/units.csv:5:unit: the primary key unit=day repeats an earlier row\n"
    units.write_text("unit,label_de\nx\n", encoding="utf-8")
    assert run(capsys, "diff", str(old), str(new))[2] == (
        f"kz-between-chairs: error: {new}/data/units.csv:2: the header has 2 columns, this row 1\n"
    )


def test_diff_of_something_that_is_no_package(capsys, tmp_path):
    status, out, err = run(capsys, "diff", str(tmp_path / "nothing"), str(tmp_path))
    assert (status, out) == (1, "")
    assert err == (f"kz-between-chairs: error: {tmp_path / 'nothing'}: no data package here; give a folder with "
                   "datapackage.json, a datapackage.json or a release zip\n")


def test_diff_reads_a_zip_whose_site_holds_another_descriptor(copies, tmp_path):
    old, _ = copies
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(old.rglob("*")):
            if path.is_file():
                z.write(path, path.relative_to(old).as_posix())
        z.writestr("site/datapackage.json", "{}")  # the website copies the descriptor
    assert diff.compare(archive, old) == []
