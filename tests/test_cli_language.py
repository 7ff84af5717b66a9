"""The command line speaks one language: every screen a Kazakh or Russian
reader meets (help, usage errors, the table list, codebooks, tables in words,
the validator's report) has no English word other than codes, ids and names."""

from __future__ import annotations

import re
from pathlib import Path

import json

import pytest
from validate_helpers import set_cell

from kz_between_chairs import cli, descriptor, i18n, load
from kz_between_chairs.validate import hygiene, report
from kz_between_chairs.validate.context import load as load_copy
from kz_between_chairs.validate.problem import Problem
from kz_between_chairs.validate.runner import run

READER_LANGS = ("kk", "ru")
COMMANDS = ("tables", "show", "describe", "export", "diff", "cite", "site")

NAMES = {
    # the program, the article and its author, the journal
    "kz", "between", "chairs", "Christoph", "Mohr", "IPG", "Journal",
    # file formats and encodings, named as their software names them
    "CSV", "UTF", "JSON", "Excel", "xlsx", "parquet", "csv", "json", "sqlite", "dta", "sav", "zip", "spss",
    "datapackage", "Frictionless", "PATH", "DIR", "URL", "LANG", "TABLE", "COMMAND", "FORMAT", "STYLE",
    "CODES", "OLD", "NEW", "N",
    "wheel", "pycountry", "pandas",
    # brands written in Latin letters in Kazakh and Russian text (the labels rule lists them)
    "Kaspi", "Halyk", "Bank",
    # standards, code systems and data sets, under their own names
    "ISO", "BCP", "EDTF", "SHA", "CAMEO", "PLOVER", "Gerner", "et", "al", "UCUM", "Unified", "Code", "for",
    "Units", "of", "Measure", "Correlates", "War", "State", "System", "Membership", "List", "ccode",
    "alpha", "Q", "A", "RES", "CC", "BY",
    # the article's German hedge words, quoted where the codebook explains the comparator
    "rund", "etwa", "über", "nahezu", "knapp", "binnen",
}
"""Names that stay as they are in every language."""


def codes() -> set[str]:
    """Every code a screen may show as it is: table, column and option names,
    the values of code columns, and the words of argparse's own syntax."""
    words = set(descriptor.LANGUAGES) | set(COMMANDS) | {"validate", "all", "labels", "codes", "text", "true", "false"}
    # Table Schema types and pandas dtypes, as the codebook names them
    words |= {"string", "number", "integer", "boolean", "date", "datetime", "year", "pandas", "category",
              "float64", "Int64", "datetime64", "object"}
    for resource in descriptor.read()["resources"]:
        words.add(resource["name"])
        for field in resource["schema"]["fields"]:
            words.add(field["name"])
            words.update(map(str, field.get("constraints", {}).get("enum", [])))
        for key in resource["schema"].get("primaryKey", []):
            words.update(str(v) for v in load(resource["name"])[key].dropna())
    from kz_between_chairs.citation import STYLES
    from kz_between_chairs.export import FORMATS

    return words | set(STYLES) | set(FORMATS)


@pytest.fixture(scope="module")
def allowed() -> set[str]:
    return codes() | NAMES


def english(text: str, allowed: set[str]) -> list[str]:
    """Latin-letter words of ``text`` that are not codes, ids or names
    (options such as --lang and placeholders such as KZ_LANG count as codes)."""
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # options
    text = re.sub(r"'[^'\n]*'|«[^»\n]*»|„[^“\n]*“|\"[^\"\n]*\"", " ", text)  # quoted: what was typed, quotes
    text = re.sub(r"\b[A-Z][A-Z0-9_]*_[A-Z0-9_]+\b", " ", text)  # environment variables
    found = []
    for token in re.findall(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f_.-]*", text):
        word = token.strip(".-_")
        parts = {word, *re.split(r"[._-]", word)}
        if word and word not in allowed and not all(p in allowed or not p.isalpha() for p in parts):
            found.append(word)
    return found


def screens(capsys, lang: str) -> dict[str, str]:
    """Every screen of the CLI in ``lang``: top-level and per-command help,
    a usage error of each command, the table list, each codebook."""
    runs = {"--help": ["--help"], "no command": [], "unknown command": ["tabls"], "tables": ["tables"]}
    for command in COMMANDS:
        runs[f"{command} --help"] = [command, "--help"]
        runs[f"{command} usage error"] = [command, "--no-such-option"]
    runs["show without a table"] = ["show"]
    runs["show an unknown table"] = ["show", "people"]
    runs["show --limit x"] = ["show", "units", "--limit", "x"]
    runs["show --codes labels without --lang"] = ["show", "units", "--codes", "labels", "--lang", lang][:4]
    for table in descriptor.table_names():
        runs[f"describe {table}"] = ["describe", table]
    out = {}
    for name, argv in runs.items():
        status = cli.main([*argv, "--lang", lang] if argv and argv[0] in COMMANDS and "--lang" not in argv
                          and name != "show --codes labels without --lang" else argv)
        printed = capsys.readouterr()
        out[name] = printed.out + printed.err
        assert out[name].strip(), name
        assert status in (0, 2), (name, status, out[name])
    return out


