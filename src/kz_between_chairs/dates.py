"""EDTF dates (``2022-01``, ``2022-01-06/2022-01-19``, ``2022-03?``): which
columns hold them, how a value splits into its ends, and its strict bounds,
all through the ``edtf`` library.

The columns ``date_start``/``date_end`` are derived from the EDTF column by
the derived-fields task with :func:`bounds`, and checked by the validator
with the same function, so the two can never disagree.  The sentences and
the figures put a value into words from its :func:`ends`.

``edtf`` (and the ``pyparsing`` it brings) is imported on the first parse,
never by loading a table.  Its parser takes milliseconds per value, so each
value is parsed once per process: :func:`bounds` and :func:`ends` remember
their answers (both are immutable).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

EDTF_TYPE = "http://id.loc.gov/datatypes/edtf/EDTF-level1"
"""The ``rdfType`` that marks a string field as EDTF in ``datapackage.json``."""
BOUNDS = ("date_start", "date_end")
"""The columns that hold an EDTF column's strict bounds."""
PRECISIONS = ("year", "month", "day")
"""The precisions :func:`ends` knows, coarsest first."""


@dataclass(frozen=True)
class End:
    """One end of an EDTF value (the whole value when it is not an interval).

    ``day`` is the first day the end names (1 January for a year) and
    ``precision`` one of :data:`PRECISIONS`; both are None for an open or
    unknown end (``..`` or empty).  ``qualifier`` is ``?``, ``~``, ``%`` or
    empty.
    """

    day: dt.date | None
    precision: str | None
    qualifier: str = ""

    @property
    def open(self) -> bool:
        return self.precision is None

    @property
    def exact_day(self) -> bool:
        """Whether the end is one known day: day precision, no qualifier."""
        return self.precision == "day" and not self.qualifier


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


@lru_cache(maxsize=None)
def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest day an EDTF value allows (None for an open end).

    Raises ``ValueError`` when the value is not EDTF.

    >>> bounds("2022-01-02/2022-01")
    (datetime.date(2022, 1, 2), datetime.date(2022, 1, 31))
    >>> bounds("../2022-01-02")
    (None, datetime.date(2022, 1, 2))
    """
    parsed = _parse(value)
    return _day(parsed.lower_strict()), _day(parsed.upper_strict())


@lru_cache(maxsize=None)
def ends(value: str) -> tuple[End, ...]:
    """The ends of an EDTF value: one for a date, two for an interval.

    Only a year, a month or a day, each with an optional qualifier, or an
    interval of them (either end open) is split; anything else (seasons,
    unspecified digits, sets) is a ValueError, as is a value that is not
    EDTF.

    >>> ends("2022-03?")
    (End(day=datetime.date(2022, 3, 1), precision='month', qualifier='?'),)
    >>> [(e.precision, e.exact_day) for e in ends("../2022-01-02")]
    [(None, False), ('day', True)]
    >>> ends("2022-21")
    Traceback (most recent call last):
    ...
    ValueError: cannot split the EDTF value '2022-21': only a year, month or day, or an interval of them
    """
    from edtf.parser.parser_classes import Interval, Level1Interval

    parsed = _parse(value)
    nodes = (parsed.lower, parsed.upper) if isinstance(parsed, (Interval, Level1Interval)) else (parsed,)
    try:
        return tuple(_end(node) for node in nodes)
    except ValueError:
        raise ValueError(
            f"cannot split the EDTF value {value!r}: only a year, month or day, or an interval of them"
        ) from None


def _parse(value: str):
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        return parse_edtf(value)
    except EDTFParseException as exc:
        raise ValueError(f"not an EDTF date: {value!r}") from exc


def _end(node) -> End:
    from edtf.parser.parser_classes import Date, UncertainOrApproximate, UnspecifiedIntervalSection

    if isinstance(node, UnspecifiedIntervalSection):
        return End(None, None)
    qualifier = ""
    if isinstance(node, UncertainOrApproximate):
        qualifier, node = (str(node.ua) if node.ua else ""), node.date
    # Date's subclasses (Season, Unspecified, ...) are not plain dates
    if type(node) is not Date or node.precision not in PRECISIONS:
        raise ValueError(node)
    day = dt.date(int(node.year), int(node.month or 1), int(node.day or 1))
    return End(day, node.precision, qualifier)


def _day(struct) -> dt.date | None:
    if isinstance(struct, float) and math.isinf(struct):
        return None
    return dt.date(struct.tm_year, struct.tm_mon, struct.tm_mday)
