"""One Excel workbook per language (extra ``xlsx``), for readers who work in
a spreadsheet:

1. a first sheet on what the dataset is, its version, licence, how to cite it,
   the legend of the hedges and the list of sheets;
2. the codebook of every table;
3. one sheet per table, named as the table (all names are within Excel's 31
   characters), headed by the column titles in the language, with a
   ``… (label)`` column beside every code that points into a labelled table.

Codes and ids are stored as text with the text number format ``@``, so
``023`` stays ``023`` and an edited cell stays text; dates are dates shown as
``YYYY-MM-DD``; no cell is ever a formula.  Every table sheet has an
autofilter and a frozen header row.  The document properties carry title,
author, version and language.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from .. import descriptor, i18n
from ..__about__ import __version__
from ..loader import load
from . import coded, description, labels, title

MAX_SHEET_NAME = 31
"""Excel refuses longer sheet names."""
_WIDTH = 60  # widest column, in characters
_TEXT = "@"
_DATE = "YYYY-MM-DD"


def filename(lang: str) -> str:
    """The workbook's file name.

    >>> filename("kk")
    'kz-between-chairs.kk.xlsx'
    """
    return f"kz-between-chairs.{lang}.xlsx"


def write(path: str | Path, lang: str, frames: dict | None = None) -> None:
    """Write the workbook of ``lang`` to ``path``; ``frames`` (table ->
    ``load(table, lang)``) may be given to reuse frames already loaded."""
    from openpyxl import Workbook

    i18n.check_language(lang)
    _ = partial(i18n.gettext, lang=lang)
    frames = frames or {name: load(name, lang) for name in descriptor.table_names()}
    package = descriptor.read()
    book = Workbook()
    about = book.active
    about.title = _sheet_name(_("About"))
    _about(about, lang, package)
    _codebook(book.create_sheet(_sheet_name(_("Codebook"))), lang)
    for name, frame in frames.items():
        _table(book.create_sheet(_sheet_name(name)), name, _with_labels(name, frame, lang), lang)
    props = book.properties
    props.title = i18n.gettext(package["title"], lang)
    props.subject = i18n.gettext(package["description"], lang)
    props.creator = ", ".join(c["title"] for c in package.get("contributors", []))
    props.version = __version__
    props.language = lang
    props.keywords = ", ".join(package.get("keywords", []))
    # fixed dates: the same data gives the same document properties
    stamp = _released(package)
    props.created = props.modified = stamp
    book.save(path)


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    return name[:MAX_SHEET_NAME]


def _released(package: dict):
    import datetime as dt

    return dt.datetime.fromisoformat(package["created"].replace("Z", "+00:00")).replace(tzinfo=None)


def _about(sheet, lang: str, package: dict) -> None:
    from openpyxl.styles import Alignment, Font

    from ..citation import cite

    _ = partial(i18n.gettext, lang=lang)
    licence = package["licenses"][0]
    hedges = descriptor.field("indicators", "comparator")
    rows = [
        (_("Dataset"), i18n.gettext(package["title"], lang)),
        (_("Description"), i18n.gettext(package["description"], lang)),
        (_("Version"), __version__),
        (_("Licence"), f"{licence['name']}: {licence.get('title', '')}, {licence['path']}"),
        (_("How to cite"), cite("apa")),
        (_("Hedges"), i18n.gettext(hedges["description"], lang)),
        (_("Codes"), _(
            "Codes and ids are text: keep them as text, or leading zeros are lost "
            "(CAMEO code 023 is not the number 23). Empty cells are missing values."
        )),
        (_("Sheets"), ""),
        (_sheet_name(_("Codebook")), _("every column of every table: type, whether it is required, "
                                       "where its values come from, what it holds")),
    ]
    rows += [(name, i18n.gettext(descriptor.resource(name).get("title", ""), lang)) for name in descriptor.table_names()]
    for row in rows:
        sheet.append(list(row))
    for first, second in sheet.iter_rows(max_col=2):
        first.font = Font(bold=True)
        second.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in (first, second):
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 100


def _codebook(sheet, lang: str) -> None:
    from ..codebook import describe

    _ = partial(i18n.gettext, lang=lang)
    header = [_("Table"), _("Column"), _("Heading"), _("Type"), _("Required"), _("Values"), _("Description")]
    sheet.append(header)
    for name in descriptor.table_names():
        for row in describe(name, lang).itertuples(index=False):
            values = row.references or ", ".join(map(str, row.allowed))
            sheet.append([name, row.field, row.title, row.type, bool(row.required), values, row.description])
    _finish(sheet, text_columns=(1, 2, 3, 4, 6, 7))


def _with_labels(name: str, frame, lang: str):
    """The frame with ``<column>_label`` after every coded column."""
    out = frame.copy()
    for column, (target, _key) in reversed(list(coded(name).items())):
        if column not in out.columns:
            continue
        names = labels(target, lang)
        at = list(out.columns).index(column) + 1
        out.insert(at, f"{column}_label", out[column].astype("string").map(names))
    return out


def _heading(name: str, column: str, lang: str) -> str:
    if column.endswith("_label") and column.removesuffix("_label") in coded(name):
        # Translators: heading of the column that gives the label of a code; {column} is the code's heading.
        return i18n.gettext("{column} (label)", lang).format(column=title(name, column.removesuffix("_label"), lang))
    return title(name, column, lang)


def _table(sheet, name: str, frame, lang: str) -> None:
    from openpyxl.comments import Comment

    headings = [_heading(name, c, lang) for c in frame.columns]
    # two columns with one title would be ambiguous in a filter: add the name
    headings = [h if headings.count(h) == 1 else f"{h} ({c})" for h, c in zip(headings, frame.columns)]
    sheet.append(headings)
    for cell, column in zip(sheet[1], frame.columns):
        text = description(name, column, lang)
        cell.comment = Comment(f"{column}: {text}" if text else column, "kz-between-chairs")
    kinds = {c: frame[c].dtype for c in frame.columns}
    text_columns = []
    for number, column in enumerate(frame.columns, start=1):
        kind = kinds[column]
        if kind.kind not in "Mfiub" and str(kind) != "boolean" and str(kind) != "Int64":
            text_columns.append(number)
    for values in frame.astype(object).itertuples(index=False):
        sheet.append([_cell(v) for v in values])
    date_columns = [n for n, c in enumerate(frame.columns, start=1) if kinds[c].kind == "M"]
    _finish(sheet, text_columns=text_columns, date_columns=date_columns)


def _cell(value):
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date()
    if hasattr(value, "item"):
        return value.item()
    return value


def _finish(sheet, text_columns=(), date_columns=()) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    text_columns, date_columns = set(text_columns), set(date_columns)
    for column in sheet.iter_cols(min_row=1):
        number = column[0].column
        for cell in column[1:]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=…" stays text
            if number in text_columns:
                cell.number_format = _TEXT
            elif number in date_columns:
                cell.number_format = _DATE
        widest = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[get_column_letter(number)].width = min(widest + 2, _WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
