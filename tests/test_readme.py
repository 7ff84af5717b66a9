"""The README does what it says: every Python block runs as a doctest (the
output it shows is the output you get), every `kz-between-chairs` command it
shows runs and has --help, the quick start's test command is the one CI runs,
and every relative link of the README and the datasheet points to a file.

The same holds for the README in German, Kazakh and Russian (README.<lang>.md)
beside the English one, and each README and datasheet names the others in a
language line at its top. The commands run in this process, not in a
subprocess each; one test proves that the installed script is this CLI."""

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
TRANSLATED = ("de", "kk", "ru")
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "kk": "Қазақша", "ru": "Русский"}
PROG = "kz-between-chairs"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def translated(lang: str, stem: str = "README") -> Path:
    return ROOT / f"{stem}.{lang}.md"


def blocks(language: str, text: str | None = None) -> list[tuple[int, str]]:
    """(line number of its first line, body) of every fenced block of ``language``."""
    text = README.read_text(encoding="utf-8") if text is None else text
    return [
        (text.count("\n", 0, m.start()) + 2, m.group(2))
        for m in FENCE.finditer(text)
        if m.group(1) == language
    ]


def commands(text: str | None = None) -> list[str]:
    """Every `kz-between-chairs ...` command of the README's shell blocks
    (also after `&&`, as in the quick start)."""
    found = []
    for _, body in blocks("sh", text):
        for line in body.splitlines():
            found += [part.strip() for part in line.split("&&") if part.strip().startswith(PROG + " ")]
    return found


def program() -> str:
    script = Path(sys.executable).parent / PROG
    if not script.is_file():
        pytest.fail(f"{PROG} is not installed beside {sys.executable}: python -m pip install -e .")
    return str(script)


def run_python_blocks(path: Path) -> None:
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    parser = doctest.DocTestParser()
    report = io.StringIO()
    namespace: dict = {}  # shared, as in a notebook: later blocks use earlier names
    python = blocks("python", path.read_text(encoding="utf-8"))
    assert python, f"{path.name} shows no Python"
    for line, body in python:
        assert ">>> " in body, f"{path.name}:{line}: a Python block without '>>>' would go untested"
        test = parser.get_doctest(body, namespace, f"{path.name}:{line}", str(path), line - 1)
        runner.run(test, out=report.write, clear_globs=False)
        namespace.update(test.globs)
    assert runner.summarize(verbose=False).failed == 0, report.getvalue()


def test_every_python_block_is_a_doctest_and_passes():
    run_python_blocks(README)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_python_block_of_a_translated_readme_passes(lang):
    path = translated(lang)
    run_python_blocks(path)
    assert f'lang="{lang}"' in path.read_text(encoding="utf-8"), f"{path.name} loads no table in its language"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_command_of_a_translated_readme_runs(lang, tmp_path, monkeypatch, capsys):
    from kz_between_chairs import cli

    english = commands()
    shown = commands(translated(lang).read_text(encoding="utf-8"))
    assert {shlex.split(c)[1] for c in shown} <= {shlex.split(c)[1] for c in english}, "a subcommand the English README lacks"
    assert any(f"--lang {lang}" in c for c in shown), f"README.{lang}.md shows no command in its language"
    monkeypatch.chdir(tmp_path)
    for command in dict.fromkeys(shown):
        if command in english:
            continue  # run by test_every_command_shown_runs
        status = cli.main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert status == 0, f"README.{lang}.md: {command}\n{out}{err}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translated_quick_start_is_the_english_one(lang):
    def quick(text):
        part = text[text.index("\n## ") :]
        return [body.strip() for _, body in blocks("sh", part[: part.index("\n## ", 1)])]

    english = quick(README.read_text(encoding="utf-8"))
    assert quick(translated(lang).read_text(encoding="utf-8")) == english


@pytest.mark.parametrize("stem", ["README", "DATASHEET"])
@pytest.mark.parametrize("lang", ["en", *TRANSLATED])
def test_a_language_line_links_the_other_languages(stem, lang):
    path = ROOT / f"{stem}.md" if lang == "en" else translated(lang, stem)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    parts = [
        f"**{name}**" if other == lang else f"[{name}]({stem}.md)" if other == "en" else f"[{name}]({stem}.{other}.md)"
        for other, name in LANGUAGE_NAMES.items()
    ]
    assert first == " · ".join(parts), f"{path.name}: the first line is not the language line"


def test_every_command_shown_runs(tmp_path, monkeypatch, capsys):
    from kz_between_chairs import cli

    shown = commands()
    assert f"{PROG} validate" in shown and f"{PROG} cite --format apa" in shown
    monkeypatch.chdir(tmp_path)
    for command in dict.fromkeys(shown):
        status = cli.main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert status == 0, f"{command}\n{out}{err}"


def test_every_subcommand_shown_has_help(capsys):
    from kz_between_chairs import cli

    for sub in sorted({shlex.split(c)[1] for c in commands()}):
        status = cli.main([sub, "--help"])
        out = capsys.readouterr().out
        assert status == 0 and out.startswith("usage: "), f"{sub} --help\n{out}"


def test_the_installed_script_is_the_cli():
    done = subprocess.run([program(), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("usage: kz-between-chairs"), done.stderr


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


@pytest.mark.parametrize(
    "document",
    ["README.md", "DATASHEET.md", *(f"{stem}.{lang}.md" for stem in ("README", "DATASHEET") for lang in TRANSLATED)],
)
def test_relative_links_point_to_files(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not re.match(r"[a-z]+:", t)]
    assert local, f"{document} links to no file"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert missing == [], f"{document}: links to missing files"
