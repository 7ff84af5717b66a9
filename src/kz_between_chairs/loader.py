"""Load the tables as typed pandas DataFrames.

Every dtype is derived from the Table Schema in ``datapackage.json`` (read
through :mod:`kz_between_chairs.descriptor`), never written down here per
column:

=====================================  ==========================================
schema                                 pandas dtype
=====================================  ==========================================
``string``                             ``string`` (empty cell: ``<NA>``)
``string`` with ``constraints.enum``   ``category``; categories = the enum, in order
foreign key into a vocabulary          ``category``; categories = the vocabulary's
                                       codes, in its row order
``number``                             ``float64`` (empty cell: ``NaN``)
``integer``, ``year``                  ``Int64`` (nullable, whether or not the
                                       column has empty cells today)
``boolean``                            ``boolean`` (nullable)
``date``, ``datetime``                 ``datetime64`` (empty cell: ``NaT``)
=====================================  ==========================================

EDTF columns (``date``, ``period``, ``published``) are schema strings and stay
strings: ``date_start``/``date_end`` hold their bounds as dates.  ``number``
is ``float64`` rather than the nullable ``Float64`` because every numpy-based
tool (statistics, plotting) takes it as is and ``NaN`` is the float's own
empty value; integers are nullable ``Int64`` so that an empty cell does not
turn them into floats.

A *vocabulary* is a code list: a table with a one-column primary key, label
columns and no foreign keys of its own (``entity_types``, ``event_types``,
``units``, ``measures``, ``predicates``, ``vote_choices``, ``verdicts``).  Its own key column is an id like
any other (``string``); the columns that point into it are categoricals.

With ``lang`` the per-language columns ``label_<lang>`` and
``description_<lang>`` become ``label`` and ``description`` and the other
languages' columns are dropped.  The vocabularies describe their codes in
English only (``description_en``): their ``description`` is that English text
in every language, the same fallback gettext uses for an untranslated string.
The German quotes of the article (``quote_de``) are data, not labels, and
stay.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import descriptor
from ._paths import package_root

if TYPE_CHECKING:  # pandas is imported on first load, not with the package
    import pandas as pd

LOCALISED = ("label", "description")
"""Prefixes of the per-language columns (``label_de`` ... ``description_en``)."""

_DTYPES = {"number": "float64", "integer": "Int64", "year": "Int64"}  # else "string"
# schema type -> (format for pandas.to_datetime, the shape named in errors)
_DATE_FORMATS = {"date": ("%Y-%m-%d", "YYYY-MM-DD"), "datetime": ("ISO8601", "ISO 8601")}
# Table Schema's defaults for boolean fields without trueValues/falseValues.
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")


def tables() -> list[str]:
    """Names of the tables, in descriptor order.

    >>> tables()[:2]
    ['sources', 'entity_types']
    """
    return descriptor.table_names()


def load(name: str, lang: str | None = None, *, statement: bool = False) -> pd.DataFrame:
    """The table ``name`` as a typed DataFrame; with ``lang`` (de, en, kk, ru)
    its labels in that language as ``label`` (and ``description``).

    Dtypes follow the schema (see the module documentation).  An unknown
    table or language raises ValueError naming the allowed values.  With
    ``statement=True`` (indicators only, with a ``lang``) a column
    ``statement`` states each indicator as a sentence in that language.

    >>> load("indicators", lang="ru", statement=True).set_index("indicator_id").loc["kaspi_value_loss", "statement"]
    'Kaspi Bank с 24 февраля 2022\u202fг. по март 2022\u202fг. потерял 45\xa0% своей рыночной стоимости.'

    >>> entities = load("entities", lang="kk")
    >>> entities.set_index("entity_id").loc["kazakhstan", "label"]
    'Қазақстан'
    >>> "label_de" in entities.columns
    False
    >>> events = load("events")
    >>> str(events["event_type"].dtype), str(events["event_id"].dtype)
    ('category', 'string')
    >>> list(events["event_type"].cat.categories) == list(load("event_types")["event_type"])
    True
    >>> events["date_start"].dtype.kind
    'M'
    >>> load("events", lang="fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'fr'; allowed: de, en, kk, ru
    """
    plan = _plan(name)
    if statement and (name != "indicators" or lang is None):
        raise ValueError("statement=True needs name='indicators' and a lang (de, en, kk, ru)")
    if lang is not None:
        # imported here: i18n is only needed once a language is asked for
        from .i18n import check_language

        check_language(lang)
    frame = _read(plan)
    if lang is not None:
        frame = localise(frame, lang)
    if statement:
        from .statements import column

        frame["statement"] = column(frame, lang)
    return frame


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep the ``lang`` column of every per-language group as ``label`` /
    ``description`` and drop the others; English stands in where a group has
    no column in ``lang``.

    >>> import pandas as pd
    >>> raw = pd.DataFrame({"unit": ["percent"], "label_en": ["percent"],
    ...                     "label_ru": ["процент"], "description_en": ["0 to 100"]})
    >>> localise(raw, "ru").to_dict("records")
    [{'unit': 'percent', 'label': 'процент', 'description': '0 to 100'}]
    """
    groups: dict[str, list[str]] = {}
    for column in frame.columns:
        prefix, _, tag = column.rpartition("_")
        if prefix in LOCALISED and tag in descriptor.LANGUAGES:
            groups.setdefault(prefix, []).append(column)
    rename, drop = {}, []
    for prefix, columns in groups.items():
        preferred = [f"{prefix}_{tag}" for tag in (lang, "en")]
        keep = next((c for c in preferred if c in columns), columns[0])
        rename[keep] = prefix
        drop += [c for c in columns if c != keep]
    return frame.drop(columns=drop).rename(columns=rename)


def dtypes(name: str) -> dict[str, str]:
    """The pandas dtype of every column of ``load(name)``, from the schema.

    >>> dtypes("indicators")["value"], dtypes("indicators")["unit"]
    ('float64', 'category')
    """
    return dict(_plan(name).result)


@dataclass(frozen=True)
class _Plan:
    """How to read one table: everything derived from its schema, once."""

    path: Path
    source: str  # the resource path (data/events.csv), as errors name the file
    encoding: str
    columns: tuple[str, ...]
    read: dict[str, str]  # column -> dtype for read_csv
    result: dict[str, str]  # column -> dtype of the loaded column
    na_values: tuple[str, ...]
    dates: dict[str, tuple[str, str]]  # column -> _DATE_FORMATS entry
    booleans: dict[str, dict[str, bool]]  # column -> cell text -> value
    references: dict[str, tuple[str, str]]  # column -> (vocabulary, its key)
    enums: dict[str, tuple[str, ...]]  # column -> constraints.enum


@lru_cache(maxsize=None)
def _plan(name: str) -> _Plan:
    res = descriptor.resource(name)
    schema = res["schema"]
    references = {
        column: target
        for column, target in descriptor.foreign_keys(name).items()
        if target[0] in descriptor.vocabularies()
    }
    read, result, dates, booleans, enums = {}, {}, {}, {}, {}
    for field in schema["fields"]:
        column, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        if kind in _DATE_FORMATS:
            read[column], result[column] = "string", "datetime64"
            dates[column] = _DATE_FORMATS[kind]
        elif kind == "boolean":
            # mapped after reading, with the schema's own true and false values
            read[column], result[column] = "string", "boolean"
            booleans[column] = {
                **{text: True for text in field.get("trueValues", _TRUE)},
                **{text: False for text in field.get("falseValues", _FALSE)},
            }
        elif column in references or (enum is not None and kind == "string"):
            read[column] = result[column] = "category"
            if column not in references:
                enums[column] = tuple(enum)
        else:
            read[column] = result[column] = _DTYPES.get(kind, "string")
    return _Plan(
        path=package_root() / res["path"],
        source=res["path"],
        encoding=res.get("encoding", "utf-8"),
        columns=tuple(f["name"] for f in schema["fields"]),
        read=read,
        result=result,
        na_values=tuple(schema.get("missingValues", [""])),
        dates=dates,
        booleans=booleans,
        references=references,
        enums=enums,
    )


@lru_cache(maxsize=None)
def _codes(table: str, field: str) -> tuple[str, ...]:
    """The values of ``table.field`` in row order (the categories of the
    columns that point into it); read with csv: it is one small column."""
    plan = _plan(table)
    with plan.path.open(encoding=plan.encoding, newline="") as fh:
        rows = csv.reader(fh)
        at = next(rows).index(field)
        return tuple(row[at] for row in rows)


def _read(plan: _Plan) -> pd.DataFrame:
    import pandas as pd

    where = plan.source
    try:
        frame = pd.read_csv(
            plan.path,
            encoding=plan.encoding,
            dtype=plan.read,
            keep_default_na=False,
            na_values=list(plan.na_values),
        )
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{where}: {exc}") from exc
    if tuple(frame.columns) != plan.columns:
        raise ValueError(
            f"{where}: columns {', '.join(frame.columns)} do not match the schema's "
            f"{', '.join(plan.columns)}"
        )
    for column, (fmt, shape) in plan.dates.items():
        parsed = pd.to_datetime(frame[column], format=fmt, errors="coerce")
        _refuse(frame[column], frame[column].notna() & parsed.isna(), where, f"is not a date ({shape})")
        frame[column] = parsed
    for column, values in plan.booleans.items():
        _check(frame[column], values, where)
        frame[column] = frame[column].map(values).astype("boolean")
    for column, target in plan.references.items():
        frame[column] = _categorical(frame[column], _codes(*target), where)
    for column, enum in plan.enums.items():
        frame[column] = _categorical(frame[column], enum, where)
    return frame


def _categorical(series: pd.Series, codes: tuple[str, ...], where: str) -> pd.Series:
    _check(series, codes, where)
    return series.cat.set_categories(list(codes))


def _check(series: pd.Series, allowed, where: str) -> None:
    # set_categories and map would silently turn a stray value into an empty cell
    bad = series.notna() & ~series.isin(list(allowed))
    _refuse(series, bad, where, f"is not allowed; allowed: {', '.join(map(str, allowed))}")


def _refuse(series: pd.Series, bad: pd.Series, where: str, problem: str) -> None:
    """ValueError ``file:row:column: 'cell' problem`` for the first ``bad`` cell."""
    if bad.any():
        first = bad.idxmax()
        # the header is line 1 and the index counts from 0
        raise ValueError(f"{where}:{first + 2}:{series.name}: {series[first]!r} {problem}")
