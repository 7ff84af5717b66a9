"""The three pictures of the site, drawn at build time as inline SVG: the
relations network, the timeline of events and the chart of the article's
numbers.  Each function returns markup (a :class:`markupsafe.Markup`) and
takes everything it draws as plain values, so the same input always gives
the same bytes.

Coordinates are rounded to one decimal; the network is laid out by
networkx's spring layout with a fixed seed and the article's thesis pinned:
Kazakhstan in the middle, Russia to the north, China to the east, the West
to the west.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

ANCHORS = {"kazakhstan": (0.0, 0.0), "russia": (0.0, -1.0), "china": (1.0, 0.0), "the_west": (-1.0, 0.0)}
"""Entities pinned where the article's thesis puts them (x right, y down)."""

PALETTE = ("#1f5f9e", "#a23b2c", "#2e6b34", "#6b4a9e", "#5c5c5c")
"""Node colours by entity type, in order of the types' frequency; the last
one is for every further type.  Each has at least 4.5:1 contrast on white."""


def _n(value: float) -> str:
    """A coordinate as the SVG writes it: one decimal, no "-0.0"."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


# --- network -----------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    id: str
    label: str  # short: an abbreviation where the entity has one
    href: str
    group: str  # the entity type's code: colours follow codes, so every language has the same
    title: str = ""  # the full name, as the node's tooltip


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # "Kazakhstan — member of — SCO"


def layout(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions in the unit square for ``nodes``, the same for the same input.

    The largest connected part fills the left four fifths with the
    :data:`ANCHORS` pinned; every other part gets a box of its own, stacked
    in the right fifth (a part laid out together with the rest would be
    pushed to a corner and squeeze the rest into the middle).

    >>> pos = layout(["kazakhstan", "russia", "china", "sco"],
    ...              [("kazakhstan", "sco"), ("russia", "sco"), ("china", "kazakhstan")])
    >>> pos["russia"][1] < pos["kazakhstan"][1], pos["china"][0] > pos["kazakhstan"][0]
    (True, True)
    >>> layout(["a", "b"], [("a", "b")]) == layout(["b", "a"], [("b", "a")])
    True
    """
    return dict(_layout(tuple(sorted(set(nodes))), tuple(sorted({tuple(sorted(e)) for e in edges}))))


@lru_cache(maxsize=8)  # the same graph in every language: laid out once
def _layout(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...]) -> tuple[tuple[str, tuple[float, float]], ...]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    parts = sorted((sorted(p) for p in nx.connected_components(graph)), key=lambda p: (-len(p), p))
    if not parts:
        return {}
    boxes = [(0.0, 0.0, 1.0 if len(parts) == 1 else 0.7, 1.0)]
    rest = parts[1:]
    weights = [len(p) + 1 for p in rest]
    top = 0.0
    for w in weights:
        height = w / sum(weights)
        boxes.append((0.8, top, 1.0, top + height))
        top += height
    out: dict[str, tuple[float, float]] = {}
    for part, (x0, y0, x1, y1) in zip(parts, boxes):
        # a graph of its own, not graph.subgraph(): a subgraph view of a small
        # part iterates a set, in an order that changes with the hash seed
        sub = nx.Graph()
        sub.add_nodes_from(part)
        sub.add_edges_from(e for e in edges if e[0] in sub)
        fixed = {n: ANCHORS[n] for n in part if n in ANCHORS}
        if len(part) == 1:
            found = {part[0]: (0.0, 0.0)}
        elif len(fixed) >= 2:
            found = nx.spring_layout(sub, seed=1, iterations=300, pos=fixed, fixed=list(fixed), k=0.55)
        else:
            found = nx.spring_layout(sub, seed=1, iterations=300)
        xs = [float(found[n][0]) for n in part]
        ys = [float(found[n][1]) for n in part]
        for n in part:
            fx = (float(found[n][0]) - min(xs)) / ((max(xs) - min(xs)) or 1.0) if len(part) > 1 else 0.5
            fy = (float(found[n][1]) - min(ys)) / ((max(ys) - min(ys)) or 1.0) if len(part) > 1 else 0.5
            out[n] = (round(x0 + fx * (x1 - x0), 4), round(y0 + fy * (y1 - y0), 4))
    return tuple(sorted(out.items()))


