"""Parquet files (extra ``parquet``) whose Arrow schema documents itself:

* each field's metadata: ``description`` and ``title`` from the schema (in
  the file's language, English for the language-neutral tables), the Table
  Schema ``type`` and, for coded columns, ``references``;
* the schema's metadata: ``kz_between_chairs`` holds the package's facts
  (name, title, version, licence, source, languages) and the table's
  resource (title, description, primary and foreign keys) as JSON, beside
  the ``pandas`` entry that restores the loader's dtypes.

>>> import tempfile, pyarrow.parquet as pq
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     write(Path(folder) / "units.parquet", "units")
...     schema = pq.read_schema(Path(folder) / "units.parquet")
>>> schema.field("ucum").metadata[b"title"]
b'UCUM code'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import descriptor, i18n
from ..__about__ import __version__
from ..loader import load
from . import _field

if TYPE_CHECKING:
    import pandas as pd

METADATA_KEY = b"kz_between_chairs"
"""The schema metadata key that holds the package's and the table's facts."""


def package_facts(name: str) -> dict[str, Any]:
    """What a lone Parquet file should say about where it comes from."""
    package = descriptor.read()
    res = descriptor.resource(name)
    keep = ("name", "title", "description", "version", "created", "languages", "licenses", "sources", "contributors")
    return {
        "package": {k: package[k] for k in keep if k in package} | {"version": __version__},
        "resource": {
            "name": name,
            "title": res.get("title", ""),
            "description": res.get("description", ""),
            "primaryKey": res["schema"].get("primaryKey", []),
            "foreignKeys": res["schema"].get("foreignKeys", []),
        },
    }


def write(path: str | Path, name: str, lang: str | None = None, frame: pd.DataFrame | None = None) -> None:
    """Write table ``name`` (in ``lang``, or with every language's columns
    when None) to ``path``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = load(name, lang) if frame is None else frame
    table = pa.Table.from_pandas(frame, preserve_index=False)
    references = descriptor.foreign_keys(name)
    fields = []
    for arrow_field in table.schema:
        field = _field(name, arrow_field.name, lang or "en") or {}
        meta = {"type": field.get("type", "string")}
        for key in ("title", "description"):
            if field.get(key):
                meta[key] = i18n.gettext(field[key], lang) if lang else field[key]
        if arrow_field.name in references:
            meta["references"] = ".".join(references[arrow_field.name])
        fields.append(arrow_field.with_metadata({k: str(v) for k, v in meta.items()}))
    facts = package_facts(name)
    if lang:
        facts["lang"] = lang
    metadata = dict(table.schema.metadata or {})
    metadata[METADATA_KEY] = json.dumps(facts, ensure_ascii=False).encode("utf-8")
    schema = pa.schema(fields, metadata=metadata)
    pq.write_table(table.cast(schema), path)
