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

from ..i18n import N_
from .context import Context, local_path
from .problem import DESCRIPTOR_FILE, Problem, Term, shown

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
    "required": ((bool,), N_("true or false")),
    "unique": ((bool,), N_("true or false")),
    "minLength": ((int,), N_("a whole number")),
    "maxLength": ((int,), N_("a whole number")),
    "pattern": ((str,), N_("a regular expression")),
    "enum": ((list,), N_("an array")),
    **{key: ((int, float, str), N_("a number or a date")) for key in BOUNDS},
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
        yield _problem("profile", "package-profile", N_("{value}; expected one of {allowed}"), value=shown(profile),
                       allowed=", ".join(PACKAGE_PROFILES))
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        yield _wrong("resources", "descriptor-shape", resources, N_("a data package lists its tables in an array"))
        return
    names = [r.get("name") if isinstance(r, dict) else None for r in resources]
    for i, resource in enumerate(resources):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str) or not resource["name"]:
            yield _problem(f"resources[{i}]", "descriptor-shape", N_("a resource is an object with a name"))
            continue
        name = resource["name"]
        if name in names[:i]:
            yield _problem(f"resources[{i}].name", "descriptor-shape", N_("{name} names two resources"), name=repr(name))
        yield from _resource(ctx, name, resource, names)


def _problem(where: str | None, rule: str, template: str, **args: Any) -> Problem:
    return Problem.of(DESCRIPTOR_FILE, None, where, rule, template, **args)


def _wrong(where: str, rule: str, value: Any, wanted: str) -> Problem:
    """``value`` where ``wanted`` (a marked phrase: what belongs there) should be."""
    return _problem(where, rule, N_("{value}; {wanted}"), value=shown(value), wanted=Term(wanted))


def _depth_problems(descriptor: Any, limit: int) -> Iterator[Problem]:
    """Deeper nesting would exhaust the stack of the JSON Schema check."""
    level = [descriptor]
    for _ in range(limit):
        level = [c for v in level if isinstance(v, (dict, list)) for c in (v.values() if isinstance(v, dict) else v)]
    if any(isinstance(v, (dict, list)) for v in level):
        yield _problem(None, "descriptor-shape", N_("nested more than {limit} levels deep"), limit=limit)


def _resource(ctx: Context, name: str, resource: dict[str, Any], names: list[Any]) -> Iterator[Problem]:
    path = resource.get("path")
    if local_path(ctx.root, path) is None:
        yield _problem(f"{name}.path", "resource-path", N_("{value} is not a relative path inside the package"),
                       value=shown(path))
    elif path in ctx.refused:
        yield Problem(DESCRIPTOR_FILE, None, f"{name}.path", "resource-path", ctx.refused[path])
    if resource.get("profile") != RESOURCE_PROFILE:
        yield _problem(f"{name}.profile", "resource-profile", N_("{value}; expected {expected}"),
                       value=shown(resource.get("profile")), expected=repr(RESOURCE_PROFILE))
    for key, kind, wanted in (("dialect", dict, N_("an object in the descriptor, not a path or URL")),
                              ("hash", str, N_("a text"))):
        if key in resource and not isinstance(resource[key], kind):
            yield _wrong(f"{name}.{key}", "descriptor-shape", resource[key], wanted)
    if "bytes" in resource and not (type(resource["bytes"]) is int and 0 <= resource["bytes"] < 1 << 63):
        yield _wrong(f"{name}.bytes", "descriptor-shape", resource["bytes"], N_("a file size in bytes"))
    schema = resource.get("schema")
    if not isinstance(schema, dict):
        yield _wrong(f"{name}.schema", "descriptor-shape", schema, N_("a schema is an object in the descriptor, not a path or URL"))
        return
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        yield _wrong(f"{name}.fields", "descriptor-shape", fields, N_("a schema lists its fields in an array"))
        return
    field_names = [f.get("name") if isinstance(f, dict) else None for f in fields]
    for i, field in enumerate(fields):
        yield from _field(f"{name}.fields[{i}]", field, field_names[:i])
    yield from _keys(name, schema, names)


def _field(where: str, field: Any, before: list[Any]) -> Iterator[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str) or not field["name"]:
        yield _problem(where, "descriptor-shape", N_("a field is an object with a name"))
        return
    if field["name"] in before:
        yield _problem(where, "descriptor-shape", N_("{name} names two fields"), name=repr(field["name"]))
    for key in ("type", "format", "rdfType"):
        if not isinstance(field.get(key, ""), str):
            yield _wrong(f"{where}.{key}", "descriptor-shape", field[key], N_("a name"))
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield _wrong(f"{where}.constraints", "descriptor-shape", constraints, N_("an object"))
        return
    numeric = field.get("type") in ("number", "integer")
    for key, value in constraints.items():
        kinds, wanted = CONSTRAINTS.get(key, ((object,), ""))
        if key in BOUNDS and numeric:
            kinds, wanted = (int, float), N_("a number")
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            yield _wrong(f"{where}.constraints.{key}", "descriptor-shape", value, wanted)
    enum = constraints.get("enum")
    if field.get("type", "string") == "string" and isinstance(enum, list) and not all(isinstance(v, str) for v in enum):
        yield _wrong(f"{where}.constraints.enum", "descriptor-shape", enum, N_("an array of texts"))
    if "categories" in field and not isinstance(field["categories"], list):
        yield _wrong(f"{where}.categories", "descriptor-shape", field["categories"], N_("an array"))


def _keys(name: str, schema: dict[str, Any], resources: list[Any]) -> Iterator[Problem]:
    if "primaryKey" in schema and not _names(schema["primaryKey"]):
        yield _wrong(f"{name}.primaryKey", "key-array", schema["primaryKey"], N_("write it as an array of field names"))
    for key in ("missingValues", "uniqueKeys", "foreignKeys"):
        if key in schema and not isinstance(schema[key], list):
            yield _wrong(f"{name}.{key}", "descriptor-shape", schema[key], N_("an array"))
            return
    if not all(isinstance(v, str) for v in schema.get("missingValues", [])):
        yield _problem(f"{name}.missingValues", "descriptor-shape", N_("an array of texts"))
    for i, key in enumerate(schema.get("uniqueKeys", [])):
        if not _names(key):
            yield _wrong(f"{name}.uniqueKeys[{i}]", "key-array", key, N_("write it as an array of field names"))
    for i, fk in enumerate(schema.get("foreignKeys", [])):
        where = f"{name}.foreignKeys[{i}]"
        reference = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(reference, dict):
            yield _wrong(f"{where}.reference", "descriptor-shape", reference, N_("a reference is an object with resource and fields"))
            continue
        for part, value in (("fields", fk.get("fields")), ("reference.fields", reference.get("fields"))):
            if not _names(value):
                yield _wrong(f"{where}.{part}", "key-array", value, N_("write it as an array of field names"))
        if reference.get("resource", "") not in ("", *resources):
            yield _wrong(f"{where}.reference.resource", "descriptor-shape", reference.get("resource"), N_("the name of a resource of this package"))


def _names(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) and v for v in value)