def network(nodes: Sequence[Node], edges: Sequence[Edge], title: str, desc: str, groups: dict[str, str],
            other: str, uid: str = "net") -> Markup:
    """The relations as a network: circles that link to the entity pages,
    lines with the relation in words as their tooltip, and a legend of the
    entity types (``groups``: code -> label; the rarest together, named
    ``other``).  Labels longer than :data:`LONGEST` characters are cut with
    "…"; the tooltip has the full name."""
    width, height, pad_x, pad_y = 960, 720, 110, 40
    pos = layout([n.id for n in nodes], [(e.source, e.target) for e in edges])

    def xy(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return pad_x + x * (width - 2 * pad_x), pad_y + y * (height - 2 * pad_y - 60)

    labels = groups
    groups = _groups([n.group for n in nodes])
    out = [
        f'<svg class="figure network" viewBox="0 0 {width} {height}" aria-labelledby="{uid}-title {uid}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        '<g class="edges">',
    ]
    for e in edges:
        (x1, y1), (x2, y2) = xy(e.source), xy(e.target)
        out.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"><title>{escape(e.label)}</title></line>'
        )
    out.append('</g><g class="nodes">')
    places = _place_labels([(n.id, *xy(n.id), 11 if n.id in ANCHORS else 7, _cut(n.label), n.id in ANCHORS) for n in nodes])
    for n in sorted(nodes, key=lambda n: n.id):
        x, y = xy(n.id)
        big = n.id in ANCHORS
        radius = 11 if big else 7
        tx, ty, anchor = places[n.id]
        classes = " ".join(c for c in ("anchor" if big else "", {"start": "start", "end": "end"}.get(anchor, "")) if c)
        emphasis = f' class="{classes}"' if classes else ""
        out.append(
            f'<a href="{escape(n.href)}"><title>{escape(n.title or n.label)}</title><circle cx="{_n(x)}" cy="{_n(y)}" r="{radius}" fill="{groups[n.group]}"/>'
            f'<text x="{_n(tx)}" y="{_n(ty)}"{emphasis}>{escape(_cut(n.label))}</text></a>'
        )
    out.append("</g>")
    legend = [(colour, labels.get(group, group)) for group, colour in groups.items() if colour != PALETTE[-1]]
    if PALETTE[-1] in groups.values():
        legend.append((PALETTE[-1], other))
    out.append(_legend(legend, 16, height - 24))
    out.append("</svg>")
    return Markup("".join(out))


LONGEST = 28


def _place_labels(nodes: Sequence[tuple[str, float, float, int, str, bool]]) -> dict[str, tuple[float, float, str]]:
    """Where each node's label goes: below its circle, else above, right or
    left, whichever first overlaps no label placed before it and no circle
    (the pinned nodes first, then top to bottom); below when none is free.
    Returns ``id -> (x, y, text-anchor)``.

    >>> places = _place_labels([("a", 100, 100, 7, "Alpha", False), ("b", 100, 125, 7, "Beta", False)])
    >>> places["a"][1] < places["b"][1], places["b"][1] > 125
    (True, True)
    """
    taken: list[tuple[float, float, float, float]] = [(x - r, y - r, x + r, y + r) for _i, x, y, r, _t, _b in nodes]
    places = {}
    for key, x, y, r, text, big in sorted(nodes, key=lambda n: (not n[5], n[2], n[1], n[0])):
        w, h = _width(text, 16 if big else 14), 16 if big else 14
        options = [  # (text x, baseline y, anchor, box)
            (x, y + r + h, "middle", (x - w / 2, y + r + 2, x + w / 2, y + r + h + 3)),
            (x, y - r - 5, "middle", (x - w / 2, y - r - h - 4, x + w / 2, y - r - 2)),
            (x + r + 4, y + 5, "start", (x + r + 3, y - h / 2, x + r + 4 + w, y + h / 2 + 2)),
            (x - r - 4, y + 5, "end", (x - r - 4 - w, y - h / 2, x - r - 3, y + h / 2 + 2)),
        ]
        mine = (x - r, y - r, x + r, y + r)
        chosen = next((o for o in options if not any(_overlap(o[3], b) for b in taken if b != mine)), options[0])
        places[key] = chosen[:3]
        taken.append(chosen[3])
    return places


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _cut(label: str) -> str:
    """A node's label, cut to :data:`LONGEST` characters.

    >>> _cut("Bund der Steuerzahler und Wirtschaftsförderung")
    'Bund der Steuerzahler und W…'
    """
    return label if len(label) <= LONGEST else label[: LONGEST - 1].rstrip() + "…"


