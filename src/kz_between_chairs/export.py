"""Export every table in one language: CSV, JSON, Parquet or one Excel workbook.

* ``csv``: ``<table>.csv``, UTF-8 without BOM, like the package's own files
  (dates as ``YYYY-MM-DD``, empty cells empty).  Excel guesses a legacy code
  page for a CSV and garbles Kazakh and Russian text: for Excel use ``xlsx``.
* ``json``: ``<table>.json``, an array of records, UTF-8, empty cells ``null``.
* ``parquet``: ``<table>.parquet`` with the loader's dtypes (extra ``parquet``).
* ``xlsx``: one workbook ``kz-between-chairs.<lang>.xlsx`` with a sheet per
  table (extra ``xlsx``); text that starts with ``=`` stays text, never a
  formula.

Every file is first written to a hidden temporary file in the target folder
and renamed into place only when all of them are complete, so an export that
fails leaves the folder as it was.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .i18n import check_language
from .loader import load, tables

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "json", "parquet", "xlsx")
"""The export formats, as ``--format`` takes them."""

EXTRAS = {"parquet": ("pyarrow", "parquet"), "xlsx": ("openpyxl", "xlsx")}
"""format -> (the library it needs, the extra that installs it)."""

_DATE = "%Y-%m-%d"
_XLSX_WIDTH = 60  # widest column of a sheet, in characters


class MissingExtra(ImportError):
    """A format needs a library that is not installed; names the extra."""

    def __init__(self, fmt: str) -> None:
        self.library, self.extra = EXTRAS[fmt]
        super().__init__(f"{fmt} export needs {self.library}: pip install 'kz-between-chairs[{self.extra}]'")


def export(out: str | Path, lang: str, fmt: str = "csv") -> list[Path]:
    """Write every table in ``lang`` to the folder ``out`` (created if missing)
    as ``fmt``; returns the paths written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = export(folder, "kk", "csv")
    ...     events = Path(folder, "events.csv").read_text(encoding="utf-8")
    >>> [p.name for p in written][:2]
    ['sources.csv', 'entity_types.csv']
    >>> events.splitlines()[0].startswith("event_id,event_type,date,date_start,date_end")
    True
    >>> export(".", "kk", "ods")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'ods'; allowed: csv, json, parquet, xlsx
    """
    check_language(lang)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")
    _require(fmt)
    frames = {name: load(name, lang) for name in tables()}
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        jobs = {folder / f"kz-between-chairs.{lang}.xlsx": lambda path: _xlsx(frames, path)}
    else:
        write = {"csv": _csv, "json": _json, "parquet": _parquet}[fmt]
        jobs = {folder / f"{name}.{fmt}": _bind(write, frame) for name, frame in frames.items()}
    return _atomically(jobs)


def _require(fmt: str) -> None:
    if fmt in EXTRAS:
        try:
            __import__(EXTRAS[fmt][0])
        except ImportError:
            raise MissingExtra(fmt) from None


def _bind(write: Callable[[pd.DataFrame, Path], None], frame: pd.DataFrame) -> Callable[[Path], None]:
    return lambda path: write(frame, path)


def _atomically(jobs: dict[Path, Callable[[Path], None]]) -> list[Path]:
    """Run every job on a temporary file beside its target, then rename them
    all into place; on any error remove the temporary files and re-raise."""
    temporary: dict[Path, Path] = {}
    try:
        for target, job in jobs.items():
            # the real suffix last: some writers pick the format from it
            temp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}")
            temporary[target] = temp
            job(temp)
        for target, temp in temporary.items():
            os.replace(temp, target)
    finally:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
    return list(jobs)


def _number(value: float) -> str:
    # shortest round-trip text, as the package's CSV writes it: 200, not 200.0
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _csv(frame: pd.DataFrame, path: Path) -> None:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == "boolean":  # as the package writes them, not True/False
            frame[column] = frame[column].map({True: "true", False: "false"})
    frame.to_csv(
        path, index=False, encoding="utf-8", lineterminator="\n", date_format=_DATE, float_format=_number
    )


def _json(frame: pd.DataFrame, path: Path) -> None:
    dated = frame.copy()
    for column in dated.columns:
        if dated[column].dtype.kind == "M":
            dated[column] = dated[column].dt.strftime(_DATE)
    dated.to_json(path, orient="records", force_ascii=False, indent=2)


def _parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, engine="pyarrow", index=False)


def _xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    import pandas as pd
    from openpyxl.utils import get_column_letter

    with pd.ExcelWriter(path, engine="openpyxl") as book:
        for name, frame in frames.items():
            frame.to_excel(book, sheet_name=name, index=False)
            sheet = book.sheets[name]
            sheet.freeze_panes = "A2"
            for number, column in enumerate(sheet.iter_cols(), start=1):
                for cell in column:
                    if cell.data_type == "f":  # openpyxl takes "=..." for a formula
                        cell.data_type = "s"
                    elif cell.is_date:
                        cell.number_format = "YYYY-MM-DD"
                widest = max(len(str(cell.value or "")) for cell in column)
                sheet.column_dimensions[get_column_letter(number)].width = min(widest + 2, _XLSX_WIDTH)
