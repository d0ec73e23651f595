"""The embedded store: a pyoxigraph (RocksDB) dataset on disk, one named graph per article.

Every write is one transaction: either all graphs of the call are written or the store is left as it was.
An article whose graphs are new is added with one ``Store.load`` of its N-Quads (pyoxigraph's fastest atomic
write); replacing graphs is one SPARQL Update (drop, then insert), since pyoxigraph offers no transaction that
both removes and adds. Commands that only read open the store read-only, so they run beside a writer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.formats import Format, one_line, serialization_prefixes, sparql_error_message
from kg.namespaces import GRAPH, PREFIXES, rebase_text

ONTOLOGY_GRAPH = f"{GRAPH}ontology"
GAZETTEER_GRAPH = f"{GRAPH}gazetteer"
META_GRAPH = f"{GRAPH}meta"
ARTICLE_GRAPH_PREFIX = f"{GRAPH}article/"
INFERRED_GRAPH_PREFIX = f"{GRAPH}inferred/"
REFERENCE_INFERRED_GRAPH = f"{GRAPH}inferred/reference"
HAS_VERSION = "http://purl.org/dc/terms/hasVersion"
SOURCE = "http://purl.org/dc/terms/source"  # meta graph: <article graph> dcterms:source <file:///…>
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

AnyTriple = tuple[Node, Node, Node] | ox.Triple
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_ox(term: Node) -> OxTerm:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store RDF term {term!r}")


def to_rdflib(term: Any) -> Node:
    """The rdflib term of a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string; rdflib keeps them apart
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"cannot convert RDF term {term!r}")


def ox_triple(triple: AnyTriple) -> ox.Triple:
    if isinstance(triple, ox.Triple):
        return triple
    s, p, o = triple
    return ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]


def _graph_block(graph_iri: str, triples: Iterable[AnyTriple]) -> str:
    lines = []
    for triple in triples:
        t = ox_triple(triple)
        lines.append(f"{t.subject} {t.predicate} {t.object} .")
    return f"GRAPH <{graph_iri}> {{\n" + "\n".join(lines) + "\n}"


def replacement_update(graphs: Mapping[str, Iterable[AnyTriple]]) -> str:
    """One SPARQL Update that drops each graph and inserts its new triples."""
    try:
        drops = [f"DROP SILENT GRAPH <{ox.NamedNode(g).value}>" for g in graphs]
        blocks = [_graph_block(g, triples) for g, triples in graphs.items()]
    except ValueError as exc:
        raise StoreError(f"cannot store graph: {one_line(exc)}") from None
    return " ;\n".join(drops) + " ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}"


def source_update(
    graphs: Mapping[str, Iterable[AnyTriple]], *, source: str, stale: Mapping[str, bool]
) -> str:
    """One SPARQL Update: replace ``graphs``, record that the first came from ``source`` (in the meta graph),
    and forget ``stale`` article graphs built earlier from ``source`` (dropped with their inferred graph
    when True, i.e. no other source still claims them)."""
    first = next(iter(graphs))
    try:
        src = ox.NamedNode(source)
    except ValueError as exc:
        raise StoreError(f"cannot record source {source!r}: {one_line(exc)}") from None
    gone = [g for g, drop in stale.items() if drop]
    drops = [f"DROP SILENT GRAPH <{g}> ;\nDROP SILENT GRAPH <{inferred_graph_of(g)}>" for g in gone]
    forget = " ".join(f"<{g}> <{SOURCE}> {src} ." for g in stale)
    delete = [f"DELETE DATA {{ GRAPH <{META_GRAPH}> {{ {forget} }} }}"] if stale else []
    record = f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ <{first}> <{SOURCE}> {src} . }} }}"
    return " ;\n".join([*drops, *delete, replacement_update(graphs), record])


def _source_quad(graph_iri: str, source: str) -> str:
    """The N-Quads line of the meta graph that records ``source`` as where ``graph_iri`` came from."""
    try:
        src = ox.NamedNode(source)
    except ValueError as exc:
        raise StoreError(f"cannot record source {source!r}: {one_line(exc)}") from None
    return f"{ox.NamedNode(graph_iri)} <{SOURCE}> {src} <{META_GRAPH}> .\n"


def _triples_by_graph(nquads: bytes, graphs: Sequence[str]) -> dict[str, list[ox.Triple]]:
    """The triples of each of ``graphs`` in ``nquads`` (a graph without quads gets an empty list)."""
    grouped: dict[str, list[ox.Triple]] = {g: [] for g in graphs}
    try:
        for quad in ox.parse(nquads, ox.RdfFormat.N_QUADS):
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            if graph not in grouped:
                raise StoreError(f"cannot store a quad outside graphs {', '.join(graphs)}: {quad}")
            grouped[graph].append(quad.triple)
    except SyntaxError as exc:
        raise StoreError(f"cannot store graphs {', '.join(graphs)}: {one_line(exc)}") from None
    return grouped


