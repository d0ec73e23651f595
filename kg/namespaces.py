"""Namespaces and IRI helpers: the one place where the base IRI is configured.

Files on disk (ontology, shapes, gazetteer) always use ``DEFAULT_BASE``; when the environment
variable ``CONFLICT_KG_BASE`` names another base, :func:`rebase_text` rewrites them on load.
"""

from __future__ import annotations

import os
import re
import unicodedata

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

DEFAULT_BASE = "https://w3id.org/conflict-kg/"


def base_iri() -> str:
    """The configured base IRI (always ends with ``/``)."""
    base = os.environ.get("CONFLICT_KG_BASE", DEFAULT_BASE)
    return base if base.endswith("/") else base + "/"


BASE = base_iri()
CKG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("http://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
TIME = Namespace("http://www.w3.org/2006/time#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "ckg": str(CKG),
    "id": str(ID),
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": str(SKOS),
    "time": str(TIME),
    "geo": str(GEO),
    "wd": str(WD),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "sh": str(SH),
}

ONTOLOGY_GRAPH = GRAPH["ontology"]
GAZETTEER_GRAPH = GRAPH["gazetteer"]


def sparql_prefixes() -> str:
    """PREFIX declarations for every project prefix, to prepend to user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def rebase_text(text: str) -> str:
    """Rewrite the default base IRI in a resource file's text to the configured base."""
    return text if BASE == DEFAULT_BASE else text.replace(DEFAULT_BASE, BASE)


def slug(name: str) -> str:
    """Deterministic IRI-safe slug of a name: ASCII-folded, lower case, words joined by ``-``."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    folded = folded.lower().replace("'", "")
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words) or "x"


def article_graph(key: str) -> str:
    return f"{GRAPH}article/{key}"


def inferred_graph(key: str) -> str:
    return f"{GRAPH}inferred/{key}"
