"""One SQLite database with every table, built from the typed frames.

* Every table of the package under its own name, with the schema's primary
  key, foreign keys (``REFERENCES``), ``NOT NULL`` for required columns and a
  ``CHECK`` for booleans (0/1) and dates (ISO ``YYYY-MM-DD`` text, the form
  SQLite's date functions read).  EDTF columns stay text, their bounds sit
  beside them in ``date_start``/``date_end``.
* ``<table>_<lang>`` views (``events_ru``): the table with the labels of one
  language as ``label``, and ``<column>_label`` beside every column that
  points into a labelled table.
* ``_tables`` and ``_columns``: the codebook (title and description in the
  four languages, type, key, reference) for tools that cannot read the
  descriptor.

The rows are inserted with foreign keys enforced; the build fails rather than
write a database whose ``PRAGMA foreign_key_check`` reports anything.

>>> import sqlite3, tempfile
>>> from pathlib import Path
>>> with tempfile.TemporaryDirectory() as folder:
...     write(Path(folder) / "kz.sqlite")
...     with sqlite3.connect(Path(folder) / "kz.sqlite") as db:
...         db.execute("SELECT event_type_label FROM events_kk WHERE event_id = 'csto_deployment'").fetchone()
...     db.close()
('Әскер енгізу',)
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from .. import descriptor, i18n
from ..__about__ import __version__
from ..loader import load
from . import coded

FILENAME = "kz-between-chairs.sqlite"
"""The database's file name; Datasette names the database after its stem."""

_SQL_TYPES = {"number": "REAL", "integer": "INTEGER", "year": "INTEGER", "boolean": "INTEGER"}  # else TEXT
_CHECKS = {
    "boolean": '"{c}" IN (0, 1)',
    # date(x) normalises: only a valid YYYY-MM-DD comes back unchanged
    "date": 'date("{c}") IS "{c}"',
}


def write(path: str | Path) -> None:
    """Write the database to ``path`` (which must not exist yet)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path}: exists already")
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        with db:  # one transaction; foreign keys checked as rows arrive
            for name in _parents_first(descriptor.table_names()):
                db.execute(_create(name))
                frame = load(name)
                columns = ", ".join(f'"{c}"' for c in frame.columns)
                marks = ", ".join("?" for _ in frame.columns)
                db.executemany(f'INSERT INTO "{name}" ({columns}) VALUES ({marks})', _rows(frame))
            for name in descriptor.table_names():
                for lang in descriptor.LANGUAGES:
                    db.execute(_view(name, lang))
            _codebook(db)
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"{path}: foreign keys do not hold: {broken[:5]}")
        db.execute("PRAGMA user_version = 1")
    except BaseException:
        db.close()
        path.unlink(missing_ok=True)
        raise
    db.close()


def datasette_metadata(filename: str = FILENAME) -> dict[str, Any]:
    """Datasette's ``metadata.json`` for the database: titles, descriptions,
    licence and source, in English (Datasette has one language)."""
    package = descriptor.read()
    licence = package["licenses"][0]
    tables: dict[str, Any] = {}
    for name in descriptor.table_names():
        res = descriptor.resource(name)
        tables[name] = {
            "title": res.get("title", name),
            "description": res.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in res["schema"]["fields"]},
        }
    tables["_tables"] = {"description": "The tables of the database, with title and description in four languages."}
    tables["_columns"] = {"description": "The codebook: every column of every table, its type, key, reference, title and description in four languages."}
    return {
        "title": package["title"],
        "description": package["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": package["sources"][0]["title"],
        "databases": {Path(filename).stem: {"title": f"{package['title']} ({__version__})", "tables": tables}},
    }


def write_datasette_metadata(path: str | Path) -> None:
    Path(path).write_text(
        json.dumps(datasette_metadata(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def _parents_first(names: list[str]) -> list[str]:
    """Tables ordered so that every referenced table comes before its users."""
    done: list[str] = []
    pending = list(names)
    while pending:
        ready = [
            n for n in pending
            if all(t == n or t in done for t, _ in descriptor.foreign_keys(n).values())
        ]
        if not ready:
            raise ValueError(f"foreign keys form a cycle among {', '.join(pending)}")
        done += ready
        pending = [n for n in pending if n not in ready]
    return done


def _create(name: str) -> str:
    schema = descriptor.resource(name)["schema"]
    lines = []
    for field in schema["fields"]:
        column, kind = field["name"], field.get("type", "string")
        line = f'"{column}" {_SQL_TYPES.get(kind, "TEXT")}'
        if field.get("constraints", {}).get("required") or column in schema.get("primaryKey", []):
            line += " NOT NULL"
        if kind in _CHECKS:
            line += " CHECK (" + _CHECKS[kind].format(c=column) + ")"
        lines.append(line)
    keys = ", ".join(f'"{c}"' for c in schema.get("primaryKey", []))
    if keys:
        lines.append(f"PRIMARY KEY ({keys})")
    for fk in schema.get("foreignKeys", []):
        ref = fk["reference"]
        own = ", ".join(f'"{c}"' for c in fk["fields"])
        theirs = ", ".join(f'"{c}"' for c in ref["fields"])
        lines.append(f'FOREIGN KEY ({own}) REFERENCES "{ref["resource"] or name}" ({theirs})')
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _rows(frame) -> list[tuple]:
    """The frame's cells as SQLite values: text, float, int or NULL."""
    columns = []
    for column in frame.columns:
        series = frame[column]
        if series.dtype.kind == "M":
            values = series.dt.strftime("%Y-%m-%d")
        elif str(series.dtype) == "boolean":
            values = series.map({True: 1, False: 0})
        else:
            values = series
        columns.append([None if _missing(v) else _plain(v) for v in values.astype(object)])
    return list(zip(*columns))


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _plain(value: Any) -> Any:
    if isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return str(value)


