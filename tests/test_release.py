"""scripts/release.py: a zip of the data package, the wheel, the sdist and a
SHA256SUMS file that checks them; the version comes from one place."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
import release  # scripts/ is on pytest's pythonpath

from kz_between_chairs import __version__, descriptor
from kz_between_chairs.citation import read_cff

ROOT = Path(__file__).resolve().parents[1]

ZIP = f"kz-between-chairs-{__version__}.zip"
WHEEL = f"kz_between_chairs-{__version__}-py3-none-any.whl"
SDIST = f"kz_between_chairs-{__version__}.tar.gz"


LANGS = ("de", "en", "kk", "ru")


def _previous(folder: Path) -> Path:
    """A stand-in for the previous release: the package with the units
    table as it might have been (one cell other, a row fewer, a row more)."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copy(ROOT / "datapackage.json", folder / "datapackage.json")
    units = folder / "data" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",человек,", ",люди,")
    del lines[3]
    lines.append("day,Tag,day,күн,день,Duration in days.,d")
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, float]:
    """The release, built once: (dist folder, its private TMPDIR, seconds)."""
    out = tmp_path_factory.mktemp("dist")
    tmp = tmp_path_factory.mktemp("tmp")
    previous = _previous(tmp_path_factory.mktemp("previous") / "kz-between-chairs-0.0.9")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release.py"), "--out", str(out), "--previous", str(previous)],
        capture_output=True, text=True, env={**os.environ, "TMPDIR": str(tmp)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out, tmp, time.perf_counter() - started


@pytest.fixture(scope="module")
def dist(built) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def unzipped(dist, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / ZIP) as archive:
        archive.extractall(folder)
    return folder


@pytest.mark.slow
def test_release_writes_the_four_files_and_nothing_else(built):
    dist, tmp, seconds = built
    assert sorted(p.name for p in dist.iterdir()) == sorted([ZIP, WHEEL, SDIST, "SHA256SUMS"])
    assert list(tmp.iterdir()) == []  # staging and the build hook's catalogs are gone
    sizes = {p.name: p.stat().st_size for p in dist.iterdir()}
    print(f"release built in {seconds:.1f} s; sizes: {sizes}")


@pytest.mark.slow
def test_checksum_file_is_in_sha256sum_format_and_matches(dist):
    lines = (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = {}
    for line in lines:
        match = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line)
        assert match, line
        listed[match.group(2)] = match.group(1)
    assert sorted(listed) == sorted([ZIP, WHEEL, SDIST])
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.slow
def test_zip_holds_the_package_and_its_documents_as_in_the_repository(dist):
    with zipfile.ZipFile(dist / ZIP) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        required = {"datapackage.json", "CITATION.cff", "LICENSE", "LICENSE-DATA", "DATASHEET.md", "README.md"}
        assert required <= set(names)
        package = json.loads(archive.read("datapackage.json"))
        assert {r["path"] for r in package["resources"]} <= set(names)
        assert {f"docs/codebook.{lang}.md" for lang in LANGS} <= set(names)
        catalogs = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("translations/**/*.po")}
        assert catalogs <= set(names)
        assert not [n for n in names if n.endswith((".mo", ".pyc")) or n.startswith(("src/", "tests/"))]
        for name in release.zip_members(ROOT):
            assert archive.read(name) == (ROOT / name).read_bytes(), name
        date = tuple(int(p) for p in str(read_cff(ROOT / "CITATION.cff")["date-released"]).split("-"))
        assert {info.date_time[:3] for info in archive.infolist()} == {date}


@pytest.mark.slow
def test_zip_has_every_format(dist):
    tables = descriptor.table_names()
    with zipfile.ZipFile(dist / ZIP) as archive:
        names = set(archive.namelist())
    expected = {
        "README.md", "SHA256SUMS", "CHANGES.txt", "CHANGES.csv", "croissant.json", "dataset.jsonld", "site/index.html",
        "sqlite/kz-between-chairs.sqlite", "sqlite/metadata.json",
        *(f"excel/kz-between-chairs.{lang}.xlsx" for lang in LANGS),
        *(f"parquet/{t}.parquet" for t in tables),
        *(f"stata/{lang}/{t}.dta" for lang in LANGS for t in tables),
        *(f"spss/{lang}/{t}.sav" for lang in LANGS for t in tables),
    }
    assert expected <= names


