"""``kz-between-chairs validate`` as a whole: the shipped package is valid;
output, JSON, exit statuses, usage errors; frictionless's errors mapped;
read-only; every rule named once and tested."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from validate_helpers import edit_descriptor, resource, row_of, set_cell, validate

from kz_between_chairs._paths import datapackage_path
from kz_between_chairs.validate import runner

pytest.importorskip("frictionless", reason="install the 'validate' extra")

TESTS = Path(__file__).parent


def tables() -> int:
    return len(json.loads(datapackage_path().read_text(encoding="utf-8"))["resources"])


def test_the_shipped_package_is_valid():
    run = validate(catalogs=True)
    assert (run.code, run.problems, run.err) == (0, [], "")
    assert run.summary == f"valid: {tables()} tables, 0 problems (quotes not checked against the article: no --article)"


def test_the_shipped_data_pass_every_data_rule():
    """The same without the catalogs' rules (issue 5): the tables and the descriptor alone."""
    assert validate().problems == []


def test_the_shipped_package_is_valid_against_the_article(article_path):
    run = validate("--article", article_path, catalogs=True)
    assert (run.code, run.out) == (0, f"valid: {tables()} tables, 0 problems\n")


def test_a_copy_given_by_its_folder(package_copy):
    assert validate(package_copy.parent).code == 0


def test_problems_are_sorted_and_summed_up(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_en", "weeks ")
    set_cell(package_copy, "entities", 2, "label_de", " Kasachstan")
    edit_descriptor(package_copy, lambda d: d.update({"$schema": "x"}))
    run = validate(package_copy)
    assert run.code == 1
    assert [line.split(": ")[1] for line in run.problems] == [
        "cldr-country", "csv-whitespace", "csv-whitespace", "descriptor-schema"
    ]
    assert run.problems[1:3] == [
        "data/entities.csv:2:label_de: csv-whitespace: leading blank in ' Kasachstan'",
        f"data/units.csv:{row}:label_en: csv-whitespace: trailing blank in 'weeks '",
    ]
    assert run.summary == "4 problems in 3 files"


def test_json_output(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_en", "weeks ")
    run = validate(package_copy, "--json")
    assert run.code == 1
    assert json.loads(run.out) == {
        "valid": False,
        "problems": [{"file": "data/units.csv", "row": row, "column": "label_en", "rule": "csv-whitespace",
                      "message": "trailing blank in 'weeks '"}],
        "summary": {"tables": tables(), "problems": 1, "files": 1, "article": False},
    }


def test_json_output_of_a_valid_package(package_copy):
    assert json.loads(validate(package_copy, "--json").out)["valid"] is True


def test_the_files_checked_are_never_changed(package_copy):
    set_cell(package_copy, "entities", 2, "label_de", " Kasachstan")
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"bytes": 1}))

    def digests():
        root = package_copy.parent
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}

    before = digests()
    assert validate(package_copy, "--json").code == 1
    assert validate(package_copy).code == 1
    assert digests() == before


def test_frictionless_errors_name_file_row_and_column(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "value", "rund 2500")
    set_cell(package_copy, "indicators", row, "unit", "soldiers")
    assert validate(package_copy).problems == [
        f"data/indicators.csv:{row}:unit: foreign-key: for \"unit\": values \"soldiers\" not found in the lookup table "
        "\"units\" as \"unit\"",
        f"data/indicators.csv:{row}:value: type-error: 'rund 2500': type is \"number/default\"",
    ]


