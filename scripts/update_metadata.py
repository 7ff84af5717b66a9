"""Write the dataset's metadata files from ``metadata/dataset.yaml`` (and the
version in ``src/kz_between_chairs/__about__.py``), or check that none drifted.

Usage::

    python scripts/update_metadata.py            # rewrite CITATION.cff, .zenodo.json, datapackage.json
    python scripts/update_metadata.py --check    # exit 1 naming every file that drifted; change nothing

The JSON-LD files (Croissant, schema.org) describe the release's files and are
written by ``scripts/release.py`` into the release, with the same functions
(:mod:`kz_between_chairs.metadata`).  After a change of title or
description, run ``python scripts/update_catalogs.py`` too: the catalogs
translate them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kz_between_chairs import descriptor, metadata
from kz_between_chairs.__about__ import __version__

ROOT = Path(__file__).resolve().parents[1]

FACTS = "metadata/dataset.yaml"


def expected(root: Path = ROOT, version: str = __version__) -> dict[str, bytes]:
    """Relative path -> the bytes the facts give for it."""
    facts = metadata.read_facts(root / FACTS)
    current = descriptor.read(root / "datapackage.json")
    package = metadata.with_package_fields(current, facts, version)
    return {
        "CITATION.cff": metadata.citation_cff(facts, version).encode("utf-8"),
        ".zenodo.json": (json.dumps(metadata.zenodo(facts, version), ensure_ascii=False, indent=2) + "\n").encode(),
        "datapackage.json": (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }


def drifted(root: Path = ROOT) -> list[str]:
    """The files whose content differs from what the facts give."""
    return [
        rel for rel, data in expected(root).items()
        if not (root / rel).is_file() or (root / rel).read_bytes() != data
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="name the files that drifted, change nothing")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted()
        for rel in stale:
            print(f"stale: {rel} (run: python scripts/update_metadata.py)")
        return 1 if stale else 0
    for rel, data in expected().items():
        path = ROOT / rel
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            print(f"updated: {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
