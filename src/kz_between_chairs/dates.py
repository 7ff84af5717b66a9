"""EDTF dates (``2022-01``, ``2022-01-06/2022-01-19``, ``2022-03?``) and
their strict bounds, through the ``edtf`` library (extra ``validate``).

The columns ``date_start``/``date_end`` are derived from the EDTF column by
``scripts/update_derived.py`` with :func:`bounds`, and checked by the
validator with the same function, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
import math


def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest day an EDTF value allows (None for an open end).

    Raises ``ValueError`` when the value is not EDTF.

    >>> bounds("2022-01-02/2022-01")
    (datetime.date(2022, 1, 2), datetime.date(2022, 1, 31))
    >>> bounds("../2022-01-02")
    (None, datetime.date(2022, 1, 2))
    """
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(value)
    except EDTFParseException as exc:
        raise ValueError(f"not an EDTF date: {value!r}") from exc
    return _day(parsed.lower_strict()), _day(parsed.upper_strict())


def _day(struct) -> dt.date | None:
    if isinstance(struct, float) and math.isinf(struct):
        return None
    return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
