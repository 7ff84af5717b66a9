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
``units``, ``measures``, ``predicates``, ``vote_choices``, ``verdicts``,
``stances``).  Its own key column is an id like any other (``string``); the
columns that point into it are categoricals.

With ``lang`` the reader gets one language:

* the per-language columns ``label_<lang>`` (and ``description_<lang>``)
  become ``label`` (and ``description``); the other languages' are dropped;
* a table with a row per language (a language tag in its primary key:
  ``entity_names``) keeps the rows of ``lang`` only;
* text that exists in one language only keeps its suffix, so no English
  hides under a neutral name: the code lists are described in English
  (``description_en``, which becomes ``description`` for ``lang="en"``),
  notes are English (``note_en``), and the article's quotes German
  (``quote_de``: data, not labels).

``codes="labels"`` also puts every code column into words in ``lang``: a
foreign key into a table with labels (a vocabulary, an entity, an event) by
that row's label, a column whose schema field lists ``categories`` (Table
Schema 2; ``role``, ``name_type``) by their label from the catalogs, a
language tag by its CLDR name.  The table's own key stays a code (``label``
names the row), and so do the default ``codes="codes"``, which joins.

Reading never guesses.  The rows are tokenised by :mod:`csv` (strict
quoting, the dialect the descriptor declares), not by ``pandas.read_csv``:
pandas pads a short row with empty cells and, even with ``index_col=False``,
drops a cell past the last column, so it cannot say which row is broken.
Every row must have exactly the schema's cells on exactly one line (no cell
of the package holds a line break, so a row running on is an unclosed quote),
required and key cells must be filled, keys unique, and every cell must
parse as its type.  The first cell that does not raises :class:`DataError`
naming ``file:row:column``; rows count the header as row 1.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Union

from . import descriptor
from .copies import Copy
from .csv_format import INTEGER, NUMBER
from .errors import DataError, shown
from .i18n import N_

if TYPE_CHECKING:  # pandas is imported on first load, not with the package
    import pandas as pd

LOCALISED = ("label", "description")
"""Prefixes of the per-language columns (``label_de`` ... ``description_en``)."""

CODES = ("codes", "labels")
"""What ``load(..., codes=)`` gives in a code column: the code, or its label."""

Package = Union[str, Path, None]
"""Where to read from: None (the installed copy), a folder holding
``datapackage.json``, that file, or a release zip (see :mod:`.copies`)."""

_DTYPES = {"number": "float64", "integer": "Int64", "year": "Int64"}  # else "string"
# schema type -> (format for pandas.to_datetime, the shape named in errors)
_DATE_FORMATS = {"date": ("%Y-%m-%d", "YYYY-MM-DD"), "datetime": ("ISO8601", "ISO 8601")}
# Table Schema's defaults for boolean fields without trueValues/falseValues.
_TRUE = ("true", "True", "TRUE", "1")
_FALSE = ("false", "False", "FALSE", "0")
_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes kept by surrogateescape


def tables(*, package: Package = None) -> list[str]:
    """Names of the tables, in descriptor order.

    >>> tables()[:2]
    ['sources', 'entity_types']
    """
    return descriptor.table_names(Copy.of(package).descriptor)