@pytest.mark.parametrize("lang", READER_LANGS)
def test_every_cli_screen_speaks_the_language(capsys, monkeypatch, lang, allowed):
    monkeypatch.setenv(cli.LANG_ENV, lang)  # for the runs without --lang
    monkeypatch.setenv("COLUMNS", "2000")
    leaks = {name: words for name, text in screens(capsys, lang).items() if (words := english(text, allowed))}
    assert leaks == {}


@pytest.mark.parametrize("lang", READER_LANGS)
def test_tables_in_words_speak_the_language(capsys, monkeypatch, lang, allowed):
    """show --lang: headers are codes, the labels and code columns are words."""
    monkeypatch.setenv("COLUMNS", "2000")
    leaks = {}
    for table in descriptor.table_names():
        frame = load(table, lang, codes="labels")
        words = [c for c in frame.columns if c == "label" or frame[c].dtype.name == "category"
                 or c in descriptor.foreign_keys(table)]
        text = "\n".join(str(v) for c in words for v in frame[c].dropna())
        if found := english(text, allowed):
            leaks[table] = sorted(set(found))
    assert leaks == {}


def test_english_words_are_found():
    """The check itself: it finds English and lets codes, options and names pass."""
    allowed = {"events", "kz", "between", "chairs"}
    assert english("kz-between-chairs events --lang LANG: show the table", allowed | {"LANG"}) == [
        "show", "the", "table"
    ]
    assert english("таблица KZ_LANG --package", allowed) == []


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang_and_kz_lang(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "2000")
    assert cli.main([command, "--help", "--lang", "ru"]) == 0
    russian = capsys.readouterr().out
    assert russian.startswith(i18n.gettext("usage: ", "ru"))
    monkeypatch.setenv(cli.LANG_ENV, "kk")
    assert cli.main([command, "--help"]) == 0
    assert capsys.readouterr().out.startswith(i18n.gettext("usage: ", "kk"))


def test_tables_lang_gives_the_titles_in_the_language(capsys):
    assert cli.main(["tables", "--lang", "ru"]) == 0
    lines = capsys.readouterr().out.splitlines()
    titles = {line.split()[0]: line.split(None, 1)[1] for line in lines}
    assert titles["events"] == i18n.gettext(descriptor.resource("events")["title"], "ru") != "Events"


@pytest.mark.parametrize("lang", READER_LANGS)
@pytest.mark.parametrize(
    ("argv", "english_message"),
    [
        (["show"], "the following arguments are required: %s"),
        (["tabls"], "argument %(argument_name)s: %(message)s"),
        (["tables", "extra"], "unrecognized arguments: %s"),
    ],
)
def test_usage_errors_are_one_line_in_the_language_with_exit_2(capsys, monkeypatch, lang, argv, english_message):
    monkeypatch.setenv(cli.LANG_ENV, lang)
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    frame = i18n.gettext("{prog}: error: {message}", lang).split("{message}")[0].format(prog="")
    assert frame.strip(": ") in err
    translated = i18n.gettext(english_message, lang)
    assert translated != english_message
    assert translated.split("%")[0].strip() in err


@pytest.mark.parametrize("lang", READER_LANGS)
def test_the_codebook_documents_speak_the_language(lang, allowed):
    """docs/codebook.<lang>.md as a reader sees it: code spans, link targets,
    anchors and the maintainers' comment aside."""
    text = (Path(__file__).resolve().parents[1] / "docs" / f"codebook.{lang}.md").read_text(encoding="utf-8")
    text = re.sub(r"<!--.*?-->|`[^`]*`|\]\([^)]*\)|<a id=\"[^\"]*\"></a>", " ", text, flags=re.S)
    assert english(text, allowed) == []


def test_lang_may_come_before_the_command(capsys):
    assert cli.main(["--lang", "ru", "tables"]) == 0
    assert i18n.gettext(descriptor.resource("events")["title"], "ru") in capsys.readouterr().out
    assert cli.main(["--lang", "kk", "show"]) == 2
    assert i18n.gettext("the following arguments are required: %s", "kk").split(":")[0] in capsys.readouterr().err


