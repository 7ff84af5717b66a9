"""Load the tables as typed pandas DataFrames (first version: names only)."""

from __future__ import annotations

from . import descriptor


def tables() -> list[str]:
    """Names of the tables, in descriptor order.

    >>> tables()[:2]
    ['sources', 'entity_types']
    """
    return descriptor.table_names()
