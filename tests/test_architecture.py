"""ARCHITECTURE.md stays a map of the code: it names every module of the
package and every script."""

from __future__ import annotations

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
