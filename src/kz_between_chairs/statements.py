"""Indicators stated as sentences, in German, English, Kazakh and Russian.

>>> print(statement("kz_imports_russia", "en"))
Russia accounts for more than 40% of Kazakhstan's total imports.
>>> print(statement("csto_troops", "en"))
The CSTO contingent deployed to Kazakhstan in January 2022 comprised about 2,500 people.

A sentence is put together from three kinds of catalog entry, each translated
whole by a translator, never assembled from words by code:

* the **sentence** of the indicator: its English source is the row's
  ``sentence_en`` cell in ``data/indicators.csv`` (so adding an indicator
  needs no code), with ``{quantity}`` and, where the indicator has a period,
  ``{when}``; the catalogs translate it like any other string;
* the **quantity** (:data:`QUANTITIES`): the comparator in words with the
  number and its unit, one phrase per unit and comparator, with plural forms
  ("about 2,500 people", "около 2 500 человек", "шамамен 2 500 адам",
  "40%-дан астам");
* the **time** (``in January 2022``, ``on 6 January 2022``, ``between ...
  and ...``), with the dates formatted by babel for the language.

Why one sentence per indicator rather than per measure: Russian and Kazakh
decline the entities a sentence names ("доля России в импорте Казахстана",
"Қазақстанның импортындағы Ресейдің үлесі"), and Russian past tenses agree
with the subject's gender; CLDR has no case forms of names, so a
per-measure template with the entities as slots could only be right by luck.
Written per indicator, the names are declined by the translator.

Why the comparator comes with the number and the unit: in Russian "около",
"более", "не менее" govern the genitive ("около 21 человека", but "21
человек"), and in Kazakh the comparator is a postposition that puts a case
suffix on the noun before it ("40 адамнан астам", "25%-ға жуық"); so the
words around the number change with the comparator, the number's plural
category and the unit together, which one catalog entry with plural forms
(Russian's three, from CLDR) covers.  A translator places ``{quantity}``
where its basic (nominative) form fits: after a dash, as the object of
"приходится", and so on.

Numbers are formatted by babel (``2,500``/``2.500``/``2 500``, ``40%``/
``40 %``), dates too (``6 января 2022 г.``).  The period is EDTF: a year, a
month, a day (qualifiers ``?``/``~`` are not put into words) or a closed
interval of them; open intervals and level-1 extras such as seasons are not
put into words (ValueError).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import dates, descriptor
from ._paths import package_root
from .i18n import N_, Nn_, check_language, gettext, ngettext

if TYPE_CHECKING:
    import pandas as pd

TEMPLATE_COLUMN = "sentence_en"
"""The column of ``indicators`` that holds a sentence's English source (the msgid)."""


def translator_comment(indicator_id: str, template: str) -> str:
    """What a translator reads above an indicator's sentence in the catalogs.

    >>> translator_comment("x", "{quantity} of imports.")
    'the sentence that states the indicator x. {quantity} is a number with its unit ("about 2,500 people") in your language already; place it where its basic (nominative) form fits.'
    """
    when = ' {when} is a time phrase ("in January 2022");' if "{when}" in template else ""
    return (
        f"the sentence that states the indicator {indicator_id}.{when} {{quantity}} is a number with its unit "
        '("about 2,500 people") in your language already; place it where its basic (nominative) form fits.'
    )