def load(
    name: str,
    lang: str | None = None,
    *,
    codes: str = "codes",
    package: Package = None,
    statement: bool = False,
) -> pd.DataFrame:
    """The table ``name`` as a typed DataFrame; with ``lang`` (de, en, kk, ru)
    in that language: its labels as ``label``, only its rows of a table with
    a row per language, and with ``codes="labels"`` every code column in
    words (see the module documentation).

    Dtypes follow the schema (see the module documentation).  ``package``
    reads another copy of the data package instead of the installed one: a
    folder, its ``datapackage.json`` or a release zip, by the same rules.
    An unknown table or language raises ValueError naming the allowed
    values; a file, row or cell that breaks the rules raises
    :class:`DataError` naming ``file:row:column``.  With ``statement=True``
    (indicators only, with a ``lang``) a column ``statement`` states each
    indicator as a sentence in that language.

    >>> roles = load("event_participants", lang="ru", codes="labels")
    >>> roles.iloc[0][["event_id", "entity_id", "role"]].tolist()
    ['Массовые протесты в Казахстане', 'Казахстан', 'Участник']

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
    copy = Copy.of(package)
    plan = _plan(copy, name)
    if statement and (name != "indicators" or lang is None):
        raise ValueError("statement=True needs name='indicators' and a lang (de, en, kk, ru)")
    if codes not in CODES:
        raise ValueError(f"unknown codes {codes!r}; allowed: {', '.join(CODES)}")
    if codes == "labels" and lang is None:
        raise ValueError("codes='labels' needs a lang (de, en, kk, ru)")
    if lang is not None:
        from .i18n import check_language

        check_language(lang)
    frame = _read(copy, plan)
    if lang is None:
        return frame
    if plan.language_key:
        frame = frame[frame[plan.language_key] == lang].reset_index(drop=True)
    frame = localise(frame, lang)
    if statement:  # from the codes, before they become words
        from .statements import column

        frame["statement"] = column(frame, lang)
    if codes == "labels":
        for column, words in _words(copy, plan, lang).items():
            frame[column] = _relabel(frame[column], words)
    return frame


def localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Keep the ``lang`` column of every per-language group as ``label`` /
    ``description`` and drop the others.  Where a group has no column in
    ``lang``, its English column stands in under its own name (``_en``), so
    that no English hides under a neutral name.

    >>> import pandas as pd
    >>> raw = pd.DataFrame({"unit": ["percent"], "label_en": ["percent"],
    ...                     "label_ru": ["процент"], "description_en": ["0 to 100"]})
    >>> localise(raw, "ru").to_dict("records")
    [{'unit': 'percent', 'label': 'процент', 'description_en': '0 to 100'}]
    >>> list(localise(raw, "en").columns)
    ['unit', 'label', 'description']
    """
    groups: dict[str, list[str]] = {}
    for column in frame.columns:
        prefix, _, tag = column.rpartition("_")
        if prefix in LOCALISED and tag in descriptor.LANGUAGES:
            groups.setdefault(prefix, []).append(column)
    rename, drop = {}, []
    for prefix, columns in groups.items():
        own, english = f"{prefix}_{lang}", f"{prefix}_en"
        keep = own if own in columns else english if english in columns else columns[0]
        if keep == own:
            rename[keep] = prefix
        drop += [c for c in columns if c != keep]
    return frame.drop(columns=drop).rename(columns=rename)


def dtypes(name: str, *, package: Package = None) -> dict[str, str]:
    """The pandas dtype of every column of ``load(name)``, from the schema.

    >>> dtypes("indicators")["value"], dtypes("indicators")["unit"]
    ('float64', 'category')
    """
    return dict(_plan(Copy.of(package), name).result)


@dataclass(frozen=True)
class _Plan:
    """How to read one table: everything derived from its schema, once."""

    name: str
    path: str  # the resource path (data/events.csv)
    file: str  # the file as errors name it
    encoding: str
    delimiter: str
    quote: str
    columns: tuple[str, ...]
    kinds: dict[str, str]  # column -> schema type
    result: dict[str, str]  # column -> dtype of the loaded column
    na_values: frozenset[str]
    required: tuple[int, ...]  # positions of the columns that must not be empty
    key: tuple[int, ...]  # positions of the primary key's columns
    booleans: dict[str, dict[str, bool]]  # column -> cell text -> value
    references: dict[str, tuple[str, str]]  # column -> (vocabulary, its key)
    enums: dict[str, tuple[str, ...]]  # column -> constraints.enum
    links: dict[str, tuple[str, str]]  # column -> (table, key): every single-column foreign key
    categories: dict[str, dict[str, str]]  # column -> code -> English label (Table Schema "categories")
    languages: tuple[str, ...]  # columns holding a language tag of the package
    language_key: str | None  # the key column of a table with one row per language


