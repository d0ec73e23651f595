"""The web UI in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Opens the home page, types a query into the vendored YASGUI editor and sees YASR's results table, runs a
competency question from the examples, follows an actor link, and checks that the network and timeline
pictures render. Every request the browser makes is recorded: all must go to the local server (the
editor is served from our /static, with LOV/prefix.cc lookups and the CORS proxy switched off).
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from server_fixture import RunningServer, module_store

from kg.resources import ROOT
from kg.server.app import create_app
from kg.server.examples import load_examples

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium missing (make system-deps)"),
]


store = module_store("browser")


@pytest.fixture(scope="module")
def site(store: Path) -> Iterator[str]:
    with RunningServer(create_app(store_path=store)) as running:
        yield running.url


def _answers(store: Path, sparql: str) -> int:
    """How many rows the query gives when asked of the store directly (no server)."""
    direct = ox.Store.read_only(str(store))
    return len(list(direct.query(sparql, use_default_graph_as_union=True)))


REQUESTS: list[str] = []  # every URL the browser asked for, in order


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        new_page = context.new_page()
        new_page.on("request", lambda request: REQUESTS.append(request.url))
        yield new_page
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_home_query_actor_and_pictures(site: str, page: object) -> None:
    p = page  # a playwright Page
    p.goto(site + "/")  # type: ignore[attr-defined]
    assert "Rebels push into Port Avel" in p.content()  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "home.png"))  # type: ignore[attr-defined]

    p.goto(site + "/sparql")  # type: ignore[attr-defined]
    p.click(".yasqe .CodeMirror")  # type: ignore[attr-defined]
    p.keyboard.press("Control+A")  # type: ignore[attr-defined]
    p.keyboard.insert_text(  # type: ignore[attr-defined]
        "SELECT ?event ?label WHERE { ?event ckg:agent ?actor ; rdfs:label ?label } ORDER BY ?label"
    )
    p.keyboard.press("Control+Enter")  # type: ignore[attr-defined]
    p.wait_for_function("document.getElementById('status').textContent.includes('rows')")  # type: ignore[attr-defined]
    assert p.inner_text("#status").startswith("3 rows")  # type: ignore[attr-defined]
    assert p.locator(".yasr table tbody tr").count() == 3  # type: ignore[attr-defined]
    assert "Offensive on Port Avel" in p.inner_text(".yasr table")  # type: ignore[attr-defined]

    p.goto(site + "/")  # type: ignore[attr-defined]
    p.click("#actors a:text('River Front')")  # type: ignore[attr-defined]
    p.wait_for_selector("h1")  # type: ignore[attr-defined]
    assert p.inner_text("h1") == "River Front" and "/doc/actor/river-front" in p.url  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "actor.png"), full_page=True)  # type: ignore[attr-defined]

    for kind, selector in (
        ("network", "svg.kg-network a.node circle"),
        ("timeline", "svg.kg-timeline a.event circle"),
    ):
        p.goto(f"{site}/viz/{kind}")  # type: ignore[attr-defined]
        circles = p.locator(selector)  # type: ignore[attr-defined]
        assert circles.count() >= 3 and circles.first.is_visible()
        box = circles.first.bounding_box()
        assert box is not None and box["width"] > 0
        p.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # type: ignore[attr-defined]
        assert p.locator("#tooltip").is_visible()  # type: ignore[attr-defined]
        p.screenshot(path=str(ARTIFACTS / f"{kind}.png"))  # type: ignore[attr-defined]


def test_competency_question_runs_in_the_editor(site: str, store: Path, page: object) -> None:
    p = page
    p.goto(site + "/sparql")  # type: ignore[attr-defined]
    examples = load_examples()
    assert p.locator("#example option").count() == len(examples) + 1  # type: ignore[attr-defined]
    answered = [(e, n) for e in examples if (n := _answers(store, e.sparql)) > 0]
    assert answered, "no competency question has an answer in the fixture store"
    question, expected = answered[0]
    p.select_option("#example", question.name)  # type: ignore[attr-defined]
    editor_text = p.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")  # type: ignore[attr-defined]
    assert editor_text == question.sparql
    p.click(".yasqe_queryButton")  # type: ignore[attr-defined]
    p.wait_for_function("document.getElementById('status').textContent.includes('ms')")  # type: ignore[attr-defined]
    assert p.inner_text("#status").startswith(f"{expected} rows")  # type: ignore[attr-defined]
    assert p.locator(".yasr table tbody tr").count() == expected  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "query.png"), full_page=True)  # type: ignore[attr-defined]


def test_no_page_asked_for_anything_but_the_local_server(site: str, page: object) -> None:
    assert any(url.endswith("/static/vendor/yasgui/yasgui.min.js") for url in REQUESTS)
    elsewhere = [u for u in REQUESTS if not u.startswith(site + "/") and not u.startswith("data:")]
    assert elsewhere == []