QUANTITIES: dict[str, dict[str, str | tuple[str, str]]] = {
    "person": {
        # Translators: a count of people; this entry and the next five differ
        # by the comparator (exactly, about, more than, at least, nearly, at
        # most). {number} is formatted for your language. Give the phrase in
        # the form that stands on its own (nominative), with the case the
        # comparator governs ("около 21 человека"; "40 адамнан астам").
        "=": Nn_("{number} person", "{number} people"),
        "~": Nn_("about {number} person", "about {number} people"),
        ">": Nn_("more than {number} person", "more than {number} people"),
        ">=": Nn_("at least {number} person", "at least {number} people"),
        "<": Nn_("nearly {number} person", "nearly {number} people"),
        "<=": Nn_("at most {number} person", "at most {number} people"),
    },
    "week": {
        # Translators: a duration in weeks, by comparator as for persons.
        "=": Nn_("{number} week", "{number} weeks"),
        "~": Nn_("about {number} week", "about {number} weeks"),
        ">": Nn_("more than {number} week", "more than {number} weeks"),
        ">=": Nn_("at least {number} week", "at least {number} weeks"),
        "<": Nn_("nearly {number} week", "nearly {number} weeks"),
        "<=": Nn_("at most {number} week", "at most {number} weeks"),
    },
    "percent": {
        # Translators: {percent} is a percentage as babel writes it for your
        # language ("40 %"); this entry is the exact value, the next five
        # add a comparator.
        "=": N_("{percent}"),
        "~": N_("about {percent}"),
        ">": N_("more than {percent}"),
        ">=": N_("at least {percent}"),
        "<": N_("nearly {percent}"),
        "<=": N_("at most {percent}"),
    },
}
"""unit -> comparator -> English source of the quantity phrase: a
singular/plural pair for counts, one string for percentages."""

_MONTHS = (
    # Translators: a time phrase inside a sentence ("в январе 2022 г.");
    # {year} is the year in digits. The same for the eleven other months.
    N_("in January {year}"),
    N_("in February {year}"),
    N_("in March {year}"),
    N_("in April {year}"),
    N_("in May {year}"),
    N_("in June {year}"),
    N_("in July {year}"),
    N_("in August {year}"),
    N_("in September {year}"),
    N_("in October {year}"),
    N_("in November {year}"),
    N_("in December {year}"),
)
# Translators: a time phrase inside a sentence; {year} is the year in digits.
_IN_YEAR = N_("in {year}")
# Translators: a time phrase inside a sentence; {date} is a full date as
# babel writes it for your language ("6 января 2022 г.").
_ON_DAY = N_("on {date}")
# Translators: a time phrase inside a sentence; {start} and {end} are each a
# date ("24 февраля 2022 г.") or a month ("март 2022 г.") as babel writes
# them for your language.
_BETWEEN = N_("between {start} and {end}")

_SKELETONS = {"month": "yMMMM", "year": "y"}  # CLDR skeletons: the locale orders the parts


def statement(indicator_id: str, lang: str = "en") -> str:
    """The indicator ``indicator_id`` as one sentence in ``lang``.

    >>> statement("halyk_value_loss", "en")
    'Halyk Bank lost about 40% of its market value on the London Stock Exchange between February 24, 2022 and March 2022.'
    >>> statement("gdp", "en")
    Traceback (most recent call last):
    ...
    ValueError: unknown indicator 'gdp'; see kz_between_chairs.load('indicators')
    """
    check_language(lang)
    try:
        row = _indicators()[indicator_id]
    except KeyError:
        raise ValueError(f"unknown indicator {indicator_id!r}; see kz_between_chairs.load('indicators')") from None
    return sentence(row, lang)


def column(rows: pd.DataFrame | Iterable[Mapping[str, Any]], lang: str) -> pd.Series | list[str]:
    """The sentences of rows of the indicators table, in row order: for a
    DataFrame a string Series named ``statement`` on the frame's index, else a
    list.  Each row needs ``indicator_id``, ``value``, ``comparator``,
    ``unit`` and ``period`` (empty: None, NaN, ``<NA>`` or ""); a row without
    ``sentence_en`` takes the sentence of the shipped indicator of that id.

    >>> column([{"indicator_id": "kaspi_value_loss", "value": 45.0, "comparator": "=",
    ...          "unit": "percent", "period": None}], "en")
    Traceback (most recent call last):
    ...
    ValueError: indicator 'kaspi_value_loss': its sentence needs a period, and the row has none
    """
    check_language(lang)
    if hasattr(rows, "to_dict") and hasattr(rows, "index"):
        import pandas as pd

        records = rows.astype(object).where(rows.notna(), None).to_dict("records")
        return pd.Series([sentence(r, lang) for r in records], index=rows.index, name="statement", dtype="string")
    return [sentence(r, lang) for r in rows]


