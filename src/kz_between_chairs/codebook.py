"""The codebook of a table: what every column holds, in the reader's language.

Everything comes from the schema in ``datapackage.json``; titles and
descriptions are translated through the gettext catalogs (their English
source strings are the descriptor's own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import descriptor, i18n
from .copies import Copy
from .loader import Package, dtypes

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("field", "type", "dtype", "required", "references", "allowed", "title", "description")
"""Columns of :func:`describe`, in order."""


def describe(name: str, lang: str = "en", *, package: Package = None) -> pd.DataFrame:
    """The codebook of table ``name``: one row per column of the CSV;
    ``package`` describes another copy (as :func:`kz_between_chairs.load`).

    ``type`` is the Table Schema type, ``dtype`` the pandas dtype
    :func:`kz_between_chairs.load` gives the column; ``references`` the
    table a foreign key points into (empty if none) and ``allowed`` the
    values of a closed list (a tuple, empty where the values are free);
    ``title`` and ``description`` are in ``lang``.  Text cells are plain
    strings, never missing (empty instead), so rows can be iterated without
    NA checks.  The table's own title and description are in ``.attrs``.

    >>> book = describe("indicators", lang="de")
    >>> book.set_index("field").loc["comparator", "allowed"]
    ('=', '~', '>', '>=', '<', '<=')
    >>> row = book.set_index("field").loc["unit"]
    >>> row["references"], row["dtype"], bool(row["required"])
    ('units', 'category', True)
    >>> sorted(book.attrs)
    ['description', 'lang', 'table', 'title']
    >>> describe("indicators", lang="xx")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'xx'; allowed: de, en, kk, ru
    """
    import pandas as pd

    desc = Copy.of(package).descriptor
    res = descriptor.resource(name, desc)
    i18n.check_language(lang)
    schema = res["schema"]
    references = descriptor.foreign_keys(name, desc)
    kinds = dtypes(name, package=package)
    rows = []
    for field in schema["fields"]:
        column = field["name"]
        constraints = field.get("constraints", {})
        rows.append(
            (
                column,
                field.get("type", "string"),
                kinds[column],
                bool(constraints.get("required")) or column in schema.get("primaryKey", []),
                references[column][0] if column in references else "",
                tuple(constraints.get("enum", ())),
                _translated(field.get("title"), lang),
                _translated(field.get("description"), lang),
            )
        )
    book = pd.DataFrame(rows, columns=list(COLUMNS))
    book.attrs.update(
        table=name,
        lang=lang,
        title=_translated(res.get("title"), lang),
        description=_translated(res.get("description"), lang),
    )
    return book


def facts(row: Any, lang: str = "en", table: Callable[[str], str] = str, value: Callable[[Any], str] = str) -> str:
    """The facts of one codebook row (from ``describe(...).itertuples()``) on
    one line: types, required or optional, where the values come from.
    ``table`` and ``value`` write a referenced table and an allowed value
    (the Markdown codebook makes them links and code).

    >>> rows = {row.field: row for row in describe("indicators").itertuples()}
    >>> facts(rows["unit"], "de")
    'string, pandas category; erforderlich; Werte: units'
    >>> facts(rows["comparator"], "en", value=lambda v: f"`{v}`")
    'string, pandas category; required; values: `=`, `~`, `>`, `>=`, `<`, `<=`'
    """
    _ = i18n.gettext
    out = [f"{row.type}, pandas {row.dtype}", _("required", lang) if row.required else _("optional", lang)]
    # Translators: {vocabulary} is a table name (units) or a list of codes (=, ~, >).
    values = _("values: {vocabulary}", lang)
    if row.references:
        out.append(values.format(vocabulary=table(row.references)))
    elif row.allowed:
        out.append(values.format(vocabulary=", ".join(map(value, row.allowed))))
    return "; ".join(out)


def _translated(text: str | None, lang: str) -> str:
    return i18n.gettext(text, lang) if text else ""
