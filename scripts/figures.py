"""The figures of the documentation: the events on a time axis
(``docs/timeline.<lang>.png``) and the article's numbers with their hedge
(``docs/indicators.<lang>.png``), drawn with matplotlib for
``scripts/build_docs.py``.

Rendering is pinned: matplotlib's defaults without any matplotlibrc, the
DejaVu Sans bundled with matplotlib (not a system copy), a fixed size and
DPI, no software tag in the PNG; a glyph missing from the font is an error,
never a box.  Each PNG records the matplotlib version that drew it and the
SHA-256 of its inputs (every label, date, number and title it shows), which
is how :func:`same_png` tells a stale figure from one another matplotlib
drew a few pixels apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import textwrap
import warnings
from pathlib import Path

import kz_between_chairs as kz
from kz_between_chairs import dates, descriptor
from kz_between_chairs.i18n import gettext
from kz_between_chairs.statements import quantity

DPI = 100
# PNG text chunks that say what made a figure (see save_png and same_png).
RENDERER, INPUTS = "Source", "Comment"
FIGURES = ("timeline", "indicators")
"""The figures, each drawn by the function of that name for every language."""


def _matplotlib():
    """matplotlib, pinned: Agg, built-in defaults, the bundled DejaVu Sans."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcdefaults()  # ignore any matplotlibrc of the machine
    from matplotlib import font_manager

    bundled = Path(matplotlib.get_data_path())
    # A system copy of DejaVu Sans may be another version: use only matplotlib's own.
    font_manager.fontManager.ttflist = [
        f for f in font_manager.fontManager.ttflist if Path(f.fname).is_relative_to(bundled)
    ]
    font = Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    if not font.is_relative_to(bundled):
        raise SystemExit(f"build_docs: DejaVu Sans resolved to {font}, not matplotlib's own copy")
    matplotlib.rcParams.update({"font.family": ["DejaVu Sans"], "font.size": 10})
    import matplotlib.pyplot as plt

    return plt


def save_png(fig, inputs, path: Path) -> None:
    """Save the figure with no software tag but with what made it: the
    matplotlib version and the SHA-256 of ``inputs`` (everything the figure
    shows: labels, dates, numbers, titles). A glyph missing from the font is
    an error."""
    import matplotlib
    import matplotlib.pyplot as plt

    metadata = {"Software": None, RENDERER: f"matplotlib {matplotlib.__version__}", INPUTS: digest(inputs)}
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        try:
            fig.savefig(path, dpi=DPI, metadata=metadata)
        except UserWarning as exc:
            raise SystemExit(f"{path.name}: {exc}") from None
    plt.close(fig)


