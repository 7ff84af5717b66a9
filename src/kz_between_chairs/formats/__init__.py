"""The release formats beyond CSV, one module each, all built from the typed
frames of :func:`kz_between_chairs.load` and the schema in the descriptor:

* :mod:`.sqlite`: one database with every table, its keys and foreign keys,
  a view per language that resolves labels, and the codebook as ``_columns``;
* :mod:`.workbook`: one Excel workbook per language;
* :mod:`.stats`: Stata ``.dta`` and SPSS ``.sav`` files, one per table and
  language, with variable and value labels;
* :mod:`.parquet`: one Parquet file per table whose Arrow schema carries the
  field descriptions and the package's metadata.

What they share lives here: which columns are coded, their labels in a
language, and each column's title.
"""

from __future__ import annotations

from functools import lru_cache

from .. import descriptor, i18n


def coded(table: str) -> dict[str, tuple[str, str]]:
    """Foreign-key columns of ``table`` whose target carries per-language
    labels: ``{column: (target table, target key)}``.

    >>> coded("events")["event_type"]
    ('event_types', 'event_type')
    >>> "source_id" in coded("events")  # sources have titles, not labels
    False
    """
    return {
        column: target
        for column, target in descriptor.foreign_keys(table).items()
        if descriptor.label_fields(target[0])
    }


@lru_cache(maxsize=None)
def labels(table: str, lang: str) -> dict[str, str]:
    """``{key: label in lang}`` of a table with label columns (English
    where the language's label is empty).

    >>> labels("units", "ru")["percent"]
    'процент'
    """
    from ..loader import load

    frame = load(table, lang)
    key = descriptor.resource(table)["schema"]["primaryKey"][0]
    return {
        str(code): str(label)
        for code, label in zip(frame[key], frame["label"].fillna(""))
    }


def title(table: str, column: str, lang: str) -> str:
    """The heading of ``column`` in ``lang``: its schema title, translated.
    The loader's ``label``/``description`` take the title of the column they
    come from (``label_<lang>``, else the English one).

    >>> title("events", "label", "de"), title("units", "unit", "en")
    ('Bezeichnung (Deutsch)', 'Unit')
    """
    field = _field(table, column, lang)
    return i18n.gettext(field["title"], lang) if field and field.get("title") else column


def description(table: str, column: str, lang: str) -> str:
    """The description of ``column`` in ``lang`` (empty if the schema has none)."""
    field = _field(table, column, lang)
    return i18n.gettext(field["description"], lang) if field and field.get("description") else ""


def _field(table: str, column: str, lang: str) -> dict | None:
    fields = {f["name"]: f for f in descriptor.resource(table)["schema"]["fields"]}
    for name in (column, f"{column}_{lang}", f"{column}_en"):
        if name in fields:
            return fields[name]
    return None
