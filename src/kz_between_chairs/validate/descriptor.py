"""Descriptor rules: readable by v2 readers, ``bytes``/``hash`` true to the
files, one version everywhere (the shape rules have checked the rest).

Problems about a resource's entry name it as ``<resource>.<property>``
(``datapackage.json:units.encoding``); ``bytes`` and ``hash`` are reported on
the data file (frictionless's own checks of them are skipped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..__about__ import __version__
from ..descriptor import file_stats
from ..i18n import N_
from .context import Context, Refused, read_file
from .problem import DESCRIPTOR_FILE, Problem, shown

RULES = {
    "descriptor-schema": "$schema is the Data Package 2.0 profile (v2 readers)",
    "resource-type": 'every resource has "type": "table" (v2 readers)',
    "resource-encoding": 'every resource declares "encoding": "utf-8"',
    "resource-dialect": "every resource declares the package's CSV dialect: comma, double quote, a header row",
    "field-pattern": "a field's constraints.pattern is a regular expression (frictionless checks the others)",
    "resource-bytes": "bytes equal the file's size",
    "resource-hash": 'hash is "sha256:" and the SHA-256 of the file',
    "version-match": "version equal in datapackage.json, CITATION.cff and kz_between_chairs.__version__",
}

SCHEMA_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_TYPE = "table"
ENCODING = "utf-8"
DIALECT = {"delimiter": ",", "quoteChar": '"', "header": True}
"""The CSV dialect of every table (what the csv module and csv_format write)."""
CITATION_FILE = "CITATION.cff"
UPDATE_SCRIPT = "scripts/update_derived.py"
# Translators: {value} is what the descriptor has, {expected} what it should have.
EXPECTED = N_("{value}; expected {expected}")
VERSION_DIFFERS = N_("{value} differs from the package's {version} (kz_between_chairs.__version__)")


def check(ctx: Context) -> Iterator[Problem]:
    descriptor = ctx.descriptor
    if descriptor.get("$schema") != SCHEMA_V2:
        yield _problem("$schema", "descriptor-schema", EXPECTED, value=shown(descriptor.get("$schema")),
                       expected=repr(SCHEMA_V2))
    for resource in ctx.resources:
        yield from _resource(ctx, resource["name"], resource)
        for i, field in enumerate(resource["schema"]["fields"]):
            error = invalid_pattern(field)
            if error:
                yield Problem(DESCRIPTOR_FILE, None, f"{resource['name']}.fields[{i}].constraints.pattern",
                              "field-pattern", error)
    yield from _versions(ctx)


def invalid_pattern(field: dict[str, Any]) -> str | None:
    """Why a field's ``pattern`` is not a regular expression, or None.

    >>> invalid_pattern({"constraints": {"pattern": "^Q[1-9"}})
    "'^Q[1-9' is not a regular expression: unterminated character set at position 2"
    """
    pattern = (field.get("constraints") or {}).get("pattern")
    try:
        re.compile(pattern or "")
    except re.error as exc:
        return f"{shown(pattern)} is not a regular expression: {exc}"
    return None


def _problem(column: str, rule: str, template: str, **args: Any) -> Problem:
    return Problem.of(DESCRIPTOR_FILE, None, column, rule, template, **args)


def _resource(ctx: Context, name: str, resource: dict[str, Any]) -> Iterator[Problem]:
    for key, expected, rule in (
        ("type", RESOURCE_TYPE, "resource-type"),
        ("encoding", ENCODING, "resource-encoding"),
    ):
        if resource.get(key) != expected:
            yield _problem(f"{name}.{key}", rule, EXPECTED, value=shown(resource.get(key)), expected=repr(expected))
    dialect = resource.get("dialect") or {}
    wrong = {k: dialect.get(k) for k, v in DIALECT.items() if dialect.get(k) != v}
    if wrong:
        yield _problem(f"{name}.dialect", "resource-dialect",
                       N_("{value}; declare {dialect} (frictionless would otherwise guess the delimiter)"),
                       value=shown(wrong), dialect=repr(DIALECT))
    path = resource["path"]
    data = ctx.raw.get(path)
    if data is None:
        return  # not read: the shape rules say why
    stats = file_stats(data)
    if resource.get("bytes") != stats["bytes"]:
        yield Problem.of(path, None, None, "resource-bytes",
                         N_("the descriptor says {said}, the file has {bytes} bytes; {script} regenerates it"),
                         said=repr(resource.get("bytes")), bytes=len(data), script=UPDATE_SCRIPT)
    actual = stats["hash"]
    if resource.get("hash") != actual:
        yield Problem.of(path, None, None, "resource-hash",
                         N_("the descriptor says {said}, the file is {hash}; {script} regenerates it"),
                         said=repr(resource.get("hash")), hash=repr(actual), script=UPDATE_SCRIPT)


def _versions(ctx: Context) -> Iterator[Problem]:
    version = ctx.descriptor.get("version")
    if version != __version__:
        yield _problem("version", "version-match", VERSION_DIFFERS, value=shown(version), version=repr(__version__))
    line, cff_version, error = _citation_version(ctx)
    if error:
        yield Problem(CITATION_FILE, line, None, "version-match", error)
    elif cff_version != __version__:
        yield Problem.of(CITATION_FILE, line, "version", "version-match", VERSION_DIFFERS,
                         value=repr(cff_version), version=repr(__version__))


def _citation_version(ctx: Context) -> tuple[int | None, str | None, str | None]:
    """(line, version, error) of CITATION.cff's top-level ``version``.

    The YAML node (not the loaded value) is read, so ``version: 1.0`` stays the
    string it is written as, and the line is known.
    """
    import yaml

    if not (ctx.root / CITATION_FILE).exists():
        return None, None, "no CITATION.cff beside datapackage.json"
    try:
        root = yaml.compose(read_file(ctx.root, CITATION_FILE).decode("utf-8"))
    except Refused as exc:
        return None, None, f"cannot read: {exc}"
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, None, f"cannot read CITATION.cff: {exc}".replace("\n", " ")
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "version" and isinstance(value, yaml.ScalarNode):
                return value.start_mark.line + 1, value.value, None
    return None, None, "CITATION.cff has no top-level version"
