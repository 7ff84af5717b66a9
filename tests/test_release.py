"""scripts/release.py: a zip of the data package, the wheel, the sdist and a
SHA256SUMS file that checks them; the version comes from one place."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
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


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release.py"), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_release_writes_the_four_files_and_nothing_else(dist):
    assert sorted(p.name for p in dist.iterdir()) == sorted([ZIP, WHEEL, SDIST, "SHA256SUMS"])


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


def test_zip_holds_the_package_and_its_documents_as_in_the_repository(dist):
    with zipfile.ZipFile(dist / ZIP) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        required = {"datapackage.json", "CITATION.cff", "LICENSE", "LICENSE-DATA", "DATASHEET.md", "README.md"}
        assert required <= set(names)
        package = json.loads(archive.read("datapackage.json"))
        assert {r["path"] for r in package["resources"]} <= set(names)
        assert {f"docs/codebook.{lang}.md" for lang in ("de", "en", "kk", "ru")} <= set(names)
        catalogs = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("translations/**/*.po")}
        assert catalogs <= set(names)
        assert not [n for n in names if n.endswith((".mo", ".pyc")) or n.startswith(("src/", "tests/"))]
        for name in names:
            if not name.startswith(release.SITE):  # the website is built, not copied
                assert archive.read(name) == (ROOT / name).read_bytes(), name
        assert {"site/index.html", "site/kk/index.html", "site/data/events.csv"} <= set(names)
        date = tuple(int(p) for p in str(read_cff(ROOT / "CITATION.cff")["date-released"]).split("-"))
        assert {info.date_time[:3] for info in archive.infolist()} == {date}


def test_frictionless_reads_the_zip_as_it_is(dist):
    frictionless = pytest.importorskip("frictionless", reason="install the 'validate' extra")
    package = frictionless.Package(str(dist / ZIP))
    rows = package.get_resource("events").read_rows()
    assert len(rows) == len((ROOT / "data" / "events.csv").read_text(encoding="utf-8").splitlines()) - 1


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


def test_sdist_can_build_the_wheel_again(dist):
    top = f"kz_between_chairs-{__version__}"
    with tarfile.open(dist / SDIST) as sdist:
        names = set(sdist.getnames())
    assert {
        f"{top}/pyproject.toml",
        f"{top}/scripts/hatch_build.py",
        f"{top}/datapackage.json",
        f"{top}/data/events.csv",
        f"{top}/CITATION.cff",
        f"{top}/src/kz_between_chairs/__about__.py",
    } <= names


def test_zip_is_reproducible(tmp_path):
    release.write_zip(ROOT, tmp_path / "a.zip", "2026-11-29")
    release.write_zip(ROOT, tmp_path / "b.zip", "2026-11-29")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


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