def sentence(row: Mapping[str, Any], lang: str) -> str:
    """One row of the indicators table as a sentence (see :func:`column`)."""
    indicator = row["indicator_id"]
    template = row.get(TEMPLATE_COLUMN)
    if _missing(template):
        template = _indicators().get(indicator, {}).get(TEMPLATE_COLUMN)
    if _missing(template):
        raise ValueError(f"no sentence for indicator {indicator!r}: the row has no {TEMPLATE_COLUMN}")
    values = {"quantity": quantity(row["value"], row["comparator"], row["unit"], lang)}
    if "{when}" in template and not _missing(row.get("period")):
        values["when"] = when(str(row["period"]), lang)
    try:
        return gettext(template, lang).format(**values)
    except KeyError:
        raise ValueError(f"indicator {indicator!r}: its sentence needs a period, and the row has none") from None


def quantity(value: Any, comparator: str, unit: str, lang: str) -> str:
    """The comparator in words with the number and its unit.

    >>> quantity(2500, "~", "person", "en")
    'about 2,500 people'
    >>> quantity(2, "<=", "week", "en")
    'at most 2 weeks'
    >>> quantity(12.5, ">", "percent", "en")
    'more than 12.5%'
    """
    from babel.numbers import format_decimal, format_percent

    try:
        phrase = QUANTITIES[unit][comparator]
    except KeyError:
        raise ValueError(f"no quantity phrase for unit {unit!r} and comparator {comparator!r} in {__name__}.QUANTITIES") from None
    number = _decimal(value)
    if isinstance(phrase, str):
        return gettext(phrase, lang).format(percent=format_percent(number / 100, locale=lang, decimal_quantization=False))
    if number != number.to_integral_value():
        raise ValueError(f"{value} {unit}: a count needs a whole number to choose its plural form")
    return ngettext(*phrase, int(number), lang).format(number=format_decimal(int(number), locale=lang))


def when(period: str, lang: str) -> str:
    """An EDTF period as a time phrase of a sentence.

    >>> when("2022-01", "en"), when("2022-01-06", "en"), when("2022?", "en")
    ('in January 2022', 'on January 6, 2022', 'in 2022')
    >>> when("2022-02-24/2022-03?", "en")
    'between February 24, 2022 and March 2022'
    >>> when("2022-01/..", "en")
    Traceback (most recent call last):
    ...
    ValueError: cannot put the period '2022-01/..' into words: only a year, month or day, or a closed interval of them
    """
    try:
        parts = [(end.day, end.precision) for end in dates.ends(period)]
    except ValueError:
        parts = []
    if any(precision is None for _, precision in parts):  # an open end
        parts = []
    if len(parts) == 1:
        day, precision = parts[0]
        if precision == "day":
            return gettext(_ON_DAY, lang).format(date=_date(day, precision, lang))
        phrase = _MONTHS[day.month - 1] if precision == "month" else _IN_YEAR
        return gettext(phrase, lang).format(year=_date(day, "year", lang))
    if len(parts) == 2:
        start, end = (_date(day, precision, lang) for day, precision in parts)
        return gettext(_BETWEEN, lang).format(start=start, end=end)
    raise ValueError(
        f"cannot put the period {period!r} into words: only a year, month or day, or a closed interval of them"
    )


def _date(day: dt.date, precision: str, lang: str) -> str:
    """A day, month or year as babel writes it on its own for ``lang``."""
    from babel.dates import format_date, format_skeleton

    if precision == "day":
        return format_date(day, "long", locale=lang)
    return format_skeleton(_SKELETONS[precision], day, locale=lang)


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


@lru_cache(maxsize=1)
def _indicators() -> dict[str, dict[str, str]]:
    path = package_root() / descriptor.resource("indicators")["path"]
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["indicator_id"]: row for row in csv.DictReader(fh)}
