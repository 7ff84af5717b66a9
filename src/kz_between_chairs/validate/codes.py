"""Entity types that carry a standard code: the one table that the identifier
rules (the code exists, every such entity has it) and the label rules (the
labels equal CLDR's names for it) both read.

>>> CODED_TYPES["country"].column, CODED_TYPES["country"].exists("KZ")
('iso3166_alpha2', True)
>>> CODED_TYPES["currency"].exists("XYZ")
False
>>> CODED_TYPES["language"].cldr_name("ru", "kk")
'казахский'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class CodedType:
    column: str
    """Column of ``entities`` that holds the code."""
    standard: str
    """Name of the standard, for messages."""
    registry: str
    """pycountry database (``countries``) and the attribute that is the code."""
    key: str
    cldr: str
    """babel ``Locale`` attribute that names the code (``territories``)."""
    rule: str
    """Rule name of the CLDR comparison."""

    def exists(self, code: str) -> bool:
        return _exists(self.registry, self.key, code)

    def cldr_name(self, lang: str, code: str) -> str | None:
        """CLDR's name of ``code`` in language ``lang``; None when CLDR has none."""
        return getattr(locale(lang), self.cldr).get(code)

    def accepted_names(self, lang: str, code: str) -> tuple[str, ...]:
        """The labels the CLDR rule accepts: CLDR's name, for a currency also
        its name for one unit as it reads in running text ("Kazakhstani
        tenge"), or the listed deviation that replaces CLDR's name.

        >>> CODED_TYPES["currency"].accepted_names("en", "KZT")
        ('Kazakhstani Tenge', 'Kazakhstani tenge')
        >>> CODED_TYPES["currency"].accepted_names("ru", "KZT")
        ('казахстанский тенге',)
        """
        if (lang, code) in CLDR_DEVIATIONS:
            return (CLDR_DEVIATIONS[lang, code],)
        name = self.cldr_name(lang, code)
        if name is None:
            return ()
        names = [name]
        if self.cldr == "currencies":
            from babel.numbers import get_currency_name

            names.append(get_currency_name(code, count=1, locale=locale(lang)))
        return tuple(dict.fromkeys(names))


CODED_TYPES = {
    "country": CodedType("iso3166_alpha2", "ISO 3166-1 alpha-2", "countries", "alpha_2", "territories", "cldr-country"),
    "currency": CodedType("iso4217", "ISO 4217", "currencies", "alpha_3", "currencies", "cldr-currency"),
    # No language is an entity yet; a row of type "language" needs this
    # column, and then its labels are held to CLDR's language names too.
    "language": CodedType("bcp47", "ISO 639 (BCP 47)", "languages", "alpha_2", "languages", "cldr-language"),
}
"""entity_type -> how its code is written, checked and named."""

CLDR_DEVIATIONS = {
    ("ru", "KZT"): "казахстанский тенге",
}
"""(language, code) -> the label used instead of CLDR's name, where official
usage differs from CLDR. CLDR calls the tenge «казахский» (the adjective of
the Kazakh people and language); the Bank of Russia's official rates and
Kazakhstan's own Russian texts name the state's currency «казахстанский тенге»."""


@cache
def _exists(registry: str, key: str, code: str) -> bool:
    import pycountry

    return getattr(pycountry, registry).get(**{key: code}) is not None


@cache
def locale(lang: str):
    """babel's ``Locale`` of a language tag, parsed once."""
    from babel import Locale

    return Locale.parse(lang)


def language_name(lang: str) -> str:
    """CLDR's English name of a language, for messages.

    >>> language_name("kk")
    'Kazakh'
    """
    return locale("en").languages.get(lang, lang)
