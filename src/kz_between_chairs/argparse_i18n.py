"""argparse in the reader's language.

argparse looks up its own words (``usage:``, ``options``, ``invalid choice``
...) through the module-level ``gettext`` functions it imported as ``_`` and
``ngettext``.  :func:`speaking` points them at the project's catalogs for as
long as a command line is being parsed, and puts them back afterwards.  The
strings themselves are marked below so that the catalog update extracts
them; they must stay exactly as argparse spells them (Python 3.10 to 3.13).

>>> import argparse
>>> with speaking("ru"):
...     argparse._("usage: ")
'использование: '
>>> argparse._("usage: ")
'usage: '
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from . import i18n
from .i18n import N_, Nn_

MESSAGES = (
    # Translators: argparse's heading of the usage line; keep the colon and the space after it.
    N_("usage: "),
    # Translators: argparse's heading of the list of options in --help.
    N_("options"),
    # Translators: argparse's heading of the list of positional arguments in --help.
    N_("positional arguments"),
    N_("show this help message and exit"),
    # Translators: argparse's usage error after the usage line; keep %(prog)s, %(message)s and the line end.
    N_("%(prog)s: error: %(message)s\n"),
    # Translators: argparse; %s is a list of arguments (TABLE, --lang).
    N_("the following arguments are required: %s"),
    # Translators: argparse; %s is what was not understood.
    N_("unrecognized arguments: %s"),
    # Translators: argparse; the argument (--lang) and what is wrong with its value.
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse; %(value)r is what was typed, %(choices)s the allowed values.
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    # Translators: argparse; %(type)s is a Python type (int), %(value)r what was typed.
    N_("invalid %(type)s value: %(value)r"),
    # Translators: argparse; %s is another option.
    N_("not allowed with argument %s"),
    # Translators: argparse; %s lists options of which one is needed.
    N_("one of the arguments %s is required"),
    # Translators: argparse; %(option)s was typed, %(matches)s are the options it could mean.
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # Translators: argparse; %r is an option given a value it does not take.
    N_("ignored explicit argument %r"),
)
"""argparse's own words a user can meet, as argparse spells them."""

PLURALS = (
    # Translators: argparse; %s is a number of arguments.
    Nn_("expected %s argument", "expected %s arguments"),
)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's words in ``lang`` inside the ``with`` block."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: i18n.gettext(message, lang)
    argparse.ngettext = lambda singular, plural, n: i18n.ngettext(singular, plural, n, lang)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved
