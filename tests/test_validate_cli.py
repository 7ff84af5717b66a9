"""``kz-between-chairs validate`` as a whole: the shipped package is valid;
output, JSON, exit statuses, usage errors; frictionless's errors mapped, and
one problem per fault; read-only; every rule named once and tested."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from validate_helpers import csv_path, edit_descriptor, problems, resource, row_of, set_cell, validate

from kz_between_chairs.descriptor import read
from kz_between_chairs.validate import frictionless_errors, runner
from kz_between_chairs.validate.context import load

TESTS = Path(__file__).parent
TABLES = len(read()["resources"])


def test_the_shipped_package_is_valid_against_the_article(article_path):
    run = validate("--article", article_path)
    assert (run.code, run.out) == (0, f"valid: {TABLES} tables, 0 problems\n")


def test_problems_of_every_kind_are_sorted_and_summed_up(package_copy):
    week = row_of(package_copy, "units", "unit", "week")
    troops = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "units", week, "label_en", "weeks ")
    set_cell(package_copy, "indicators", troops, "value", "rund 2500")
    edit_descriptor(package_copy, lambda d: d.update({"$schema": "x"}))
    run = validate(package_copy.parent)  # a copy given by its folder
    assert (run.code, run.out) == (1, "\n".join([
        f"data/indicators.csv:{troops}:value: type-error: 'rund 2500': type is \"number/default\"",
        f"data/units.csv:{week}:label_en: csv-whitespace: trailing blank in 'weeks '",
        "datapackage.json:$schema: descriptor-schema: 'x'; expected 'https://datapackage.org/profiles/2.0/datapackage.json'",
        "3 problems in 3 files",
    ]) + "\n")


def test_json_output(package_copy):
    row = row_of(package_copy, "units", "unit", "week")
    set_cell(package_copy, "units", row, "label_en", "weeks ")
    run = validate(package_copy, "--json")
    assert run.code == 1
    assert json.loads(run.out) == {
        "valid": False,
        "problems": [{"file": "data/units.csv", "row": row, "column": "label_en", "rule": "csv-whitespace",
                      "message": "trailing blank in 'weeks '"}],
        "summary": {"tables": TABLES, "problems": 1, "files": 1, "article": False},
    }


def test_the_files_checked_are_never_changed(package_copy):
    set_cell(package_copy, "entities", 2, "label_de", " Kasachstan")
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"bytes": 1}))

    def digests():
        root = package_copy.parent
        return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}

    before = digests()
    assert validate(package_copy).code == 1
    assert digests() == before


# frictionless's errors, and one problem per fault

def test_frictionless_errors_name_file_row_and_column(package_copy):
    row = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", row, "unit", "soldiers")
    set_cell(package_copy, "indicators", row, "value", "rund 2500")
    assert problems(frictionless_errors, package_copy) == [
        f"data/indicators.csv:{row}:unit: foreign-key: for \"unit\": values \"soldiers\" not found in the lookup table "
        "\"units\" as \"unit\"",
        f"data/indicators.csv:{row}:value: type-error: 'rund 2500': type is \"number/default\"",
    ]


def test_a_cell_frictionless_cannot_compare_loses_only_its_table(package_copy):
    troops = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", troops, "value", "sNaN")
    set_cell(package_copy, "units", 2, "label_en", "")
    run = validate(package_copy)
    assert run.problems == [
        "data/indicators.csv: table-unchecked: frictionless stopped in this table at a number it cannot compare "
        "(InvalidOperation); the number-form rule names the cell",
        f"data/indicators.csv:{troops}:value: number-form: 'sNaN' is not a number in plain digits (such as 2500 or 0.45)",
        "data/units.csv:2:label_en: constraint-error: the column requires a value",
    ]


def test_a_descriptor_frictionless_refuses_is_one_problem(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units").pop("profile"))
    assert problems(frictionless_errors, package_copy) == [
        "datapackage.json: package-error: The data package has an error: descriptor is not valid (The data package "
        'has an error: profile "tabular-data-package" requires all the resources to be "tabular-data-resource")',
    ]


def test_bytes_and_hash_are_reported_once(package_copy):
    size = csv_path(package_copy, "units").stat().st_size
    edit_descriptor(package_copy, lambda d: resource(d, "units").update({"bytes": size + 1, "hash": "sha256:" + "0" * 64}))
    assert [p.rule for p in runner.run(load(package_copy))] == ["resource-bytes", "resource-hash"]


def test_a_family_that_fails_is_reported_and_the_others_still_run(package_copy, monkeypatch):
    from kz_between_chairs.validate import labels

    def fail(ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(labels, "check", fail)
    monkeypatch.setattr(runner, "FAMILIES", (runner.hygiene, labels))
    monkeypatch.setattr(runner, "frictionless_errors", runner.keys)  # no problem here, and fast
    set_cell(package_copy, "entities", 2, "label_de", " Kasachstan")
    assert [p.format() for p in runner.run(load(package_copy))] == [
        "data/entities.csv:2:label_de: csv-whitespace: leading blank in ' Kasachstan'",
        "datapackage.json: validator-fault: a fault of the validator in its labels module (RuntimeError: boom); "
        "the other checks ran; please report it",
    ]


# usage errors: exit 2, one line on stderr, nothing on stdout

@pytest.mark.parametrize(("content", "error"), [
    (None, "{path}: no such file"),
    ('{"name": "x",\n', "{path}: not valid JSON: Expecting property name enclosed in double quotes (line 2, column 1)"),
    ("[]\n", "{path}: not a data package descriptor (a JSON object)"),
])
def test_a_descriptor_that_cannot_be_read(tmp_path, content, error):
    path = tmp_path / "datapackage.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    run = validate(path)
    assert (run.code, run.out, run.err) == (2, "", f"kz-between-chairs validate: {error.format(path=path)}\n")


@pytest.mark.parametrize(("content", "error"), [
    (None, "--article {path}: no such file"),
    (b"%PDF-1.4 \xff\xfe", "--article {path}: cannot read as UTF-8 text: 'utf-8' codec can't decode byte 0xff in "
                           "position 9: invalid start byte"),
])
def test_an_article_that_cannot_be_read(tmp_path, content, error):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    run = validate("--article", path)
    assert (run.code, run.out, run.err) == (2, "", f"kz-between-chairs validate: {error.format(path=path)}\n")


def test_unknown_option():
    run = validate("--fast")
    assert (run.code, run.out) == (2, "")
    assert run.err.splitlines()[-1] == "kz-between-chairs validate: error: unrecognized arguments: --fast"


def test_help():
    run = validate("--help")
    assert run.code == 0
    assert "--article PATH" in run.out and "--json" in run.out


# the rules themselves

def own_rules() -> dict[str, str]:
    rules: dict[str, str] = {}
    for family in (runner.shape, *runner.FAMILIES):
        for name in family.RULES:
            assert name not in rules, f"rule {name} is defined twice"
            rules[name] = family.__name__
    return rules


def test_rule_names_are_kebab_case_and_unique():
    rules = own_rules()
    assert len(rules) > 40
    assert [n for n in rules if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n)] == []


def test_every_rule_has_a_test_that_asserts_its_line():
    """Each rule name begins a message in an expected line (``: rule: ...``
    or a parameter ``"rule: ...``), or is a parameter itself."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (*TESTS.glob("test_validate_*.py"), TESTS / "test_catalogs.py"))
    untested = [name for name in own_rules() if not re.search(f'(: |")({re.escape(name)}: |{re.escape(name)}")', text)]
    assert untested == []


