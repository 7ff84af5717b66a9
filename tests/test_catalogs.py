"""The catalogs: their validator rules, each with a broken catalog and the
exact line it names, and the update script's promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kz_between_chairs import catalog_update as cu
from kz_between_chairs import catalogs
from kz_between_chairs.descriptor import LANGUAGES, read, resource, write
from kz_between_chairs.validate.catalogs import RULES, check
from kz_between_chairs.validate.context import load

ROOT = Path(__file__).resolve().parents[1]
RUN = "run: python scripts/update_catalogs.py"


def problems(descriptor_path: Path) -> list[str]:
    return [p.format() for p in check(load(descriptor_path))]


def catalog(package: Path, lang: str) -> Path:
    return package.parent / catalogs.catalog_file(lang)


def line_of(path: Path, line: str) -> int:
    """1-based number of the first line equal to ``line``."""
    return path.read_text(encoding="utf-8").splitlines().index(line) + 1


def msgid_line(path: Path, msgid: str) -> int:
    return line_of(path, f'msgid "{msgid}"')


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_shipped_catalogs_pass_every_rule():
    assert problems(ROOT / "datapackage.json") == []


def test_every_rule_is_listed():
    assert sorted(RULES) == [
        "catalog-fuzzy", "catalog-missing", "catalog-placeholder", "catalog-plural-forms",
        "catalog-sync", "catalog-unreadable", "catalog-untranslated", "statement-template",
    ]


def test_catalog_missing(package_copy):
    catalog(package_copy, "ru").unlink()
    (package_copy.parent / catalogs.TEMPLATE).unlink()
    assert problems(package_copy) == [
        f"translations/ru/LC_MESSAGES/messages.po: catalog-missing: no catalog for ru; {RUN}",
        f"translations/messages.pot: catalog-missing: no template; {RUN}",
    ]


def test_catalog_unreadable(package_copy):
    de = catalog(package_copy, "de")
    line = line_of(de, 'msgid "Indicators"')
    edit(de, 'msgid "Indicators"\n', 'msgid "Indicators"\nmsgtxt "oops"\n')
    assert problems(package_copy) == [
        f"translations/de/LC_MESSAGES/messages.po:{line + 1}: catalog-unreadable: not a catalog: Unknown or misformatted keyword",
    ]


def test_catalog_untranslated(package_copy):
    kk = catalog(package_copy, "kk")
    edit(kk, 'msgstr "Индикаторлар"', 'msgstr ""')
    ru = catalog(package_copy, "ru")
    edit(ru, 'msgstr[1] "{number} недели"', 'msgstr[1] ""')
    assert problems(package_copy) == [
        f"translations/kk/LC_MESSAGES/messages.po:{msgid_line(kk, 'Indicators')}: "
        "catalog-untranslated: msgstr of 'Indicators' is empty",
        f"translations/ru/LC_MESSAGES/messages.po:{msgid_line(ru, '{number} week')}: "
        "catalog-untranslated: msgstr[1] of '{number} week' is empty",
    ]


def test_catalog_fuzzy(package_copy):
    de = catalog(package_copy, "de")
    edit(de, '#, python-brace-format\nmsgid "{prog}: error: {message}"',
         '#, fuzzy, python-brace-format\nmsgid "{prog}: error: {message}"')
    edit(de, '# Update: python scripts/update_catalogs.py; see translations/README.md.\nmsgid ""',
         '# Update: python scripts/update_catalogs.py; see translations/README.md.\n#, fuzzy\nmsgid ""')
    assert problems(package_copy) == [
        f"translations/de/LC_MESSAGES/messages.po:{msgid_line(de, '')}: catalog-fuzzy: "
        "the header is marked fuzzy, so msgfmt ignores it and its Plural-Forms; remove the flag",
        f"translations/de/LC_MESSAGES/messages.po:{msgid_line(de, '{prog}: error: {message}')}: "
        "catalog-fuzzy: fuzzy entry '{prog}: error: {message}': check the translation, then remove the flag",
    ]


def test_catalog_plural_forms(package_copy):
    ru = catalog(package_copy, "ru")
    text = ru.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index('"MIME-Version')
    header = '"Plural-Forms: nplurals=3; plural=(n != 1);\\n"'
    ru.write_text(text[:start] + header + "\n" + text[end:], encoding="utf-8")
    de = catalog(package_copy, "de")
    edit(de, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n', "")
    cldr = "nplurals=3; plural=n % 10 == 1 && n % 100 != 11 ? 0 : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;"
    assert problems(package_copy) == [
        f"translations/de/LC_MESSAGES/messages.po:{msgid_line(de, '')}: catalog-plural-forms: "
        "no Plural-Forms header; CLDR's for de is 'nplurals=2; plural=(n != 1);'",
        f"translations/ru/LC_MESSAGES/messages.po:{line_of(ru, header)}: "
        f"catalog-plural-forms: Plural-Forms is 'nplurals=3; plural=(n != 1);'; CLDR's for ru is {cldr!r}",
    ]


def test_two_plural_forms_for_russian_also_make_it_unreadable(package_copy):
    ru = catalog(package_copy, "ru")
    text = ru.read_text(encoding="utf-8")
    start, end = text.index('"Plural-Forms:'), text.index('"MIME-Version')
    ru.write_text(text[:start] + '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n' + text[end:], encoding="utf-8")
    found = problems(package_copy)
    assert [p.split(": ", 2)[1] for p in found] == ["catalog-unreadable", "catalog-plural-forms"]
    assert found[0].endswith("catalog-unreadable: not a catalog: msg has more translations than num_plurals of catalog")


def test_catalog_placeholder(package_copy):
    de = catalog(package_copy, "de")
    edit(de, 'msgstr "Die Proteste in Kasachstan {when} kosteten {quantity} das Leben."',
         'msgstr "Die Proteste in Kasachstan {wann} kosteten {quantity} das Leben."')
    kk = catalog(package_copy, "kk")
    edit(kk, 'msgstr[1] "{number} адамнан астам"', 'msgstr[1] "%(number)s адамнан астам"')
    sentence = msgid_line(de, "The protests in Kazakhstan {when} left {quantity} dead.")
    more = msgid_line(kk, "more than {number} person")
    shown = "'The protests in Kazakhstan {when} left {quantity} dead.'"
    assert problems(package_copy) == [
        f"translations/de/LC_MESSAGES/messages.po:{sentence}: catalog-placeholder: "
        f"msgstr of {shown} lacks {{when}}",
        f"translations/de/LC_MESSAGES/messages.po:{sentence}: catalog-placeholder: "
        f"msgstr of {shown} adds {{wann}}, which the msgid does not have",
        f"translations/kk/LC_MESSAGES/messages.po:{more}: "
        "catalog-placeholder: msgstr[1] of 'more than {number} person' lacks {number}",
        f"translations/kk/LC_MESSAGES/messages.po:{more}: "
        "catalog-placeholder: msgstr[1] of 'more than {number} person' adds %(number)s, which the msgid does not have",
    ]


def test_template_out_of_sync_with_the_descriptor(package_copy):
    package = read(package_copy)
    resource("units", package)["title"] = "Units of measure"
    write(package_copy, package)
    pot = package_copy.parent / catalogs.TEMPLATE
    assert problems(package_copy) == [
        f"translations/messages.pot: catalog-sync: missing entry 'Units of measure': in the sources "
        f"(datapackage.json, data/indicators.csv, src/kz_between_chairs/), not in this file; {RUN}",
        f"translations/messages.pot:{msgid_line(pot, 'Units')}: catalog-sync: obsolete entry 'Units': "
        f"not in the sources (datapackage.json, data/indicators.csv, src/kz_between_chairs/); {RUN}",
    ]


def test_catalog_out_of_sync_with_the_template(package_copy):
    ru = catalog(package_copy, "ru")
    edit(ru, '\nmsgid "Units"\nmsgstr "Единицы измерения"\n', '\n#~ msgid "Units"\n#~ msgstr "Единицы измерения"\n')
    edit(ru, 'msgid "Indicators"\nmsgstr "Индикаторы"\n', 'msgid "Indicator list"\nmsgstr "Индикаторы"\n')
    obsolete = '#~ msgid "Units"'
    assert problems(package_copy) == [
        f"translations/ru/LC_MESSAGES/messages.po: catalog-sync: missing entry 'Units': in translations/messages.pot, "
        f"not in this file; {RUN}",
        f"translations/ru/LC_MESSAGES/messages.po: catalog-sync: missing entry 'Indicators': in "
        f"translations/messages.pot, not in this file; {RUN}",
        f"translations/ru/LC_MESSAGES/messages.po:{msgid_line(ru, 'Indicator list')}: catalog-sync: "
        f"obsolete entry 'Indicator list': not in translations/messages.pot; {RUN}",
        f"translations/ru/LC_MESSAGES/messages.po:{line_of(ru, obsolete)}: catalog-sync: "
        f"obsolete entry 'Units': not in translations/messages.pot; {RUN}",
    ]


def test_statement_template(package_copy):
    data = package_copy.parent / "data"
    indicators = data / "indicators.csv"
    rows = indicators.read_text(encoding="utf-8").splitlines(keepends=True)
    new = rows[-1].replace("kazatomprom_value_loss,", "uranium_loss,", 1)
    rows.append(new.replace("Kazatomprom lost {quantity} of its market value {when}.", "Uranium fell {when} {by}."))
    rows[2] = rows[2].replace(",2022-01,2022-01-01,2022-01-31,", ",,,,", 1)  # csto_troops says {when}
    rows[4] = rows[4].replace(",,,,Anteil", ",2022,2022-01-01,2022-12-31,Anteil", 1)  # a period it does not state
    rows[3] = rows[3].replace(",2022-01,2022-01-01,", ",2022-01/..,2022-01-01,", 1)  # not put into words
    indicators.write_text("".join(rows), encoding="utf-8")
    units = data / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "hectare,Hektar,hectares,гектар,гектар,Area.,har\n", encoding="utf-8")
    assert problems(package_copy) == [
        "translations/messages.pot: catalog-sync: missing entry 'Uranium fell {when} {by}.': in the sources "
        f"(datapackage.json, data/indicators.csv, src/kz_between_chairs/), not in this file; {RUN}",
        "data/indicators.csv:3:period: statement-template: the sentence of 'csto_troops' states a period ({when}), "
        "and the row has none",
        "data/indicators.csv:4:period: statement-template: cannot put the period '2022-01/..' into words: only a "
        "year, month or day, or a closed interval of them",
        "data/indicators.csv:5:period: statement-template: the sentence of 'china_gas_imports_kz' does not state "
        "the period; add {when} to it",
        "data/indicators.csv:10:sentence_en: statement-template: the sentence of 'uranium_loss' must have "
        "{quantity}, may have {when}, and nothing else; it has {by}, {when}",
        "data/units.csv:5:unit: statement-template: no quantity phrase for unit 'hectare' with =, ~, >, >=, <, <= "
        "in kz_between_chairs.statements.QUANTITIES",
    ]


def test_a_wheel_s_compiled_catalogs_are_checked_without_a_template(package_copy):
    translations = package_copy.parent / "translations"
    for lang in LANGUAGES:
        po = catalog(package_copy, lang)
        po.with_suffix(".mo").write_bytes(catalogs.compile_po(po))
        po.unlink()
    (translations / "messages.pot").unlink()
    assert problems(package_copy) == []
    catalog(package_copy, "kk").with_suffix(".mo").unlink()
    assert problems(package_copy) == [f"translations/kk/LC_MESSAGES/messages.po: catalog-missing: no catalog for kk; {RUN}"]


def test_update_writes_the_same_bytes_twice():
    template = cu.extract(read(), ROOT)
    once = cu.po_bytes(template)
    assert cu.po_bytes(cu.extract(read(), ROOT)) == once
    assert b"POT-Creation-Date" not in once and b"Generated-By" not in once
    for lang in LANGUAGES:
        first = cu.po_bytes(cu.update(template, lang, cu.parse_file(ROOT / catalogs.catalog_file(lang))))
        again = cu.parse(first)
        assert cu.po_bytes(cu.update(template, lang, again)) == first, lang


def test_update_keeps_translations_drops_obsolete_and_guesses_nothing():
    template = cu.extract(read(), ROOT)
    old = cu.parse_file(ROOT / catalogs.catalog_file("ru"))
    old.add("A string that left the sources", "Строка, которой больше нет")
    old.add("Indicator", ("Индикатор", "Индикаторы", "Индикаторов"))  # now plural: its shape changed
    del template["Units"]
    template.add("Units of measure")
    new = cu.update(template, "ru", old)
    assert new["Indicators"].string == "Индикаторы"
    assert "A string that left the sources" not in new and not new.obsolete
    assert new["Units of measure"].string == ""  # not fuzzy-matched to "Units"
    assert not any(m.fuzzy for m in new if m.id)
    english = cu.update(template, "en")
    assert english["Units of measure"].string == "Units of measure"
    assert english["{number} week"].string == ("{number} week", "{number} weeks")


def test_update_script_check_passes_on_the_repository():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_catalogs.py"), "--check"],
        capture_output=True, text=True, check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_update_never_copies_english_into_the_next_language():
    # One template serves every language; filling in English must not leak.
    template = cu.extract(read(), ROOT)
    english = cu.update(template, "en")
    russian = cu.update(template, "ru")
    assert english.get("Entities").string == "Entities"
    assert russian.get("Entities").string == ""
