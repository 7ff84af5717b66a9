"""What every rule reads: a :class:`Context`, one copy of the package, read
once and shared by all rule families.

Every file is read through :func:`read_file`: only a regular file inside the
package (its resolved path, so a symlink that leaves it is refused), and
only up to a limit, so a FIFO, a device or a huge file is a problem, never a
hang.  A table whose header row is not its schema's field names is kept out
of :attr:`Context.tables` (the ``csv-header`` rule reports it), so no rule
misreads its columns.

>>> from kz_between_chairs._paths import datapackage_path
>>> ctx = load(datapackage_path())
>>> ctx.tables["units"].header[:3], ctx.unreadable, ctx.refused
(['unit', 'label_de', 'label_en'], {}, {})
>>> local_path(ctx.root, "../data/units.csv") is None
True
"""

from __future__ import annotations

import csv
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..descriptor import read
from ..i18n import N_
from .problem import Problem
from .tables import Table, read_table

MARGIN = 1 << 20
"""Bytes read beyond a resource's declared ``bytes`` (so that a changed file
is still checked, and its new size reported)."""
LIMIT = 64 << 20
"""Most bytes read from any file that declares no size."""


class Refused(Exception):
    """A file that is not read: why, as a message."""


@dataclass(frozen=True)
class Context:
    """One copy of the package, read-only."""

    descriptor_path: Path
    descriptor: dict[str, Any]
    """The parsed ``datapackage.json`` (a JSON object; nothing else checked)."""
    resources: list[dict[str, Any]]
    """Resources that have a name and one path inside the package (the
    shape rules report the others)."""
    raw: dict[str, bytes]
    """Resource path -> the bytes of its file, for every file read."""
    tables: dict[str, Table]
    """Resource name -> its table, for every file readable as UTF-8 CSV whose
    header is the schema's field names, in descriptor order."""
    unreadable: dict[str, Problem]
    """Resource path -> the problem that says why its file cannot be read as a UTF-8 CSV (the
    hygiene rules report it; the other rules skip the file)."""
    refused: dict[str, str]
    """Resource path -> why its file was not read at all (missing, not a
    regular file, outside the package, too large)."""
    headers: dict[str, tuple[list[str], list[str]]]
    """Resource path -> (header row, schema's field names) of a table whose
    header is not its schema's field names."""
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
    unreadable: dict[str, Problem] = {}
    refused: dict[str, str] = {}
    headers: dict[str, tuple[list[str], list[str]]] = {}
    for resource in resources:
        file = resource["path"]
        declared = resource.get("bytes")
        limit = declared + MARGIN if type(declared) is int and 0 <= declared < LIMIT else LIMIT
        try:
            data = raw[file] = read_file(root, file, limit)
        except Refused as exc:
            refused[file] = str(exc)
            continue
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")  # csv-bom reports a BOM
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            unreadable[file] = Problem.of(file, None, None, "csv-unreadable", N_("not UTF-8: byte {byte} on line {line}"),
                                          byte=f"0x{data[exc.start]:02x}", line=line)
            continue
        try:
            table = read_table(resource, text)
        except csv.Error as exc:
            # Translators: {error} is Python's csv module's own (English) reason.
            unreadable[file] = Problem.of(file, None, None, "csv-unreadable", N_("not CSV: {error}"), error=exc)
            continue
        if table.header == list(table.fields):
            tables[resource["name"]] = table
        else:
            headers[file] = (table.header, list(table.fields))
    return Context(descriptor_path, descriptor, resources, raw, tables, unreadable, refused, headers, article_text)


def read_file(root: Path, relative: str, limit: int = LIMIT) -> bytes:
    """The bytes of ``root/relative``; :class:`Refused` unless it is a regular
    file inside ``root`` of at most ``limit`` bytes."""
    path = root / relative
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise Refused(f"{relative!r} leads outside the package (to {str(resolved)!r})")
    try:
        info = os.stat(resolved)
    except FileNotFoundError:
        raise Refused(f"{relative!r}: no such file") from None
    except OSError as exc:
        raise Refused(f"{relative!r}: cannot read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Refused(f"{relative!r} is not a regular file")
    if info.st_size > limit:
        raise Refused(f"{relative!r} has {info.st_size} bytes; at most {limit} are read (the declared bytes and a margin)")
    try:
        with open(resolved, "rb") as fh:
            return fh.read(limit + 1)[:limit]
    except OSError as exc:
        raise Refused(f"{relative!r}: cannot read: {exc.strerror}") from None


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
