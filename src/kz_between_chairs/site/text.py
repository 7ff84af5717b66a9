"""Every word the site itself says (headings, buttons, captions), as gettext
source strings; the catalogs in ``translations/`` hold them in the four
languages.  Templates read them through :func:`ui`, never write text of
their own.

>>> ui("kk")["search_label"]
'Жолдарды сүзу'
"""

from __future__ import annotations

from functools import lru_cache

from ..i18n import N_, Nn_, gettext, ngettext

UI: dict[str, str] = {
    "skip": N_("Skip to the content"),
    "home": N_("Home"),
    "languages": N_("Language"),
    "language_name": N_("English"),  # Translators: the name of your language, in your language
    "about": N_("What this dataset is"),
    "about_text": N_(
        "Every entity, number, event and relation of the article, in tables that "
        "can be downloaded, loaded into pandas or R and cited. Each fact carries a "
        "quotation of at most 15 words from the article and its source."
    ),
    "figures": N_("Key figures"),
    "figures_text": N_(
        "The numbers of the article, with its hedges in words: the article says "
        "“about”, “more than” or “nearly”, and so does the dataset."
    ),
    "chart_title": N_("The article's numbers, with their hedges"),
    "chart_desc": N_(
        "One bar per number, scaled within its unit. A solid bar ending in a "
        "stroke is an exact value, a bar fading out an approximate one, an arrow "
        "to the right a lower bound (more than, at least), a light dashed bar "
        "ending in a stroke an upper bound (nearly, at most)."
    ),
    "legend_exact": N_("exact"),
    "legend_about": N_("about"),
    "legend_more": N_("more than, at least"),
    "legend_less": N_("nearly, at most"),
    "timeline": N_("Timeline"),
    "timeline_desc": N_("The events of the article in the order of their earliest date; each links to its page."),
    "network": N_("Relations"),
    "network_desc": N_(
        "Kazakhstan between Russia, China and the West: every relation of the "
        "article between two entities, as a network. Each node links to its page."
    ),
    "network_list": N_("The relations as text"),
    "other_kinds": N_("other kinds"),
    "uncertain": N_("uncertain"),
    "approximate": N_("approximate"),
    "until": N_("until {date}"),
    "since": N_("from {date}"),
    "tables": N_("Tables"),
    "downloads": N_("Download"),
    "downloads_text": N_(
        "The data package: its descriptor and one CSV per table (UTF-8, comma "
        "separated). Check a file with its SHA-256 checksum."
    ),
    "file": N_("File"),
    "size": N_("Size"),
    "checksum": N_("SHA-256"),
    "cite": N_("How to cite"),
    "cite_text": N_("Using the data means citing the dataset and the article it is made from."),
    "copy_button": N_("Copy"),
    "copied": N_("Copied"),
    "licence": N_("Licence"),
    "licence_text": N_("The data may be shared and adapted, also commercially, if the source is credited:"),
    "search_label": N_("Filter rows"),
    "search_hint": N_("Shows only the rows containing the typed text."),
    "sort_hint": N_("Select a column heading to sort by it."),
    "codebook": N_("Codebook"),
    "column": N_("Column"),
    "type": N_("Type"),
    "required": N_("Required"),
    "values_head": N_("Values"),
    "description": N_("Description"),
    "yes": N_("yes"),
    "no": N_("no"),
    "csv": N_("Download the table as CSV"),
    "labels": N_("Labels"),
    "identifiers": N_("Identifiers and details"),
    "fact": N_("In the article"),
    "source": N_("Source"),
    "generated": N_("Built from version {version} of the data package."),
}
"""key -> English source string."""

# Translators: the rows shown by the filter of a table page.
ROWS = Nn_("{shown} of {total} row", "{shown} of {total} rows")
# Translators: a table's size on the home page.
COUNT = Nn_("{count} row", "{count} rows")

@lru_cache(maxsize=None)
def ui(lang: str) -> dict[str, str]:
    """Every UI string in ``lang``."""
    return {key: gettext(text, lang) for key, text in UI.items()}


def code(value: str, field: dict, lang: str) -> str:
    """A code in words where its schema field lists ``categories`` (Table
    Schema), through the catalogs; any other code as it is.

    >>> role = {"name": "role", "categories": [{"value": "actor", "label": "Actor"}]}
    >>> code("actor", role, "ru"), code("PROTEST", role, "ru")
    ('Инициатор', 'PROTEST')
    """
    for category in field.get("categories") or ():
        if isinstance(category, dict) and category.get("value") == value and category.get("label"):
            return gettext(category["label"], lang)
    return value


def rows(shown: int, total: int, lang: str) -> str:
    """How many rows the filter shows, its plural form by ``total``.

    >>> rows(3, 21, "ru")
    '3 из 21 строки'
    """
    return ngettext(*ROWS, total, lang).format(shown=shown, total=total)


def count(n: int, lang: str) -> str:
    """A table's number of rows.

    >>> count(5, "ru")
    '5 строк'
    """
    return ngettext(*COUNT, n, lang).format(count=n)