def _plan(copy: Copy, name: str) -> _Plan:
    if ("plan", name) not in copy.memo:
        desc = copy.descriptor
        res = descriptor.resource(name, desc)
        try:
            copy.memo["plan", name] = _make_plan(copy, res, desc)
        except (AttributeError, IndexError, KeyError, TypeError):
            # a hand-edited descriptor of the wrong shape; the validator says where
            raise DataError(
                copy.file("datapackage.json"), None, None,
                N_("the resource '{table}' is not described as a tabular data resource; "
                   "run kz-between-chairs validate for details"),
                table=name,
            ) from None
    return copy.memo["plan", name]


def _make_plan(copy: Copy, res: dict[str, Any], desc: dict[str, Any]) -> _Plan:
    name, schema, dialect = res["name"], res["schema"], res.get("dialect") or {}
    references = {
        column: target
        for column, target in descriptor.foreign_keys(name, desc).items()
        if target[0] in descriptor.vocabularies(desc)
    }
    kinds, result, booleans, enums, categories, languages = {}, {}, {}, {}, {}, []
    for field in schema["fields"]:
        column, kind = field["name"], field.get("type", "string")
        enum = field.get("constraints", {}).get("enum")
        kinds[column] = kind
        if enum and set(enum) <= set(desc.get("languages") or descriptor.LANGUAGES):
            languages.append(column)
        if field.get("categories"):
            categories[column] = {c["value"]: c["label"] for c in field["categories"] if isinstance(c, dict)}
        if kind in _DATE_FORMATS:
            result[column] = "datetime64"
        elif kind == "boolean":
            result[column] = "boolean"
            booleans[column] = {
                **{text: True for text in field.get("trueValues", _TRUE)},
                **{text: False for text in field.get("falseValues", _FALSE)},
            }
        elif column in references or (enum is not None and kind == "string"):
            result[column] = "category"
            if column not in references:
                enums[column] = tuple(enum)
        else:
            result[column] = _DTYPES.get(kind, "string")
    columns = tuple(field["name"] for field in schema["fields"])
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not set(key) <= set(columns):
        raise KeyError(key)  # a key column the schema lacks: reported as a descriptor of the wrong shape
    required = [f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")]
    return _Plan(
        name=name,
        path=res["path"],
        file=copy.file(res["path"]) if isinstance(res["path"], str) else repr(res["path"]),
        encoding=res.get("encoding", "utf-8"),
        delimiter=dialect.get("delimiter", ","),
        quote=dialect.get("quoteChar", '"'),
        columns=columns,
        kinds=kinds,
        result=result,
        na_values=frozenset(schema.get("missingValues", [""])),
        required=tuple(columns.index(c) for c in columns if c in required or c in key),
        key=tuple(columns.index(c) for c in key),
        booleans=booleans,
        references=references,
        enums=enums,
        links=descriptor.foreign_keys(name, desc),
        categories=categories,
        languages=tuple(languages),
        language_key=next((c for c in languages if c in key), None),
    )


def _read(copy: Copy, plan: _Plan) -> pd.DataFrame:
    import pandas as pd

    records = _records(copy, plan)
    columns = {}
    for at, column in enumerate(plan.columns):
        cells = [None if row[at] in plan.na_values else row[at] for row in records]
        columns[column] = _typed(copy, plan, column, cells)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(records)))


