"""Plain forms: numbers, dates and URIs that frictionless reads but a
careful reader (or the loader) would not."""

from __future__ import annotations

import pytest
from validate_helpers import problems, row_of, set_cell

from kz_between_chairs.validate import forms

NUMBER = "is not a number in plain digits (such as 2500 or 0.45)"


@pytest.mark.parametrize(("table", "key", "id_", "column", "value", "message"), [
    *[("indicators", "indicator_id", "csto_troops", "value", v, f"number-form: {v!r} {NUMBER}")
      for v in ["２５００", "١٢٣", "NaN", "Infinity", "sNaN", "2_500"]],
    ("indicators", "indicator_id", "csto_troops", "value", "2500 soldiers", None),  # frictionless: type-error
    ("indicators", "indicator_id", "csto_troops", "value", "2.5e3", None),
    ("entities", "entity_id", "russia", "cow_code", "٣٦٥",
     "number-form: '٣٦٥' is not a whole number in plain digits (such as 2500)"),
    ("events", "event_id", "csto_request", "date_end", "2022-1-6", "date-form: '2022-1-6' is not an ISO date (YYYY-MM-DD)"),
    ("events", "event_id", "csto_request", "date_end", "6.1.2022", None),  # frictionless: type-error
    *[("sources", "source_id", "ipg_author_mohr", "url", v,
       f"uri-form: {v!r} is not an absolute http(s) address with a host and no blank")
      for v in ["https:///autor/mohr", "ftp://ipg-journal.de/x", "https://ipg-journal.de/a b", "mailto:x@ipg-journal.de"]],
])
def test_a_cell_not_in_its_plain_form(package_copy, table, key, id_, column, value, message):
    row = row_of(package_copy, table, key, id_)
    set_cell(package_copy, table, row, column, value)
    assert problems(forms, package_copy) == ([f"data/{table}.csv:{row}:{column}: {message}"] if message else [])
