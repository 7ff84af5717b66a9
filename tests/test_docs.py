"""scripts/build_docs.py: the codebooks, figures and generated README/DATASHEET
blocks are current, and the check that says so can fail."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import build_docs  # scripts/ is on pytest's pythonpath
import figures
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow  # renders every figure with matplotlib; the drift check of CI
def test_committed_docs_are_current():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_docs.py"), "--check"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout) == (0, ""), done.stdout + done.stderr


def test_codebooks_cover_every_table_and_column_with_codes_in_their_language():
    import kz_between_chairs as kz
    from kz_between_chairs import descriptor

    for lang in descriptor.LANGUAGES:
        text = (ROOT / "docs" / f"codebook.{lang}.md").read_text(encoding="utf-8")
        for name in kz.tables():
            assert f'<a id="{name}"></a>' in text, (lang, name)
            section = text[text.index(f'<a id="{name}"></a>') :]
            for field in descriptor.resource(name)["schema"]["fields"]:
                assert re.search(rf"^- (🔑 )?`{field['name']}`: \*\*", section, re.M), (lang, name, field["name"])
        units = kz.load("units", lang=lang)
        for code, label in zip(units["unit"], units["label"]):
            assert f"| `{code}` | {label} |" in text, (lang, code)


def png(path: Path, renderer="matplotlib 1.0", inputs="sha256:1", dot=False, compress_level=6) -> Path:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text(figures.RENDERER, renderer)
    info.add_text(figures.INPUTS, inputs)
    picture = Image.new("RGB", (4, 3), "white")
    if dot:
        picture.putpixel((2, 1), (255, 254, 255))
    picture.save(path, pnginfo=info, compress_level=compress_level)
    return path


def test_pixels_decide_not_bytes(tmp_path):
    a = png(tmp_path / "a.png", compress_level=1)
    b = png(tmp_path / "b.png", compress_level=9)
    assert a.read_bytes() != b.read_bytes()
    assert build_docs.same(a, b)
    assert not build_docs.same(a, png(tmp_path / "c.png", dot=True))
    assert not build_docs.same(a, tmp_path / "missing.png")


def test_changed_inputs_are_stale_whatever_the_pixels(tmp_path):
    a = png(tmp_path / "a.png")
    assert not build_docs.same(a, png(tmp_path / "b.png", inputs="sha256:2"))
    assert not build_docs.same(a, png(tmp_path / "c.png", renderer="matplotlib 2.0", inputs="sha256:2"))


def test_another_matplotlib_compares_inputs_only_and_says_so(tmp_path, capsys):
    old = png(tmp_path / "old.png", renderer="matplotlib 2.0", dot=True)
    assert build_docs.same(png(tmp_path / "new.png"), old)
    assert capsys.readouterr().err == (
        "note: old.png: made with matplotlib 2.0, this is matplotlib 1.0: pixels not compared, inputs unchanged\n"
    )


def test_a_glyph_missing_from_the_font_is_an_error_not_a_box(tmp_path):
    plt = figures._matplotlib()
    fig = plt.figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "Қазақстан 中国")  # DejaVu Sans has Kazakh Cyrillic, not Chinese
    with pytest.raises(SystemExit, match=r"^x\.png: Glyph \d+ .* missing from font"):
        figures.save_png(fig, {}, tmp_path / "x.png")
    fig = plt.figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "Қазақстан ӘҒҚҢӨҰҮҺІ әғқңөұүһі")
    figures.save_png(fig, {"text": "Қазақстан"}, tmp_path / "y.png")
    from PIL import Image

    with Image.open(tmp_path / "y.png") as saved:
        assert "Software" not in saved.text
        assert saved.text[figures.INPUTS] == figures.digest({"text": "Қазақстан"})


def test_generated_blocks_are_replaced_and_missing_markers_named(tmp_path):
    page = tmp_path / "PAGE.md"
    page.write_text("intro\n<!-- generated:x -->\nold\n<!-- /generated:x -->\nend\n", encoding="utf-8")
    assert build_docs.with_blocks(page, {"x": lambda: "new"}) == (
        "intro\n<!-- generated:x -->\nnew\n<!-- /generated:x -->\nend\n"
    )
    with pytest.raises(SystemExit, match=r"^PAGE\.md: the markers <!-- generated:y --> \.\.\. <!-- /generated:y --> are missing$"):
        build_docs.with_blocks(page, {"y": lambda: "new"})


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        ("2022-01-06/2022-01-19", "en", "Jan 6\u2009–\u200919, 2022"),
        ("2022-01-06/2022-01-19", "de", "6.–19. Jan. 2022"),
        ("2022-02-24/2022-03?", "ru", "24 февр. 2022\u202fг. – март 2022\u202fг.?"),
        ("../2022-01-02", "kk", "… – 2022\u202fж. 2 қаң."),
        ("2022-03", "de", "März 2022"),
        ("2022-03-01?", "en", "Mar 1, 2022?"),
    ],
)
def test_dates_read_at_their_own_precision(value, lang, text):
    assert figures.edtf_text(value, lang) == text
