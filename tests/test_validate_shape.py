"""Shape rules: a descriptor or a file that frictionless and the rules
cannot read safely is reported alone, never fetched, never blocked on,
never a traceback."""

from __future__ import annotations

import json
import os
import signal
import socket

import pytest
from validate_helpers import csv_path, edit_descriptor, problems, resource, validate

from kz_between_chairs.descriptor import read
from kz_between_chairs.validate import shape

URL = "https://example.org/x.json"


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to connect out fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"the validator tried to connect out: {args!r}")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def deadline():
    """Fail, rather than hang, if a run takes more than 60 s."""

    def expire(*_):
        raise AssertionError("the validator hung")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("change", "line"), [
    (lambda d: d.update(profile=URL),
     f"datapackage.json:profile: package-profile: {URL!r}; expected one of data-package, tabular-data-package"),
    (lambda d: resource(d, "units").update(profile=URL),
     f"datapackage.json:units.profile: resource-profile: {URL!r}; expected 'tabular-data-resource'"),
    (lambda d: resource(d, "units").update(path=URL),
     f"datapackage.json:units.path: resource-path: {URL!r} is not a relative path inside the package"),
    (lambda d: resource(d, "units").update(path=[URL]),
     f"datapackage.json:units.path: resource-path: [{URL!r}] is not a relative path inside the package"),
    (lambda d: resource(d, "units").update(schema=URL),
     f"datapackage.json:units.schema: descriptor-shape: {URL!r}; a schema is an object in the descriptor, not a path or URL"),
    (lambda d: resource(d, "units").update(dialect=URL),
     f"datapackage.json:units.dialect: descriptor-shape: {URL!r}; an object in the descriptor, not a path or URL"),
])
def test_a_url_is_reported_and_never_fetched(package_copy, no_network, change, line):
    edit_descriptor(package_copy, change)
    run = validate(package_copy)
    assert (run.code, run.out, run.err) == (1, f"{line}\n1 problem in 1 file\n", "")


@pytest.mark.parametrize(("change", "line"), [
    (lambda d: resource(d, "units").update(schema="schema.json"),
     "units.schema: descriptor-shape: 'schema.json'; a schema is an object in the descriptor, not a path or URL"),
    (lambda d: resource(d, "units").update(schema=[]),
     "units.schema: descriptor-shape: []; a schema is an object in the descriptor, not a path or URL"),
    (lambda d: d.update(resources={"units": resource(d, "units")}),
     "resources: descriptor-shape: {'units': {'name': 'units', 'type': 'table', 'profile': 'tabular-data-resource', "
     "'path': 'data/un...; "
     "a data package lists its tables in an array"),
    (lambda d: resource(d, "entities")["schema"]["foreignKeys"][0].update(reference="entity_types"),
     "entities.foreignKeys[0].reference: descriptor-shape: 'entity_types'; a reference is an object with resource and fields"),
    (lambda d: resource(d, "entities")["schema"]["foreignKeys"][0].update(fields=[]),
     "entities.foreignKeys[0].fields: key-array: []; write it as an array of field names"),
    (lambda d: resource(d, "entities")["schema"]["foreignKeys"][0].update(fields="entity_type"),
     "entities.foreignKeys[0].fields: key-array: 'entity_type'; write it as an array of field names"),
    (lambda d: resource(d, "units")["schema"].update(primaryKey="unit"),
     "units.primaryKey: key-array: 'unit'; write it as an array of field names"),
    (lambda d: resource(d, "units").update(bytes=10 ** 200),
     f"units.bytes: descriptor-shape: {'1' + '0' * 96}...; a file size in bytes"),
    (lambda d: resource(d, "units").update(bytes=-1), "units.bytes: descriptor-shape: -1; a file size in bytes"),
    (lambda d: resource(d, "units")["schema"]["fields"][0].update(constraints={"pattern": 1}),
     "units.fields[0].constraints.pattern: descriptor-shape: 1; a regular expression"),
    (lambda d: resource(d, "indicators")["schema"]["fields"][5].update(constraints={"minimum": {}}),
     "indicators.fields[5].constraints.minimum: descriptor-shape: {}; a number"),
    (lambda d: resource(d, "units")["schema"]["fields"][0].update(constraints={"enum": ["person", 1]}),
     "units.fields[0].constraints.enum: descriptor-shape: ['person', 1]; an array of texts"),
    (lambda d: resource(d, "units")["schema"]["fields"][0].update(format={}),
     "units.fields[0].format: descriptor-shape: {}; a name"),
    (lambda d: resource(d, "units")["schema"]["fields"][0].update(constraints={"required": "yes"}),
     "units.fields[0].constraints.required: descriptor-shape: 'yes'; true or false"),
    (lambda d: d.update(extra=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]),
     ": descriptor-shape: nested more than 32 levels deep"),
    (lambda d: resource(d, "units").pop("profile"),
     "units.profile: resource-profile: None; expected 'tabular-data-resource'"),
])
def test_a_descriptor_of_the_wrong_shape_is_reported_alone(package_copy, change, line):
    edit_descriptor(package_copy, change)
    run = validate(package_copy)
    assert (run.code, run.problems, run.err) == (1, [f"datapackage.json{'' if line.startswith(':') else ':'}{line}"], "")