def _records(copy: Copy, plan: _Plan) -> list[list[str]]:
    """The data rows as cell text, after the checks that need no types:
    the header is the schema's columns, every row has exactly their cells on
    one line, required cells are filled and the primary key is unique."""
    if ("records", plan.name) in copy.memo:
        return copy.memo["records", plan.name]
    try:
        text = copy.read(plan.path).decode(plan.encoding, "surrogateescape")
    except LookupError:
        raise DataError(plan.file, None, None, N_("unknown encoding '{encoding}'"), encoding=shown(plan.encoding)) from None
    undecodable = _UNDECODABLE.search(text) is not None
    lines = list(io.StringIO(text, newline=""))  # as csv splits them: at LF, CR or CRLF
    try:
        reader = csv.reader(lines, delimiter=plan.delimiter, quotechar=plan.quote, strict=True)
    except TypeError:
        raise DataError(copy.file("datapackage.json"), None, None,
                        N_("the dialect of '{table}' needs one character as delimiter and as quoteChar"),
                        table=plan.name) from None
    records: list[list[str]] = []
    keys: dict[tuple[str, ...], int] = {}
    row = start = 0  # the last row read, and the line it ended on
    try:
        for row, record in enumerate(reader, start=1):
            _check_row(plan, row, record, reader.line_num - start, undecodable)
            start = reader.line_num
            if row == 1:
                continue
            for at in plan.required:
                if record[at] in plan.na_values:
                    raise DataError(plan.file, row, plan.columns[at], N_("empty, but the column is required"))
            if plan.key:
                first = keys.setdefault(tuple(record[at] for at in plan.key), row)
                if first != row:
                    raise DataError(
                        plan.file, row, ",".join(plan.columns[at] for at in plan.key),
                        N_("'{key}' is already the key of row {first}"),
                        key=shown(",".join(record[at] for at in plan.key)), first=first,
                    )
            records.append(record)
    except csv.Error as exc:
        line = lines[start] if start < len(lines) else ""
        raise _broken(plan, row + 1, line, reader.line_num - start, exc) from None
    if row == 0:
        raise DataError(plan.file, None, None, N_("the file is empty; it needs at least the header row"))
    copy.memo["records", plan.name] = records
    return records


def _check_row(plan: _Plan, row: int, record: list[str], spans: int, undecodable: bool) -> None:
    """One row of the file (the header is row 1) has the schema's cells on one line."""
    if spans > 1:
        at = next(i for i, cell in enumerate(record) if "\n" in cell or "\r" in cell)
        raise DataError(plan.file, row, _column(plan, at),
                        N_("the cell runs on to line {line}: a quote is not closed"), line=row + spans - 1)
    if undecodable:
        for at, cell in enumerate(record):
            if _UNDECODABLE.search(cell):
                raise DataError(plan.file, row, _column(plan, at), N_("holds bytes that are not {encoding} text"),
                                encoding=plan.encoding)
    width = len(plan.columns)
    if len(record) > width:
        raise DataError(plan.file, row, width + 1,
                        N_("the row goes on after the last column, '{last}'"), last=plan.columns[-1])
    if len(record) < width:
        raise DataError(plan.file, row, plan.columns[len(record)], N_("the row ends before this column"))
    if row == 1 and tuple(record) != plan.columns:
        at = next(i for i, name in enumerate(record) if name != plan.columns[i])
        raise DataError(plan.file, row, plan.columns[at], N_("the header has '{found}' where the schema has this column"),
                        found=shown(record[at]))


def _broken(plan: _Plan, row: int, line: str, spans: int, error: csv.Error) -> DataError:
    """The DataError for a row csv cannot split, naming the cell where it
    goes wrong: ``line`` is the row's first line, ``spans`` how many lines
    csv read before giving up."""
    reason = str(error)
    stray = "expected after" in reason  # a character other than the delimiter after a closing quote
    if stray and spans == 1:
        # cut the line after the stray character: the last cell is the broken one
        line = next(line[:end] for end in range(1, len(line) + 1) if _stray(plan, line[:end]))
    cells = next(csv.reader([line], delimiter=plan.delimiter, quotechar=plan.quote), [""])
    column = _column(plan, len(cells) - 1)
    if "unexpected end of data" in reason:
        return DataError(plan.file, row, column, N_("a quote opened in this cell is never closed"))
    if stray and spans > 1:
        return DataError(plan.file, row, column, N_("the cell runs on to line {line}: a quote is not closed"),
                         line=row + spans - 1)
    if stray:
        return DataError(plan.file, row, column, N_("text follows the closing quote of this cell"))
    if "field limit" in reason:
        return DataError(plan.file, row, column, N_("the cell is longer than {limit} characters"),
                         limit=csv.field_size_limit())
    return DataError(plan.file, row, column, N_("the row is not well-formed CSV ({reason})"), reason=reason)


def _stray(plan: _Plan, text: str) -> bool:
    try:
        list(csv.reader([text], delimiter=plan.delimiter, quotechar=plan.quote, strict=True))
    except csv.Error as error:
        return "expected after" in str(error)
    return False


