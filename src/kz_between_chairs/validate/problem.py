"""What every rule returns: a :class:`Problem` that names file, row and column.

Row numbers follow frictionless: in a CSV the header is row 1 and the first
data row is row 2 (so the row number is the line number); in a catalog it is
the line number of the entry.

>>> Problem("data/events.csv", 3, "date", "edtf-parse", "not an EDTF date: '2022-13'").format()
"data/events.csv:3:date: edtf-parse: not an EDTF date: '2022-13'"
>>> Problem("datapackage.json", None, None, "version-match", "0.1.0 != 0.2.0").format()
'datapackage.json: version-match: 0.1.0 != 0.2.0'

A rule words its message as a template marked with ``N_`` (so that the
catalog update extracts it) and its arguments; :meth:`Problem.of` keeps
both, and the report translates the template when it prints
(:meth:`Problem.text`).  ``message`` is always the English text: scripts
and the JSON output rely on it.

>>> p = Problem.of("data/units.csv", 3, "ucum", "csv-whitespace", N_("trailing blank in {cell}"), cell="'% '")
>>> p.message
"trailing blank in '% '"
>>> p.format("ru")
"data/units.csv:3:ucum: csv-whitespace: пробел в конце '% '"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, gettext, ngettext


class Term(str):
    """A template's value that is itself a catalog string (marked with
    ``N_``), such as the name of a kind of code: translated with the template."""

    __slots__ = ()


# Translators: a choice of texts; {first} may be several, joined by commas.
OR = N_("{first} or {last}")


class Language(str):
    """A template's value that is a language code, shown as CLDR's name of
    the language in the message's language ("Russian", «русский»)."""

    __slots__ = ()


class Either(tuple):
    """A template's value that is a choice of texts: 'a' or 'b' in the
    message's language."""

    __slots__ = ()


def _value(value: Any, lang: str) -> Any:
    """A template's value as a message in ``lang`` shows it."""
    if isinstance(value, Term):
        return value if lang == "en" else gettext(value, lang)
    if isinstance(value, Language):
        from .codes import locale

        return locale(lang).languages.get(value, str(value))
    if isinstance(value, Either):
        if lang == "en" or len(value) < 2:
            return " or ".join(value)
        return gettext(OR, lang).format(first=", ".join(value[:-1]), last=value[-1])
    return value


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    """Path relative to the package root, POSIX style (``data/events.csv``)."""
    row: int | None
    column: str | None
    rule: str
    """Kebab-case rule name, stable: tests and users grep for it."""
    message: str
    """The explanation in English."""
    template: str | tuple[str, str] | None = field(default=None, compare=False, repr=False)
    """The message's msgid (``{name}`` placeholders), if it has one; a
    singular/plural pair (``Nn_``) takes its number from the argument ``n``."""
    args: tuple[tuple[str, Any], ...] = field(default=(), compare=False, repr=False)
    """The values of the template's placeholders, as shown (codes, values, numbers)."""

    @classmethod
    def of(cls, file: str, row: int | None, column: str | None, rule: str,
           template: str | tuple[str, str], /, **args: Any) -> Problem:
        """A problem whose message is ``template`` (marked with ``N_`` or ``Nn_``) filled with ``args``."""
        english = template if isinstance(template, str) else template[args["n"] != 1]
        message = english.format(**{k: _value(v, "en") for k, v in args.items()})
        return cls(file, row, column, rule, message, template, tuple(args.items()))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``; English, or a message without a template, as it is."""
        if lang == "en" or self.template is None:
            return self.message
        args = {k: _value(v, lang) for k, v in self.args}
        if isinstance(self.template, tuple):
            return ngettext(*self.template, args["n"], lang).format(**args)
        return gettext(self.template, lang).format(**args)

    def format(self, lang: str = "en") -> str:
        where = ":".join(str(p) for p in (self.file, self.row, self.column) if p is not None)
        return f"{where}: {self.rule}: {self.text(lang)}"

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        """The stable machine form: file, row, column, rule, the English
        ``message``, and ``message_<lang>`` beside it for another language."""
        out = {"file": self.file, "row": self.row, "column": self.column, "rule": self.rule, "message": self.message}
        if lang != "en":
            out[f"message_{lang}"] = self.text(lang)
        return out

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Deterministic order: file, row (file-level first), column, rule, message."""
        return (self.file, self.row or 0, self.column or "", self.rule, self.message)


DESCRIPTOR_FILE = "datapackage.json"
"""How problems name the descriptor, whatever the copy's file is called."""


SHOWN = 100
"""Characters of a value that a message shows at most."""


def shown(value: Any) -> str:
    """A value as a message shows it: its ``repr``, cut to :data:`SHOWN`.

    >>> len(shown("x" * 100)), shown("x" * 100)[-4:]
    (100, 'x...')
    """
    text = repr(value)
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."
