"""What every rule returns: a :class:`Problem` that names file, row and column.

Row numbers follow frictionless: in a CSV the header is row 1 and the first
data row is row 2 (so the row number is the line number); in a catalog it is
the line number of the entry.

>>> Problem("data/events.csv", 3, "date", "edtf-parse", "not an EDTF date: '2022-13'").format()
"data/events.csv:3:date: edtf-parse: not an EDTF date: '2022-13'"
>>> Problem("datapackage.json", None, None, "version-match", "0.1.0 != 0.2.0").format()
'datapackage.json: version-match: 0.1.0 != 0.2.0'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    """Path relative to the package root, POSIX style (``data/events.csv``)."""
    row: int | None
    column: str | None
    rule: str
    """Kebab-case rule name, stable: tests and users grep for it."""
    message: str

    def format(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p is not None)
        return f"{where}: {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Deterministic order: file, row (file-level first), column, rule, message."""
        return (self.file, self.row or 0, self.column or "", self.rule, self.message)


DESCRIPTOR_FILE = "datapackage.json"
"""How problems name the descriptor, whatever the copy's file is called."""


SHOWN = 100
"""Characters of a value that a message shows at most."""


def shown(value: Any) -> str:
    """A value as a message shows it: its ``repr``, cut to :data:`SHOWN`.

    >>> len(shown("x" * 100)), shown("x" * 100)[-4:]
    (100, 'x...')
    """
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."
