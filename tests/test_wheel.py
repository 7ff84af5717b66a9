"""The wheel works on its own: built from pyproject.toml, installed into a fresh
virtual environment, used from another folder with the installed package
read-only and the network cut off.

Slow (a few seconds: it builds a wheel and starts several interpreters), hence
``slow``; deselect with ``pytest -m "not slow"``.  Nothing is downloaded: the
fresh environment sees the libraries of the running one through a ``.pth``
file placed *after* its own site-packages, and the wheel is installed with
``--no-deps --no-index``.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

import kz_between_chairs as kz
from kz_between_chairs import cli, descriptor

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
INSIDE = "kz_between_chairs/package/"
LANGS = descriptor.LANGUAGES

# Runs inside the fresh environment; prints what it found as JSON.
PROBE = textwrap.dedent(
    """
    import json, socket, sys

    def offline(*args, **kwargs):
        raise OSError("the installed package tried to use the network")

    socket.socket.connect = offline

    import kz_between_chairs as kz

    shapes = {}
    for lang in (None, "de", "en", "kk", "ru"):
        for table in kz.tables():
            shapes[f"{table}/{lang}"] = list(kz.load(table, lang=lang).shape)
    books = {lang: [len(kz.describe(t, lang=lang)) for t in kz.tables()] for lang in ("de", "en", "kk", "ru")}
    print(json.dumps({
        "module": kz.__file__,
        "datapackage": str(kz.datapackage_path()),
        "shapes": shapes,
        "books": books,
        "cite": kz.cite("apa"),
        "frictionless": any(m.split(".")[0] == "frictionless" for m in sys.modules),
    }))
    """
)


def run(*argv, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel needs the 'test' extra (hatchling)")
    out = tmp_path_factory.mktemp("wheel")
    pip = (sys.executable, "-m", "pip")
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT))
    (built,) = out.glob("kz_between_chairs-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh environment with only the wheel installed (other libraries are
    borrowed from the running environment, after its own)."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(home))
    python = home / "bin" / "python"
    where = run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    borrowed = Path(where.stdout.strip()) / "zz_borrowed_libraries.pth"
    borrowed.write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = (sys.executable, "-m", "pip", "--python", str(python))
    run(*pip, "install", "-q", "--no-deps", "--no-index", str(wheel))
    return home


def test_the_wheel_carries_the_data_package_and_compiled_catalogs(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read(INSIDE + "datapackage.json") == (ROOT / "datapackage.json").read_bytes()
        for resource in descriptor.read()["resources"]:
            assert archive.read(INSIDE + resource["path"]) == (ROOT / resource["path"]).read_bytes()
        assert INSIDE + "CITATION.cff" in names
    catalogs = sorted(ROOT.glob("translations/*/LC_MESSAGES/messages.po"))
    for po in catalogs:
        assert INSIDE + po.relative_to(ROOT).with_suffix(".mo").as_posix() in names


def test_the_installed_wheel_works_offline_read_only_from_anywhere(venv, tmp_path):
    package = next(venv.glob("lib/python*/site-packages/kz_between_chairs"))
    before = _snapshot(package)
    _writable(package, False)
    try:
        unset = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", cli.LANG_ENV)
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["PYTHONNOUSERSITE"] = "1"
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir()
        python = str(venv / "bin" / "python")
        found = json.loads(run(python, "-c", PROBE, cwd=elsewhere, env=env).stdout)

        assert Path(found["module"]).is_relative_to(package)
        assert Path(found["datapackage"]) == package / "package" / "datapackage.json"
        assert found["shapes"] == {
            f"{t}/{lang}": list(kz.load(t, lang=lang).shape) for lang in (None, *LANGS) for t in kz.tables()
        }
        assert found["books"] == {lang: [len(kz.describe(t, lang)) for t in kz.tables()] for lang in LANGS}
        assert found["cite"] == kz.cite("apa")
        assert found["frictionless"] is False

        script = str(venv / "bin" / "kz-between-chairs")
        tables = run(script, "tables", cwd=elsewhere, env=env).stdout
        assert [line.split()[0] for line in tables.splitlines()] == kz.tables()
        shown = run(python, "-m", "kz_between_chairs.cli", "show", "events", "--lang", "kk", "--limit", "2",
                    cwd=elsewhere, env=env).stdout
        assert shown.splitlines()[0].split()[:2] == ["event_id", "event_type"]
        run(script, "describe", "events", "--lang", "ru", cwd=elsewhere, env=env)
        run(script, "export", "--lang", "ru", "--format", "csv", "--out", "out", cwd=elsewhere, env=env)
        exported = sorted(p.name for p in (elsewhere / "out").iterdir())
        assert exported == sorted(f"{t}.csv" for t in kz.tables())
    finally:
        _writable(package, True)
    assert _snapshot(package) == before  # also holds where chmod does not bind (root)


def _snapshot(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def _writable(folder: Path, on: bool) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode | stat.S_IWUSR if on else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
