"""Build a release: the data zip, the wheel, the sdist and their SHA-256 sums.

Usage::

    python scripts/release.py [--out DIR] [--previous OLD]     # default: dist/

writes into DIR::

    kz-between-chairs-<version>.zip            the data package in every format, and its documents
    kz_between_chairs-<version>-py3-none-any.whl
    kz_between_chairs-<version>.tar.gz
    SHA256SUMS                                 `sha256sum -c SHA256SUMS` checks them

The zip, for someone who has nothing else (its ``README.md`` says how to open
each file without Python)::

    README.md  SHA256SUMS                      what is where; checksums of every member
    datapackage.json  data/*.csv               the Frictionless package as in the repository
    croissant.json  dataset.jsonld             Croissant 1.1 and schema.org Dataset metadata
    excel/kz-between-chairs.<lang>.xlsx        one workbook per language
    sqlite/kz-between-chairs.sqlite            every table, keys, label views, codebook
    sqlite/metadata.json                       Datasette metadata
    stata/<lang>/<table>.dta  spss/<lang>/<table>.sav
    parquet/<table>.parquet
    CHANGES.txt  CHANGES.csv                   rows added, removed and changed since the previous release
    docs/  translations/  CITATION.cff  DATASHEET*.md  CHANGELOG.md  LICENSE  LICENSE-DATA
    site/                                      the website: open site/index.html

The version is written once, in ``src/kz_between_chairs/__about__.py``; the
other facts in ``metadata/dataset.yaml``.  Before building, the release
refuses to go on unless ``datapackage.json``, ``CITATION.cff`` and a
``CHANGELOG.md`` entry carry that version with one release date, the metadata
files are current (``scripts/update_metadata.py --check``),
``kz-between-chairs validate`` finds no problem and the derived docs are
current (``scripts/build_docs.py --check``).

The previous release, for ``CHANGES``, is ``--previous`` (a release zip, a
folder or a ``datapackage.json``) or else the newest git tag ``v<version>``
older than this one; without either the release is the first and says so.

Everything is built in a temporary folder outside the repository (so nothing
of a release can end up in the sdist) and moved to DIR at the end: never a
half-written release, never a temporary folder left behind.  The zip is
reproducible: members in sorted order, each dated the release day, with fixed
permissions; the wheel too (its members and compiled catalogs are dated
``SOURCE_DATE_EPOCH``, which the release sets to the release day).  The
wheel comes from ``pip wheel --no-build-isolation`` and the sdist from
hatchling, so building needs no network (hatchling is in the ``test``
extra).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import string
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from kz_between_chairs import catalogs, descriptor
from kz_between_chairs.__about__ import __version__
from kz_between_chairs.citation import read_cff

ROOT = Path(__file__).resolve().parents[1]

NAME = "kz-between-chairs"
DOCUMENTS = ("CITATION.cff", "LICENSE", "LICENSE-DATA", "CHANGELOG.md")
CHECKSUMS = "SHA256SUMS"
README_TEMPLATE = "metadata/release-readme.md"
"""The zip's README, with ``$version``-style fields filled at release time."""


class UnsafeMember(ValueError):
    """A zip member that is absolute, climbs out with ``..`` or resolves
    outside the repository (a symlink, say)."""


def safe_member(root: Path, member: str) -> str:
    """``member`` as a zip name if it names a regular file inside ``root``;
    else :class:`UnsafeMember` saying why.

    >>> safe_member(ROOT, "data/events.csv")
    'data/events.csv'
    >>> safe_member(ROOT, "../etc/passwd")
    Traceback (most recent call last):
    ...
    release.UnsafeMember: '../etc/passwd': '..' leaves the repository
    """
    if not isinstance(member, str) or not member:
        raise UnsafeMember(f"{member!r}: not a relative file name")
    if "\\" in member or member.startswith("/") or re.match(r"^[A-Za-z]:", member) or "://" in member:
        raise UnsafeMember(f"{member!r}: an absolute path or an address, not a file of the repository")
    if ".." in PurePosixPath(member).parts:
        raise UnsafeMember(f"{member!r}: '..' leaves the repository")
    path = (root / member).resolve()
    if not path.is_relative_to(root.resolve()):
        raise UnsafeMember(f"{member!r}: resolves to {path}, outside the repository")
    if not path.is_file():
        raise UnsafeMember(f"{member!r}: not a regular file")
    return PurePosixPath(member).as_posix()


def zip_members(root: Path) -> list[str]:
    """What the zip takes from the repository, relative to ``root``: the
    descriptor, every resource it names, the catalogs (sources, not compiled
    ``.mo``), the documents and the derived docs; each checked by
    :func:`safe_member`."""
    package = descriptor.read(root / "datapackage.json")
    members = {"datapackage.json", *DOCUMENTS, *(r.get("path") for r in package["resources"]), *catalogs.sources(root)}
    for pattern in ("DATASHEET*.md", "translations/*.md", "docs/*.md", "docs/*.png"):
        members.update(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file() or p.is_symlink())
    return sorted(safe_member(root, m) for m in members)


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


