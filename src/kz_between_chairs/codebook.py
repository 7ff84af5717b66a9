"""The codebook of a table: what every column holds, in the reader's language.

Everything comes from the schema in ``datapackage.json``; titles and
descriptions are translated through the gettext catalogs (their English
source strings are the descriptor's own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import descriptor, i18n
from .loader import dtypes

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("field", "type", "dtype", "required", "vocabulary", "title", "description")
"""Columns of :func:`describe`, in order."""


def describe(name: str, lang: str = "en") -> pd.DataFrame:
    """The codebook of table ``name``: one row per column of the CSV.

    ``type`` is the Table Schema type, ``dtype`` the pandas dtype
    :func:`kz_between_chairs.load` gives the column, ``vocabulary`` where
    its values come from (the table a foreign key points into, or the allowed
    values of a closed list, empty where the values are free); ``title`` and
    ``description`` are in ``lang``.  Text cells are plain strings, never
    missing (empty instead), so rows can be iterated without NA checks.  The
    table's own title and description are in ``.attrs``.

    >>> book = describe("indicators", lang="de")
    >>> book.set_index("field").loc["comparator", "vocabulary"]
    '=, ~, >, >=, <, <='
    >>> row = book.set_index("field").loc["unit"]
    >>> row["vocabulary"], row["dtype"], bool(row["required"])
    ('units', 'category', True)
    >>> sorted(book.attrs)
    ['description', 'lang', 'table', 'title']
    >>> describe("indicators", lang="xx")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'xx'; allowed: de, en, kk, ru
    """
    import pandas as pd

    res = descriptor.resource(name)
    i18n.check_language(lang)
    schema = res["schema"]
    references = descriptor.foreign_keys(name)
    kinds = dtypes(name)
    rows = []
    for field in schema["fields"]:
        column = field["name"]
        constraints = field.get("constraints", {})
        if column in references:
            vocabulary = references[column][0]
        elif "enum" in constraints:
            vocabulary = ", ".join(map(str, constraints["enum"]))
        else:
            vocabulary = ""
        rows.append(
            (
                column,
                field.get("type", "string"),
                kinds[column],
                bool(constraints.get("required")) or column in schema.get("primaryKey", []),
                vocabulary,
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


def _translated(text: str | None, lang: str) -> str:
    return i18n.gettext(text, lang) if text else ""
