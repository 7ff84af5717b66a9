"""What every rule reads: a :class:`Context`, one copy of the package, read
once and shared by all rule families.

>>> from kz_between_chairs._paths import datapackage_path
>>> ctx = load(datapackage_path())
>>> ctx.tables["units"].header[:3], ctx.unreadable
(['unit', 'label_de', 'label_en'], {})
>>> local_path(ctx.root, "../data/units.csv") is None
True
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..descriptor import read
from .tables import Table, read_table


@dataclass(frozen=True)
class Context:
    """One copy of the package, read-only."""

    descriptor_path: Path
    descriptor: dict[str, Any]
    """The parsed ``datapackage.json`` (a JSON object; nothing else checked)."""
    resources: list[dict[str, Any]]
    """Resources that have a name and one path inside the package (the
    descriptor rules report the others)."""
    raw: dict[str, bytes]
    """Resource path -> the bytes of its file, for every file that exists."""
    tables: dict[str, Table]
    """Resource name -> its table, for every file readable as UTF-8 CSV, in
    descriptor order."""
    unreadable: dict[str, str]
    """Resource path -> why its file cannot be read as a UTF-8 CSV (the
    hygiene rules report it; the other rules skip the file)."""
    article_text: str | None = None
    """The normalised article (``--article``), or None when not given."""

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent


def load(descriptor_path: Path, descriptor: dict[str, Any] | None = None, article_text: str | None = None) -> Context:
    """Read every resource's file of the package at ``descriptor_path``
    (whose parsed descriptor is ``descriptor``, read here when None)."""
    if descriptor is None:
        descriptor = read(descriptor_path)
    root = descriptor_path.parent
    resources = [r for r in _listed(descriptor) if local_path(root, r.get("path")) is not None]
    raw: dict[str, bytes] = {}
    tables: dict[str, Table] = {}
    unreadable: dict[str, str] = {}
    for resource in resources:
        file = resource["path"]
        try:
            data = raw[file] = (root / file).read_bytes()
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
    return Context(descriptor_path, descriptor, resources, raw, tables, unreadable, article_text)


def local_path(root: Path, path: Any) -> Path | None:
    """The file a resource ``path`` names, or None unless it is a relative
    POSIX path that stays inside the package."""
    if not isinstance(path, str) or not path or path.startswith("/") or "\\" in path:
        return None
    if ":" in path.split("/", 1)[0] or ".." in path.split("/"):
        return None  # a URL (scheme:), a drive letter, or a way out
    return root / path


def _listed(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    resources = descriptor.get("resources")
    return [r for r in (resources if isinstance(resources, list) else [])
            if isinstance(r, dict) and isinstance(r.get("name"), str)]
