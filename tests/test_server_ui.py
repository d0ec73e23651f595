"""The web UI without a browser: home page, query page with examples, pictures (deterministic SVG),
``kg serve --get`` and ``kg viz``."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from server_fixture import module_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.cli import main
from kg.server.app import create_app
from kg.server.svg import Edge, Node, TimelineEvent, TimeScale, label_positions, layout, timeline_svg
from kg.server.viz import network_data, parse_when, store_select, timeline_data

SVG = "{http://www.w3.org/2000/svg}"


store = module_store("ui")


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path=store)) as test_client:
        yield test_client


def test_home_page_lists_articles_and_actors(client: TestClient) -> None:
    html = client.get("/").text
    assert "1 articles, 3 events" in html
    assert "Rebels push into Port Avel" in html and 'href="/doc/actor/river-front"' in html


def test_query_page_offers_the_editor_and_examples(client: TestClient) -> None:
    html = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert '<textarea id="query"' in html and 'id="examples"' in html and "/static/query.js" in html


def test_static_assets_are_served_locally(client: TestClient) -> None:
    for name in ("query.js", "viz.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200


def test_network_links_actors_by_relation_and_kind(store: Path) -> None:
    network = network_data(store_select(str(store)), href=lambda iri: iri)
    relations = {(e.source.rsplit("/", 1)[1], e.relation, e.target.rsplit("/", 1)[1]) for e in network.edges}
    assert ("hill-brigade", "alliedWith", "river-front") in relations  # symmetric: stored once
    assert ("valeria", "backs", "valerian-army") in relations
    assert ("valeria", "supports", "valerian-army") not in relations  # implied by backs
    kinds = {n.label: n.kind for n in network.nodes}
    assert kinds["River Front"] == "Non-state armed group" and kinds["Valerian Army"] == "State armed force"


def test_timeline_has_types_dates_places_and_figures(store: Path) -> None:
    events = {e.label: e for e in timeline_data(store_select(str(store)), href=lambda iri: iri)}
    strike = events["Air strike on Mirel by Valerian Army"]
    assert (
        strike.kind == "AirStrike" and strike.place == "Mirel" and strike.figures == ("at least 12 people",)
    )
    assert events["Capture of territory by River Front"].when_text == "2031-03"
    assert parse_when("2031-03") is not None and parse_when("sometime") is None


def test_pictures_are_valid_svg(client: TestClient) -> None:
    for kind in ("network", "timeline"):
        first = client.get(f"/viz/{kind}.svg").text
        root = ElementTree.fromstring(first)
        assert root.tag == f"{SVG}svg" and root.findall(f".//{SVG}circle")
    network = client.get("/viz/network.svg").text
    assert network.count('class="node"') == 4 and "data-tip=" in network


def test_picture_pages_have_filters_and_script(client: TestClient) -> None:
    html = client.get("/viz/network").text
    assert 'data-filter="kind:Person"' not in html and 'data-filter="kind:Non-state armed group"' in html
    assert "/static/viz.js" in html
    assert client.get("/viz/elsewhere").status_code == 404


def test_cli_viz_writes_the_same_svg_every_time(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for i in range(2):
        out = tmp_path / f"network{i}.svg"
        result = runner.invoke(main, ["viz", "network", "--store", str(store), "-o", str(out)])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1] and outputs[0].startswith("<svg")


def test_cli_serve_get_answers_one_request(store: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(store), "--get", "/sparql?query=ASK%7B%7D"])
    assert result.exit_code == 0 and '"boolean": true' in result.output


def test_cli_serve_without_a_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--get", "/"])
    assert result.exit_code == 2 and "no store" in result.output and "Traceback" not in result.output


def _many_actors() -> tuple[list[Node], list[Edge]]:
    """Twenty small groups of three actors (like a store of many unrelated articles)."""
    nodes = [
        Node(f"urn:a{g}-{i}", f"Actor {g}-{i} with a long name", "Other", "#")
        for g in range(20)
        for i in range(3)
    ]
    edges = [Edge(f"urn:a{g}-0", f"urn:a{g}-{i}", "supports", True) for g in range(20) for i in (1, 2)]
    return nodes, edges


def test_network_layout_fills_the_canvas_and_labels_do_not_overlap() -> None:
    nodes, edges = _many_actors()
    pos = layout(nodes, edges)
    on_border = [p for p in pos.values() if p[0] <= 41 or p[1] <= 31 or p[1] >= 669]
    assert len(on_border) < len(nodes) / 4  # not a ring of dots pinned to the edges
    placed = label_positions(nodes, pos)
    boxes = []
    for n in nodes:
        x, y, anchor = placed[n.iri]
        w = len(n.label) * 6.8
        left = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
        boxes.append((left, y - 12, left + w, y + 2))
    overlapping = sum(
        1
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    )
    assert overlapping <= len(nodes) // 6  # 42 pairs if every label sat right of its dot


def test_timeline_axis_is_inside_the_picture_and_long_gaps_are_squeezed() -> None:
    days = [date(2012, 1, 1), *(date(2024, 11, d) for d in range(1, 30))]
    events = [
        TimelineEvent(f"urn:e{i}", "e", kind, day, day.isoformat(), "", (), "#")
        for i, day in enumerate(days)
        for kind in [f"Kind{i % 30}"]
    ]
    svg = timeline_svg(events)
    root = ElementTree.fromstring(svg)
    height = float(root.attrib["viewBox"].split()[3])
    ys = [float(t.attrib["y"]) for t in root.iter("{http://www.w3.org/2000/svg}text") if "y" in t.attrib]
    assert max(ys) <= height  # tick labels are not cut off below the picture
    scale = TimeScale(days, left=0, right=800)
    assert len(scale.breaks) == 1  # twelve quiet years become one marked break
    assert scale.x(date(2024, 11, 29)) - scale.x(date(2024, 11, 1)) > 500  # the busy month gets the room
