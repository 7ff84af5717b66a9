"""Build a release: the data zip, the wheel, the sdist and their SHA-256 sums.

Usage::

    python scripts/release.py [--out DIR]     # default: dist/

writes into DIR::

    kz-between-chairs-<version>.zip            the data package, its documents and its website (site/)
    kz_between_chairs-<version>-py3-none-any.whl
    kz_between_chairs-<version>.tar.gz
    SHA256SUMS                                 `sha256sum -c SHA256SUMS` checks them

The version is written once, in ``src/kz_between_chairs/__about__.py``.
Before building, the release refuses to go on unless ``datapackage.json``,
``CITATION.cff`` and a ``CHANGELOG.md`` entry carry that version with one
release date, ``kz-between-chairs validate`` finds no problem and the
derived docs are current (``scripts/build_docs.py --check``).

The zip has ``datapackage.json`` at its root, so Frictionless tools read the
zip as it is (``frictionless validate kz-between-chairs-0.1.0.zip``). It is
reproducible: members in sorted order, each dated the release day, with fixed
permissions. The wheel comes from ``pip wheel --no-build-isolation`` and the
sdist from hatchling, so building needs no network (hatchling is in the
``test`` extra).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from kz_between_chairs import catalogs, descriptor
from kz_between_chairs.__about__ import __version__
from kz_between_chairs.citation import read_cff

ROOT = Path(__file__).resolve().parents[1]

NAME = "kz-between-chairs"
DOCUMENTS = ("CITATION.cff", "LICENSE", "LICENSE-DATA", "DATASHEET.md", "README.md", "CHANGELOG.md")
CHECKSUMS = "SHA256SUMS"
SITE = "site/"  # where the zip holds the website


def zip_members(root: Path) -> list[str]:
    """What the zip holds, relative to ``root``: the descriptor, every resource
    it names, the catalogs (sources, not compiled ``.mo``), the documents and
    the derived docs the README shows."""
    package = descriptor.read(root / "datapackage.json")
    members = {"datapackage.json", *DOCUMENTS, *(r["path"] for r in package["resources"]), *catalogs.sources(root)}
    for pattern in ("translations/*.md", "docs/*.md", "docs/*.png"):
        members.update(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
    return sorted(members)


def release_date(root: Path, version: str) -> tuple[str, list[str]]:
    """The release date and the disagreements, if any, between the places that
    name the version (``__about__.py`` is the source; the others follow it)."""
    package = descriptor.read(root / "datapackage.json")
    cff = read_cff(root / "CITATION.cff")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})$", changelog, re.M)
    problems = [
        f"{file}: version {found!r}, but __about__.py says {version!r}"
        for file, found in (("datapackage.json", package.get("version")), ("CITATION.cff", cff.get("version")))
        if found != version
    ]
    if not entry:
        problems.append(f"CHANGELOG.md: no entry '## [{version}] - YYYY-MM-DD'")
    dates = {"CITATION.cff date-released": str(cff.get("date-released"))}
    if entry:
        dates["CHANGELOG.md"] = entry.group(1)
    if len(set(dates.values())) > 1:
        problems.append("release dates disagree: " + ", ".join(f"{k} {v}" for k, v in dates.items()))
    return dates["CITATION.cff date-released"], problems


def site_files(root: Path) -> dict[str, bytes]:
    """The website of the package at ``root`` (``kz-between-chairs site``,
    deterministic), as zip members under ``site/``: open ``site/index.html``
    from the unzipped release."""
    from kz_between_chairs.site import build

    with tempfile.TemporaryDirectory() as tmp:
        out = build(Path(tmp) / "site", package=root).out
        return {f"{SITE}{p.relative_to(out).as_posix()}": p.read_bytes() for p in out.rglob("*") if p.is_file()}


def write_zip(root: Path, path: Path, date: str) -> None:
    stamp = tuple(int(part) for part in date.split("-")) + (0, 0, 0)
    members = {member: (root / member).read_bytes() for member in zip_members(root)} | site_files(root)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in sorted(members):
            info = zipfile.ZipInfo(member, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, members[member])


def sha256sums(folder: Path, names: list[str]) -> str:
    """Lines as ``sha256sum`` writes them: digest, two blanks, file name."""
    return "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in sorted(names))


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"release: building the {what} failed: {' '.join(command)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the release files (default: dist/)")
    args = parser.parse_args(argv)

    date, problems = release_date(ROOT, __version__)
    for problem in problems:
        print(f"release: {problem}", file=sys.stderr)
    if problems:
        return 1
    from kz_between_chairs.validate import main as validate

    if validate([str(ROOT / "datapackage.json")]) != 0:
        print("release: kz-between-chairs validate found problems; nothing was built", file=sys.stderr)
        return 1
    if subprocess.run([sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--check"]).returncode:
        print("release: the docs are stale (python scripts/build_docs.py); nothing was built", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    # Build next to the target and move at the end: never a half-written release.
    with tempfile.TemporaryDirectory(dir=args.out, prefix=".release-") as tmp:
        staging = Path(tmp)
        write_zip(ROOT, staging / f"{NAME}-{__version__}.zip", date)
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
              "--wheel-dir", str(staging), str(ROOT)], "wheel")
        _run([sys.executable, "-m", "hatchling", "build", "--target", "sdist", "--directory", str(staging)], "sdist")
        names = sorted(p.name for p in staging.iterdir())
        (staging / CHECKSUMS).write_text(sha256sums(staging, names), encoding="utf-8", newline="\n")
        for name in [*names, CHECKSUMS]:
            shutil.move(staging / name, args.out / name)
            print(f"built: {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