def write_zip(root: Path, path: Path, date: str, extra: dict[str, Path] | None = None) -> None:
    """Write the zip: the repository's :func:`zip_members` and ``extra``
    (zip name -> a file built for the release), sorted, dated ``date``.
    Every name is checked: repository members by :func:`safe_member`, extra
    ones against absolute paths and ``..`` and against the folder they were
    built in."""
    extra = dict(extra or {})
    members = {m: root / safe_member(root, m) for m in zip_members(root)}
    for name, source in extra.items():
        if name.startswith("/") or "\\" in name or ".." in PurePosixPath(name).parts or re.match(r"^[A-Za-z]:", name):
            raise UnsafeMember(f"{name!r}: not a relative name inside the zip")
        if not Path(source).is_file() or Path(source).is_symlink():
            raise UnsafeMember(f"{name!r}: {source} is not a regular file")
        members[name] = Path(source)
    stamp = tuple(int(part) for part in date.split("-")) + (0, 0, 0)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in sorted(members):
            info = zipfile.ZipInfo(member, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, members[member].read_bytes())


def sha256sums(folder: Path, names: list[str]) -> str:
    """Lines as ``sha256sum`` writes them: digest, two blanks, file name."""
    return "".join(f"{hashlib.sha256((folder / n).read_bytes()).hexdigest()}  {n}\n" for n in sorted(names))


# --- what the release builds beside the repository's files ----------------------


def build_formats(out: Path) -> None:
    """The package in every other format, under ``out`` as in the zip."""
    from kz_between_chairs.formats import parquet, sqlite, stats, workbook
    from kz_between_chairs.loader import load

    (out / "sqlite").mkdir(parents=True)
    sqlite.write(out / "sqlite" / sqlite.FILENAME)
    sqlite.write_datasette_metadata(out / "sqlite" / "metadata.json")
    (out / "parquet").mkdir()
    for name in descriptor.table_names():
        parquet.write(out / "parquet" / f"{name}.parquet", name)
    (out / "excel").mkdir()
    for lang in descriptor.LANGUAGES:
        frames = {name: load(name, lang) for name in descriptor.table_names()}
        workbook.write(out / "excel" / workbook.filename(lang), lang, frames=frames)
        for tool, write, suffix in (("stata", stats.write_dta, "dta"), ("spss", stats.write_sav, "sav")):
            (out / tool / lang).mkdir(parents=True, exist_ok=True)
            for name, frame in frames.items():
                write(out / tool / lang / f"{name}.{suffix}", name, lang, frame)


