"""A small hand-written store for the server tests (a made-up conflict; not from any real article)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

KEY = "0123456789abcdef"
BASE = "https://w3id.org/conflict-kg/"
ARTICLE = f"{BASE}id/article/{KEY}"
GRAPH = f"{BASE}graph/article/{KEY}"
ACTOR_RIVER_FRONT = f"{BASE}id/actor/river-front"
ACTOR_ARMY = f"{BASE}id/actor/valerian-army"
EVENT_OFFENSIVE = f"{ARTICLE}/event/0-0"
SENTENCE_0 = "River Front fighters launched an offensive on Port Avel on Monday, the Lumen News Agency said."

TRIG = f"""
@prefix ckg: <{BASE}ontology#> .
@prefix id: <{BASE}id/> .
@prefix schema: <http://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{BASE}graph/ontology> {{
  ckg:Offensive rdfs:subClassOf ckg:Campaign . ckg:Campaign rdfs:subClassOf ckg:Event .
  ckg:TerritoryCapture rdfs:subClassOf ckg:Capture . ckg:Capture rdfs:subClassOf ckg:Event .
  ckg:AirStrike rdfs:subClassOf ckg:RemoteViolence . ckg:RemoteViolence rdfs:subClassOf ckg:Event .
  ckg:RebelGroup rdfs:label "rebel group"@en .
}}

<{GRAPH}> {{
  <{ARTICLE}> a schema:NewsArticle ; schema:headline "Rebels push into Port Avel" ;
    schema:datePublished "2031-03-04"^^xsd:date ; schema:publisher <{BASE}id/actor/lumen-news-agency> ;
    schema:text "{SENTENCE_0} Valerian aircraft struck the town of Mirel the next day." .
  <{ARTICLE}/sentence/0> a ckg:Sentence ; oa:hasSource <{ARTICLE}> ; ckg:sentenceIndex 0 ;
    oa:hasSelector <{ARTICLE}/sentence/0/quote>, <{ARTICLE}/sentence/0/position> .
  <{ARTICLE}/sentence/0/quote> a oa:TextQuoteSelector ; oa:exact "{SENTENCE_0}" .
  <{ARTICLE}/sentence/0/position> a oa:TextPositionSelector ; oa:start 0 ; oa:end {len(SENTENCE_0)} .
  <{ARTICLE}/sentence/1> a ckg:Sentence ; oa:hasSource <{ARTICLE}> ; ckg:sentenceIndex 1 ;
    oa:hasSelector <{ARTICLE}/sentence/1/quote> .
  <{ARTICLE}/sentence/1/quote> a oa:TextQuoteSelector ;
    oa:exact "Valerian aircraft struck the town of Mirel the next day." .

  <{ACTOR_RIVER_FRONT}> a ckg:RebelGroup ; rdfs:label "River Front" ; skos:altLabel "RF" .
  <{ACTOR_ARMY}> a ckg:StateArmedForce ; rdfs:label "Valerian Army" ;
    ckg:armedForceOf <{BASE}id/country/valeria> .
  <{BASE}id/country/valeria> a ckg:Country, ckg:State ; rdfs:label "Valeria" .
  <{BASE}id/actor/hill-brigade> a ckg:Militia ; rdfs:label "Hill Brigade" .
  <{BASE}id/actor/lumen-news-agency> a ckg:NewsAgency ; rdfs:label "Lumen News Agency" .
  <{BASE}id/place/port-avel> a ckg:City ; rdfs:label "Port Avel" ;
    ckg:containedIn <{BASE}id/country/valeria> .
  <{BASE}id/place/mirel> a ckg:Town ; rdfs:label "Mirel" .

  <{EVENT_OFFENSIVE}> a ckg:Offensive ; ckg:eventType ckg:Offensive ;
    rdfs:label "Offensive on Port Avel by River Front" ;
    ckg:agent <{ACTOR_RIVER_FRONT}> ; ckg:target <{ACTOR_ARMY}> ; ckg:place <{BASE}id/place/port-avel> ;
    ckg:date "2031-03-03"^^xsd:date ; prov:wasDerivedFrom <{ARTICLE}/sentence/0> .
  <{ARTICLE}/event/1-0> a ckg:AirStrike ; ckg:eventType ckg:AirStrike ;
    rdfs:label "Air strike on Mirel by Valerian Army" ;
    ckg:agent <{ACTOR_ARMY}> ; ckg:place <{BASE}id/place/mirel> ; ckg:date "2031-03-04"^^xsd:date ;
    prov:wasDerivedFrom <{ARTICLE}/sentence/1> .
  <{ARTICLE}/event/1-1> a ckg:TerritoryCapture ; ckg:eventType ckg:TerritoryCapture ;
    rdfs:label "Capture of territory by River Front" ; ckg:agent <{ACTOR_RIVER_FRONT}> ;
    ckg:date "2031-03"^^xsd:gYearMonth ; prov:wasDerivedFrom <{ARTICLE}/sentence/1> .
  <{ARTICLE}/figure/1-0> a ckg:Figure ; schema:minValue 12 ; ckg:measure ckg:Deaths ;
    schema:unitText "people" ; ckg:figureOf <{ARTICLE}/event/1-0> ;
    prov:wasDerivedFrom <{ARTICLE}/sentence/1> .
  <{ARTICLE}/claim/0-0> a ckg:Report ; ckg:claims <{EVENT_OFFENSIVE}> ; ckg:reportingVerb "said" ;
    prov:wasAttributedTo <{BASE}id/actor/lumen-news-agency> ; prov:wasDerivedFrom <{ARTICLE}/sentence/0> .

  <{ACTOR_RIVER_FRONT}> ckg:alliedWith <{BASE}id/actor/hill-brigade> ; ckg:opposes <{ACTOR_ARMY}> ;
    ckg:inConflictWith <{ACTOR_ARMY}> .
  <{BASE}id/actor/hill-brigade> ckg:alliedWith <{ACTOR_RIVER_FRONT}> .
  <{ACTOR_ARMY}> ckg:inConflictWith <{ACTOR_RIVER_FRONT}> .
  <{BASE}id/country/valeria> ckg:backs <{ACTOR_ARMY}> ; ckg:supports <{ACTOR_ARMY}> .
  <{ARTICLE}/relationship/0-0> a ckg:Alliance ; ckg:party <{ACTOR_RIVER_FRONT}>,
    <{BASE}id/actor/hill-brigade> ;
    prov:wasDerivedFrom <{ARTICLE}/sentence/0> .

  <{ARTICLE}/mention/0-11> a ckg:Mention ; ckg:denotes <{ACTOR_RIVER_FRONT}> ;
    ckg:inSentence <{ARTICLE}/sentence/0> .
}}
"""


def build_store(path: Path, *, extra_trig: str = "") -> Path:
    """Write the fixture (plus ``extra_trig``) into a new on-disk store at ``path``; returns ``path``."""
    store = ox.Store(str(path))
    store.load(TRIG.encode("utf-8"), ox.RdfFormat.TRIG)
    if extra_trig:
        store.load(extra_trig.encode("utf-8"), ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


def module_store(name: str) -> Any:
    """A module-scoped ``store`` fixture: :func:`build_store` once per test module, in a temp dir ``name``.

    Use as ``store = module_store("ui")`` at the top of a test module."""

    @pytest.fixture(scope="module")
    def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
        return build_store(tmp_path_factory.mktemp(name) / "store")

    return store


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class RunningServer:
    """A real uvicorn server for an ASGI app on a free loopback port, in a background thread."""

    def __init__(self, app: object) -> None:
        import threading

        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
