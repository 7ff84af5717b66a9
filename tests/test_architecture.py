"""ARCHITECTURE.md stays a map of the code: it names every module of the
package and every script, and every module imports only what the map allows."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "kz_between_chairs"


def named() -> set[str]:
    return set(re.findall(r"`([\w./]+)`", (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")))


def test_every_module_is_on_the_map():
    modules = {p.stem for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    folders = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert sorted((modules | folders) - named()) == []


def test_every_script_is_on_the_map():
    assert sorted(p.name for p in (ROOT / "scripts").glob("*.py") if p.name not in named()) == []


def imports(path: Path, level: int) -> set[str]:
    """The package's modules that a file imports (relative imports of ``level``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == level:
            found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
    return found - {"__about__"}


def claims() -> dict[str, set[str] | None]:
    """Each module of the code map -> what it may import (None: anything)."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    text = text[text.index("## Code map") : text.index("## Invariants")]
    out = {}
    for bullet in re.split(r"\n(?=- `)", text)[1:]:
        bullet = " ".join(bullet.split())
        name = re.match(r"- `([\w/]+)`", bullet).group(1)
        if "Imports nothing of the package" in bullet:
            out[name] = set()
        elif "May import everything" in bullet:
            out[name] = None
        elif "May import" in bullet:
            allowed = re.split(r";|\.\s", bullet.split("May import", 1)[1], maxsplit=1)[0]
            out[name] = set(re.findall(r"`(\w+)`", allowed))
    return out


def test_every_module_imports_only_what_the_map_allows():
    allowed = claims()
    assert allowed, "ARCHITECTURE.md's code map says nothing about imports"
    for name, may in allowed.items():
        if may is None:
            continue
        if name.endswith("/"):
            used = set().union(*(imports(p, 2) for p in (PACKAGE / name).glob("*.py")))
        else:
            used = imports(PACKAGE / f"{name}.py", 1)
        assert sorted(used - may) == [], f"{name} imports more than ARCHITECTURE.md says"


def test_every_module_says_what_it_may_import():
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__about__"}
    folders = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert sorted((top | folders) - set(claims())) == []


def test_the_data_contract_names_every_table():
    from kz_between_chairs import descriptor

    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    contract = text[text.index("## Data contract") : text.index("## Code map")]
    listed = set(re.findall(r"`(\w+)`", contract))
    assert sorted(set(descriptor.table_names()) - listed) == []
