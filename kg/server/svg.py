"""Deterministic SVG pictures: the actor network (force layout from a fixed start) and the event timeline.

Pure functions of their input data (sorted first), so the same graph always gives the same bytes.
Elements carry ``data-tip`` (hover text), ``data-f`` (filter tokens) and links; ``static/viz.js`` adds
zoom/pan, tooltips and filtering in the browser. Without JavaScript the SVG still shows ``<title>`` tips.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from html import escape

WIDTH, HEIGHT = 1000, 700

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
    return {iri: (round(x, 1), round(y, 1)) for iri, (x, y) in pos.items()}


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
    for n in order:
        dx, dy = disp[n.iri]
        length = max(math.hypot(dx, dy), 0.01)
        pos[n.iri][0] = min(WIDTH - 40, max(40, pos[n.iri][0] + dx / length * min(length, heat)))
        pos[n.iri][1] = min(HEIGHT - 30, max(30, pos[n.iri][1] + dy / length * min(length, heat)))


def _attr(text: str) -> str:
    return escape(text, quote=True)


def network_svg(network: Network) -> str:
    """The actor network as a standalone SVG document."""
    pos = layout(network.nodes, network.edges)
    labels = {n.iri: n.label for n in network.nodes}
    kinds = {n.iri: n.kind for n in network.nodes}
    parts = [_svg_open("kg-network", "Actor network"), _arrow_defs(), '<g class="viewport">']
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
    for n in sorted(network.nodes, key=lambda n: n.iri):
        x, y = pos[n.iri]
        tip = f"{n.label}\n{n.kind}"
        parts.append(
            f'<a class="node" href="{_attr(n.href)}" data-f="{_attr("kind:" + n.kind)}" '
            f'data-tip="{_attr(tip)}"><circle cx="{x}" cy="{y}" r="9" fill="{kind_colour(n.kind)}" '
            f'stroke="#fff" stroke-width="1.5"><title>{escape(tip)}</title></circle>'
            f'<text x="{x + 12}" y="{y + 4}" font-size="12">{escape(n.label)}</text></a>'
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def _svg_open(css_class: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kg-viz {css_class}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" role="img">'
        f"<title>{escape(title)}</title>"
    )


def _arrow_defs() -> str:
    markers = "".join(
        f'<marker id="arrow-{rel}" viewBox="0 0 10 10" refX="19" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{colour}"/></marker>'
        for rel, colour in RELATION_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def timeline_svg(events: list[TimelineEvent]) -> str:
    """Events on a time axis, one lane per event type; undated events in a column at the right."""
    kinds = sorted({e.kind for e in events})
    lane_h = max(24, min(48, (HEIGHT - 80) // max(len(kinds), 1)))
    left, right_undated, axis_y = 190, 90, 40 + lane_h * len(kinds)
    dated = [e.when for e in events if e.when is not None]
    start, end = (min(dated), max(dated)) if dated else (date(2000, 1, 1), date(2000, 1, 2))
    span = max((end - start).days, 1)
    plot_w = WIDTH - left - right_undated - 20

    def x_of(day: date) -> float:
        return round(left + (day - start).days / span * plot_w, 1)

    parts = [_svg_open("kg-timeline", "Event timeline"), '<g class="viewport">']
    for i, kind in enumerate(kinds):
        y = 40 + i * lane_h
        parts.append(
            f'<g data-f="{_attr("type:" + kind)}"><rect x="0" y="{y}" width="{WIDTH}" '
            f'height="{lane_h}" fill="{"#f5f5f5" if i % 2 else "#ffffff"}"/>'
            f'<text x="8" y="{y + lane_h / 2 + 4}" font-size="12">{escape(kind)}</text></g>'
        )
    parts += _axis(start, span, x_of, axis_y, undated_x=WIDTH - right_undated + 20)
    slots: dict[tuple[str, float], int] = {}
    for e in sorted(events, key=lambda e: (e.when or date.max, e.kind, e.iri)):
        lane = kinds.index(e.kind)
        x = x_of(e.when) if e.when else WIDTH - right_undated + 40
        slot = slots.get((e.kind, x), 0)
        slots[(e.kind, x)] = slot + 1
        cy = 40 + lane * lane_h + lane_h / 2 + ((slot % 3) - 1) * 7
        tip = "\n".join([e.label, f"{e.kind} · {e.when_text or 'undated'}", e.place, *e.figures]).strip()
        colour = PALETTE[lane % len(PALETTE)]
        parts.append(
            f'<a class="event" href="{_attr(e.href)}" data-f="{_attr("type:" + e.kind)}" '
            f'data-tip="{_attr(tip)}"><circle cx="{x}" cy="{cy}" r="6" {_fill(colour, e.approximate)}>'
            f"<title>{escape(tip)}</title></circle></a>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def _fill(colour: str, approximate: bool) -> str:
    """Solid for a date the article states; a ring for one taken from the publication date."""
    if approximate:
        return f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
    return f'fill="{colour}" fill-opacity="0.85"'


def _axis(start: date, span: int, x_of: object, axis_y: float, *, undated_x: float) -> list[str]:
    assert callable(x_of)
    parts = [f'<line x1="190" y1="{axis_y}" x2="{undated_x - 30}" y2="{axis_y}" stroke="#333"/>']
    ticks = 6 if span >= 6 else span
    for i in range(ticks + 1):
        day = date.fromordinal(start.toordinal() + round(span * i / max(ticks, 1)))
        x = x_of(day)
        parts.append(
            f'<line x1="{x}" y1="{axis_y}" x2="{x}" y2="{axis_y + 5}" stroke="#333"/>'
            f'<text x="{x}" y="{axis_y + 18}" font-size="11" text-anchor="middle">{day.isoformat()}</text>'
        )
    parts.append(
        f'<text x="{undated_x + 20}" y="{axis_y + 18}" font-size="11" text-anchor="middle">undated</text>'
    )
    return parts
