"""Regenerate the gettext template and catalogs from their sources, or check
that none drifted.

Sources: the titles and descriptions of ``datapackage.json`` and the marked
strings of ``src/kz_between_chairs/`` (CLI messages, indicator sentences);
see ``kz_between_chairs.catalog_update``.  Updating keeps every translation,
drops obsolete entries, adds new ones empty (English: copied from the
msgid) and marks nothing fuzzy.

Usage::

    python scripts/update_catalogs.py          # rewrite what drifted
    python scripts/update_catalogs.py --check  # exit 1 listing missing or obsolete entries; change nothing
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kz_between_chairs import catalog_update, catalogs
from kz_between_chairs.descriptor import LANGUAGES, read
from kz_between_chairs.validate.catalogs import sync
from kz_between_chairs.validate.context import load

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report missing or obsolete entries, change nothing")
    args = parser.parse_args(argv)

    if args.check:
        problems = list(sync(load(ROOT / "datapackage.json")))
        for problem in problems:
            print(problem.format())
        return 1 if problems else 0

    template = catalog_update.extract(read(ROOT / "datapackage.json"), ROOT)
    outputs = {catalogs.TEMPLATE: catalog_update.po_bytes(template)}
    for lang in LANGUAGES:
        file = catalogs.catalog_file(lang)
        try:
            current = catalog_update.parse_file(ROOT / file) if (ROOT / file).is_file() else None
        except ValueError as exc:  # nothing is written until every catalog is read
            print(f"{file}: not a catalog: {exc}", file=sys.stderr)
            return 1
        outputs[file] = catalog_update.po_bytes(catalog_update.update(template, lang, current))
    for file, data in outputs.items():
        path = ROOT / file
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(f"updated: {file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