def _break(dp: Path) -> None:
    """A copy broken for several rule families: hygiene (blank, formula), keys
    (categories) and frictionless (enum constraint, foreign key, type)."""
    set_cell(dp, "units", 2, "label_en", "person ")
    set_cell(dp, "units", 3, "description_en", "=1+1")
    set_cell(dp, "event_participants", 2, "role", "leader")
    set_cell(dp, "event_participants", 3, "entity_id", "atlantis")
    set_cell(dp, "indicators", 2, "value", "abc")


def _explanations(text: str) -> str:
    """The report without what stays as it is: file:row:column and the rule name."""
    return re.sub(r"(?m)^\S+: [a-z0-9-]+: ", "", text)


def test_validate_on_a_broken_copy_speaks_the_language(package_copy, allowed):
    _break(package_copy)
    ctx = load_copy(package_copy)
    problems = run(ctx)
    rules = {p.rule for p in problems}
    assert {"csv-whitespace", "csv-formula", "categories", "constraint-error", "foreign-key", "type-error"} <= rules
    for lang in READER_LANGS:
        text = report.text(problems, len(ctx.resources), article=False, lang=lang)
        assert text.count("\n") == len(problems)
        assert english(_explanations(text), allowed) == [], lang
        assert text.splitlines()[-1] == i18n.gettext("{problems} in {files}", lang).format(
            problems=i18n.ngettext("{n} problem", "{n} problems", len(problems), lang).format(n=len(problems)),
            files=i18n.ngettext("{n} file", "{n} files", 3, lang).format(n=3))
    assert report.text(problems, len(ctx.resources), article=False).splitlines()[-1] == f"{len(problems)} problems in 3 files"


def test_a_validate_message_in_russian_is_exact(package_copy):
    set_cell(package_copy, "units", 2, "label_en", "person ")
    (problem,) = hygiene.check(load_copy(package_copy))
    assert problem.format("ru") == "data/units.csv:2:label_en: csv-whitespace: пробел в конце 'person '"
    assert problem.format() == "data/units.csv:2:label_en: csv-whitespace: trailing blank in 'person '"


def test_a_frictionless_error_is_worded_from_its_attributes():
    class Error:  # the attributes frictionless's constraint error carries
        type, note, cell, row_number, field_name = "constraint-error", 'constraint "enum" is "[...]"', "leader", 2, "role"

    from kz_between_chairs.validate.frictionless_errors import _problem

    field = {"name": "role", "constraints": {"required": True, "enum": ["actor", "target"]}}
    problem = _problem("data/event_participants.csv", Error(), field)
    assert problem.text("ru") == "'leader' не входит в число допустимых значений: actor, target"
    assert problem.text() == "'leader' is not one of the allowed values: actor, target"


def test_validate_help_speaks_the_language(capsys, monkeypatch, allowed):
    monkeypatch.setenv("COLUMNS", "2000")
    for lang in READER_LANGS:
        assert cli.main(["validate", "--help", "--lang", lang]) == 0
        text = capsys.readouterr().out
        assert text.startswith(i18n.gettext("usage: ", lang))
        assert english(text, allowed | {"DATAPACKAGE_JSON"}) == [], lang


def test_validate_takes_lang_and_kz_lang(capsys, monkeypatch):
    """--lang, KZ_LANG and a --lang before the command reach the report, the
    JSON keeps English ``message`` and adds ``message_<lang>``; usage errors
    are in the language too."""
    found = [Problem.of("data/units.csv", 2, "label_en", "csv-whitespace", hygiene.TRAILING, cell="'person '")]
    monkeypatch.setattr("kz_between_chairs.validate.run", lambda ctx: found)
    russian = "data/units.csv:2:label_en: csv-whitespace: пробел в конце 'person '\n1 проблема в 1 файле\n"
    for argv, env in ((["validate", "--lang", "ru"], "kk"), (["--lang", "ru", "validate"], "de"), (["validate"], "ru")):
        monkeypatch.setenv(cli.LANG_ENV, env)
        assert cli.main(argv) == 1
        assert capsys.readouterr().out == russian, argv
    monkeypatch.delenv(cli.LANG_ENV)
    assert cli.main(["validate", "--json", "--lang", "kk"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert problem["message"] == "trailing blank in 'person '"
    assert problem["message_kk"] == "'person ' соңында бос орын бар"
    assert cli.main(["validate", "--json"]) == 1
    assert "message_en" not in capsys.readouterr().out
    for lang in READER_LANGS:
        assert cli.main(["validate", "--no-such-option", "--lang", lang]) == 2
        err = capsys.readouterr().err
        assert i18n.gettext("unrecognized arguments: %s", lang).split("%")[0] in err
        assert cli.main(["validate", "/no/such/datapackage.json", "--lang", lang]) == 2
        assert capsys.readouterr().err == "kz-between-chairs validate: " + i18n.gettext("{path}: no such file", lang).format(
            path="/no/such/datapackage.json") + "\n"
