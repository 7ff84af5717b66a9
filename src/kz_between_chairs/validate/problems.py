"""What every rule returns: a :class:`Problem` that names file, row and column;
and what every rule reads: a :class:`Context`, one copy of the package.

Row numbers follow frictionless: in a CSV the header is row 1 and the first
data row is row 2 (so the row number is the line number); in a catalog it is
the line number of the entry.

>>> Problem("data/events.csv", 3, "date", "edtf-parse", "not an EDTF date: '2022-13'").format()
"data/events.csv:3:date: edtf-parse: not an EDTF date: '2022-13'"
>>> Problem("datapackage.json", None, None, "version-match", "0.1.0 != 0.2.0").format()
'datapackage.json: version-match: 0.1.0 != 0.2.0'
"""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .tables import Table, read_table


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


@dataclass
class Context:
    """What the rules look at: one copy of the package, read-only.

    Every CSV is read once, here, and shared by all rule families, so the
    cost of the project's rules grows linearly with the data.
    """

    descriptor_path: Path
    article_path: Path | None = None

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent

    @cached_property
    def descriptor(self) -> dict[str, Any]:
        import json

        return json.loads(self.descriptor_path.read_text(encoding="utf-8"))

    @cached_property
    def resources(self) -> list[dict[str, Any]]:
        """Resources that have a name and one path inside the package (the
        descriptor rules report the others)."""
        out = []
        resources = self.descriptor.get("resources")
        for resource in resources if isinstance(resources, list) else []:
            if isinstance(resource, dict) and isinstance(resource.get("name"), str):
                if self.local_path(resource.get("path")) is not None:
                    out.append(resource)
        return out

    def local_path(self, path: Any) -> Path | None:
        """The file a resource ``path`` names, or None unless it is a relative
        POSIX path that stays inside the package."""
        if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
            return None
        if ":" in path.split("/", 1)[0] or ".." in path.split("/"):
            return None  # a URL (scheme:), a drive letter, or a way out
        return self.root / path

    @cached_property
    def _files(self) -> tuple[dict[str, bytes], dict[str, Table], dict[str, str]]:
        raw: dict[str, bytes] = {}
        tables: dict[str, Table] = {}
        unreadable: dict[str, str] = {}
        for resource in self.resources:
            file = resource["path"]
            try:
                data = raw[file] = (self.root / file).read_bytes()
            except FileNotFoundError:
                continue  # the descriptor rules report it
            except OSError as exc:
                unreadable[file] = f"cannot read: {exc.strerror}"
                continue
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data.count(b"\n", 0, exc.start) + 1
                unreadable[file] = f"not UTF-8: byte 0x{data[exc.start]:02x} on line {line}"
                continue
            try:
                tables[resource["name"]] = read_table(resource, text)
            except csv.Error as exc:
                unreadable[file] = f"not CSV: {exc}"
        return raw, tables, unreadable

    def raw(self, file: str) -> bytes | None:
        """The bytes of a resource's file (``resource["path"]``), read once."""
        return self._files[0].get(file)

    def tables(self) -> list[Table]:
        """Every readable table, in descriptor order."""
        return list(self._files[1].values())

    def table(self, name: str) -> Table | None:
        """One table by resource name; None when absent or unreadable."""
        return self._files[1].get(name)

    @property
    def unreadable(self) -> dict[str, str]:
        """file -> why it could not be read as a UTF-8 CSV (hygiene reports it;
        the other rules skip the file)."""
        return self._files[2]

    @cached_property
    def article_text(self) -> str | None:
        """The normalised article (``--article``), or None when not given."""
        if self.article_path is None:
            return None
        from ..article import read_normalised

        return read_normalised(self.article_path)
