"""Descriptor shape rules, checked before anything else reads the package:
every part of ``datapackage.json`` that frictionless or a rule reads has the
JSON type it must have; every file and profile it names is inside the
package, never a URL (so nothing ever connects out), and every file a
regular file of bounded size (so nothing hangs).  Where this family finds a problem, the runner reports
it alone: frictionless and the other rules cannot read such a descriptor.

Problems name their place as ``<resource>.<property>``
(``datapackage.json:units.schema``).

>>> list(_depth_problems({"a": [[[1]]]}, limit=3))
[Problem(file='datapackage.json', row=None, column=None, rule='descriptor-shape', message='nested more than 3 levels deep')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .context import Context, local_path
from .problem import DESCRIPTOR_FILE, Problem, shown

RULES = {
    "descriptor-shape": "every part of the descriptor has its JSON type (resources a list of objects, "
    "schema an object with a list of named fields ...), nested at most 32 levels",
    "package-profile": "the package profile, if given, is one of frictionless's names, never a URL or a path",
    "resource-path": "one relative path inside the package, to a regular file inside it, never a URL",
    "resource-profile": 'every resource has "profile": "tabular-data-resource" (v1 readers; never a URL)',
    "key-array": "primaryKey and the fields of a foreign key are non-empty arrays of field names",
}

PACKAGE_PROFILES = ("data-package", "tabular-data-package")
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
CONSTRAINTS = {
    "required": ((bool,), "true or false"),
    "unique": ((bool,), "true or false"),
    "minLength": ((int,), "a whole number"),
    "maxLength": ((int,), "a whole number"),
    "pattern": ((str,), "a regular expression"),
    "enum": ((list,), "an array"),
    **{key: ((int, float, str), "a number or a date") for key in BOUNDS},
}
"""Constraint -> the JSON types frictionless can compare a cell with (any
other makes it fail mid-run)."""
RESOURCE_PROFILE = "tabular-data-resource"
MAX_DEPTH = 32


def check(ctx: Context) -> Iterator[Problem]:
    descriptor = ctx.descriptor
    yield from _depth_problems(descriptor, MAX_DEPTH)
    profile = descriptor.get("profile")
    if profile is not None and profile not in PACKAGE_PROFILES:
        yield _problem("profile", "package-profile", f"{shown(profile)}; expected one of {', '.join(PACKAGE_PROFILES)}")
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        yield _problem("resources", "descriptor-shape", f"{shown(resources)}; a data package lists its tables in an array")
        return
    names = [r.get("name") if isinstance(r, dict) else None for r in resources]
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or not resource["name"]:
            yield _problem(f"resources[{i}]", "descriptor-shape", "a resource is an object with a name")
            continue
        name = resource["name"]
        if name in names[:i]:
            yield _problem(f"resources[{i}].name", "descriptor-shape", f"{name!r} names two resources")
        yield from _resource(ctx, name, resource, names)


def _problem(where: str | None, rule: str, message: str) -> Problem:
    return Problem(DESCRIPTOR_FILE, None, where, rule, message)


def _depth_problems(descriptor: Any, limit: int) -> Iterator[Problem]:
    """Deeper nesting would exhaust the stack of the JSON Schema check."""
    level = [descriptor]
    for _ in range(limit):
        level = [c for v in level if isinstance(v, (dict, list)) for c in (v.values() if isinstance(v, dict) else v)]
    if any(isinstance(v, (dict, list)) for v in level):
        yield _problem(None, "descriptor-shape", f"nested more than {limit} levels deep")


def _resource(ctx: Context, name: str, resource: dict[str, Any], names: list[Any]) -> Iterator[Problem]:
    path = resource.get("path")
    if local_path(ctx.root, path) is None:
        yield _problem(f"{name}.path", "resource-path", f"{shown(path)} is not a relative path inside the package")
    elif path in ctx.refused:
        yield _problem(f"{name}.path", "resource-path", ctx.refused[path])
    if resource.get("profile") != RESOURCE_PROFILE:
        yield _problem(f"{name}.profile", "resource-profile", f"{shown(resource.get('profile'))}; expected {RESOURCE_PROFILE!r}")
    for key, kind, wanted in (("dialect", dict, "an object in the descriptor, not a path or URL"),
                              ("hash", str, "a text")):
        if key in resource and not isinstance(resource[key], kind):
            yield _problem(f"{name}.{key}", "descriptor-shape", f"{shown(resource[key])}; {wanted}")
    if "bytes" in resource and not (type(resource["bytes"]) is int and 0 <= resource["bytes"] < 1 << 63):
        yield _problem(f"{name}.bytes", "descriptor-shape", f"{shown(resource['bytes'])}; a file size in bytes")
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        yield _problem(f"{name}.schema", "descriptor-shape", f"{shown(schema)}; a schema is an object in the descriptor, "
                       "not a path or URL")
        return
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        yield _problem(f"{name}.fields", "descriptor-shape", f"{shown(fields)}; a schema lists its fields in an array")
        return
    field_names = [f.get("name") if isinstance(f, dict) else None for f in fields]
    for i, field in enumerate(fields):
        yield from _field(f"{name}.fields[{i}]", field, field_names[:i])
    yield from _keys(name, schema, names)


def _field(where: str, field: Any, before: list[Any]) -> Iterator[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
        yield _problem(where, "descriptor-shape", "a field is an object with a name")
        return
    if field["name"] in before:
        yield _problem(where, "descriptor-shape", f"{field['name']!r} names two fields")
    for key in ("type", "format", "rdfType"):
        if not isinstance(field.get(key, ""), str):
            yield _problem(f"{where}.{key}", "descriptor-shape", f"{shown(field[key])}; a name")
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield _problem(f"{where}.constraints", "descriptor-shape", f"{shown(constraints)}; an object")
        return
    numeric = field.get("type") in ("number", "integer")
    for key, value in constraints.items():
        kinds, wanted = CONSTRAINTS.get(key, ((object,), ""))
        if key in BOUNDS and numeric:
            kinds, wanted = (int, float), "a number"
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            yield _problem(f"{where}.constraints.{key}", "descriptor-shape", f"{shown(value)}; {wanted}")
    enum = constraints.get("enum")
    if field.get("type", "string") == "string" and isinstance(enum, list) and not all(isinstance(v, str) for v in enum):
        yield _problem(f"{where}.constraints.enum", "descriptor-shape", f"{shown(enum)}; an array of texts")
    if "categories" in field and not isinstance(field["categories"], list):
        yield _problem(f"{where}.categories", "descriptor-shape", f"{shown(field['categories'])}; an array")


def _keys(name: str, schema: dict[str, Any], resources: list[Any]) -> Iterator[Problem]:
    if "primaryKey" in schema and not _names(schema["primaryKey"]):
        yield _problem(f"{name}.primaryKey", "key-array", f"{shown(schema['primaryKey'])}; write it as an array of field names")
    for key in ("missingValues", "uniqueKeys", "foreignKeys"):
        if key in schema and not isinstance(schema[key], list):
            yield _problem(f"{name}.{key}", "descriptor-shape", f"{shown(schema[key])}; an array")
            return
    if not all(isinstance(v, str) for v in schema.get("missingValues", [])):
        yield _problem(f"{name}.missingValues", "descriptor-shape", "an array of texts")
    for i, key in enumerate(schema.get("uniqueKeys", [])):
        if not _names(key):
            yield _problem(f"{name}.uniqueKeys[{i}]", "key-array", f"{shown(key)}; write it as an array of field names")
    for i, fk in enumerate(schema.get("foreignKeys", [])):
        where = f"{name}.foreignKeys[{i}]"
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict):
            yield _problem(f"{where}.reference", "descriptor-shape",
                           f"{shown(reference)}; a reference is an object with resource and fields")
            continue
        for part, value in (("fields", fk.get("fields")), ("reference.fields", reference.get("fields"))):
            if not _names(value):
                yield _problem(f"{where}.{part}", "key-array", f"{shown(value)}; write it as an array of field names")
        if reference.get("resource", "") not in ("", *resources):
            yield _problem(f"{where}.reference.resource", "descriptor-shape",
                           f"{shown(reference.get('resource'))}; the name of a resource of this package")


def _names(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)
