"""Stata (``.dta``, version 118, UTF-8) and SPSS (``.sav``) files: one per
table and language, as both tools hold one table per file.

* Variable labels: the column titles of the codebook in the language (Stata
  keeps 80 characters of a label, SPSS 120 bytes of a value label; longer
  ones are cut there).
* Value labels on every coded column: a column pointing into a vocabulary
  (types, units, measures, predicates) gets integer codes labelled with the
  vocabulary's label in the language; a closed list (hedges, roles, name
  types, languages) gets its codes as labels; booleans are 0/1 labelled
  ``false``/``true``.  The integer codes follow the order of the vocabulary
  (1, 2, ...), so they are the same in every language and every table.
* Dates are Stata daily dates (``%td``) and SPSS ``DATE`` variables; EDTF
  columns stay text; a missing text is an empty string, as both tools store it.

Stata through pandas' writer, SPSS through pyreadstat (extra ``spss``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import descriptor, i18n
from ..loader import load
from . import coded, labels, title

if TYPE_CHECKING:
    import pandas as pd

STATA_LABEL = 80
"""Stata's longest variable label, in characters."""
SPSS_VALUE_LABEL = 120
"""SPSS's longest value label, in bytes (UTF-8)."""
_BOOLEAN_LABELS = {0: "false", 1: "true"}


def prepare(name: str, lang: str, frame: pd.DataFrame | None = None):
    """``(frame, variable labels, value labels)`` of table ``name`` in
    ``lang``: coded columns as float codes 1, 2, ... (empty: missing), text as
    plain strings, dates as ``datetime64``.

    >>> frame, variables, values = prepare("events", "ru")
    >>> values["event_type"][1], variables["event_id"]
    ('Протест', 'Событие')
    """
    import pandas as pd

    frame = load(name, lang) if frame is None else frame
    out = pd.DataFrame(index=frame.index)
    vocabularies = coded(name)
    variables, values = {}, {}
    for column in frame.columns:
        series = frame[column]
        variables[column] = title(name, column, lang)
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = [str(c) for c in series.cat.categories]
            if column in vocabularies:
                named = labels(vocabularies[column][0], lang)
                values[column] = {i: named.get(c, c) or c for i, c in enumerate(categories, start=1)}
            else:
                values[column] = dict(enumerate(categories, start=1))
            out[column] = (series.cat.codes + 1).astype("float64").where(series.notna())
        elif str(series.dtype) == "boolean":
            values[column] = dict(_BOOLEAN_LABELS)
            out[column] = series.astype("Float64").astype("float64")
        elif series.dtype.kind == "M":
            out[column] = series.astype("datetime64[ns]")
        elif series.dtype.kind in "fiu" or str(series.dtype) == "Int64":
            out[column] = series.astype("Float64").astype("float64")
        else:
            out[column] = series.astype(object).where(series.notna(), "").astype(str).astype(object)
    return out, variables, values


def write_dta(path: str | Path, name: str, lang: str, frame: pd.DataFrame | None = None) -> None:
    """Write table ``name`` in ``lang`` as a Stata 118 file."""
    from ..__about__ import __version__

    data, variables, values = prepare(name, lang, frame)
    dates = {c: "td" for c in data.columns if data[c].dtype.kind == "M"}
    res = descriptor.resource(name)
    data.to_stata(
        path,
        version=118,
        write_index=False,
        convert_dates=dates,
        variable_labels={c: t[:STATA_LABEL] for c, t in variables.items()},
        value_labels=values,
        data_label=f"kz-between-chairs {__version__}: {i18n.gettext(res.get('title', name), lang)}"[:STATA_LABEL],
        time_stamp=_release_time(),
    )


def write_sav(path: str | Path, name: str, lang: str, frame: pd.DataFrame | None = None) -> None:
    """Write table ``name`` in ``lang`` as an SPSS file (pyreadstat)."""
    import pyreadstat

    data, variables, values = prepare(name, lang, frame)
    for column in data.columns:
        if data[column].dtype.kind == "M":  # pyreadstat writes datetime.date as DATE
            dates = data[column]
            data[column] = dates.dt.date.astype(object).where(dates.notna(), None)
    measures = {c: "nominal" for c in values}
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels=variables,
        variable_value_labels={
            c: {float(k): cut(v, SPSS_VALUE_LABEL) for k, v in labels_.items()} for c, labels_ in values.items()
        },
        variable_measure=measures,
        file_label=i18n.gettext(descriptor.resource(name).get("title", name), lang),
    )


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` bytes of UTF-8, never splitting a character.

    >>> cut("Қазақстан", 5)
    'Қа'
    """
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def _release_time():
    import datetime as dt

    created = descriptor.read()["created"].replace("Z", "+00:00")
    return dt.datetime.fromisoformat(created).replace(tzinfo=None)