def test_a_header_error_is_on_row_1(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"][6].update({"name": "ucum_code"}))
    problems = validate(package_copy).problems
    assert 'data/units.csv:1:ucum_code: incorrect-label: Label "ucum" in field ucum_code at position "7" does not ' \
        "match the field name in the schema" in problems


def test_a_family_that_fails_is_reported_and_the_others_still_run(package_copy, monkeypatch):
    from kz_between_chairs.validate import labels

    def fail(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(labels, "check", fail)
    set_cell(package_copy, "entities", 2, "label_de", " Kasachstan")
    run = validate(package_copy)
    assert run.code == 1
    assert run.problems == [
        "data/entities.csv:2:label_de: csv-whitespace: leading blank in ' Kasachstan'",
        "datapackage.json: rule-error: the labels rules stopped: RuntimeError: boom",
    ]


def test_frictionless_in_a_child_process_or_not_gives_the_same_problems(package_copy, monkeypatch):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "value", "rund 2500")
    set_cell(package_copy, "units", 2, "label_en", "persons ")
    monkeypatch.setattr(runner, "PARALLEL", False)
    serial = validate(package_copy)
    monkeypatch.setattr(runner, "PARALLEL", True)
    assert validate(package_copy) == serial
    assert len(serial.problems) == 2


@pytest.mark.skipif(not runner.PARALLEL, reason="frictionless runs in a child process only where processes fork (Linux)")
def test_a_child_process_that_dies_is_reported():
    import os

    wait = runner._started(lambda: os._exit(3))
    assert [p.format() for p in wait()] == [
        "datapackage.json: rule-error: the frictionless rules stopped: their process ended with status 3"
    ]


def test_an_optional_family_that_does_not_exist_is_skipped(monkeypatch):
    monkeypatch.setattr(runner, "OPTIONAL_FAMILIES", ("no_such_family",))
    assert [f.__name__.rsplit(".", 1)[-1] for f in runner.families()] == list(runner.FAMILIES)


def test_the_catalog_rules_run_when_present():
    from importlib.util import find_spec

    names = [f.__name__.rsplit(".", 1)[-1] for f in runner.families()]
    assert ("catalogs" in names) == (find_spec("kz_between_chairs.validate.catalogs") is not None)


# usage errors: exit 2, one line on stderr, nothing on stdout

def test_missing_descriptor(tmp_path):
    run = validate(tmp_path / "nowhere.json")
    assert (run.code, run.out, run.err) == (2, "", f"kz-between-chairs validate: {tmp_path / 'nowhere.json'}: no such file\n")


def test_descriptor_that_is_not_json(tmp_path):
    path = tmp_path / "datapackage.json"
    path.write_text('{"name": "x",\n', encoding="utf-8")
    run = validate(path)
    assert (run.code, run.out) == (2, "")
    assert run.err == f"kz-between-chairs validate: {path}: not valid JSON: Expecting property name enclosed in double " \
        "quotes (line 2, column 1)\n"


def test_descriptor_that_is_not_an_object(tmp_path):
    path = tmp_path / "datapackage.json"
    path.write_text("[]\n", encoding="utf-8")
    run = validate(path)
    assert (run.code, run.err) == (2, f"kz-between-chairs validate: {path}: not a data package descriptor (a JSON object)\n")


def test_unknown_option():
    run = validate("--fast")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1] == "kz-between-chairs validate: error: unrecognized arguments: --fast"


def test_missing_article(tmp_path):
    missing = tmp_path / "article.txt"
    run = validate("--article", missing)
    assert (run.code, run.out, run.err) == (2, "", f"kz-between-chairs validate: --article {missing}: no such file\n")


def test_article_that_is_not_text(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4 \xff\xfe")
    run = validate("--article", path)
    assert run.code == 2
    assert run.err.startswith(f"kz-between-chairs validate: --article {path}: cannot read as UTF-8 text: ")


def test_help():
    run = validate("--help")
    assert run.code == 0
    assert "--article PATH" in run.out and "--json" in run.out


# the rules themselves

def own_rules() -> dict[str, str]:
    rules: dict[str, str] = {}
    for family in runner.families():
        if family.__name__.rsplit(".", 1)[-1] in runner.FAMILIES:
            for name in family.RULES:
                assert name not in rules, f"rule {name} is defined twice"
                rules[name] = family.__name__
    return rules


def test_rule_names_are_kebab_case_and_unique():
    rules = own_rules()
    assert len(rules) > 40
    assert [n for n in rules if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n)] == []


def test_every_rule_has_a_test_that_asserts_its_line():
    """Each rule name is in an expected line, or a parameter of one."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_validate_*.py"))
    untested = [name for name in own_rules() if f": {name}: " not in text and f'"{name}"' not in text]
    assert untested == []
