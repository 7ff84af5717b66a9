"""Indicators as sentences: exact text in four languages, comparator words,
babel's numbers and dates, CLDR plural agreement."""

from __future__ import annotations

import pytest

import kz_between_chairs as kz
from kz_between_chairs import statements
from kz_between_chairs.descriptor import LANGUAGES
from kz_between_chairs.statements import column, quantity, statement, when

NBSP = "\u00a0"  # babel's group separator in ru/kk and its space before % in de/ru
NNBSP = "\u202f"  # CLDR's narrow one before "г." / "ж." after a year

EXPECTED = {
    "csto_troops": {
        "de": "Das im Januar 2022 nach Kasachstan entsandte Kontingent der OVKS umfasste rund 2.500 Menschen.",
        "en": "The CSTO contingent deployed to Kazakhstan in January 2022 comprised about 2,500 people.",
        "kk": f"2022 жылғы қаңтарда Қазақстанға енгізілген ҰҚШҰ контингентінің саны — шамамен 2{NBSP}500 адам.",
        "ru": f"Численность контингента ОДКБ, введённого в Казахстан в январе 2022{NNBSP}г., — около 2{NBSP}500 человек.",
    },
    "kz_imports_russia": {
        "de": f"Der Anteil Russlands am Gesamtimport Kasachstans liegt bei über 40{NBSP}%.",
        "en": "Russia accounts for more than 40% of Kazakhstan's total imports.",
        "kk": "Қазақстанның жалпы импортындағы Ресейдің үлесі — 40%-дан астам.",
        "ru": f"На Россию приходится более 40{NBSP}% всего импорта Казахстана.",
    },
    "halyk_value_loss": {
        "de": f"Der Börsenwert der Halyk Bank an der Londoner Börse sank vom 24. Februar 2022 bis einschließlich März 2022 um rund 40{NBSP}%.",
        "en": "Halyk Bank lost about 40% of its market value on the London Stock Exchange "
        "between February 24, 2022 and March 2022.",
        "kk": f"2022{NNBSP}ж. 24 ақпан – 2022{NNBSP}ж. наурыз аралығында Лондон қор биржасындағы Halyk Bank "
        "компаниясының нарықтық құнының төмендеуі — шамамен 40%.",
        "ru": f"Halyk Bank с 24 февраля 2022{NNBSP}г. по март 2022{NNBSP}г. потерял на Лондонской фондовой бирже "
        f"около 40{NBSP}% своей рыночной стоимости.",
    },
    "kazatomprom_value_loss": {
        "de": f"Der Börsenwert von Kazatomprom sank vom 24. Februar 2022 bis einschließlich März 2022 um nahezu 25{NBSP}%.",
        "en": "Kazatomprom lost nearly 25% of its market value between February 24, 2022 and March 2022.",
        "kk": f"2022{NNBSP}ж. 24 ақпан – 2022{NNBSP}ж. наурыз аралығында Қазатомөнеркәсіптің нарықтық құнының "
        "төмендеуі — 25%-ға жуық.",
        "ru": f"Казатомпром с 24 февраля 2022{NNBSP}г. по март 2022{NNBSP}г. потерял почти 25{NBSP}% своей рыночной "
        "стоимости.",
    },
    "csto_duration": {
        "de": "Der Einsatz der OVKS in Kasachstan im Januar 2022 dauerte höchstens 2 Wochen.",
        "en": "The CSTO mission in Kazakhstan in January 2022 lasted at most 2 weeks.",
        "kk": "2022 жылғы қаңтарда ҰҚШҰ-ның Қазақстандағы миссиясының ұзақтығы — көп дегенде 2 апта.",
        "ru": f"Продолжительность миссии ОДКБ в Казахстане в январе 2022{NNBSP}г. — не более 2 недель.",
    },
}


@pytest.mark.parametrize(("indicator", "lang"), [(i, lang) for i in EXPECTED for lang in LANGUAGES])
def test_sentence(indicator, lang):
    assert statement(indicator, lang) == EXPECTED[indicator][lang]


def test_public_api():
    assert kz.statement("kz_imports_russia", "en") == EXPECTED["kz_imports_russia"]["en"]


def test_every_indicator_in_every_language():
    ids = list(kz.load("indicators")["indicator_id"])
    for indicator in ids:
        for lang in LANGUAGES:
            text = statement(indicator, lang)
            assert "{" not in text and text.endswith("."), (indicator, lang, text)
            if lang != "en":  # translated, not the English fallback
                assert text != statement(indicator, "en"), (indicator, lang)


@pytest.mark.parametrize(
    ("value", "comparator", "expected"),
    [
        (1, "=", "1 человек"), (2, "=", "2 человека"), (5, "=", "5 человек"), (21, "=", "21 человек"),
        (200, "=", "200 человек"), (2500, "=", f"2{NBSP}500 человек"),
        # "около" and "более" govern the genitive: the forms differ from the bare count
        (1, "~", "около 1 человека"), (22, "~", "около 22 человек"), (2500, "~", f"около 2{NBSP}500 человек"),
        (21, ">", "более 21 человека"), (3, "<", "почти 3 человека"),
    ],
)
def test_russian_persons(value, comparator, expected):
    assert quantity(value, comparator, "person", "ru") == expected


