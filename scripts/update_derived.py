"""Regenerate every derived field of the package, or check that none drifted.

Derived, never edited by hand:
  * ``date_start``/``date_end``: the strict bounds of the table's EDTF column
    (the field whose ``rdfType`` is EDTF: ``events.date``, ``indicators.period``);
  * ``bytes`` and ``hash`` (``sha256:...``) of every resource in
    ``datapackage.json``;
  * ``version`` of ``datapackage.json``, from ``src/kz_between_chairs/__about__.py``.

Usage::

    python scripts/update_derived.py          # rewrite what drifted
    python scripts/update_derived.py --check  # exit 1 and list what drifted
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kz_between_chairs.__about__ import __version__
from kz_between_chairs.csv_format import format_rows, read_rows
from kz_between_chairs.dates import BOUNDS, bounded_field, bounds
from kz_between_chairs.descriptor import file_stats, read, write

ROOT = Path(__file__).resolve().parents[1]


def with_bounds(path: Path, edtf_column: str) -> str:
    """The text of the table at ``path`` with its bounds columns derived."""
    rows = read_rows(path)
    header = rows[0]
    src, lo, hi = (header.index(c) for c in (edtf_column, *BOUNDS))
    for row in rows[1:]:
        if row[src]:
            start, end = bounds(row[src])
            row[lo] = start.isoformat() if start else ""
            row[hi] = end.isoformat() if end else ""
        else:
            row[lo] = row[hi] = ""
    return format_rows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift, change nothing")
    args = parser.parse_args(argv)

    drift: list[str] = []
    descriptor_path = ROOT / "datapackage.json"
    descriptor = read(descriptor_path)
    for resource in descriptor["resources"]:
        path = ROOT / resource["path"]
        edtf_column = bounded_field(resource)
        if edtf_column:
            new = with_bounds(path, edtf_column)
            if new != path.read_text(encoding="utf-8"):
                drift.append(f"{resource['path']}: date_start/date_end")
                if not args.check:
                    path.write_text(new, encoding="utf-8", newline="")
        data = path.read_bytes()
        stats = file_stats(data)
        for key, value in stats.items():
            if resource.get(key) != value:
                drift.append(f"datapackage.json: {resource['name']}.{key}")
                resource[key] = value
    if descriptor.get("version") != __version__:
        drift.append("datapackage.json: version")
        descriptor["version"] = __version__
    if drift and not args.check:
        write(descriptor_path, descriptor)
    for line in drift:
        print(("drift: " if args.check else "updated: ") + line)
    return 1 if (drift and args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
