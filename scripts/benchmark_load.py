"""Whole-process cost of ``import kz_between_chairs`` plus loading every table,
next to plain ``pandas.read_csv`` of the same files (the goal: ratio <= 1.15).

Each variant runs as its own Python process (interpreter start, imports and
reads included, which is what a user waits for); the variants take turns so
that drift of the machine hits all of them alike, and the median is printed.
Then the reading alone, in this process after the imports: every table read
by ``pandas.read_csv`` and by ``load(t, package=folder)`` (a folder is read
anew by every call: nothing is cached), so the cost of the loader's checks
shows without the interpreter's start-up around it.

    python scripts/benchmark_load.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

import pandas as pd

from kz_between_chairs import datapackage_path, load, tables
from kz_between_chairs.descriptor import resource

GOAL = 1.15


def variants() -> dict[str, str]:
    paths = [str(datapackage_path().parent / resource(name)["path"]) for name in tables()]
    return {
        "pandas.read_csv": f"import pandas as pd\nfor p in {paths!r}: pd.read_csv(p)",
        "load(t)": "import kz_between_chairs as k\nfor t in k.tables(): k.load(t)",
        "load(t, lang='kk')": "import kz_between_chairs as k\nfor t in k.tables(): k.load(t, lang='kk')",
    }


def seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=10, help="runs per variant (default 10)")
    args = parser.parse_args(argv)
    codes = variants()
    for code in codes.values():  # warm the file cache; not counted
        seconds(code)
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(args.repeat):
        for name, code in codes.items():
            times[name].append(seconds(code))
    median = {name: statistics.median(values) for name, values in times.items()}
    baseline = median["pandas.read_csv"]
    print(f"{len(tables())} tables, median of {args.repeat} whole processes ({sys.executable})")
    for name, value in median.items():
        print(f"  {name:<20} {value * 1000:7.0f} ms   ratio {value / baseline:.3f}")
    ratio = median["load(t)"] / baseline
    print(f"load / read_csv = {ratio:.3f} (goal <= {GOAL})")
    reading(args.repeat * 5)
    return 0


def reading(repeat: int) -> None:
    """Reading only, in this process: medians of ``repeat`` rounds over every table."""
    folder = datapackage_path().parent
    paths = [folder / resource(name)["path"] for name in tables()]
    rounds = {
        "pandas.read_csv": lambda: [pd.read_csv(p) for p in paths],
        "load(t, package=)": lambda: [load(t, package=folder) for t in tables()],
    }
    times: dict[str, list[float]] = {name: [] for name in rounds}
    for _ in range(repeat):
        for name, run in rounds.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"reading alone, median of {repeat} rounds in one process")
    for name, value in median.items():
        print(f"  {name:<20} {value * 1000:7.1f} ms   ratio {value / median['pandas.read_csv']:.3f}")


if __name__ == "__main__":
    sys.exit(main())
