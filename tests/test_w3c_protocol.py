"""The W3C SPARQL 1.1 Protocol tests, replayed against the server.

Each test's requests (method, path, headers, body) are read from the manifest with rdflib and sent to the
ASGI app; status and result format are checked. Query tests must pass as written; this endpoint is
read-only, so each update test's update request must get the read-only refusal (403) instead.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from kg.resources import ROOT
from kg.server.app import create_app

SUITE = ROOT.parent / "shared" / "w3c" / "sparql" / "sparql11" / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
RESULT_TYPES = {
    "boolean": ("application/sparql-results+json", "application/sparql-results+xml"),
    "tabular": (
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ),
}

pytestmark = pytest.mark.skipif(not (SUITE / "manifest.ttl").is_file(), reason=f"no W3C suite at {SUITE}")


@dataclass
class ProtocolRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class ProtocolTest:
    name: str
    requests: list[ProtocolRequest]

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_") or "update" in self.name.split("_")[1:2]


def _request(g: Graph, node: URIRef) -> ProtocolRequest:
    headers = {}
    header_list = g.value(node, HT.headers)
    for header in Collection(g, header_list) if header_list is not None else []:
        headers[str(g.value(header, HT.fieldName))] = str(g.value(header, HT.fieldValue))
    body_node = g.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(g.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(body_node, CNT.chars)).encode(encoding.lower())
    resp = g.value(node, HT.resp)
    statuses = {str(s).rsplit("#", 1)[-1] for s in g.objects(resp, MF.expectedStatus)}
    fmt = g.value(resp, MF.expectedFormat)
    boolean = g.value(resp, MF.expectedBoolean)
    return ProtocolRequest(
        str(g.value(node, HT.methodName)),
        str(g.value(node, HT.absolutePath)),
        headers,
        body,
        statuses,
        None if fmt is None else str(fmt),
        None if boolean is None else bool(boolean.toPython()),
    )


def load_suite() -> tuple[list[ProtocolTest], dict[str, Path]]:
    g = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=SUITE.as_uri() + "/")
    manifest = next(g.subjects(MF.entries, None))
    tests, data = [], {}
    for entry in Collection(g, g.value(manifest, MF.entries)):
        for graph_data in g.objects(entry, UT.graphData):
            data[str(g.value(graph_data, RDFS_LABEL))] = Path(
                str(g.value(graph_data, UT.graph))[len("file://") :]
            )
        action = g.value(entry, MF.action)
        requests = [_request(g, r) for r in Collection(g, g.value(action, HT.requests))]
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[-1], requests))
    return tests, data


TESTS, DATA = load_suite() if (SUITE / "manifest.ttl").is_file() else ([], {})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("w3c") / "store"
    store = ox.Store(str(path))
    for graph_name, file in DATA.items():
        store.load(file.read_bytes(), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph_name))
    store.flush()
    del store
    with TestClient(create_app(store_path=path)) as test_client:
        yield test_client


def check_format(response: object, expected: str, boolean: bool | None) -> None:
    media_type = response.headers["content-type"].split(";")[0]  # type: ignore[attr-defined]
    content = response.content  # type: ignore[attr-defined]
    if expected == "RDF":
        assert list(ox.parse(content, ox.RdfFormat.from_media_type(media_type))) is not None
        return
    assert media_type in RESULT_TYPES[expected]
    if boolean is not None:
        assert media_type == "application/sparql-results+json"
        assert json.loads(content)["boolean"] is boolean


def send(client: TestClient, request: ProtocolRequest) -> object:
    path = request.path.replace("/sparql/", "/sparql", 1)
    return client.request(request.method, path, headers=request.headers, content=request.body)


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol(client: TestClient, test: ProtocolTest) -> None:
    first = test.requests[0]
    response = send(client, first)
    status = response.status_code  # type: ignore[attr-defined]
    if test.is_update and "StatusCode2xx" in first.statuses:
        assert status == 403, f"{test.name}: the update must be refused, got {status}"
        return  # the follow-up request checks the update's effect, which a read-only store never has
    assert f"StatusCode{status // 100}xx" in first.statuses, f"{test.name}: status {status}"
    if first.expected_format:
        check_format(response, first.expected_format, first.expected_boolean)


def test_suite_size_is_reported() -> None:
    queries = sum(not t.is_update for t in TESTS)
    print(
        f"W3C SPARQL 1.1 Protocol: {len(TESTS)} tests ({queries} query/bad-request, "
        f"{len(TESTS) - queries} update → read-only refusal)"
    )
    assert len(TESTS) == 34
