"""``kz-between-chairs validate``: frictionless, then the project's own rules.

(First version: frictionless only; the rules follow in issue #3.)
"""

from __future__ import annotations

import argparse
import sys

from .._paths import datapackage_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kz-between-chairs validate")
    parser.add_argument("descriptor", nargs="?", default=None)
    args = parser.parse_args(argv)
    from frictionless import Package

    report = Package(str(args.descriptor or datapackage_path())).validate()
    for task in report.tasks:
        for error in task.errors:
            print(f"{task.name}:{getattr(error, 'row_number', '')}:{getattr(error, 'field_name', '')}: {error.type}: {error.message}")
    print("valid" if report.valid else "invalid")
    return 0 if report.valid else 1
