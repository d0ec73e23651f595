"""The conflict-kg ontology and its JSON-LD @context, loaded from ``ontology/``.

All ``ontology/*.ttl`` files (core OWL ontology, SKOS vocabularies, ACLED/PLOVER crosswalk) are parsed
into one graph, rewritten to the configured base IRI (``CONFLICT_KG_BASE``). Parsing is cached; every
call returns a fresh copy, so callers may add triples freely.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import InputError
from kg.namespaces import BASE, rebase_text
from kg.resources import ONTOLOGY_DIR, parse_turtle_resource

CONTEXT_FILE = "context.jsonld"


def ontology_files(*, directory: Path | None = None) -> list[Path]:
    """The Turtle files that make up the ontology, in a stable (sorted) order."""
    folder = directory if directory is not None else ONTOLOGY_DIR
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise InputError(f"{folder}: no ontology files (*.ttl) found")
    return files


def parse_turtle_file(path: Path) -> Graph:
    """Parse one Turtle resource file after rebasing it; errors name the file (and line when known)."""
    return parse_turtle_resource(path, what="ontology")


@lru_cache(maxsize=4)
def _cached_ontology(directory: str, base: str) -> Graph:
    graph = Graph()
    for path in ontology_files(directory=Path(directory)):
        graph += parse_turtle_file(path)
    return graph


def load_ontology(*, directory: Path | None = None) -> Graph:
    """All ontology triples as a new rdflib Graph (parsed once per directory and base, then copied)."""
    folder = directory if directory is not None else ONTOLOGY_DIR
    cached = _cached_ontology(str(folder.resolve()), BASE)
    graph = Graph()
    for prefix, namespace in cached.namespaces():
        graph.bind(prefix, namespace, override=True)
    graph += cached
    return graph


def context_path(*, directory: Path | None = None) -> Path:
    """Path of the hand-written JSON-LD 1.1 @context published with the ontology."""
    folder = directory if directory is not None else ONTOLOGY_DIR
    return folder / CONTEXT_FILE


def load_context(*, directory: Path | None = None) -> dict[str, Any]:
    """The JSON-LD document ``{"@context": {...}}``, rebased to the configured base IRI."""
    path = context_path(directory=directory)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read JSON-LD context: {exc}") from exc
    try:
        document = json.loads(rebase_text(text))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("@context"), dict):
        raise InputError(f"{path}: expected a JSON object with an \"@context\" object")
    return document
