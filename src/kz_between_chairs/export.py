"""Export every table in one language, or in all four: CSV, JSON, Parquet,
Excel, SQLite, Stata or SPSS.

* ``csv``: ``<table>.csv``, UTF-8 without BOM, like the package's own files
  (dates as ``YYYY-MM-DD``, empty cells empty).  Excel guesses a legacy code
  page for a CSV and garbles Kazakh and Russian text: for Excel use ``xlsx``.
  With ``excel_safe`` a text cell that starts with ``=``, ``+``, ``-`` or ``@``
  gets a leading ``'`` so that no spreadsheet runs it as a formula; the data
  never holds such cells, but a modified copy may.
* ``json``: ``<table>.json``, an array of records, UTF-8, empty cells ``null``.
* ``parquet``: ``<table>.parquet``, the loader's dtypes, field descriptions in
  the Arrow schema (extra ``parquet``; :mod:`.formats.parquet`).
* ``xlsx``: one workbook ``kz-between-chairs.<lang>.xlsx`` (extra ``xlsx``;
  :mod:`.formats.workbook`).
* ``sqlite``: ``kz-between-chairs.sqlite`` with every language in it, and
  Datasette's ``metadata.json`` (:mod:`.formats.sqlite`).
* ``dta``, ``sav``: ``<table>.dta`` (Stata 118) and ``<table>.sav`` (SPSS,
  extra ``spss``) with variable and value labels (:mod:`.formats.stats`).

With ``lang="all"`` the per-table files of each language go to a folder
``<lang>/``; the workbooks carry the language in their name, and the database
holds all of them.

Nothing is half-written: every file is first written into a hidden folder
``.kz-export-<pid>-<random>`` inside the target and renamed into place only
when all of them are complete; an export that fails or is interrupted removes
that folder, and one killed outright leaves it for the next export to remove.
A file of the same name from an earlier export is replaced only with
``force=True``; files this export does not write are never touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .descriptor import LANGUAGES
from .i18n import check_language
from .loader import load, tables

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "json", "parquet", "xlsx", "sqlite", "dta", "sav")
"""The export formats, as ``--format`` takes them."""

ALL = "all"
"""The ``lang`` that exports every language at once."""

EXTRAS = {"parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "xlsx"), "sav": ("pyreadstat", "spss")}
"""format -> (the library it needs, the extra that installs it)."""

EXCEL_TRIGGERS = ("=", "+", "-", "@")
"""First characters that make a spreadsheet read a CSV cell as a formula."""

STAGING_PREFIX = ".kz-export-"
"""Name prefix of the hidden folder an export writes into before renaming."""

_DATE = "%Y-%m-%d"
_STAGING = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-[0-9a-f]+$")


class MissingExtra(ImportError):
    """A format needs a library that is not installed; names the extra."""

    def __init__(self, fmt: str) -> None:
        self.library, self.extra = EXTRAS[fmt]
        super().__init__(f"{fmt} export needs {self.library}: pip install 'kz-between-chairs[{self.extra}]'")


class WouldReplace(FileExistsError):
    """The export would replace files of an earlier one and ``force`` is off."""

    def __init__(self, existing: list[Path]) -> None:
        self.existing = existing
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        super().__init__(f"{existing[0]} exists{more}; nothing was written. "
                         "Pass --force to replace the files of the same name")


def export(
    out: str | Path, lang: str, fmt: str = "csv", *, force: bool = False, excel_safe: bool = False,
    codes: str = "codes",
) -> list[Path]:
    """Write every table in ``lang`` (or ``"all"``) to the folder ``out``
    (created if missing) as ``fmt``; returns the paths written.
    ``codes="labels"`` writes code columns in words, as
    :func:`kz_between_chairs.load` reads them.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = export(folder, "kk", "csv")
    ...     events = Path(folder, "events.csv").read_text(encoding="utf-8")
    ...     again = export(folder, "kk", "csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kz_between_chairs.export.WouldReplace: .../sources.csv exists (and ... more); nothing was written. Pass --force to replace the files of the same name
    >>> [p.name for p in written][:2]
    ['sources.csv', 'entity_types.csv']
    >>> events.splitlines()[0].startswith("event_id,event_type,date,date_start,date_end")
    True
    >>> export(".", "kk", "ods")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'ods'; allowed: csv, json, parquet, xlsx, sqlite, dta, sav
    >>> export("", "kk", "csv")
    Traceback (most recent call last):
    ...
    ValueError: the output folder is empty: name a folder
    """
    if not str(out).strip():
        raise ValueError("the output folder is empty: name a folder")
    langs = LANGUAGES if lang == ALL else (check_language(lang),)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if excel_safe and fmt != "csv":
        raise ValueError("excel_safe applies to csv only (the other formats store text as text)")
    _require(fmt)
    jobs = _jobs(fmt, langs, nested=lang == ALL, excel_safe=excel_safe, codes=codes)
    folder = Path(out)
    existing = [folder / rel for rel in jobs if os.path.lexists(folder / rel)]
    if existing and not force:
        raise WouldReplace(existing)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(folder)
    return _atomically(folder, jobs)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders of exports that were killed (their process
    is gone); returns what was removed."""
    removed = []
    for path in folder.glob(STAGING_PREFIX + "*"):
        match = _STAGING.match(path.name)
        if match and path.is_dir() and not path.is_symlink() and not _alive(int(match.group(1))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier run in this process, long finished
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def _require(fmt: str) -> None:
    if fmt in EXTRAS:
        try:
            __import__(EXTRAS[fmt][0])
        except ImportError:
            raise MissingExtra(fmt) from None


def _jobs(
    fmt: str, langs: tuple[str, ...], nested: bool, excel_safe: bool, codes: str = "codes"
) -> dict[str, Callable[[Path], None]]:
    """Relative path -> a function that writes that file."""
    from .formats import parquet, sqlite, stats, workbook

    if fmt == "sqlite":
        return {sqlite.FILENAME: sqlite.write, "metadata.json": sqlite.write_datasette_metadata}
    jobs: dict[str, Callable[[Path], None]] = {}
    for lang in langs:
        frames = {name: load(name, lang, codes=codes) for name in tables()}
        if fmt == "xlsx":
            jobs[workbook.filename(lang)] = _bind(workbook.write, lang=lang, frames=frames)
            continue
        prefix = f"{lang}/" if nested else ""
        for name, frame in frames.items():
            if fmt == "csv":
                job = _bind(_csv, frame=frame, excel_safe=excel_safe)
            elif fmt == "json":
                job = _bind(_json, frame=frame)
            elif fmt == "parquet":
                job = _bind(parquet.write, name=name, lang=lang, frame=frame)
            else:
                job = _bind(stats.write_dta if fmt == "dta" else stats.write_sav, name=name, lang=lang, frame=frame)
            jobs[f"{prefix}{name}.{fmt}"] = job
    return jobs


def _bind(write: Callable[..., None], **kwargs) -> Callable[[Path], None]:
    return lambda path: write(path, **kwargs)


def _atomically(folder: Path, jobs: dict[str, Callable[[Path], None]]) -> list[Path]:
    """Run every job into a hidden staging folder inside ``folder``, then
    rename the files into place; the staging folder goes in any case."""
    staging = folder / f"{STAGING_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:12]}"
    staging.mkdir()
    try:
        with _terminate_as_exit():
            for rel, job in jobs.items():
                (staging / rel).parent.mkdir(parents=True, exist_ok=True)
                job(staging / rel)
            for rel in jobs:
                (folder / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, folder / rel)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / rel for rel in jobs]


@contextlib.contextmanager
def _terminate_as_exit():
    """SIGTERM (a plain ``kill``) unwinds like Ctrl-C, so ``finally`` cleans up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _number(value: float) -> str:
    # shortest round-trip text, as the package's CSV writes it: 200, not 200.0
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _csv(path: Path, frame: pd.DataFrame, excel_safe: bool = False) -> None:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == "boolean":  # as the package writes them, not True/False
            frame[column] = frame[column].map({True: "true", False: "false"})
        elif excel_safe and frame[column].dtype.kind not in "fiuMb" and str(frame[column].dtype) != "Int64":
            frame[column] = frame[column].astype("string").map(neutralise)
    frame.to_csv(
        path, index=False, encoding="utf-8", lineterminator="\n", date_format=_DATE, float_format=_number
    )


def neutralise(cell):
    """A text cell a spreadsheet will not run as a formula.

    >>> neutralise("=1+2"), neutralise("-5"), neutralise("kazakhstan")
    ("'=1+2", "'-5", 'kazakhstan')
    """
    return "'" + cell if isinstance(cell, str) and cell.startswith(EXCEL_TRIGGERS) else cell


def _json(path: Path, frame: pd.DataFrame) -> None:
    dated = frame.copy()
    for column in dated.columns:
        if dated[column].dtype.kind == "M":
            dated[column] = dated[column].dt.strftime(_DATE)
    dated.to_json(path, orient="records", force_ascii=False, indent=2)
