"""The descriptor (``datapackage.json``): the one home of every table's
schema, title and description.  Everything else — the loader's dtypes, the
codebook, the validator's rules — reads them from here instead of repeating
them.

>>> "events" in table_names()
True
>>> field("indicators", "comparator")["constraints"]["enum"]
['=', '~', '>', '>=', '<', '<=']
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ._paths import datapackage_path

def read(path: str | Path | None = None) -> dict[str, Any]:
    """Parse a descriptor; the shipped one when ``path`` is None (cached)."""
    if path is None:
        return _shipped()
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    return json.loads(datapackage_path().read_text(encoding="utf-8"))


LANGUAGES: tuple[str, ...] = tuple(_shipped()["languages"])
"""BCP 47 tags of the label languages, in column order: the descriptor's
``languages``, the one home of the list (labels, catalogs, ``--lang``).

>>> LANGUAGES
('de', 'en', 'kk', 'ru')
"""


def write(path: str | Path, descriptor: dict[str, Any]) -> None:
    """Write a descriptor as the package stores it (UTF-8, indent 2, final newline)."""
    Path(path).write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def file_stats(data: bytes) -> dict[str, Any]:
    """The ``bytes`` and ``hash`` a resource must declare for a file's content.

    >>> file_stats(b"abc")["hash"][:19]
    'sha256:ba7816bf8f01'
    """
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def table_names(descriptor: dict[str, Any] | None = None) -> list[str]:
    """Names of the tables, in descriptor order."""
    return [r["name"] for r in (descriptor or read())["resources"]]


def resource(name: str, descriptor: dict[str, Any] | None = None) -> dict[str, Any]:
    """The resource called ``name``; ValueError naming the allowed tables."""
    descriptor = descriptor or read()
    for r in descriptor["resources"]:
        if r["name"] == name:
            return r
    allowed = ", ".join(table_names(descriptor))
    raise ValueError(f"unknown table {name!r}; allowed: {allowed}")


def field(table: str, name: str, descriptor: dict[str, Any] | None = None) -> dict[str, Any]:
    """One field of a table's schema."""
    for f in resource(table, descriptor)["schema"]["fields"]:
        if f["name"] == name:
            return f
    raise ValueError(f"table {table!r} has no field {name!r}")


def foreign_keys(table: str, descriptor: dict[str, Any] | None = None) -> dict[str, tuple[str, str]]:
    """Single-column foreign keys of a table: ``{field: (resource, field)}``.

    >>> foreign_keys("events")["event_type"]
    ('event_types', 'event_type')
    """
    out = {}
    for fk in resource(table, descriptor)["schema"].get("foreignKeys", []):
        if len(fk["fields"]) == 1:
            ref = fk["reference"]
            out[fk["fields"][0]] = (ref["resource"] or table, ref["fields"][0])
    return out


def label_fields(table: str, descriptor: dict[str, Any] | None = None) -> list[str]:
    """The per-language label columns (``label_de`` ...) of a table."""
    names = [f["name"] for f in resource(table, descriptor)["schema"]["fields"]]
    return [n for n in names if n.rsplit("_", 1)[-1] in LANGUAGES and n.startswith("label_")]


def vocabularies(descriptor: dict[str, Any] | None = None) -> list[str]:
    """The code lists: tables with a one-column primary key, label columns
    and no foreign keys of their own.  Columns pointing into them load as
    categoricals.

    >>> vocabularies()
    ['entity_types', 'event_types', 'units', 'measures', 'predicates', 'vote_choices', 'verdicts', 'stances']
    """
    return [
        name
        for name in table_names(descriptor)
        if len(resource(name, descriptor)["schema"].get("primaryKey", [])) == 1
        and not resource(name, descriptor)["schema"].get("foreignKeys")
        and label_fields(name, descriptor)
    ]