def test_a_path_outside_the_package_is_refused(package_copy):
    edit_descriptor(package_copy, lambda d: resource(d, "units").update(path="../data/units.csv"))
    assert problems(shape, package_copy) == [
        "datapackage.json:units.path: resource-path: '../data/units.csv' is not a relative path inside the package"
    ]


@pytest.mark.parametrize("kind", ["fifo", "device", "symlink out", "missing", "too large"])
def test_only_regular_files_inside_the_package_are_read(package_copy, deadline, kind):
    path = csv_path(package_copy, "units")
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
        reason = "'data/units.csv' is not a regular file"
    elif kind == "device":
        path.symlink_to("/dev/zero")
        reason = "'data/units.csv' leads outside the package (to '/dev/zero')"
    elif kind == "symlink out":
        outside = package_copy.parent.parent / "units.csv"
        outside.write_text("unit\n", encoding="utf-8")
        path.symlink_to(outside)
        reason = f"'data/units.csv' leads outside the package (to {str(outside)!r})"
    elif kind == "missing":
        reason = "'data/units.csv': no such file"
    else:
        path.write_bytes(b"unit\n" + b"x\n" * (1 << 20))
        declared = json.loads(package_copy.read_text(encoding="utf-8"))
        limit = resource(declared, "units")["bytes"] + (1 << 20)
        reason = f"'data/units.csv' has {path.stat().st_size} bytes; at most {limit} are read (the declared bytes and a margin)"
    run = validate(package_copy)
    assert (run.code, run.problems) == (1, [f"datapackage.json:units.path: resource-path: {reason}"])


@pytest.mark.parametrize(("text", "error"), [
    ('{"version": ' + "1" * 5000 + "}",
     "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
     "use sys.set_int_max_str_digits() to increase the limit"),
    ("[" * 100_000 + "]" * 100_000, "not valid JSON: nested too deeply"),
])
def test_a_descriptor_python_cannot_parse_is_a_usage_error(tmp_path, text, error):
    path = tmp_path / "datapackage.json"
    path.write_text(text, encoding="utf-8")
    run = validate(path)
    assert (run.code, run.out, run.err) == (2, "", f"kz-between-chairs validate: {path}: {error}\n")


def test_two_resources_of_one_name(package_copy):
    edit_descriptor(package_copy, lambda d: d["resources"].append(dict(resource(d, "units"))))
    n = len(json.loads(package_copy.read_text(encoding="utf-8"))["resources"]) - 1
    assert problems(shape, package_copy) == [f"datapackage.json:resources[{n}].name: descriptor-shape: 'units' names two resources"]


def test_a_catalog_that_leads_outside_the_package_is_not_read(package_copy):
    from kz_between_chairs.validate import catalogs

    po = package_copy.parent / "translations" / "de" / "LC_MESSAGES" / "messages.po"
    outside = package_copy.parent.parent / "messages.po"
    po.rename(outside)
    po.symlink_to(outside)
    assert problems(catalogs, package_copy) == [
        f"translations/de/LC_MESSAGES/messages.po: catalog-unreadable: 'translations/de/LC_MESSAGES/messages.po' "
        f"leads outside the package (to {str(outside)!r})"
    ]


@pytest.mark.parametrize("name", [{"a": 1}, ["unit"], None])
def test_a_field_name_that_is_not_a_text(package_copy, name):
    edit_descriptor(package_copy, lambda d: resource(d, "units")["schema"]["fields"][0].update(name=name))
    assert problems(shape, package_copy) == ["datapackage.json:units.fields[0]: descriptor-shape: a field is an object with a name"]


def test_the_shipped_package_is_valid_and_checked_without_the_network(no_network):
    run = validate()
    tables = len(read()["resources"])
    assert (run.code, run.out, run.err) == (
        0, f"valid: {tables} tables, 0 problems (quotes not checked against the article: no --article)\n", "")
