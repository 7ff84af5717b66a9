"""The gettext API: catalogs found in a wheel (.mo) or a checkout (.po),
CLDR plural forms, English fallback, nothing written at run time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kz_between_chairs import i18n
from kz_between_chairs.catalogs import catalog_file, compile_po

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def root(tmp_path, monkeypatch):
    """i18n reading its catalogs from ``tmp_path`` (a fresh cache before and after)."""
    monkeypatch.setattr(i18n, "package_root", lambda: tmp_path)
    i18n.translations.cache_clear()
    yield tmp_path
    i18n.translations.cache_clear()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "Indikatoren"), ("en", "Indicators"), ("kk", "Индикаторлар"), ("ru", "Индикаторы")],
)
def test_descriptor_title_translated(lang, expected):
    assert i18n.gettext("Indicators", lang) == expected


def test_untranslated_string_falls_back_to_english():
    assert i18n.gettext("no catalog has this", "ru") == "no catalog has this"
    assert i18n.gettext("", "ru") == ""  # never the catalog's header


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "{number} неделя"), (2, "{number} недели"), (4, "{number} недели"), (5, "{number} недель"),
     (11, "{number} недель"), (12, "{number} недель"), (21, "{number} неделя"), (22, "{number} недели"),
     (2500, "{number} недель")],
)
def test_russian_has_cldr_plural_forms(n, expected):
    assert i18n.ngettext("{number} week", "{number} weeks", n, "ru") == expected


@pytest.mark.parametrize(
    ("lang", "one", "many"),
    [("de", "{number} Woche", "{number} Wochen"), ("en", "{number} week", "{number} weeks"),
     ("kk", "{number} апта", "{number} апта")],
)
def test_two_plural_forms(lang, one, many):
    assert [i18n.ngettext("{number} week", "{number} weeks", n, lang) for n in (1, 2, 21)] == [one, many, many]


def test_unknown_language():
    with pytest.raises(ValueError, match=r"^unknown language 'fr'; allowed: de, en, kk, ru$"):
        i18n.gettext("Indicators", "fr")
    with pytest.raises(ValueError, match=r"^unknown language 'kk_KZ'; allowed: de, en, kk, ru$"):
        i18n.ngettext("a", "b", 2, "kk_KZ")


def test_checkout_compiles_the_po_in_memory(root):
    folder = (root / catalog_file("kk")).parent
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / catalog_file("kk"), folder)
    assert i18n.gettext("Indicators", "kk") == "Индикаторлар"
    assert sorted(p.name for p in folder.iterdir()) == ["messages.po"]  # nothing written


def test_wheel_reads_the_compiled_mo_first(root):
    folder = (root / catalog_file("ru")).parent
    folder.mkdir(parents=True)
    po = ROOT / catalog_file("ru")
    (folder / "messages.mo").write_bytes(compile_po(po))
    # a .po next to it that says otherwise is not read
    (folder / "messages.po").write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Индикаторы"', 'msgstr "не этот"'), encoding="utf-8"
    )
    assert i18n.gettext("Indicators", "ru") == "Индикаторы"


def test_missing_catalog_is_a_clear_error(root):
    with pytest.raises(FileNotFoundError, match=r"no catalog for 'de' \(messages\.mo or messages\.po in .*\); reinstall"):
        i18n.gettext("Indicators", "de")


def test_each_catalog_is_read_once(root):
    folder = (root / catalog_file("de")).parent
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / catalog_file("de"), folder)
    assert i18n.translations("de") is i18n.translations("de")


def test_marks_return_their_arguments():
    assert i18n.N_("Indicators") == "Indicators"
    assert i18n.Nn_("{number} week", "{number} weeks") == ("{number} week", "{number} weeks")