def test_problems_are_capped_per_rule_and_file(package_copy):
    from validate_helpers import read_rows, write_rows

    rows = read_rows(package_copy, "entity_names")
    i = rows[0].index("name")
    write_rows(package_copy, "entity_names", [rows[0]] + [row[:i] + [row[i] + " "] + row[i + 1:] for row in rows[1:]])
    found = [p.format() for p in runner.run(load(package_copy))]
    assert found[runner.CAP - 1].startswith(f"data/entity_names.csv:{runner.CAP + 1}:name: csv-whitespace: trailing blank")
    assert found[runner.CAP:] == [
        f"data/entity_names.csv:{runner.CAP + 2}: csv-whitespace: and {len(rows) - 1 - runner.CAP} more from here on"
    ]


@pytest.mark.parametrize(("data", "line"), [
    (lambda rows: "".join(";".join(row) + "\n" for row in rows).encode(),  # frictionless alone would guess ";"
     "data/event_participants.csv:1: csv-header: column 1 is 'event_id;entity_id;role' where the schema has "
     "'event_id' (1 columns, 3 fields)"),
    (lambda rows: "".join(",".join(row + ["x"] * 5000) + "\n" for row in rows).encode(),
     "data/event_participants.csv:1: csv-header: column 4 is 'x' where the schema has no field (5003 columns, 3 fields)"),
    (lambda rows: "".join(",".join(row) + "\n" for row in rows).encode("utf-16"),
     "data/event_participants.csv: csv-unreadable: not UTF-8: byte 0xff on line 1"),
])
def test_a_table_misread_as_a_whole_is_one_problem(package_copy, data, line):
    # frictionless does not read it: every cell would be a consequence
    from validate_helpers import read_rows, write_bytes

    write_bytes(package_copy, "event_participants", data(read_rows(package_copy, "event_participants")))
    assert validate(package_copy).problems == [line]


def test_an_invalid_pattern_is_reported_and_frictionless_checks_the_rest(package_copy):
    def break_pattern(d):
        field = next(f for f in resource(d, "entities")["schema"]["fields"] if f["name"] == "wikidata_id")
        field["constraints"]["pattern"] = "^Q[1-9"

    edit_descriptor(package_copy, break_pattern)
    troops = row_of(package_copy, "indicators", "indicator_id", "csto_troops")
    set_cell(package_copy, "indicators", troops, "value", "rund 2500")
    run = validate(package_copy)
    i = [f["name"] for f in resource(read(), "entities")["schema"]["fields"]].index("wikidata_id")
    assert run.problems == [
        f"data/indicators.csv:{troops}:value: type-error: 'rund 2500': type is \"number/default\"",
        f"datapackage.json:entities.fields[{i}].constraints.pattern: field-pattern: '^Q[1-9' is not a regular "
        "expression: unterminated character set at position 2",
    ]
