"""Deterministic SVG pictures: the actor network (force layout from a fixed start) and the event timeline.

Pure functions of their input data (sorted first), so the same graph always gives the same bytes.
Elements carry ``data-tip`` (hover text), ``data-f`` (filter tokens) and links; ``static/viz.js`` adds
zoom/pan, tooltips and filtering in the browser. Without JavaScript the SVG still shows ``<title>`` tips.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH, HEIGHT = 1000, 700
GRAVITY = 0.08
GAP_DAYS = 10  # timeline: longer quiet stretches are squeezed to this width and marked ≈
CHAR_W = 6.8  # average width of a 12 px sans-serif character, for label placement

# Presentation only: actor kinds (ckg class local names) grouped into colours, most specific first.
KIND_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("State armed force", "#2e7d32", ("StateArmedForce",)),
    ("State / government", "#1565c0", ("Government", "Country", "State")),
    ("Coalition", "#ad1457", ("Coalition",)),
    (
        "Non-state armed group",
        "#c62828",
        ("RebelGroup", "InsurgentGroup", "Militia", "JihadistGroup", "NonStateArmedGroup"),
    ),
    ("Person", "#6a1b9a", ("UnnamedPerson", "Person")),
    ("Media", "#ef6c00", ("NewsAgency", "StateMedia", "MediaOutlet", "SocialMediaAccount")),
    ("International / NGO", "#00838f", ("IntergovernmentalOrganization", "NGO", "MonitoringGroup")),
    ("Other", "#607d8b", ("PoliticalParty", "CollectiveActor", "Organization", "Actor")),
)
RELATION_COLOURS = {
    "alliedWith": "#2e7d32",
    "supports": "#1565c0",
    "backs": "#1565c0",
    "opposes": "#c62828",
    "inConflictWith": "#b71c1c",
    "leads": "#6a1b9a",
    "memberOf": "#757575",
}
PALETTE = (
    "#c62828",
    "#1565c0",
    "#2e7d32",
    "#ef6c00",
    "#6a1b9a",
    "#00838f",
    "#ad1457",
    "#5d4037",
    "#455a64",
    "#9e9d24",
)


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    kind: str  # a KIND_GROUPS group name
    href: str


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    relation: str  # local name, e.g. alliedWith
    directed: bool


@dataclass(frozen=True)
class TimelineEvent:
    iri: str
    label: str
    kind: str
    when: date | None
    when_text: str
    place: str
    figures: tuple[str, ...]
    href: str
    approximate: bool = False  # no date in the text: placed at the article's publication date


@dataclass
class Network:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def kind_group(class_names: set[str]) -> str:
    for group, _, members in KIND_GROUPS:
        if class_names & set(members):
            return group
    return "Other"


def kind_colour(group: str) -> str:
    return next((colour for name, colour, _ in KIND_GROUPS if name == group), "#607d8b")


def layout(nodes: list[Node], edges: list[Edge]) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold from a circle in sorted order; fixed iterations → deterministic positions."""
    order = sorted(nodes, key=lambda n: (n.kind, n.label, n.iri))
    count = len(order)
    if count == 0:
        return {}
    pos = {
        n.iri: [
            WIDTH / 2 + 300 * math.cos(2 * math.pi * i / count),
            HEIGHT / 2 + 250 * math.sin(2 * math.pi * i / count),
        ]
        for i, n in enumerate(order)
    }
    k = math.sqrt(WIDTH * HEIGHT / count) * 0.6
    links = [(e.source, e.target) for e in edges if e.source in pos and e.target in pos]
    iterations = 200 if count <= 60 else max(30, 12000 // count)
    for step in range(iterations):
        heat = 60.0 * (1 - step / iterations) + 1.0
        _relax(order, pos, links, k, heat)
    return _fit(pos)


def _fit(pos: dict[str, list[float]]) -> dict[str, tuple[float, float]]:
    """Scale the layout to fill the canvas (room on the right for labels), keeping its proportions."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    box_w, box_h = WIDTH - 40 - 170, HEIGHT - 60
    scale = min(box_w / max(max(xs) - min(xs), 1.0), box_h / max(max(ys) - min(ys), 1.0), 3.0)
    off_x = 40 + (box_w - (max(xs) - min(xs)) * scale) / 2
    off_y = 30 + (box_h - (max(ys) - min(ys)) * scale) / 2
    return {
        iri: (round(off_x + (x - min(xs)) * scale, 1), round(off_y + (y - min(ys)) * scale, 1))
        for iri, (x, y) in pos.items()
    }


def _relax(
    order: list[Node], pos: dict[str, list[float]], links: list[tuple[str, str]], k: float, heat: float
) -> None:
    disp = {n.iri: [0.0, 0.0] for n in order}
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            dx, dy = pos[a.iri][0] - pos[b.iri][0], pos[a.iri][1] - pos[b.iri][1]
            dist = max(math.hypot(dx, dy), 0.01)
            force = k * k / dist
            disp[a.iri][0] += dx / dist * force
            disp[a.iri][1] += dy / dist * force
            disp[b.iri][0] -= dx / dist * force
            disp[b.iri][1] -= dy / dist * force
    for s, t in links:
        dx, dy = pos[s][0] - pos[t][0], pos[s][1] - pos[t][1]
        dist = max(math.hypot(dx, dy), 0.01)
        force = dist * dist / k
        disp[s][0] -= dx / dist * force
        disp[s][1] -= dy / dist * force
        disp[t][0] += dx / dist * force
        disp[t][1] += dy / dist * force
    for n in order:  # gravity keeps unlinked groups near the middle instead of pinned to the border
        disp[n.iri][0] -= (pos[n.iri][0] - WIDTH / 2) * GRAVITY * k / 10
        disp[n.iri][1] -= (pos[n.iri][1] - HEIGHT / 2) * GRAVITY * k / 10
        dx, dy = disp[n.iri]
        length = max(math.hypot(dx, dy), 0.01)
        pos[n.iri][0] += dx / length * min(length, heat)
        pos[n.iri][1] += dy / length * min(length, heat)


def _attr(text: str) -> str:
    return escape(text, quote=True)


def network_svg(network: Network) -> str:
    """The actor network as a standalone SVG document."""
    pos = layout(network.nodes, network.edges)
    labels = {n.iri: n.label for n in network.nodes}
    kinds = {n.iri: n.kind for n in network.nodes}
    parts = [_svg_open("kg-network", "Actor network", height=HEIGHT + 45), _arrow_defs(), _network_legend()]
    parts.append('<g class="viewport">')
    for e in sorted(network.edges, key=lambda e: (e.relation, e.source, e.target)):
        if e.source not in pos or e.target not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        tip = f"{labels[e.source]} — {e.relation} → {labels[e.target]}"
        tokens = f"rel:{e.relation} kind:{kinds[e.source]} kind:{kinds[e.target]}"
        marker = f' marker-end="url(#arrow-{e.relation})"' if e.directed else ""
        parts.append(
            f'<line class="edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
            f'stroke="{RELATION_COLOURS.get(e.relation, "#999")}" stroke-width="2"{marker} '
            f'data-f="{_attr(tokens)}" data-tip="{_attr(tip)}"><title>{escape(tip)}</title></line>'
        )
    placed = label_positions(network.nodes, pos)
    for n in sorted(network.nodes, key=lambda n: n.iri):
        x, y = pos[n.iri]
        lx, ly, anchor = placed[n.iri]
        tip = f"{n.label}\n{n.kind}"
        parts.append(
            f'<a class="node" href="{_attr(n.href)}" data-f="{_attr("kind:" + n.kind)}" '
            f'data-tip="{_attr(tip)}"><circle cx="{x}" cy="{y}" r="9" fill="{kind_colour(n.kind)}" '
            f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle>'
            f'<text x="{lx}" y="{ly}" font-size="12" text-anchor="{anchor}" paint-order="stroke" '
            f'stroke="#fff" stroke-width="3">{escape(n.label)}</text></a>'
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


Box = tuple[float, float, float, float]


def label_positions(
    nodes: list[Node], pos: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float, str]]:
    """(x, y, text-anchor) for each node's label: right of the dot, else left, below or above,
    whichever overlaps no label placed before it and no other dot (first choice when all collide)."""
    dots: list[Box] = [(x - 9, y - 9, x + 9, y + 9) for x, y in pos.values()]
    taken: list[Box] = []
    placed: dict[str, tuple[float, float, str]] = {}
    for n in sorted(nodes, key=lambda n: (-len(n.label), n.iri)):
        x, y = pos[n.iri]
        w = len(n.label) * CHAR_W
        options = [
            ((x + 12, y + 4, "start"), (x + 12, y - 8, x + 12 + w, y + 6)),
            ((x - 12, y + 4, "end"), (x - 12 - w, y - 8, x - 12, y + 6)),
            ((x, y + 24, "middle"), (x - w / 2, y + 12, x + w / 2, y + 26)),
            ((x, y - 14, "middle"), (x - w / 2, y - 26, x + w / 2, y - 12)),
        ]
        own = (x - 9, y - 9, x + 9, y + 9)
        others = taken + [d for d in dots if d != own]
        spot, box = next(
            ((sp, bx) for sp, bx in options if not any(_overlap(bx, o) for o in others)), options[0]
        )
        placed[n.iri] = (round(spot[0], 1), round(spot[1], 1), spot[2])
        taken.append(box)
    return placed


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _svg_open(css_class: str, title: str, *, height: float = HEIGHT) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-viz {css_class}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" role="img">'
        f"<title>{escape(title)}</title>"
    )


def _legend(items: list[tuple[str, str]], *, y: float) -> str:
    """One row of (swatch markup, text) pairs, left to right."""
    parts, x = [f'<g class="legend" font-size="11" transform="translate(0 {y})">'], 10.0
    for swatch, text in items:
        parts.append(f'<g transform="translate({x} 0)">{swatch}<text x="16" y="4">{escape(text)}</text></g>')
        x += 28 + len(text) * 6.2
    return "".join(parts) + "</g>"


def _network_legend() -> str:
    kinds = [(f'<circle cx="5" cy="0" r="5" fill="{c}"/>', name) for name, c, _ in KIND_GROUPS]
    rels = [
        (f'<line x1="0" y1="0" x2="12" y2="0" stroke="{c}" stroke-width="2"/>', rel)
        for rel, c in RELATION_COLOURS.items()
    ]
    return _legend(kinds, y=HEIGHT + 12) + _legend(rels, y=HEIGHT + 32)


def _arrow_defs() -> str:
    markers = "".join(
        f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/></marker>'
        for rel, colour in RELATION_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def timeline_svg(events: list[TimelineEvent]) -> str:
    """Events on a time axis, one lane per event type; undated events in a column at the right.
    Quiet stretches longer than GAP_DAYS are drawn GAP_DAYS wide and marked as breaks on the axis."""
    kinds = sorted({e.kind for e in events})
    lane_h, top, left = 26, 50, 190
    axis_y = top + lane_h * len(kinds)
    undated_x = WIDTH - 50
    scale = TimeScale([e.when for e in events if e.when is not None], left=left, right=undated_x - 85)
    parts = [_svg_open("kg-timeline", "Event timeline", height=axis_y + 40), _timeline_legend()]
    parts.append('<g class="viewport">')
    for i, kind in enumerate(kinds):
        y = top + i * lane_h
        parts.append(
            f'<g data-f="{_attr("type:" + kind)}"><rect x="0" y="{y}" width="{WIDTH}" '
            f'height="{lane_h}" fill="{"#f5f5f5" if i % 2 else "#ffffff"}"/>'
            f'<text x="8" y="{y + lane_h / 2 + 4}" font-size="12">{escape(words(kind))}</text></g>'
        )
    parts += scale.axis(axis_y, undated_x=undated_x)
    slots: dict[tuple[str, float], int] = {}
    for e in sorted(events, key=lambda e: (e.when or date.max, e.kind, e.iri)):
        lane = kinds.index(e.kind)
        x = scale.x(e.when) if e.when else undated_x
        slot = slots.get((e.kind, x), 0)
        slots[(e.kind, x)] = slot + 1
        cy = top + lane * lane_h + lane_h / 2 + ((slot % 3) - 1) * 6
        tip = "\n".join([e.label, f"{e.kind} · {e.when_text or 'undated'}", e.place, *e.figures]).strip()
        colour = PALETTE[lane % len(PALETTE)]
        parts.append(
            f'<a class="event" href="{_attr(e.href)}" data-f="{_attr("type:" + e.kind)}" '
            f'data-tip="{_attr(tip)}"><circle cx="{x}" cy="{cy}" r="5" {_fill(colour, e.approximate)}>'
            f"<title>{escape(tip)}</title></circle></a>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def words(name: str) -> str:
    """``TerritoryCapture`` → ``Territory capture`` (class local names as lane titles)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1] + spaced[1:].lower()


