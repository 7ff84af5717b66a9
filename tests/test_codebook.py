"""describe(): the codebook of every table, in each language."""

from __future__ import annotations

import pytest

from kz_between_chairs import codebook, descriptor, describe, i18n, load

LANGS = descriptor.LANGUAGES


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", descriptor.table_names())
def test_one_row_per_field_with_translated_title_and_description(table, lang):
    book = describe(table, lang=lang)
    fields = descriptor.resource(table)["schema"]["fields"]
    assert list(book.columns) == list(codebook.COLUMNS)
    assert list(book["field"]) == [f["name"] for f in fields]
    assert list(book["type"]) == [f["type"] for f in fields]
    assert list(book["title"]) == [i18n.gettext(f["title"], lang) for f in fields]
    assert list(book["description"]) == [i18n.gettext(f["description"], lang) for f in fields]
    resource = descriptor.resource(table)
    assert book.attrs == {
        "table": table,
        "lang": lang,
        "title": i18n.gettext(resource["title"], lang),
        "description": i18n.gettext(resource["description"], lang),
    }


@pytest.mark.parametrize("table", descriptor.table_names())
def test_dtype_is_what_load_gives(table):
    frame = load(table)
    book = describe(table).set_index("field")
    for column in frame.columns:
        assert str(frame[column].dtype).split("[")[0] == book.loc[column, "dtype"], column


@pytest.mark.parametrize("table", descriptor.table_names())
def test_required_means_required_or_key(table):
    schema = descriptor.resource(table)["schema"]
    book = describe(table).set_index("field")
    for field in schema["fields"]:
        required = field.get("constraints", {}).get("required", False)
        expected = required or field["name"] in schema["primaryKey"]
        assert bool(book.loc[field["name"], "required"]) is expected, field["name"]


def test_references_name_the_referenced_table_and_allowed_the_closed_list():
    book = describe("indicators").set_index("field")
    assert book.loc["measure", "references"] == "measures"
    assert book.loc["unit", "references"] == "units"
    assert book.loc["subject_id", "references"] == "entities"
    assert book.loc["comparator", "allowed"] == ("=", "~", ">", ">=", "<", "<=")
    assert book.loc["unit", "allowed"] == () and book.loc["comparator", "references"] == ""
    assert book.loc["label_kk", ["references", "allowed"]].tolist() == ["", ()]
    assert describe("entity_names").set_index("field").loc["name_type", "allowed"] == (
        "official", "short", "abbreviation", "historical", "as_in_article"
    )


def test_facts_name_types_requirement_and_where_values_come_from():
    rows = {row.field: row for row in describe("indicators").itertuples()}
    assert codebook.facts(rows["value"]) == "number, pandas float64; required"
    assert codebook.facts(rows["counterpart_id"], table=lambda t: f"<{t}>") == (
        "string, pandas string; optional; values: <entities>"
    )


def test_titles_go_through_the_catalogs(monkeypatch):
    monkeypatch.setattr(i18n, "gettext", lambda message, lang="en": f"{lang}:{message}")
    book = describe("units", lang="kk")
    assert book.loc[0, "title"] == "kk:Unit"
    assert book.attrs["title"] == "kk:Units"


def test_unknown_table_and_language():
    with pytest.raises(ValueError) as error:
        describe("people")
    assert str(error.value) == f"unknown table 'people'; allowed: {', '.join(descriptor.table_names())}"
    with pytest.raises(ValueError) as error:
        describe("events", lang="fr")
    assert str(error.value) == "unknown language 'fr'; allowed: de, en, kk, ru"
