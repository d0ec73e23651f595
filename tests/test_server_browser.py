"""The web UI in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Opens the home page, runs a query from the query page and sees a results table, follows an actor link,
and checks that the network and timeline pictures render. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_fixture import RunningServer, build_store

from kg.resources import ROOT
from kg.server.app import create_app

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


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("browser") / "store")
    with RunningServer(create_app(store_path=store)) as running:
        yield running.url


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield context.new_page()
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


def test_home_query_actor_and_pictures(site: str, page: object) -> None:
    p = page  # a playwright Page
    p.goto(site + "/")  # type: ignore[attr-defined]
    assert "Rebels push into Port Avel" in p.content()  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "home.png"))  # type: ignore[attr-defined]

    p.goto(site + "/sparql")  # type: ignore[attr-defined]
    p.fill(
        "#query", "SELECT ?event ?label WHERE { ?event ckg:agent ?actor ; rdfs:label ?label } ORDER BY ?label"
    )  # type: ignore[attr-defined]
    p.click("#run")  # type: ignore[attr-defined]
    p.wait_for_selector("#results-table tbody tr")  # type: ignore[attr-defined]
    assert p.locator("#results-table tbody tr").count() == 3  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "query.png"))  # type: ignore[attr-defined]

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


def test_competency_question_examples_fill_the_editor(site: str, page: object) -> None:
    p = page
    p.goto(site + "/sparql")  # type: ignore[attr-defined]
    options = p.locator("#example option")  # type: ignore[attr-defined]
    if options.count() < 2:
        pytest.skip("no competency questions available yet (kg.examples / queries/*.rq)")
    value = options.nth(1).get_attribute("value")
    p.select_option("#example", value)  # type: ignore[attr-defined]
    p.click("#run")  # type: ignore[attr-defined]
    p.wait_for_function("document.getElementById('status').textContent.includes('ms')")  # type: ignore[attr-defined]
    assert "error" not in p.inner_text("#status")  # type: ignore[attr-defined]
