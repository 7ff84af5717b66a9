"""The README does what it says: every Python block runs as a doctest (the
output it shows is the output you get), every `kz-between-chairs` command it
shows runs and has --help, the quick start's test command is the one CI runs,
and every relative link of the README and the datasheet points to a file."""

from __future__ import annotations

import doctest
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PROG = "kz-between-chairs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def blocks(language: str, text: str | None = None) -> list[tuple[int, str]]:
    """(line number of its first line, body) of every fenced block of ``language``."""
    text = README.read_text(encoding="utf-8") if text is None else text
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(2))
        for m in FENCE.finditer(text)
        if m.group(1) == language
    ]


def commands() -> list[str]:
    """Every `kz-between-chairs ...` command of the README's shell blocks
    (also after `&&`, as in the quick start)."""
    found = []
    for _, body in blocks("sh"):
        for line in body.splitlines():
            found += [part.strip() for part in line.split("&&") if part.strip().startswith(PROG + " ")]
    return found


def program() -> str:
    script = Path(sys.executable).parent / PROG
    if not script.is_file():
        pytest.fail(f"{PROG} is not installed beside {sys.executable}: python -m pip install -e .")
    return str(script)


def test_every_python_block_is_a_doctest_and_passes():
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    report = io.StringIO()
    namespace: dict = {}  # shared, as in a notebook: later blocks use earlier names
    python = blocks("python")
    assert python, "the README shows no Python"
    for line, body in python:
        assert ">>> " in body, f"README.md:{line}: a Python block without '>>>' would go untested"
        test = parser.get_doctest(body, namespace, f"README.md:{line}", str(README), line - 1)
        runner.run(test, out=report.write, clear_globs=False)
        namespace.update(test.globs)
    assert runner.summarize(verbose=False).failed == 0, report.getvalue()


def test_every_command_shown_runs(tmp_path):
    shown = commands()
    assert f"{PROG} validate" in shown and f"{PROG} cite --format apa" in shown
    for command in shown:
        argv = [program(), *shlex.split(command)[1:]]
        done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"


def test_every_subcommand_shown_has_help():
    for sub in sorted({shlex.split(c)[1] for c in commands()}):
        done = subprocess.run([program(), sub, "--help"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stdout.startswith("usage: "), f"{sub} --help\n{done.stderr}"


def test_quick_start_is_two_commands_and_ci_runs_the_second_verbatim():
    text = README.read_text(encoding="utf-8")
    quick = text[text.index("## Quick start") :]
    quick = quick[: quick.index("\n## ", 1)]
    shell = [body.strip() for _, body in blocks("sh", quick)]
    assert shell == [
        "python -m pip install '.[validate]' && kz-between-chairs validate",
        "python -m pip install -e '.[test]' && python -m pytest",
    ]
    assert shell[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("document", ["README.md", "DATASHEET.md"])
def test_relative_links_point_to_files(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local, f"{document} links to no file"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert missing == [], f"{document}: links to missing files"
