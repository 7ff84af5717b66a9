"""Merge-key rules: the codes that join the entities to other datasets.

A country's ISO 3166-1 alpha-3 and numeric codes are the ones pycountry
gives for its alpha-2 code, a currency's ISO 4217 numeric code the one for
its alphabetic code; every country carries all its keys; a key is set only on
the kind of entity it identifies.  The form of each key (three letters, three
digits, a whole number) is a constraint of the schema, which frictionless
enforces on every cell; these rules check that the descriptor declares it.
Whether a base code exists at all is :mod:`.identifiers`' ``code-exists``.

>>> KEYS["iso3166_numeric"].expected("AF")
'004'
>>> KEYS["iso4217_numeric"].expected("KZT")
'398'
>>> KEYS["cow_code"].expected("KZ") is None
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..i18n import N_
from .codes import CODED_TYPES
from .context import Context
from .problem import DESCRIPTOR_FILE, Problem, Term
from .tables import Table

RULES = {
    "key-agrees": "a country's iso3166_alpha3 and iso3166_numeric, a currency's iso4217_numeric, are pycountry's for its "
                  "iso3166_alpha2 or iso4217",
    "key-missing": "every country has iso3166_alpha3, iso3166_numeric, cow_code and gw_code; every currency iso4217_numeric",
    "key-misplaced": "a merge key is set only on the kind of entity it identifies",
    "key-form": "the descriptor declares each merge key's form: its type and pattern (ISO and M49 codes) or range (state numbers)",
}


@dataclass(frozen=True)
class Key:
    entity_type: str
    """The kind of entity the key identifies."""
    what: str
    """What the key is, for messages (a :class:`.problem.Term`, translated with them)."""
    required: bool
    """Whether every entity of that kind has it (a UN M49 region code is not
    defined for every region of the article)."""
    form: dict
    """The type and constraints the key's field declares."""
    attribute: str | None = None
    """pycountry's attribute of the entity type's base code that the key must
    equal; None for a key from another list (COW, Gleditsch-Ward, M49)."""

    @property
    def base(self) -> str:
        """The column of the base code (``iso3166_alpha2``, ``iso4217``);
        empty for an entity type without one."""
        kind = CODED_TYPES.get(self.entity_type)
        return kind.column if kind else ""

    def expected(self, base_code: str) -> str | None:
        """pycountry's value of the key for a base code; None when the key
        is not pycountry's or the base code does not exist."""
        if self.attribute is None:
            return None
        kind = CODED_TYPES[self.entity_type]
        return _attribute(kind.registry, kind.key, base_code, self.attribute)


LETTERS, DIGITS = {"type": "string", "pattern": "^[A-Z]{3}$"}, {"type": "string", "pattern": "^[0-9]{3}$"}
STATE_NUMBER = {"type": "integer", "minimum": 2, "maximum": 999}
KEYS = {
    "iso3166_alpha3": Key("country", Term(N_("ISO 3166-1 alpha-3 code")), True, LETTERS, "alpha_3"),
    "iso3166_numeric": Key("country", Term(N_("ISO 3166-1 numeric code")), True, DIGITS, "numeric"),
    "cow_code": Key("country", Term(N_("Correlates of War state number")), True, STATE_NUMBER),
    "gw_code": Key("country", Term(N_("Gleditsch-Ward state number")), True, STATE_NUMBER),
    "m49_code": Key("region", Term(N_("UN M49 region code")), False, DIGITS),
    "iso4217_numeric": Key("currency", Term(N_("ISO 4217 numeric code")), True, DIGITS, "numeric"),
}
"""Column of ``entities`` -> the key it holds."""

TABLE = "entities"


def check(ctx: Context) -> Iterator[Problem]:
    entities = ctx.tables.get(TABLE)
    if entities is None:
        return
    types = {n: t for n, (t,) in entities.records("entity_type")}
    for column, key in KEYS.items():
        if column in entities.fields:
            yield from _form(entities, column, key)
        if entities.index(column) is None:
            if key.required and key.entity_type in types.values():
                yield Problem.of(entities.file, 1, column, "key-missing", N_("no {column} column for the {what}s"),
                                 column=column, what=key.what)
            continue
        yield from _key(entities, types, column, key)


def _form(entities: Table, column: str, key: Key) -> Iterator[Problem]:
    field = entities.fields[column]
    declared = {"type": field.get("type", "string"), **(field.get("constraints") or {})}
    wrong = {k: declared.get(k) for k, v in key.form.items() if declared.get(k) != v}
    if wrong:
        said = ", ".join(f"{k} {v!r}" for k, v in wrong.items())
        want = ", ".join(f"{k} {v!r}" for k, v in key.form.items())
        yield Problem.of(DESCRIPTOR_FILE, None, f"{entities.name}.{column}", "key-form",
                         N_("{said}; the field of the {what} declares {want}"), said=said, what=key.what, want=want)


def _key(entities: Table, types: dict[int, str], column: str, key: Key) -> Iterator[Problem]:
    for number, (value, base) in entities.records(column, key.base):
        entity_type = types[number]
        if entity_type != key.entity_type:
            if value:
                yield Problem.of(entities.file, number, column, "key-misplaced",
                                 N_("a {type} has no {what}: only a {owner} has one"),
                                 type=entity_type, what=key.what, owner=key.entity_type)
        elif not value:
            if key.required:
                yield Problem.of(entities.file, number, column, "key-missing", N_("a {type} needs its {what}"),
                                 type=entity_type, what=key.what)
        else:
            want = key.expected(base) if base else None
            if want is not None and value != want:
                yield Problem.of(entities.file, number, column, "key-agrees",
                                 N_("{value} is not the {what} of {base}; pycountry gives {want}"),
                                 value=repr(value), what=key.what, base=repr(base), want=repr(want))


@cache
def _attribute(registry: str, key: str, code: str, attribute: str) -> str | None:
    import pycountry

    record = getattr(pycountry, registry).get(**{key: code})
    return None if record is None else getattr(record, attribute)