def _view(name: str, lang: str) -> str:
    fields = [f["name"] for f in descriptor.resource(name)["schema"]["fields"]]
    selected, joins = [], []
    for column in fields:
        prefix, _, tag = column.rpartition("_")
        if prefix in ("label", "description") and tag in descriptor.LANGUAGES:
            # the language's column as label/description; English where absent, under its own name
            wanted = f"{prefix}_{lang}" if f"{prefix}_{lang}" in fields else f"{prefix}_en"
            if column == wanted:
                selected.append(f't."{column}" AS "{prefix}"' if tag == lang else f't."{column}"')
            continue
        selected.append(f't."{column}"')
        if column in coded(name):
            target, key = coded(name)[column]
            alias = f"j{len(joins)}"
            joins.append(f'LEFT JOIN "{target}" AS {alias} ON {alias}."{key}" = t."{column}"')
            selected.append(f'{alias}."label_{lang}" AS "{column}_label"')
    return (
        f'CREATE VIEW "{name}_{lang}" AS SELECT ' + ", ".join(selected)
        + f' FROM "{name}" AS t ' + " ".join(joins)
    )


def _codebook(db: sqlite3.Connection) -> None:
    langs = descriptor.LANGUAGES
    texts = ", ".join(f'"title_{g}" TEXT, "description_{g}" TEXT' for g in langs)
    db.execute(f'CREATE TABLE "_tables" ("table_name" TEXT PRIMARY KEY, "rows" INTEGER NOT NULL, {texts})')
    db.execute(
        'CREATE TABLE "_columns" ("table_name" TEXT NOT NULL REFERENCES "_tables" ("table_name"), '
        '"position" INTEGER NOT NULL, "column_name" TEXT NOT NULL, "type" TEXT NOT NULL, '
        '"sql_type" TEXT NOT NULL, "required" INTEGER NOT NULL, "primary_key" INTEGER NOT NULL, '
        '"references_table" TEXT, "references_column" TEXT, "allowed_values" TEXT, "rdf_type" TEXT, '
        f'{texts}, PRIMARY KEY ("table_name", "column_name"))'
    )

    def translated(text: str | None) -> list[str]:
        return [i18n.gettext(text, g) if text else "" for g in langs]

    def pairs(item: dict[str, Any]) -> list[str]:
        out = []
        for t, d in zip(translated(item.get("title")), translated(item.get("description"))):
            out += [t, d]
        return out

    marks = ", ".join("?" for _ in range(2 * len(langs)))
    for name in descriptor.table_names():
        res = descriptor.resource(name)
        rows = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        db.execute(f'INSERT INTO "_tables" VALUES (?, ?, {marks})', [name, rows, *pairs(res)])
        schema = res["schema"]
        references = descriptor.foreign_keys(name)
        for position, field in enumerate(schema["fields"], start=1):
            column, kind = field["name"], field.get("type", "string")
            constraints = field.get("constraints", {})
            target = references.get(column, (None, None))
            enum = constraints.get("enum")
            db.execute(
                f'INSERT INTO "_columns" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {marks})',
                [
                    name, position, column, kind, _SQL_TYPES.get(kind, "TEXT"),
                    int(bool(constraints.get("required")) or column in schema.get("primaryKey", [])),
                    int(column in schema.get("primaryKey", [])),
                    target[0], target[1],
                    ", ".join(map(str, enum)) if enum else None,
                    field.get("rdfType"),
                    *pairs(field),
                ],
            )