def build_metadata(root: Path, out: Path, version: str) -> None:
    """``croissant.json`` and ``dataset.jsonld`` (needs the Parquet files)."""
    from kz_between_chairs import metadata
    from kz_between_chairs.citation import cite

    facts = metadata.read_facts(root / "metadata" / "dataset.yaml")
    desc = descriptor.read(root / "datapackage.json")
    digests = {r["name"]: metadata.sha256(out / "parquet" / f"{r['name']}.parquet") for r in desc["resources"]}
    for name, document in (
        ("croissant.json", metadata.croissant(facts, version, desc, cite("bibtex"), digests)),
        ("dataset.jsonld", metadata.schema_org(facts, version, desc)),
    ):
        (out / name).write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def previous_release(root: Path, version: str, into: Path) -> tuple[str, Path] | None:
    """The newest git tag ``v<x.y.z>`` older than ``version``, its
    ``datapackage.json`` and ``data/`` extracted into ``into``; None if
    there is none."""
    done = subprocess.run(["git", "-C", str(root), "tag", "--list", "v*"], capture_output=True, text=True)
    if done.returncode:
        return None
    current = _version_key(version)
    tags = sorted(
        (t for t in done.stdout.split() if re.fullmatch(r"v\d+\.\d+\.\d+", t) and _version_key(t[1:]) < current),
        key=lambda t: _version_key(t[1:]),
    )
    if not tags:
        return None
    tag = tags[-1]
    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", tag, "datapackage.json", "data"],
                             capture_output=True)
    if archive.returncode:
        raise SystemExit(f"release: cannot read {tag} from git: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            tar.extractall(into, filter="data")
        else:
            tar.extractall(into)
    return tag, into


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def build_changes(root: Path, out: Path, version: str, previous: Path | None, scratch: Path) -> str:
    """``CHANGES.txt`` and ``CHANGES.csv``: the diff against the previous
    release; returns what was compared (for the README)."""
    from kz_between_chairs import diff

    if previous is not None:
        label = str(previous.name)
        old: Path | None = previous
    else:
        found = previous_release(root, version, scratch)
        label, old = found if found else ("", None)
    if old is None:
        note = f"kz-between-chairs {version} is the first release: there is no earlier one to compare with.\n"
        (out / "CHANGES.txt").write_text(note, encoding="utf-8")
        (out / "CHANGES.csv").write_text(",".join(diff.COLUMNS) + "\n", encoding="utf-8")
        return "none: this is the first release"
    changes = diff.compare(old, root / "datapackage.json")
    (out / "CHANGES.txt").write_text(diff.text(changes, label, f"v{version}"), encoding="utf-8")
    (out / "CHANGES.csv").write_text(diff.to_csv(changes), encoding="utf-8")
    return label


def build_site(root: Path, out: Path) -> None:
    """The static website of the package under ``out/site`` (deterministic:
    the same files give the same bytes); needs the ``site`` extra."""
    try:
        from kz_between_chairs.site import build
    except ImportError as missing:
        raise SystemExit(f"release: the website needs the 'site' extra ({missing}); nothing was built") from None
    build(out / "site", package=root)


def build_readme(root: Path, out: Path, version: str, date: str, compared: str, members: list[str]) -> None:
    from kz_between_chairs import i18n
    from kz_between_chairs.citation import cite

    desc = descriptor.read(root / "datapackage.json")
    tables = "\n".join(
        f"| `{r['name']}` | {r.get('title', '')} | {r.get('description', '')} |" for r in desc["resources"]
    )
    titles = "\n".join(f"- {lang}: {i18n.gettext(desc['title'], lang)}" for lang in descriptor.LANGUAGES)
    template = string.Template((root / README_TEMPLATE).read_text(encoding="utf-8"))
    text = template.substitute(
        version=version, date=date, title=desc["title"], description=desc["description"], titles=titles,
        licence=desc["licenses"][0]["title"], licence_url=desc["licenses"][0]["path"], tables=tables,
        hedges=descriptor.field("indicators", "comparator")["description"], previous=compared,
        bibtex=cite("bibtex"), apa=cite("apa"), count=len(members) + 1,
    )
    (out / "README.md").write_text(text, encoding="utf-8")


def _run(command: list[str], what: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"release: building the {what} failed: {' '.join(command)}")


def source_date_epoch(date: str) -> int:
    """The release day at midnight UTC, as ``SOURCE_DATE_EPOCH``.

    >>> source_date_epoch("2026-11-29")
    1795910400
    """
    return calendar.timegm(dt.date.fromisoformat(date).timetuple())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the release files (default: dist/)")
    parser.add_argument("--previous", type=Path, help="the previous release (zip, folder or datapackage.json) "
                        "to list the changes against (default: the newest older git tag v*)")
    args = parser.parse_args(argv)

    date, problems = release_date(ROOT, __version__)
    for problem in problems:
        print(f"release: {problem}", file=sys.stderr)
    if problems:
        return 1
    checks: list[tuple[list[str], str]] = [
        ([sys.executable, str(ROOT / "scripts" / "update_metadata.py"), "--check"],
         "the metadata files are stale (python scripts/update_metadata.py)"),
        ([sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--check"],
         "the docs are stale (python scripts/build_docs.py)"),
    ]
    from kz_between_chairs.validate import main as validate

    if validate([str(ROOT / "datapackage.json")]) != 0:
        print("release: kz-between-chairs validate found problems; nothing was built", file=sys.stderr)
        return 1
    for command, problem in checks:
        if subprocess.run(command).returncode:
            print(f"release: {problem}; nothing was built", file=sys.stderr)
            return 1

    env = {**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch(date))}
    # Staged outside the repository: nothing of a release can leak into the sdist.
    with tempfile.TemporaryDirectory(prefix="kz-release-") as tmp:
        staging = Path(tmp)
        if staging.resolve().is_relative_to(ROOT.resolve()):
            print(f"release: the temporary folder {staging} is inside the repository; set TMPDIR elsewhere",
                  file=sys.stderr)
            return 1
        built, files, scratch = staging / "zip", staging / "files", staging / "previous"
        for folder in (built, files, scratch):
            folder.mkdir()
        build_formats(built)
        build_metadata(ROOT, built, __version__)
        compared = build_changes(ROOT, built, __version__, args.previous, scratch)
        build_site(ROOT, built)
        generated = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
        members = sorted({*zip_members(ROOT), *generated})
        build_readme(ROOT, built, __version__, date, compared, members)
        generated.append("README.md")
        contents = {m: (built / m if m in generated else ROOT / m) for m in members + ["README.md"]}
        (built / CHECKSUMS).write_bytes("".join(
            f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {m}\n" for m, path in sorted(contents.items())
        ).encode())
        generated.append(CHECKSUMS)
        write_zip(ROOT, files / f"{NAME}-{__version__}.zip", date, {m: built / m for m in generated})
        _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
              "--wheel-dir", str(files), str(ROOT)], "wheel", env)
        _run([sys.executable, "-m", "hatchling", "build", "--target", "sdist", "--directory", str(files)], "sdist", env)
        names = sorted(p.name for p in files.iterdir())
        (files / CHECKSUMS).write_text(sha256sums(files, names), encoding="utf-8", newline="\n")
        args.out.mkdir(parents=True, exist_ok=True)
        for name in [*names, CHECKSUMS]:
            shutil.move(files / name, args.out / name)
            print(f"built: {args.out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
