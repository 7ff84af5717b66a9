"""Descriptor rules: readable by v1 and v2 readers, paths inside the package,
``bytes``/``hash`` true to the files, one version everywhere.

Problems about a resource's entry name it as ``<resource>.<property>``
(``datapackage.json:units.encoding``); ``bytes`` and ``hash`` are reported on
the data file (frictionless's own checks of them are skipped).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..__about__ import __version__
from ..descriptor import file_stats
from .context import Context, local_path
from .problem import DESCRIPTOR_FILE, Problem

RULES = {
    "descriptor-schema": "$schema is the Data Package 2.0 profile (v2 readers)",
    "resource-type": 'every resource has "type": "table" (v2 readers)',
    "resource-profile": 'every resource has "profile": "tabular-data-resource" (v1 readers)',
    "resource-encoding": 'every resource declares "encoding": "utf-8"',
    "key-array": "primaryKey and foreign-key fields are arrays",
    "resource-path": "one relative path inside the package, to a file that exists",
    "resource-bytes": "bytes equal the file's size",
    "resource-hash": 'hash is "sha256:" and the SHA-256 of the file',
    "version-match": "version equal in datapackage.json, CITATION.cff and kz_between_chairs.__version__",
}

SCHEMA_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_TYPE = "table"
RESOURCE_PROFILE = "tabular-data-resource"
ENCODING = "utf-8"
CITATION_FILE = "CITATION.cff"
UPDATE_HINT = "scripts/update_derived.py regenerates it"


def check(ctx: Context) -> Iterator[Problem]:
    descriptor = ctx.descriptor
    if descriptor.get("$schema") != SCHEMA_V2:
        yield _problem("$schema", "descriptor-schema", f"{descriptor.get('$schema')!r}; expected {SCHEMA_V2!r}")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        yield _problem("resources", "resource-path", "no resources: a data package lists its tables in resources")
        resources = []
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict):
            yield _problem(f"resources[{i}]", "resource-path", "a resource is a JSON object")
            continue
        name = resource.get("name") if isinstance(resource.get("name"), str) else f"resources[{i}]"
        yield from _resource(ctx, name, resource)
    yield from _versions(ctx)


def _problem(column: str, rule: str, message: str) -> Problem:
    return Problem(DESCRIPTOR_FILE, None, column, rule, message)


def _resource(ctx: Context, name: str, resource: dict[str, Any]) -> Iterator[Problem]:
    for key, expected, rule in (
        ("type", RESOURCE_TYPE, "resource-type"),
        ("profile", RESOURCE_PROFILE, "resource-profile"),
        ("encoding", ENCODING, "resource-encoding"),
    ):
        if resource.get(key) != expected:
            yield _problem(f"{name}.{key}", rule, f"{resource.get(key)!r}; expected {expected!r}")
    yield from _keys(name, resource.get("schema"))
    path = resource.get("path")
    local = local_path(ctx.root, path)
    if local is None:
        yield _problem(f"{name}.path", "resource-path", f"{path!r} is not a relative path inside the package")
        return
    if not local.is_file():
        yield _problem(f"{name}.path", "resource-path", f"{path!r}: no such file")
        return
    data = ctx.raw.get(path)
    if data is None:
        return  # unreadable: the hygiene rules say why
    stats = file_stats(data)
    if resource.get("bytes") != stats["bytes"]:
        yield Problem(path, None, None, "resource-bytes",
                      f"the descriptor says {resource.get('bytes')!r}, the file has {len(data)} bytes; {UPDATE_HINT}")
    actual = stats["hash"]
    if resource.get("hash") != actual:
        yield Problem(path, None, None, "resource-hash",
                      f"the descriptor says {resource.get('hash')!r}, the file is {actual!r}; {UPDATE_HINT}")


def _keys(name: str, schema: Any) -> Iterator[Problem]:
    if not isinstance(schema, dict):
        return
    if "primaryKey" in schema and not isinstance(schema["primaryKey"], list):
        yield _problem(f"{name}.primaryKey", "key-array", f"{schema['primaryKey']!r}; write it as an array")
    for i, fk in enumerate(schema.get("foreignKeys") or []):
        reference = fk.get("reference") if isinstance(fk, dict) else None
        for where, value in (("fields", fk.get("fields") if isinstance(fk, dict) else None),
                             ("reference.fields", reference.get("fields") if isinstance(reference, dict) else None)):
            if not isinstance(value, list):
                yield _problem(f"{name}.foreignKeys[{i}].{where}", "key-array", f"{value!r}; write it as an array")


def _versions(ctx: Context) -> Iterator[Problem]:
    version = ctx.descriptor.get("version")
    if version != __version__:
        yield _problem("version", "version-match",
                       f"{version!r} differs from the package's {__version__!r} (kz_between_chairs.__version__)")
    line, cff_version, error = _citation_version(ctx.root / CITATION_FILE)
    if error:
        yield Problem(CITATION_FILE, line, None, "version-match", error)
    elif cff_version != __version__:
        yield Problem(CITATION_FILE, line, "version", "version-match",
                      f"{cff_version!r} differs from the package's {__version__!r} (kz_between_chairs.__version__)")


def _citation_version(path) -> tuple[int | None, str | None, str | None]:
    """(line, version, error) of CITATION.cff's top-level ``version``.

    The YAML node (not the loaded value) is read, so ``version: 1.0`` stays the
    string it is written as, and the line is known.
    """
    import yaml

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, None, "no CITATION.cff beside datapackage.json"
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, None, f"cannot read CITATION.cff: {exc}".replace("\n", " ")
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "version" and isinstance(value, yaml.ScalarNode):
                return value.start_mark.line + 1, value.value, None
    return None, None, "CITATION.cff has no top-level version"
