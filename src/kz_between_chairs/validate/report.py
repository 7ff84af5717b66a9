"""What the validator prints: one line per problem and a summary, or JSON.

>>> p = [Problem("data/units.csv", 3, "ucum", "csv-whitespace", "trailing blank in '% '")]
>>> print(text(p, tables=12, article=True))
data/units.csv:3:ucum: csv-whitespace: trailing blank in '% '
1 problem in 1 file
>>> print(text([], tables=12, article=False))
valid: 12 tables, 0 problems (quotes not checked against the article: no --article)
>>> summary([], tables=12, article=True)
{'valid': True, 'tables': 12, 'problems': 0, 'files': 0, 'article': True}

In another language the explanations and the summary are translated; file,
row, column, rule names and the values shown stay as they are:

>>> print(text(p, tables=12, article=True, lang="ru"))
data/units.csv:3:ucum: csv-whitespace: trailing blank in '% '
1 проблема в 1 файле
"""

from __future__ import annotations

import json
from typing import Any

from ..i18n import N_, Nn_, gettext, ngettext
from .problem import Problem

PROBLEMS = Nn_("{n} problem", "{n} problems")
# Translators: the place in the summary "{problems} in {files}" (ru: «в 1 файле»).
IN_FILES = Nn_("{n} file", "{n} files")
TABLES = Nn_("{n} table", "{n} tables")
# Translators: the summary of a validation that found problems; {problems} and {files} are counts with their nouns.
FOUND = N_("{problems} in {files}")
VALID = N_("valid: {tables}, 0 problems")
VALID_UNCHECKED = N_("valid: {tables}, 0 problems (quotes not checked against the article: no --article)")


def summary(problems: list[Problem], tables: int, article: bool) -> dict[str, Any]:
    return {
        "valid": not problems,
        "tables": tables,
        "problems": len(problems),
        "files": len({p.file for p in problems}),
        "article": article,
    }


def text(problems: list[Problem], tables: int, article: bool, lang: str = "en") -> str:
    facts = summary(problems, tables, article)
    lines = [p.format(lang) for p in problems]
    if problems:
        lines.append(gettext(FOUND, lang).format(
            problems=_count(PROBLEMS, facts["problems"], lang), files=_count(IN_FILES, facts["files"], lang)))
    else:
        lines.append(gettext(VALID if article else VALID_UNCHECKED, lang).format(tables=_count(TABLES, tables, lang)))
    return "\n".join(lines)


def as_json(problems: list[Problem], tables: int, article: bool, lang: str = "en") -> str:
    """Stable for scripts: ``message`` is English; another ``lang`` adds
    ``message_<lang>`` to every problem and nothing else."""
    facts = summary(problems, tables, article)
    return json.dumps(
        {"valid": facts.pop("valid"), "problems": [p.as_dict(lang) for p in problems], "summary": facts},
        ensure_ascii=False,
        indent=2,
    )


def _count(forms: tuple[str, str], n: int, lang: str) -> str:
    return ngettext(*forms, n, lang).format(n=n)