def _groups(groups: Sequence[str]) -> dict[str, str]:
    """group -> colour: the most frequent groups get their own colours."""
    counts: dict[str, int] = {}
    for g in groups:
        counts[g] = counts.get(g, 0) + 1
    ranked = sorted(counts, key=lambda g: (-counts[g], g))
    return {g: PALETTE[min(i, len(PALETTE) - 1)] for i, g in enumerate(ranked)}


def _legend(items: Sequence[tuple[str, str]], x: float, y: float) -> str:
    """Colour dots with their names in one row."""
    out, at = ['<g class="legend">'], x
    for colour, text in items:
        out.append(f'<circle cx="{_n(at + 6)}" cy="{_n(y - 5)}" r="6" fill="{colour}"/>')
        out.append(f'<text x="{_n(at + 16)}" y="{_n(y)}" class="start">{escape(text)}</text>')
        at += 34 + 8.5 * len(text)
    out.append("</g>")
    return "".join(out)


# --- timeline ----------------------------------------------------------------


@dataclass(frozen=True)
class Moment:
    label: str
    when: str  # the date in words
    href: str
    exact: bool  # a single day, certain
    year: str  # for the year marks


def timeline(moments: Sequence[Moment], title: str, desc: str, uid: str = "tl") -> Markup:
    """Events top to bottom in date order (the caller sorts them), a year
    heading where the year changes: the date, a dot (filled: one certain
    day; ring: a span, a month or an uncertain date) and the event's name
    linking to its page.  The picture is as wide as its longest texts."""
    row = 30
    axis = 20 + _width(max((m.when for m in moments), key=len, default=""))
    width = axis + 40 + _width(max((m.label for m in moments), key=len, default=""))
    body, y, year = [], 10, None
    for m in moments:
        if m.year != year:
            year = m.year
            y += row
            body.append(f'<text x="{axis}" y="{y + 5}" class="year">{escape(year)}</text>')
            y += 6
        y += row
        dot = "dot" if m.exact else "ring"
        body.append(
            f'<a href="{escape(m.href)}"><text x="{axis - 14}" y="{y + 5}" class="end when">{escape(m.when)}</text>'
            f'<circle class="{dot}" cx="{axis}" cy="{y}" r="6"/>'
            f'<text x="{axis + 16}" y="{y + 5}" class="start">{escape(m.label)}</text></a>'
        )
    height = y + row
    out = [
        f'<svg class="figure timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{uid}-title {uid}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        f'<line class="axis" x1="{axis}" y1="{row + 16}" x2="{axis}" y2="{height - 10}"/>',
        *body,
        "</svg>",
    ]
    return Markup("".join(out))


def _width(text: str, size: float = 14) -> int:
    """A generous guess of a text's width in pixels (no font metrics at build
    time: 0.6 em a character covers the Latin and Cyrillic system fonts)."""
    return int(len(text) * size * 0.6) + 1


