"""Benchmark: the project's validator against bare frictionless, on the shipped
package and on a synthetic copy with every table replicated N times.

The copy (in a temporary directory) repeats every row of every table N
times; copy n suffixes every identifier with ``_r{n}``: the key fields with
slug ids and every foreign-key field and the fields they reference, so keys
stay unique and references resolve.  Quotes stay as they are, so provenance
still holds; bytes and hash are refreshed.  Both tools are timed in this one
process after a warm-up run (imports excluded), best of ``--repeat`` runs,
and reported side by side with their ratio: a report, not a goal.

Usage::

    python scripts/benchmark_validate.py [--times 100] [--repeat 3] [--article PATH]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from kz_between_chairs.article import ARTICLE_ENV
from kz_between_chairs.csv_format import read_rows, write_rows
from kz_between_chairs.descriptor import file_stats, read, write
from kz_between_chairs.validate import main as validate
from kz_between_chairs.validate.dates import _bounds as edtf_cache

ROOT = Path(__file__).resolve().parents[1]
SLUG = "^[a-z][a-z0-9_]*$"


def id_columns(descriptor: dict[str, Any]) -> dict[str, set[str]]:
    """resource -> the columns holding identifiers (rewritten per replica)."""
    out: dict[str, set[str]] = {r["name"]: set() for r in descriptor["resources"]}
    for r in descriptor["resources"]:
        schema = r["schema"]
        slugs = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("pattern") == SLUG}
        out[r["name"]] |= set(schema.get("primaryKey", [])) & slugs
        for fk in schema.get("foreignKeys", []):
            out[r["name"]] |= set(fk["fields"])
            out[fk["reference"]["resource"] or r["name"]] |= set(fk["reference"]["fields"])
    return out


def replicate(src: Path, dst: Path, times: int) -> int:
    """Write the replicated copy of the package at src into dst; return its rows."""
    descriptor = read(src / "datapackage.json")
    ids = id_columns(descriptor)
    total = 0
    for r in descriptor["resources"]:
        header, *rows = read_rows(src / r["path"])
        rewrite = [i for i, name in enumerate(header) if name in ids[r["name"]]]
        copies = [header]
        for n in range(times):
            for row in rows:
                row = list(row)
                for i in rewrite:
                    if row[i]:
                        row[i] = f"{row[i]}_r{n}"
                copies.append(row)
        (dst / r["path"]).parent.mkdir(parents=True, exist_ok=True)
        r.update(file_stats(write_rows(dst / r["path"], copies)))
        total += len(rows) * times
    write(dst / "datapackage.json", descriptor)
    for extra in ("CITATION.cff", "translations"):
        if (src / extra).is_dir():
            shutil.copytree(src / extra, dst / extra)
        elif (src / extra).is_file():
            shutil.copy2(src / extra, dst / extra)
    return total


def best_of(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def count_rows(root: Path) -> int:
    descriptor = read(root / "datapackage.json")
    return sum(len((root / r["path"]).read_text(encoding="utf-8").splitlines()) - 1 for r in descriptor["resources"])


def run_validator(dp: Path, article: Path | None) -> str:
    """The validator's verdict: its summary line and the rules it reports."""
    # Why clear it: the EDTF parses are cached per value, and every run
    # should pay for its own (about 4 ms each: the edtf library is slow).
    edtf_cache.cache_clear()
    out = io.StringIO()
    with redirect_stdout(out):
        validate([str(dp), *(["--article", str(article)] if article else [])])
    *problems, summary = out.getvalue().splitlines()
    rules = Counter(line.split(": ")[1] for line in problems)
    return summary + "".join(f"; {rule}: {n}" for rule, n in sorted(rules.items()))


def run_frictionless(dp: Path) -> bool:
    from frictionless import Package

    return Package(str(dp)).validate().valid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=100, help="replicas of every table (default 100)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts (default 3)")
    parser.add_argument("--article", type=Path, default=os.environ.get(ARTICLE_ENV) or None,
                        help=f"the article's text (default: ${ARTICLE_ENV}); without it quotes are not checked")
    args = parser.parse_args(argv)

    shipped = ROOT / "datapackage.json"
    run_validator(shipped, args.article)  # warm-up: imports, CLDR and pycountry data
    run_frictionless(shipped)
    print(f"{'package':<9} {'rows':>6} {'frictionless s':>15} {'validator s':>12} {'ratio':>6}")
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp)
        count = replicate(ROOT, big, args.times)
        for label, dp, n in (("shipped", shipped, count_rows(ROOT)), (f"{args.times}x", big / "datapackage.json", count)):
            theirs, _ = best_of(args.repeat, lambda dp=dp: run_frictionless(dp))
            ours, verdict = best_of(args.repeat, lambda dp=dp: run_validator(dp, args.article))
            verdicts.append(f"{label}: {verdict}")
            print(f"{label:<9} {n:>6} {theirs:>15.2f} {ours:>12.2f} {ours / theirs:>6.2f}")
    print("validator says:", *verdicts, sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
