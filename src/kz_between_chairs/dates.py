"""EDTF dates (``2022-01``, ``2022-01-06/2022-01-19``, ``2022-03?``) and
their strict bounds, through the ``edtf`` library (extra ``validate``).

The columns ``date_start``/``date_end`` are derived from the EDTF column by
``scripts/update_derived.py`` with :func:`bounds`, and checked by the
validator with the same function, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

EDTF_TYPE = "http://id.loc.gov/datatypes/edtf/EDTF-level1"
"""The ``rdfType`` that marks a string field as EDTF in ``datapackage.json``."""
BOUNDS = ("date_start", "date_end")
"""The columns that hold an EDTF column's strict bounds."""


def edtf_fields(resource: dict[str, Any]) -> list[str]:
    """Names of the EDTF fields of a descriptor resource.

    >>> from kz_between_chairs import descriptor
    >>> edtf_fields(descriptor.resource("events"))
    ['date']
    """
    return [f["name"] for f in resource["schema"]["fields"] if f.get("rdfType") == EDTF_TYPE]


def bounded_field(resource: dict[str, Any]) -> str | None:
    """The EDTF field whose bounds fill ``date_start``/``date_end``, if the
    resource has both columns and exactly one EDTF field.

    >>> from kz_between_chairs import descriptor
    >>> bounded_field(descriptor.resource("indicators")), bounded_field(descriptor.resource("sources"))
    ('period', None)
    """
    names = {f["name"] for f in resource["schema"]["fields"]}
    edtf = edtf_fields(resource)
    return edtf[0] if len(edtf) == 1 and names.issuperset(BOUNDS) else None


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