@pytest.mark.slow
def test_the_zip_checks_itself(unzipped):
    lines = (unzipped / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    on_disk = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert set(listed) == on_disk - {"SHA256SUMS"}
    for name, digest in listed.items():
        assert hashlib.sha256((unzipped / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.slow
def test_each_file_reads_back_with_its_own_tool(unzipped):
    import sqlite3

    import openpyxl
    import pandas as pd
    import pyarrow.parquet as pq
    import pyreadstat

    from kz_between_chairs import load

    with sqlite3.connect(unzipped / "sqlite" / "kz-between-chairs.sqlite") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM events_kk").fetchone() == (len(load("events")),)
    db.close()
    for lang in LANGS:
        book = openpyxl.load_workbook(unzipped / "excel" / f"kz-between-chairs.{lang}.xlsx", read_only=True)
        assert book.sheetnames[2:] == descriptor.table_names()
        book.close()
        with pd.io.stata.StataReader(unzipped / "stata" / lang / "indicators.dta") as reader:
            assert set(reader.value_labels()) >= {"measure", "comparator", "unit"}
            assert len(reader.read()) == len(load("indicators"))
        frame, meta = pyreadstat.read_sav(str(unzipped / "spss" / lang / "event_participants.sav"))
        assert set(meta.variable_value_labels) == {"role"} and len(frame) == len(load("event_participants"))
    schema = pq.read_schema(unzipped / "parquet" / "events.parquet")
    assert schema.field("date").metadata[b"description"] == descriptor.field("events", "date")["description"].encode()
    datasette = json.loads((unzipped / "sqlite" / "metadata.json").read_text(encoding="utf-8"))
    assert datasette["license"] == "CC-BY-4.0"


@pytest.mark.slow
def test_croissant_in_the_zip_validates_with_mlcroissant(unzipped):
    mlc = pytest.importorskip("mlcroissant", reason="install the 'test' extra (mlcroissant)")
    dataset = mlc.Dataset(jsonld=str(unzipped / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors
    records = list(dataset.records("event_participants"))
    assert len(records) == len((unzipped / "data" / "event_participants.csv").read_text(encoding="utf-8").splitlines()) - 1


@pytest.mark.slow
def test_the_zip_readme_is_for_someone_with_only_the_zip(unzipped):
    text = (unzipped / "README.md").read_text(encoding="utf-8")
    assert "pip install" not in text and "$" not in text.replace("$$", "")
    for folder in ("site/", "excel/", "sqlite/", "stata/", "spss/", "parquet/", "data/", "docs/", "translations/"):
        assert f"`{folder}" in text, folder
    assert "dtype=str" in text and "readr" in text and "Text/CSV" in text  # codes stay text
    assert f"Version {__version__}, released " in text
    assert "Creative Commons Attribution 4.0 International" in text


@pytest.mark.slow
def test_changes_against_the_previous_release_are_in_the_zip(unzipped):
    assert (unzipped / "CHANGES.txt").read_text(encoding="utf-8") == (
        f"kz-between-chairs diff: kz-between-chairs-0.0.9 -> v{__version__}\n"
        "units: 1 added, 1 removed, 1 changed\n"
        "  + unit=week\n"
        "  - unit=day\n"
        "  ~ unit=person\n"
        "      label_ru: 'люди' -> 'человек'\n"
    )
    assert (unzipped / "CHANGES.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "units,added,unit=week,,,", "units,removed,unit=day,,,", "units,changed,unit=person,label_ru,люди,человек",
    ]


@pytest.mark.slow
def test_frictionless_reads_the_zip_as_it_is(dist):
    frictionless = pytest.importorskip("frictionless", reason="install the 'validate' extra")
    package = frictionless.Package(str(dist / ZIP))
    rows = package.get_resource("events").read_rows()
    assert len(rows) == len((ROOT / "data" / "events.csv").read_text(encoding="utf-8").splitlines()) - 1


@pytest.mark.slow
def test_wheel_carries_the_data_and_the_version(dist):
    with zipfile.ZipFile(dist / WHEEL) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"kz_between_chairs-{__version__}.dist-info/METADATA").decode()
    assert {
        "kz_between_chairs/package/datapackage.json",
        "kz_between_chairs/package/CITATION.cff",
        "kz_between_chairs/package/data/events.csv",
        "kz_between_chairs/citation.py",
    } <= names
    assert f"\nVersion: {__version__}\n" in metadata


@pytest.mark.slow
def test_twine_check_passes(dist):
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(dist / WHEEL), str(dist / SDIST)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2


@pytest.mark.slow
def test_wheel_is_byte_reproducible(dist, tmp_path):
    """Rebuilt in another time zone, a minute later, with the release's
    SOURCE_DATE_EPOCH: the same bytes; and no temporary folder left."""
    date = str(read_cff(ROOT / "CITATION.cff")["date-released"])
    private = tmp_path / "tmp"
    private.mkdir()
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(release.source_date_epoch(date)), "TZ": "Asia/Almaty",
           "TMPDIR": str(private)}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--wheel-dir", str(tmp_path / "again"), str(ROOT)], check=True, env=env, capture_output=True)
    assert (tmp_path / "again" / WHEEL).read_bytes() == (dist / WHEEL).read_bytes()
    assert list(private.iterdir()) == []


@pytest.mark.slow
def test_sdist_holds_only_the_project(dist):
    top = f"kz_between_chairs-{__version__}"
    with tarfile.open(dist / SDIST) as sdist:
        names = set(sdist.getnames())
    assert {
        f"{top}/pyproject.toml",
        f"{top}/scripts/hatch_build.py",
        f"{top}/datapackage.json",
        f"{top}/data/events.csv",
        f"{top}/CITATION.cff",
        f"{top}/metadata/dataset.yaml",
        f"{top}/src/kz_between_chairs/__about__.py",
    } <= names
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    listed = re.search(r"\[tool\.hatch\.build\.targets\.sdist\]\nonly-include = \[(.*?)\]", pyproject, re.S)
    allowed = re.findall(r'"([^"]+)"', listed.group(1))
    stray = [n for n in names if n != top and n.split("/")[1] not in (*allowed, "PKG-INFO", ".gitignore")]
    assert stray == []


def test_zip_is_reproducible(tmp_path):
    release.write_zip(ROOT, tmp_path / "a.zip", "2026-11-29")
    release.write_zip(ROOT, tmp_path / "b.zip", "2026-11-29")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


# --- members: nothing from outside the repository ------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    """A small copy of the repository's release inputs."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("datapackage.json", *release.DOCUMENTS):
        shutil.copy(ROOT / name, root / name)
    return root


def _point(root: Path, table: str, path: str) -> None:
    desc = descriptor.read(root / "datapackage.json")
    next(r for r in desc["resources"] if r["name"] == table)["path"] = path
    descriptor.write(root / "datapackage.json", desc)


@pytest.mark.parametrize(("path", "message"), [
    ("/etc/passwd", "'/etc/passwd': an absolute path or an address, not a file of the repository"),
    ("C:/Windows/win.ini", "'C:/Windows/win.ini': an absolute path or an address, not a file of the repository"),
    ("data\\..\\..\\secret", "'data\\\\..\\\\..\\\\secret': an absolute path or an address, not a file of the repository"),
    ("https://example.com/x.csv", "'https://example.com/x.csv': an absolute path or an address, not a file of the repository"),
    ("../outside.csv", "'../outside.csv': '..' leaves the repository"),
    ("data/../../outside.csv", "'data/../../outside.csv': '..' leaves the repository"),
    ("data/missing.csv", "'data/missing.csv': not a regular file"),
])
def test_zip_members_reject_paths_that_leave_the_repository(repo, path, message):
    _point(repo, "units", path)
    with pytest.raises(release.UnsafeMember) as caught:
        release.zip_members(repo)
    assert str(caught.value) == message
    with pytest.raises(release.UnsafeMember):
        release.write_zip(repo, repo.parent / "x.zip", "2026-11-29")
    assert not (repo.parent / "x.zip").exists()  # checked before anything is written


def test_zip_members_reject_a_symlink_out_of_the_repository(repo, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the zip", encoding="utf-8")
    (repo / "data" / "units.csv").unlink()
    (repo / "data" / "units.csv").symlink_to(secret)
    with pytest.raises(release.UnsafeMember, match=r"^'data/units.csv': resolves to .*secret.txt, outside the repository$"):
        release.zip_members(repo)
    (repo / "docs").mkdir()
    (repo / "data" / "units.csv").unlink()
    shutil.copy(ROOT / "data" / "units.csv", repo / "data" / "units.csv")
    (repo / "docs" / "leak.md").symlink_to(secret)
    with pytest.raises(release.UnsafeMember, match=r"^'docs/leak.md': resolves to "):
        release.zip_members(repo)


@pytest.mark.parametrize("name", ["/abs.txt", "../up.txt", "a/../../up.txt", "C:/x.txt", "a\\b.txt"])
def test_write_zip_rejects_extra_members_that_leave_the_zip(repo, tmp_path, name):
    extra = tmp_path / "extra.txt"
    extra.write_text("x", encoding="utf-8")
    with pytest.raises(release.UnsafeMember, match="not a relative name inside the zip"):
        release.write_zip(repo, tmp_path / "x.zip", "2026-11-29", {name: extra})


def test_release_workflow_builds_checks_and_publishes_only_by_trusted_publishing():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads "on" as true
    assert on == {"push": {"tags": ["v[0-9]+.[0-9]+.[0-9]+"]}}
    build = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "python scripts/release.py --out dist" in build and "twine check --strict" in build
    upload = "\n".join(step.get("run", "") for step in workflow["jobs"]["github-release"]["steps"])
    assert "dist/*.zip dist/*.whl dist/*.tar.gz dist/SHA256SUMS" in upload
    pypi = workflow["jobs"]["pypi"]
    assert pypi["if"] == "vars.PYPI_TRUSTED_PUBLISHING == 'true'"
    assert pypi["permissions"] == {"id-token": "write"}
    publish = pypi["steps"][-1]
    assert publish["uses"] == "pypa/gh-action-pypi-publish@release/v1"
    assert set(publish["with"]) == {"packages-dir"}  # no password, no token
    assert "secrets." not in (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")


# --- the version comes from one place ----------------------------------------


@pytest.fixture
def files(tmp_path) -> Path:
    for name in ("datapackage.json", "CITATION.cff", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def test_the_repository_agrees_on_version_and_date():
    date, problems = release.release_date(ROOT, __version__)
    assert problems == []
    assert date == descriptor.read(ROOT / "datapackage.json")["created"][:10]


def test_a_version_bump_missing_elsewhere_is_named(files):
    date, problems = release.release_date(files, "9.9.9")
    assert problems == [
        f"datapackage.json: version '{__version__}', but __about__.py says '9.9.9'",
        f"CITATION.cff: version '{__version__}', but __about__.py says '9.9.9'",
        "CHANGELOG.md: no entry '## [9.9.9] - YYYY-MM-DD'",
    ]


def test_a_changelog_date_other_than_the_citations_is_named(files):
    changelog = files / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace(f"## [{__version__}] - ", f"## [{__version__}] - 1999-01-01 x"), encoding="utf-8")
    assert release.release_date(files, __version__)[1] == [f"CHANGELOG.md: no entry '## [{__version__}] - YYYY-MM-DD'"]
    changelog.write_text(re.sub(rf"## \[{re.escape(__version__)}\] - \S+", f"## [{__version__}] - 1999-01-01", text), encoding="utf-8")
    date = read_cff(files / "CITATION.cff")["date-released"]
    assert release.release_date(files, __version__)[1] == [
        f"release dates disagree: CITATION.cff date-released {date}, CHANGELOG.md 1999-01-01"
    ]