@pytest.mark.parametrize(
    ("value", "comparator", "expected"),
    [(1, "=", "1 неделя"), (2, "=", "2 недели"), (5, "=", "5 недель"), (2, "<=", "не более 2 недель"),
     (1, "<=", "не более 1 недели"), (3, ">=", "не менее 3 недель")],
)
def test_russian_weeks(value, comparator, expected):
    assert quantity(value, comparator, "week", "ru") == expected


@pytest.mark.parametrize(
    ("lang", "comparator", "expected"),
    [
        ("de", "~", "rund 2.500 Menschen"), ("de", ">", "über 2.500 Menschen"), ("de", "<", "nahezu 2.500 Menschen"),
        ("en", ">=", "at least 2,500 people"), ("en", "<=", "at most 2,500 people"),
        ("kk", ">", f"2{NBSP}500 адамнан астам"), ("kk", "<", f"2{NBSP}500 адамға жуық"),
        ("kk", "~", f"шамамен 2{NBSP}500 адам"),
    ],
)
def test_comparator_words_and_grouping(lang, comparator, expected):
    assert quantity(2500, comparator, "person", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", f"über 12,5{NBSP}%"), ("en", "more than 12.5%"), ("kk", "12,5%-дан астам"), ("ru", f"более 12,5{NBSP}%")],
)
def test_percent_keeps_its_decimals(lang, expected):
    assert quantity(12.5, ">", "percent", lang) == expected


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        ("2022-01-06", "ru", f"6 января 2022{NNBSP}г."),
        ("2022-01-06", "de", "am 6. Januar 2022"),
        ("2022-01-06", "kk", f"2022{NNBSP}ж. 6 қаңтар күні"),
        ("2022-01", "ru", f"в январе 2022{NNBSP}г."),
        ("2022-01~", "kk", "2022 жылғы қаңтарда"),
        ("2014", "ru", f"в 2014{NNBSP}г."),
        ("2022-01-06/2022-01-19", "ru", f"с 6 января 2022{NNBSP}г. по 19 января 2022{NNBSP}г."),
        ("2022-02-24/2022-03?", "de", "vom 24. Februar 2022 bis einschließlich März 2022"),
    ],
)
def test_time_phrases(period, lang, expected):
    assert when(period, lang) == expected


def test_column_of_a_loaded_frame():
    frame = kz.load("indicators", lang="ru").iloc[::-1]
    sentences = column(frame, "ru")
    assert sentences.name == "statement" and str(sentences.dtype) == "string"
    assert list(sentences.index) == list(frame.index)
    assert sentences[frame.index[frame["indicator_id"] == "kz_imports_russia"][0]] == EXPECTED["kz_imports_russia"]["ru"]


def test_a_new_indicator_brings_its_own_sentence():
    row = {"indicator_id": "kz_exports_china", "value": 18, "comparator": "~", "unit": "percent", "period": "2021",
           "sentence_en": "China took {quantity} of Kazakhstan's exports {when}."}
    assert column([row], "en") == ["China took about 18% of Kazakhstan's exports in 2021."]
    # no catalog has the new sentence yet: gettext's English fallback, with the phrases translated
    row.update(period="", sentence_en="China took {quantity} of Kazakhstan's exports.")
    assert column([row], "ru") == [f"China took около 18{NBSP}% of Kazakhstan's exports."]


def test_the_sentence_comes_from_the_data():
    frame = kz.load("indicators")
    assert frame.set_index("indicator_id").loc["kz_imports_russia", statements.TEMPLATE_COLUMN] == (
        "Russia accounts for {quantity} of Kazakhstan's total imports."
    )


def test_column_of_records_follows_the_rows_values():
    row = {"indicator_id": "kz_imports_russia", "value": "45", "comparator": "~", "unit": "percent", "period": ""}
    assert column([row], "en") == ["Russia accounts for about 45% of Kazakhstan's total imports."]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: statement("gdp", "en"), "unknown indicator 'gdp'; see kz_between_chairs.load('indicators')"),
        (lambda: statement("csto_troops", "fr"), "unknown language 'fr'; allowed: de, en, kk, ru"),
        (lambda: quantity(2.5, "=", "week", "en"), "2.5 week: a count needs a whole number to choose its plural form"),
        (lambda: quantity(3, "=", "hectare", "en"),
         "no quantity phrase for unit 'hectare' and comparator '=' in kz_between_chairs.statements.QUANTITIES"),
        (lambda: when("2022-21", "en"),
         "cannot put the period '2022-21' into words: only a year, month or day, or a closed interval of them"),
        (lambda: column([{"indicator_id": "x", "value": 1, "comparator": "=", "unit": "person"}], "en"),
         "no sentence for indicator 'x': the row has no sentence_en"),
    ],
)
def test_errors_name_what_is_wrong(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message
