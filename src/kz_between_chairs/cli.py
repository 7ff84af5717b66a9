"""Command line: ``kz-between-chairs COMMAND``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["validate"]:
        from .validate import main as validate

        return validate(argv[1:])
    print("usage: kz-between-chairs validate [DATAPACKAGE_JSON]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
