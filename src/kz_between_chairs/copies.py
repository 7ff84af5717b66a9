"""A copy of the data package to read from: the installed one (the default),
a folder, its ``datapackage.json`` or a release zip.

A copy is only ever read.  Its files are read through one method,
:meth:`Copy.read`, which accepts only a relative resource path that stays
inside the copy and names a regular file — never a URL, a FIFO, a device or
a symlink that leaves the folder — so a damaged or hostile copy gets a clear
error instead of a network access, a hang or an endless read.

>>> copy = Copy.of(None)
>>> copy.installed, copy.file("data/events.csv")
(True, 'data/events.csv')
>>> Copy.of("no/such/folder")
Traceback (most recent call last):
...
kz_between_chairs.errors.DataError: no/such/folder: no data package here; give a folder with datapackage.json, a datapackage.json or a release zip
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Union

from . import descriptor as _descriptor
from ._paths import package_root
from .errors import DataError
from .i18n import N_

DESCRIPTOR = "datapackage.json"

Root = Union[Path, zipfile.Path]  # both open, join and test files alike


@dataclass(frozen=True, eq=False)
class Copy:
    """Where the descriptor and the data files of one copy are read from."""

    root: Root
    label: str  # how messages name the copy's folder ("" for the installed one)
    installed: bool = False
    memo: dict = field(default_factory=dict, repr=False)  # what has been derived from it, by key

    @staticmethod
    def of(package: str | Path | None) -> Copy:
        """The copy at ``package``: None (the installed copy), a folder
        holding ``datapackage.json``, that file itself, or a zip with
        ``datapackage.json`` at its root or in its one top-level folder."""
        if package is None:
            return _installed()
        path = Path(package)
        if str(package) and path.is_dir() and (path / DESCRIPTOR).is_file():
            return Copy(path, str(path))
        if path.name == DESCRIPTOR and path.is_file():
            return Copy(path.parent, str(path.parent))
        if path.is_file() and zipfile.is_zipfile(path):
            return Copy(*_zip_root(path))
        raise DataError(
            str(package), None, None,
            N_("no data package here; give a folder with datapackage.json, a datapackage.json or a release zip"),
        )

    def file(self, member: str) -> str:
        """A file of the copy as messages name it: the resource path for the
        installed copy, else joined to the folder or zip the user gave."""
        return member if self.installed else f"{self.label}/{member}"

    @cached_property
    def descriptor(self) -> dict[str, Any]:
        """The parsed ``datapackage.json``, read once per copy (a copy named
        by its path is made anew for every load, so edits are seen)."""
        if self.installed:
            return _descriptor.read()
        file = self.file(DESCRIPTOR)
        try:
            data = json.loads(self.read(DESCRIPTOR))
        except (ValueError, RecursionError):
            raise DataError(file, None, None, N_("not valid JSON")) from None
        resources = data.get("resources") if isinstance(data, dict) else None
        if not isinstance(resources, list) or not all(
            isinstance(r, dict) and isinstance(r.get("name"), str) for r in resources
        ):
            raise DataError(file, None, None, N_("not a data package: it has no list of named resources"))
        return data

    def read(self, member: object) -> bytes:
        """The bytes of ``member``, a resource path such as ``data/events.csv``.
        DataError unless it is a relative path to a regular file inside the
        copy."""
        if not isinstance(member, str) or not member:
            raise DataError(self.file(DESCRIPTOR), None, None, N_("a resource has no path, or its path is not a text"))
        parts = PurePosixPath(member).parts
        if ":" in member or "\\" in member or member.startswith("/") or ".." in parts:
            raise DataError(self.file(member), None, None, N_("not a relative path inside the data package"))
        path = self.root.joinpath(*parts)
        if isinstance(path, Path) and not path.resolve().is_relative_to(Path(self.root).resolve()):
            # resolve() follows symlinks: where one points matters, not where it sits
            raise DataError(self.file(member), None, None, N_("leads outside the data package"))
        if not path.is_file():  # a FIFO or a device is not a file: never block on one
            raise DataError(self.file(member), None, None, N_("no such file in the data package"))
        return path.read_bytes()


@lru_cache(maxsize=1)
def _installed() -> Copy:
    return Copy(package_root(), "", installed=True)


def _zip_root(path: Path) -> tuple[zipfile.Path, str]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if DESCRIPTOR in names:
        return zipfile.Path(path), str(path)
    nested = [n for n in names if n.count("/") == 1 and n.endswith("/" + DESCRIPTOR)]
    if len(nested) == 1:
        folder = nested[0].split("/")[0]
        return zipfile.Path(path, at=folder + "/"), f"{path}/{folder}"
    raise DataError(str(path), None, None, N_("the zip holds no datapackage.json, neither at its root nor in one top-level folder"))