# --- chart of the numbers -------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    words: str  # the value with its hedge in words: "about 2,500 people"
    value: float
    comparator: str
    group: str  # the unit's label: bars are scaled within a group
    scale: float  # the value a full bar stands for


HEDGES = ("=", "~", ">", ">=", "<", "<=")


def chart(bars: Sequence[Bar], title: str, desc: str, legend: dict[str, str], uid: str = "ch") -> Markup:
    """Horizontal bars, one per number, with the hedge drawn at the bar's end:
    exact values end in a stroke, approximate ones fade out, lower bounds
    (> >=) carry an arrow to the right, upper bounds (< <=) a stroke with an
    open tail to the left.  ``legend`` names the four shapes."""
    left, full, row = 16, 560, 58
    out: list[str] = []
    y, group = 20, None
    for b in bars:
        if b.group != group:
            group = b.group
            y += 10
            out.append(f'<text x="{left}" y="{y}" class="group start">{escape(group)}</text>')
            y += 22
        end = left + full * min(b.value / b.scale, 1.0) if b.scale else left
        out.append(f'<text x="{left}" y="{y}" class="start">{escape(b.label)}</text>')
        out.append(_hedged_bar(left, end, y + 8, b.comparator))
        after = {"~": end + 0.15 * (end - left) + 10, ">": end + 36, ">=": end + 36}.get(b.comparator, end + 14)
        out.append(f'<text x="{_n(after)}" y="{y + 24}" class="start value">{escape(b.words)}</text>')
        y += row
    y += 10
    keys = [("=", legend["exact"]), ("~", legend["about"]), (">", legend["more"]), ("<", legend["less"])]
    for i, (comparator, text) in enumerate(keys):
        x = left + (i % 2) * 440
        yy = y + (i // 2) * 30
        out.append(_hedged_bar(x, x + 60, yy, comparator))
        out.append(f'<text x="{x + 96}" y="{yy + 15}" class="start">{escape(text)}</text>')
    height = y + 70
    head = [
        f'<svg class="figure chart" viewBox="0 0 900 {height}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-title">{escape(title)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        f'<defs><linearGradient id="{uid}-fade"><stop offset="0" stop-color="#1f5f9e"/>'
        '<stop offset="1" stop-color="#1f5f9e" stop-opacity="0"/></linearGradient></defs>',
    ]
    return Markup("".join([*head, *out, "</svg>"]).replace("url(#fade)", f"url(#{uid}-fade)"))


def _hedged_bar(x0: float, x1: float, y: float, comparator: str) -> str:
    """One bar from ``x0`` to ``x1`` at ``y`` (20 high), its end drawn by the hedge."""
    h = 20
    if comparator == "~":
        cut = x0 + (x1 - x0) * 0.85
        tail = (x1 - x0) * 0.3
        return (f'<rect class="bar" x="{_n(x0)}" y="{_n(y)}" width="{_n(cut - x0)}" height="{h}"/>'
                f'<rect x="{_n(cut)}" y="{_n(y)}" width="{_n(tail)}" height="{h}" fill="url(#fade)"/>')
    bar = f'<rect class="bar" x="{_n(x0)}" y="{_n(y)}" width="{_n(max(x1 - x0, 1))}" height="{h}"/>'
    if comparator in (">", ">="):
        return bar + (f'<path class="bound" d="M{_n(x1)} {_n(y + h / 2)}h16"/>'
                      f'<path class="arrow" d="M{_n(x1 + 14)} {_n(y - 2)}l12 {_n(h / 2 + 2)}l-12 {_n(h / 2 + 2)}z"/>')
    if comparator in ("<", "<="):
        return (f'<rect class="bar open" x="{_n(x0)}" y="{_n(y)}" width="{_n(max(x1 - x0, 1))}" height="{h}"/>'
                f'<path class="cap" d="M{_n(x1)} {_n(y - 4)}v{h + 8}"/>')
    return bar + f'<path class="cap" d="M{_n(x1)} {_n(y - 4)}v{h + 8}"/>'