def inferred_graph_of(article_graph_iri: str) -> str:
    """The inferred graph that goes with an article graph (same key)."""
    return INFERRED_GRAPH_PREFIX + article_graph_iri[len(ARTICLE_GRAPH_PREFIX) :]


def reference_files() -> dict[str, list[Path]]:
    """The files of each reference graph: the ontology and the gazetteer (Turtle)."""
    from kg.gazetteer import gazetteer_files
    from kg.ontology import ontology_files

    return {ONTOLOGY_GRAPH: ontology_files(), GAZETTEER_GRAPH: gazetteer_files()}


def _content_hash(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        text = rebase_text(path.read_text("utf-8"))
        digest.update(path.name.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return "sha256:" + digest.hexdigest()


def _parse_reference(paths: list[Path]) -> list[ox.Triple]:
    triples: list[ox.Triple] = []
    for path in paths:
        data = rebase_text(path.read_text("utf-8")).encode("utf-8")
        try:
            triples.extend(q.triple for q in ox.parse(data, ox.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise StoreError(f"{path}: malformed Turtle: {one_line(exc)}") from None
    return triples


def store_exists(path: str | Path) -> bool:
    return (Path(path) / "CURRENT").is_file()


class KgStore:
    """A conflict-kg store at a directory (``path``); ``path=None`` is a temporary in-memory store.

    A missing store is created unless ``read_only`` or ``create=False`` (then StoreError).
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False, create: bool = True) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.create = create and not read_only
        self._store = self._open()

    def _open(self) -> ox.Store:
        if self.path is None:
            return ox.Store()
        if not self.create and not store_exists(self.path):
            raise StoreError(f"no store at {self.path}; run kg build first")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is not a directory")
        try:
            return ox.Store.read_only(str(self.path)) if self.read_only else ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"store at {self.path} is locked by another process writing to it") from None
            raise StoreError(f"cannot open store at {self.path}: {one_line(exc)}") from None

    def __enter__(self) -> KgStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Flush and release the store (the RocksDB lock goes when the last reference does)."""
        self.flush()
        del self._store

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store (for bulk reads)."""
        return self._store

    # writing ---------------------------------------------------------------------------------------------

    def replace_graphs(self, graphs: Mapping[str, Iterable[AnyTriple]]) -> None:
        """Replace each named graph by its triples, all in one transaction."""
        if self.read_only:
            raise StoreError(f"store at {self.path} is open read-only")
        if not graphs:
            return
        self._update(replacement_update(graphs), graphs)

    def _update(self, update: str, graphs: Mapping[str, object]) -> None:
        if self.read_only:
            raise StoreError(f"store at {self.path} is open read-only")
        try:
            self._store.update(update)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"cannot store graphs {', '.join(graphs)}: {one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot write to store at {self.path}: {one_line(exc)}") from None

    def replace_article(
        self, graphs: Mapping[str, Iterable[AnyTriple]], *, source: str | None = None
    ) -> list[str]:
        """Replace an article's graphs (its article graph first) in one transaction.

        With ``source`` (the IRI of the file it was built from), an article graph built earlier from the same
        source under another key (the file was edited, and its key is a hash of its text) is dropped with its
        inferred graph in that same transaction, unless another source still claims it. Returns the dropped
        article graphs.
        """
        if source is None:
            self.replace_graphs(graphs)
            return []
        first = next(iter(graphs))
        earlier = [g for g in self.graphs_from_source(source) if g != first]
        stale = {g: self.sources_of(g) <= {source} for g in earlier}
        self._update(source_update(graphs, source=source, stale=stale), graphs)
        return [g for g, dropped in stale.items() if dropped]

    def store_article(self, nquads: bytes, *, graphs: Sequence[str], source: str | None = None) -> list[str]:
        """Store an article from the N-Quads of its ``graphs`` (article graph first, then its inferred graph)
        in one transaction, recording ``source`` like :meth:`replace_article`; returns the dropped graphs.

        When none of ``graphs`` is in the store and ``source`` gave no earlier graph, the quads are loaded as
        they are (several times faster than a SPARQL Update); otherwise the graphs are replaced."""
        if self.read_only:
            raise StoreError(f"store at {self.path} is open read-only")
        earlier = self.graphs_from_source(source) if source is not None else []
        if earlier or any(self._store.contains_named_graph(ox.NamedNode(g)) for g in graphs):
            return self.replace_article(_triples_by_graph(nquads, graphs), source=source)
        record = b"" if source is None else _source_quad(graphs[0], source).encode("utf-8")
        try:
            self._store.load(nquads + record, ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise StoreError(f"cannot store graphs {', '.join(graphs)}: {one_line(exc)}") from None
        except OSError as exc:
            raise StoreError(f"cannot write to store at {self.path}: {one_line(exc)}") from None
        return []

    def flush(self) -> None:
        """Write what RocksDB holds in memory to disk (a long build calls it now and then to bound memory)."""
        if not self.read_only and self.path is not None:
            self._store.flush()

    def graphs_from_source(self, source: str) -> list[str]:
        """Article graphs the meta graph records as built from ``source``."""
        quads = self._store.quads_for_pattern(
            None, ox.NamedNode(SOURCE), ox.NamedNode(source), ox.NamedNode(META_GRAPH)
        )
        return sorted(q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode))

    def sources_of(self, graph_iri: str) -> set[str]:
        """The sources (file IRIs) an article graph was built from."""
        quads = self._store.quads_for_pattern(
            ox.NamedNode(graph_iri), ox.NamedNode(SOURCE), None, ox.NamedNode(META_GRAPH)
        )
        return {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}

    def replace_graph(self, graph_iri: str, triples: Iterable[AnyTriple]) -> None:
        """Replace one named graph by ``triples`` atomically."""
        self.replace_graphs({graph_iri: triples})

    def ensure_reference_graphs(self, *, inferred: Callable[[], Iterable[AnyTriple]] | None = None) -> bool:
        """Load the ontology and gazetteer graphs when missing or changed on disk; True when (re)loaded.

        ``inferred`` gives the OWL RL consequences of ontology + gazetteer, kept once in their own graph.
        """
        files = reference_files()
        hashes = {graph: _content_hash(paths) for graph, paths in files.items()}
        missing_inferred = inferred is not None and REFERENCE_INFERRED_GRAPH not in self.named_graphs()
        if hashes == self.reference_hashes() and not missing_inferred:
            return False
        graphs: dict[str, Iterable[AnyTriple]] = {g: _parse_reference(paths) for g, paths in files.items()}
        if inferred is not None:
            graphs[REFERENCE_INFERRED_GRAPH] = inferred()
        versions = " ".join(f"<{g}> <{HAS_VERSION}> {ox.Literal(h)} ." for g, h in hashes.items())
        meta = (  # only the version triples: the meta graph also records where article graphs came from
            f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{HAS_VERSION}> ?v }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{ {versions} }} }}"
        )
        self._update(replacement_update(graphs) + " ;\n" + meta, graphs)
        return True

    def reference_hashes(self) -> dict[str, str]:
        """Content hash of each reference graph as recorded in the meta graph."""
        quads = self._store.quads_for_pattern(None, ox.NamedNode(HAS_VERSION), None, ox.NamedNode(META_GRAPH))
        return {
            q.subject.value: q.object.value
            for q in quads
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.Literal)
        }

    # reading ---------------------------------------------------------------------------------------------

    def query(self, sparql: str, *, union_default_graph: bool = True, graph: str | None = None) -> Any:
        """Run SPARQL with the project prefixes predeclared; malformed SPARQL → QueryError (line, column).

        The default graph is the union of all graphs, or only the named ``graph`` (then ``GRAPH ?g`` sees
        only that graph too; a graph the store does not hold is a StoreError)."""
        scope: dict[str, Any] = {"use_default_graph_as_union": union_default_graph}
        if graph is not None:
            if graph not in self.named_graphs():
                raise StoreError(f"no graph <{graph}> in {self._where()}")
            node = ox.NamedNode(graph)
            scope = {"default_graph": node, "named_graphs": [node]}
        try:
            return self._store.query(sparql, prefixes=PREFIXES, **scope)
        except SyntaxError as exc:
            raise QueryError(sparql_error_message(exc)) from None
        except OSError as exc:
            raise StoreError(f"cannot read store at {self.path}: {one_line(exc)}") from None

    def _where(self) -> str:
        return f"store at {self.path}" if self.path is not None else "the data files"

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            yield quad.triple

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads in one transaction (used for in-memory stores over data files)."""
        self._store.extend(quads)

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output: IO[bytes], fmt: Format, *, graph: str | None = None, inferred: bool = True) -> int:
        """Write the store (or one graph) to ``output``; triple formats merge graphs. Returns the count."""
        if fmt.rdf_format is None:
            raise StoreError(f"{fmt.name} is not an RDF format")
        graphs = self.export_graphs(graph=graph, inferred=inferred)
        quads = [q for g in graphs for q in self._store.quads_for_pattern(None, None, None, _graph_node(g))]
        quads = _canonical_blank_nodes(quads)
        items: list[Any] = quads if fmt.is_dataset else sorted({q.triple for q in quads}, key=str)
        ox.serialize(items, output, fmt.rdf_format, prefixes=serialization_prefixes(fmt))
        return len(items)

    def export_graphs(self, *, graph: str | None, inferred: bool) -> list[str]:
        """The graphs an export covers: one named graph, or all but meta (and inferred unless asked)."""
        names = self.named_graphs()
        if graph is not None:
            if graph not in names:
                raise StoreError(f"no graph <{graph}> in {self._where()}")
            return [graph]
        keep = [g for g in names if g != META_GRAPH and (inferred or not g.startswith(INFERRED_GRAPH_PREFIX))]
        return ["", *keep]


def _canonical_blank_nodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Quads with blank nodes relabelled canonically (RDFC-1.0), so exports are deterministic."""
    if not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
        return quads
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return list(dataset)


def _graph_node(graph: str) -> ox.NamedNode | ox.DefaultGraph:
    return ox.NamedNode(graph) if graph else ox.DefaultGraph()