def _column(plan: _Plan, at: int) -> str | int:
    """A column as errors name it: its name, or its number past the schema's last."""
    return plan.columns[at] if at < len(plan.columns) else at + 1


def _typed(copy: Copy, plan: _Plan, column: str, cells: list[str | None]):
    """One column's cells (None where empty) as the array of its dtype;
    DataError for the first cell that is not of the column's type."""
    import pandas as pd

    kind = plan.kinds[column]

    def refuse(bad: Callable[[int, str], bool], problem: str, **values: Any) -> None:
        at = next((i for i, cell in enumerate(cells) if cell is not None and bad(i, cell)), None)
        if at is not None:
            raise DataError(plan.file, at + 2, column, problem, value=shown(cells[at]), **values)

    if column in plan.references or column in plan.enums:
        allowed = plan.enums.get(column) or _codes(copy, *plan.references.get(column, ("", "")))
        members = set(allowed)
        refuse(lambda i, cell: cell not in members, N_("'{value}' is not allowed; allowed: {allowed}"),
               allowed=", ".join(allowed))
        return pd.Categorical(cells, categories=list(allowed))
    if kind in _DATE_FORMATS:
        fmt, shape = _DATE_FORMATS[kind]
        parsed = pd.to_datetime(pd.Series(cells, dtype="string"), format=fmt, errors="coerce")
        refuse(lambda i, cell: pd.isna(parsed.iat[i]), N_("'{value}' is not a date ({shape})"),
               shape=shape)
        return parsed.array
    if column in plan.booleans:
        values = plan.booleans[column]
        refuse(lambda i, cell: cell not in values, N_("'{value}' is not allowed; allowed: {allowed}"),
               allowed=", ".join(values))
        return pd.array([None if cell is None else values[cell] for cell in cells], dtype="boolean")
    if kind == "number":
        refuse(lambda i, cell: not NUMBER.fullmatch(cell), N_("'{value}' is not a number in plain digits (such as 2500 or 0.45)"))
        return pd.array([float("nan") if cell is None else float(cell) for cell in cells], dtype="float64")
    if kind in ("integer", "year"):
        refuse(lambda i, cell: not INTEGER.fullmatch(cell), N_("'{value}' is not a whole number"))
        return pd.array([None if cell is None else int(cell) for cell in cells], dtype="Int64")
    return pd.array(cells, dtype="string")


def _codes(copy: Copy, table: str, field: str) -> tuple[str, ...]:
    """The values of ``table.field`` in row order: the categories of the
    columns that point into the vocabulary ``table``."""
    plan = _plan(copy, table)
    at = plan.columns.index(field)
    return tuple(row[at] for row in _records(copy, plan))


def _words(copy: Copy, plan: _Plan, lang: str) -> dict[str, dict[str, str]]:
    """For every code column of the table, its codes in words in ``lang``:
    a foreign key into a table with labels (a vocabulary, an entity, an
    event) by that row's ``label_<lang>``; a column whose schema field lists
    ``categories`` by their labels, through the catalogs; a language tag by
    its CLDR name.  The table's own key stays a code: ``label`` names the row."""
    from .i18n import gettext

    words = {}
    for column, (table, key) in plan.links.items():
        target = _plan(copy, table)
        if f"label_{lang}" in target.columns and key in target.columns:
            at, label = target.columns.index(key), target.columns.index(f"label_{lang}")
            words[column] = {row[at]: row[label] for row in _records(copy, target)}
    for column, labels in plan.categories.items():
        words[column] = {code: gettext(label, lang) for code, label in labels.items()}
    if plan.languages:
        from babel import Locale

        names = {tag: Locale.parse(tag).get_display_name(lang) for tag in descriptor.LANGUAGES}
        words.update({column: names for column in plan.languages})
    return words


def _relabel(series: pd.Series, words: dict[str, str]) -> pd.Series:
    """The codes of ``series`` replaced by ``words`` (a categorical keeps its
    category order; a code without words stays as it is)."""
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        labels = [words.get(code, code) for code in series.cat.categories]
        if len(set(labels)) == len(labels):
            return series.cat.rename_categories(labels)
    return series.map(lambda code: words.get(code, code), na_action="ignore").astype("string")
