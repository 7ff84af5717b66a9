"""What the validator prints: one line per problem and a summary, or JSON.

>>> p = [Problem("data/units.csv", 3, "ucum", "csv-whitespace", "trailing blank in '% '")]
>>> print(text(p, tables=12, article=True))
data/units.csv:3:ucum: csv-whitespace: trailing blank in '% '
1 problem in 1 file
>>> print(text([], tables=12, article=False))
valid: 12 tables, 0 problems (quotes not checked against the article: no --article)
>>> summary([], tables=12, article=True)
{'valid': True, 'tables': 12, 'problems': 0, 'files': 0, 'article': True}
"""

from __future__ import annotations

import json
from typing import Any

from .problem import Problem


def summary(problems: list[Problem], tables: int, article: bool) -> dict[str, Any]:
    return {
        "valid": not problems,
        "tables": tables,
        "problems": len(problems),
        "files": len({p.file for p in problems}),
        "article": article,
    }


def text(problems: list[Problem], tables: int, article: bool) -> str:
    facts = summary(problems, tables, article)
    lines = [p.format() for p in problems]
    if problems:
        lines.append(f"{_count(facts['problems'], 'problem')} in {_count(facts['files'], 'file')}")
    else:
        unchecked = "" if article else " (quotes not checked against the article: no --article)"
        lines.append(f"valid: {_count(tables, 'table')}, 0 problems{unchecked}")
    return "\n".join(lines)


def as_json(problems: list[Problem], tables: int, article: bool) -> str:
    facts = summary(problems, tables, article)
    return json.dumps(
        {"valid": facts.pop("valid"), "problems": [p.as_dict() for p in problems], "summary": facts},
        ensure_ascii=False,
        indent=2,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
