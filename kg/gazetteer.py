"""The reference gazetteer: known actors and places, as RDF and as a plain index for the converter.

Sources, merged in this order:

1. every ``*.ttl`` file in ``data/gazetteer/`` (sorted by name);
2. the paths in the ``CONFLICT_KG_GAZETTEER`` environment variable (files or directories,
   separated by ``os.pathsep``);
3. ``extra_paths`` given by the caller (e.g. a ``--gazetteer`` option).

Every file is rebased with :func:`kg.namespaces.rebase_text` and checked: each entry (a subject typed
with an actor or place class of ``docs/model.md``) needs an ``rdfs:label``. Problems raise
:class:`kg.errors.InputError` with a one-line message naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import InputError
from kg.namespaces import CKG, GEO, WD
from kg.resources import GAZETTEER_DIR, parse_turtle_resource

GAZETTEER_ENV = "CONFLICT_KG_GAZETTEER"

ACTOR_KINDS: frozenset[str] = frozenset(
    """Actor Person UnnamedPerson Organization State Government StateArmedForce NonStateArmedGroup
    RebelGroup InsurgentGroup Militia JihadistGroup Coalition MediaOutlet NewsAgency StateMedia
    MonitoringGroup NGO IntergovernmentalOrganization PoliticalParty SocialMediaAccount
    CollectiveActor""".split()
)
PLACE_KINDS: frozenset[str] = frozenset(
    "Place Country Governorate District City Town Village Region Site".split()
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One known actor or place, as plain data (no rdflib objects)."""

    iri: str
    label: str  # skos:prefLabel, else rdfs:label
    kinds: tuple[str, ...]  # ckg class local names, sorted, e.g. ("Country", "State")
    aliases: tuple[str, ...] = ()  # skos:altLabel (spelling variants, acronyms), sorted
    demonyms: tuple[str, ...] = ()  # ckg:demonym ("Iranian")
    metonyms: tuple[str, ...] = ()  # ckg:metonym ("the Kremlin")
    former_names: tuple[str, ...] = ()  # skos:hiddenLabel (earlier names; not a current alias)
    qid: str | None = None  # Wikidata id from owl:sameAs wd:Q…
    is_place: bool = False
    is_actor: bool = False
    contained_in: tuple[str, ...] = ()  # ckg:containedIn, transitive, nearest first
    lat: float | None = None
    long: float | None = None
    label_language: str | None = None  # language tag of ``label`` ("en"), for restating the same literal


def gazetteer_files(extra_paths: Iterable[str | Path] = (), *, use_env: bool = True) -> list[Path]:
    """The Turtle files that make up the gazetteer, in merge order (see the module docstring)."""
    files = sorted(GAZETTEER_DIR.glob("*.ttl"))
    requested: list[str | Path] = []
    if use_env:
        requested += [p for p in os.environ.get(GAZETTEER_ENV, "").split(os.pathsep) if p.strip()]
    requested += list(extra_paths)
    for item in requested:
        path = Path(item).expanduser()
        if path.is_dir():
            files += sorted(path.glob("*.ttl"))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: gazetteer file not found")
    unique: dict[Path, None] = {p.resolve(): None for p in files}
    return list(unique)


def load_gazetteer(extra_paths: Iterable[str | Path] = (), *, use_env: bool = True) -> Graph:
    """The merged gazetteer graph: reference files, then user files (env var, then ``extra_paths``)."""
    merged = Graph()
    for path in gazetteer_files(extra_paths, use_env=use_env):
        merged += _parse_checked(path)
    return merged


def gazetteer_index(extra_paths: Iterable[str | Path] = (), *, use_env: bool = True) -> list[GazetteerEntry]:
    """Every entry of the merged gazetteer as plain data, sorted by IRI (cached per file set)."""
    files = tuple(gazetteer_files(extra_paths, use_env=use_env))
    stamps = tuple(p.stat().st_mtime_ns for p in files)
    return list(_cached_index(files, stamps))


@lru_cache(maxsize=8)
def _cached_index(files: tuple[Path, ...], stamps: tuple[int, ...]) -> tuple[GazetteerEntry, ...]:
    graph = Graph()
    for path in files:
        graph += _parse_checked(path)
    subjects = sorted({s for s in graph.subjects(RDF.type, None) if _kinds(graph, s)}, key=str)
    return tuple(_entry(graph, subject) for subject in subjects)


def _parse_checked(path: Path) -> Graph:
    graph = parse_turtle_resource(path, what="gazetteer")
    _check_entries(graph, path)
    return graph


def _check_entries(graph: Graph, path: Path) -> None:
    for subject in sorted(set(graph.subjects(RDF.type, None)), key=str):
        if _kinds(graph, subject) and graph.value(subject, RDFS.label) is None:
            raise InputError(f"{path}: entry <{subject}> has no rdfs:label")


def _kinds(graph: Graph, subject: Node) -> tuple[str, ...]:
    prefix = str(CKG)
    names = {str(t)[len(prefix) :] for t in graph.objects(subject, RDF.type) if str(t).startswith(prefix)}
    return tuple(sorted(names & (ACTOR_KINDS | PLACE_KINDS)))


def _texts(graph: Graph, subject: Node, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted({str(o) for o in graph.objects(subject, predicate)}))


def _entry(graph: Graph, subject: Node) -> GazetteerEntry:
    kinds = _kinds(graph, subject)
    label = graph.value(subject, SKOS.prefLabel) or graph.value(subject, RDFS.label)
    language = label.language if isinstance(label, Literal) else None
    qids = sorted(str(o)[len(str(WD)) :] for o in graph.objects(subject, OWL.sameAs) if str(o).startswith(WD))
    lat, long = graph.value(subject, GEO.lat), graph.value(subject, GEO.long)
    return GazetteerEntry(
        iri=str(subject),
        label=str(label),
        label_language=language,
        kinds=kinds,
        aliases=_texts(graph, subject, SKOS.altLabel),
        demonyms=_texts(graph, subject, CKG.demonym),
        metonyms=_texts(graph, subject, CKG.metonym),
        former_names=_texts(graph, subject, SKOS.hiddenLabel),
        qid=qids[0] if qids else None,
        is_place=bool(set(kinds) & PLACE_KINDS),
        is_actor=bool(set(kinds) & ACTOR_KINDS),
        contained_in=_ancestors(graph, subject),
        lat=float(str(lat)) if lat is not None else None,
        long=float(str(long)) if long is not None else None,
    )


def _ancestors(graph: Graph, subject: Node) -> tuple[str, ...]:
    """ckg:containedIn followed transitively, nearest first (breadth first, cycle safe)."""
    seen: list[str] = []
    frontier = [subject]
    while frontier:
        parents = sorted({p for node in frontier for p in graph.objects(node, CKG.containedIn)}, key=str)
        frontier = [p for p in parents if str(p) not in seen and p != subject]
        seen += [str(p) for p in frontier]
    return tuple(seen)