def _timeline_legend() -> str:
    return _legend(
        [
            ('<circle cx="5" cy="0" r="5" fill="#555"/>', "date stated in the article"),
            (
                '<circle cx="5" cy="0" r="4" fill="#fff" stroke="#555" stroke-width="2"/>',
                "no date given: placed at the article's publication date",
            ),
            ('<text x="0" y="4" font-size="13">≈</text>', f"break: quiet time longer than {GAP_DAYS} days"),
        ],
        y=22,
    )


class TimeScale:
    """Day → x, linear except that each gap longer than GAP_DAYS between dated events is squeezed."""

    def __init__(self, days: list[date], *, left: float, right: float) -> None:
        distinct = sorted(set(days)) or [date(2000, 1, 1)]
        self.stops: list[tuple[date, float]] = [(distinct[0], 0.0)]
        self.breaks: list[float] = []
        for before, after in zip(distinct, distinct[1:], strict=False):
            gap = (after - before).days
            at = self.stops[-1][1]
            if gap > GAP_DAYS:
                self.breaks.append(at + GAP_DAYS / 2)
            self.stops.append((after, at + min(gap, GAP_DAYS)))
        self.left, self.unit = left, (right - left) / max(self.stops[-1][1], 1.0)

    def x(self, day: date) -> float:
        index = max(i for i, (d, _) in enumerate(self.stops) if d <= day) if day >= self.stops[0][0] else 0
        base_day, base = self.stops[index]
        return round(self.left + (base + min((day - base_day).days, GAP_DAYS)) * self.unit, 1)

    def axis(self, y: float, *, undated_x: float) -> list[str]:
        end = self.left + self.stops[-1][1] * self.unit
        parts = [f'<line x1="{self.left}" y1="{y}" x2="{round(end, 1)}" y2="{y}" stroke="#333"/>']
        for at in self.breaks:
            bx = round(self.left + at * self.unit, 1)
            parts.append(
                f'<rect x="{bx - 4}" y="{y - 4}" width="8" height="8" fill="#fff"/>'
                f'<text x="{bx}" y="{y + 4}" font-size="13" text-anchor="middle">≈</text>'
            )
        last = -1e9
        for day, offset in self.stops:
            x = round(self.left + offset * self.unit, 1)
            if x - last < 75:
                continue
            last = x
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + 5}" stroke="#333"/>'
                f'<text x="{x}" y="{y + 18}" font-size="11" text-anchor="middle">{day.isoformat()}</text>'
            )
        parts.append(f'<text x="{undated_x}" y="{y + 18}" font-size="11" text-anchor="middle">undated</text>')
        return parts


def _fill(colour: str, approximate: bool) -> str:
    """Solid for a date the article states; a ring for one taken from the publication date."""
    if approximate:
        return f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
    return f'fill="{colour}" fill-opacity="0.85"'