def digest(inputs) -> str:
    text = json.dumps(inputs, ensure_ascii=False, sort_keys=True, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


_SKELETONS = {"day": "yMMMd", "month": "yMMMM", "year": "y"}  # CLDR skeletons: the locale orders the parts


def edtf_parts(value: str, lang: str) -> list[tuple[str, dt.date | None]]:
    """Each end of an EDTF date as text at its own precision (``März 2022?``),
    with the day when it is an exact day (None when open, only a month or a
    year, uncertain or approximate). Forms beyond that stay as written."""
    from babel.dates import format_skeleton

    try:
        ends = dates.ends(value)
    except ValueError:
        return [(value, None)]
    return [
        ("…", None) if end.open
        else (format_skeleton(_SKELETONS[end.precision], end.day, locale=lang) + end.qualifier,
              end.day if end.exact_day else None)
        for end in ends
    ]


def edtf_text(value: str, lang: str) -> str:
    """An EDTF date for reading, in ``lang``: ``2022-02-24/2022-03?`` is
    "24. Feb. 2022 – März 2022?" in German, ``2022-01-06/2022-01-19``
    "Jan 6 – 19, 2022" in English (tests/test_docs.py has more)."""
    from babel.dates import format_interval

    parts = edtf_parts(value, lang)
    if len(parts) == 2 and parts[0][1] and parts[1][1]:  # babel knows how each language shortens a range
        return format_interval(parts[0][1], parts[1][1], skeleton="yMMMd", locale=lang)
    return " – ".join(text for text, _ in parts)


def timeline(lang: str):
    """The events in time order; periods more than half a year apart get
    panels of their own at the same scale (2014 and 2022), so nothing is
    squeezed. A bar spans the days a date allows, a point is one day; a date
    not exact to the day (a month, ``?``, ``~``, an open start) is hatched.
    Returns the figure and what it shows (for :func:`save_png`)."""
    plt = _matplotlib()
    import pandas as pd
    from babel.dates import format_date

    events = kz.load("events", lang=lang)
    events = events.assign(_sort=events["date_start"].fillna(events["date_end"]))
    events = events.sort_values(["_sort", "date_end", "event_id"]).reset_index(drop=True)
    days = sorted({d.date() for col in ("date_start", "date_end") for d in events[col].dropna()})
    clusters = [[days[0], days[0]]]
    for day in days[1:]:
        if (day - clusters[-1][1]).days > 182:
            clusters.append([day, day])
        clusters[-1][1] = day
    pad = dt.timedelta(days=3)
    # whole months, so that every panel starts and ends at a month tick
    spans = [(lo.replace(day=1) - pad, _month_end(hi) + pad) for lo, hi in clusters]
    fig, axes = plt.subplots(
        1, len(spans), sharey=True, figsize=(13, 1.4 + 0.36 * len(events)), layout="constrained",
        gridspec_kw={"width_ratios": [(hi - lo).days for lo, hi in spans], "wspace": 0.03},
    )
    axes = list(axes) if len(spans) > 1 else [axes]
    solid, pale = "#1f5f8b", "#9cc3de"
    inputs = {"rows": [], "ticks": []}
    for ax, (lo, hi) in zip(axes, spans):
        for y, event in events.iterrows():
            start = None if pd.isna(event["date_start"]) else event["date_start"].date()
            end = event["date_end"].date()
            if end < lo or end > hi:
                continue
            uncertain = not all(day for _, day in edtf_parts(event["date"], lang))
            colour = pale if uncertain else solid
            left = start or lo
            if start == end:
                ax.plot([start], [y], "o", color=colour, markeredgecolor=solid, markersize=7, zorder=3)
            else:
                ax.barh(y, (end - left).days + 1, left=left, height=0.5, color=colour, edgecolor=solid,
                        linewidth=0.8, hatch="////" if uncertain else None, zorder=2)
            if start is None:  # open start: it began at some time before
                ax.annotate("", (lo, y), (lo + dt.timedelta(days=4), y), zorder=3,
                            arrowprops={"arrowstyle": "-|>", "color": solid, "linewidth": 1.2})
            # the date goes on the side of the row with more room
            right = (hi - end) >= (left - lo)
            text = edtf_text(event["date"], lang)
            inputs["rows"].append([y, event["event_id"], event["date"], str(start), str(end), event["label"], text])
            ax.annotate(text, (end + dt.timedelta(days=1) if right else left, y),
                        xytext=(5 if right else -5, 0), textcoords="offset points", va="center",
                        ha="left" if right else "right", fontsize=8, color="#444444")
        ax.set_xlim(lo, hi)
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
        ax.set_axisbelow(True)
        months = [lo + pad]  # the first of each month the panel covers
        while (nxt := _month_end(months[-1]) + dt.timedelta(days=1)) < hi - pad:
            months.append(nxt)
        ticks = [format_date(m, "LLL\ny" if m.month == 1 or m == months[0] else "LLL", locale=lang) for m in months]
        ax.set_xticks(months, ticks)
        inputs["ticks"].append(ticks)
        ax.spines[["top", "right"]].set_visible(False)
    for left_ax, right_ax in zip(axes, axes[1:]):  # "//" marks where time is cut
        right_ax.spines["left"].set_visible(False)
        right_ax.tick_params(axis="y", length=0)
        for ax, x in ((left_ax, 1), (right_ax, 0)):
            ax.plot([x - 0.012, x + 0.012], [-0.015, 0.015], transform=ax.transAxes, color="black",
                    linewidth=1, clip_on=False)
    axes[0].set_yticks(range(len(events)), [textwrap.fill(t, 48) for t in events["label"]])
    axes[0].set_ylim(len(events) - 0.4, -0.6)
    axes[0].tick_params(axis="y", labelsize=9)
    inputs["title"] = f"{gettext(descriptor.resource('events')['title'], lang)} {clusters[0][0].year}–{clusters[-1][1].year}"
    inputs["note"] = _source_note(lang)
    fig.suptitle(inputs["title"], fontsize=14, x=0.01, ha="left")
    fig.supxlabel(inputs["note"], x=0.99, ha="right", fontsize=7, color="#666666")
    return fig, inputs


def _month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def indicators(lang: str):
    """The article's numbers, one panel per unit, each with its hedge in words
    ("about 2,500 people"): an approximate number is pale, an arrow points to
    where a number given as a bound ("more than", "nearly") really lies.
    Returns the figure and what it shows (for :func:`save_png`)."""
    plt = _matplotlib()
    from babel.numbers import format_decimal, format_percent
    from matplotlib.ticker import MaxNLocator, MultipleLocator

    table = kz.load("indicators", lang=lang)
    units = kz.load("units", lang=lang).set_index("unit")
    groups = [(unit, rows) for unit, rows in table.groupby("unit", observed=True, sort=False)]
    fig, axes = plt.subplots(
        len(groups), 1, figsize=(11, 1.6 + 0.55 * len(table)), layout="constrained",
        gridspec_kw={"height_ratios": [len(rows) + 0.8 for _, rows in groups]},
    )
    colours = ["#1f5f8b", "#b5651d", "#4b7f52", "#7d4e8f"]

    def number(value: float, percent: bool) -> str:
        return format_percent(value / 100, locale=lang) if percent else format_decimal(value, locale=lang)

    inputs = {"rows": []}
    for at, (ax, (unit, rows)) in enumerate(zip(axes, groups)):
        colour = colours[at % len(colours)]
        percent = units.loc[unit, "ucum"] == "%"  # a share: its axis is 0 to 100 %
        rows = rows.reset_index(drop=True)
        top = 100 if percent else rows["value"].max() * 1.3
        for y, row in rows.iterrows():
            comparator, value = row["comparator"], row["value"]
            ax.barh(y, value, height=0.55, color=colour, alpha=0.55 if comparator == "~" else 1.0, zorder=2)
            if comparator in (">", ">="):  # the true number lies further right
                ax.annotate("", (value + top * 0.06, y), (value, y), zorder=3,
                            arrowprops={"arrowstyle": "-|>", "color": colour, "linewidth": 1.5})
            elif comparator in ("<", "<="):  # ... or short of the bar's end
                ax.annotate("", (value - top * 0.06, y), (value, y), zorder=3,
                            arrowprops={"arrowstyle": "-|>", "color": "white", "linewidth": 1.5})
            shift = top * 0.07 if comparator in (">", ">=") else top * 0.01
            text = quantity(value, comparator, unit, lang)
            inputs["rows"].append([unit, units.loc[unit, "label"], row["indicator_id"], value, comparator, row["label"], text])
            ax.text(value + shift, y, text, va="center", fontsize=10, fontweight="bold")
        ax.set_yticks(range(len(rows)), [textwrap.fill(t, 44) for t in rows["label"]])
        ax.set_ylim(len(rows) - 0.4, -0.6)
        ax.set_xlim(0, top * 1.12)
        ax.set_title(units.loc[unit, "label"], loc="left", fontsize=10, color=colour, fontweight="bold")
        ax.xaxis.set_major_locator(MultipleLocator(20) if percent else MaxNLocator(6, integer=True))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _pos, share=percent: number(x, share)))
        ax.grid(axis="x", color="#e6e6e6", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines[["top", "right"]].set_visible(False)
    inputs.update(title=gettext(descriptor.resource("indicators")["title"], lang), note=_source_note(lang))
    fig.suptitle(inputs["title"], fontsize=14, x=0.02, ha="left")
    fig.supxlabel(inputs["note"], x=0.99, ha="right", fontsize=7, color="#666666")
    return fig, inputs


def _source_note(lang: str) -> str:
    sources = kz.load("sources").set_index("source_id")
    primary = sources[sources["role"] == "primary"].iloc[0]
    source = gettext(descriptor.field("events", "source_id")["title"], lang)
    year = primary["published"][:4]
    return f"{source}: {primary['author']}: {primary['title']}. {primary['publisher']}, {year} · kz-between-chairs {kz.__version__}"


def same_png(new: Path, old: Path) -> bool:
    """Whether the figure ``old`` is current: made from the same inputs and,
    when made by the same matplotlib version, equal pixels.

    Another matplotlib version lays text out a few pixels differently (the
    Python 3.10 CI gets an older one), so there only the inputs are compared,
    and a note on stderr says so."""
    import numpy as np
    from PIL import Image

    with Image.open(new) as a, Image.open(old) as b:
        if a.text.get(INPUTS) != b.text.get(INPUTS):
            return False
        if a.text.get(RENDERER) != b.text.get(RENDERER):
            print(f"note: {old.name}: made with {b.text.get(RENDERER)}, this is {a.text.get(RENDERER)}: "
                  "pixels not compared, inputs unchanged", file=sys.stderr)
            return True
        return a.size == b.size and np.array_equal(np.asarray(a.convert("RGBA")), np.asarray(b.convert("RGBA")))


def draw(name: str, lang: str, path: Path) -> None:
    """Draw the figure ``name`` (one of :data:`FIGURES`) in ``lang`` to ``path``."""
    save_png(*{"timeline": timeline, "indicators": indicators}[name](lang), path)
