"""The error a damaged copy of the data package raises when it is read.

>>> error = DataError("data/units.csv", 3, "ucum", N_("'{value}' is not allowed; allowed: {allowed}"),
...                   value="%", allowed="a, b")
>>> str(error)
"data/units.csv:3:ucum: '%' is not allowed; allowed: a, b"
>>> error.file, error.row, error.column
('data/units.csv', 3, 'ucum')
>>> isinstance(error, ValueError)
True
"""

from __future__ import annotations

from typing import Any

from .i18n import N_


class DataError(ValueError):
    """A file, row or cell that cannot be read as the descriptor says.

    ``file`` is the file as the user knows it, ``row`` counts the header as
    row 1 (None: the whole file), ``column`` is the column's name, several
    names joined by ``,`` for a key, or a number for a cell past the schema's
    last column (None: the whole row).  ``str()`` is
    ``file:row:column: problem`` in English; :meth:`message` gives it in
    another language.  A ValueError, so code that catches those still does.
    """

    def __init__(self, file: str, row: int | None, column: str | int | None, problem: str, **values: Any):
        self.file, self.row, self.column = file, row, column
        self.problem, self.values = problem, values  # an English template and its values
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        """``file:row:column: problem``, the problem in ``lang`` (English if None)."""
        where = ":".join(str(part) for part in (self.file, self.row, self.column) if part is not None)
        problem = self.problem
        if lang is not None:
            from .i18n import gettext

            problem = gettext(problem, lang)
        return f"{where}: {problem.format(**self.values)}"

    def __reduce__(self):  # keep pickling (multiprocessing) working with keyword values
        return _rebuild, (self.file, self.row, self.column, self.problem, self.values)


def _rebuild(file, row, column, problem, values) -> DataError:
    return DataError(file, row, column, problem, **values)


def shown(cell: str) -> str:
    """A cell as messages quote it: invisible characters escaped, no quotes
    around it (each language's template adds its own).

    >>> shown("Kaspi\\u200b"), shown("Қазақстан")
    ('Kaspi\\\\u200b', 'Қазақстан')
    """
    text = repr(cell)[1:-1]
    return text if "'" not in cell else text.replace("\\'", "'")
