"""The one table of serialisation formats: RDF syntaxes and SPARQL results formats.

``--format`` accepts a format name, a file extension (``ttl``) or a media type (``text/turtle``); without it
the format is guessed from the file name (a trailing ``.gz`` is ignored); ``-`` means stdin/stdout.
"""

from __future__ import annotations

import gzip
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pyoxigraph as ox

from kg.errors import FormatError, InputError

Kind = Literal["rdf", "results"]


@dataclass(frozen=True)
class Format:
    """One serialisation format and its names in rdflib and pyoxigraph."""

    name: str
    kind: Kind
    extensions: tuple[str, ...]
    media_types: tuple[str, ...]
    rdflib_name: str | None = None
    rdf_format: ox.RdfFormat | None = None
    results_format: ox.QueryResultsFormat | None = None
    is_dataset: bool = False

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def media_type(self) -> str:
        return self.media_types[0]


FORMATS: tuple[Format, ...] = (
    Format("turtle", "rdf", ("ttl", "turtle"), ("text/turtle", "application/x-turtle"),
           "turtle", ox.RdfFormat.TURTLE),
    Format("ntriples", "rdf", ("nt", "ntriples"), ("application/n-triples",), "nt", ox.RdfFormat.N_TRIPLES),
    Format("nquads", "rdf", ("nq", "nquads"), ("application/n-quads",), "nquads", ox.RdfFormat.N_QUADS,
           is_dataset=True),
    Format("trig", "rdf", ("trig",), ("application/trig",), "trig", ox.RdfFormat.TRIG, is_dataset=True),
    Format("jsonld", "rdf", ("jsonld", "json-ld", "json"), ("application/ld+json",), "json-ld",
           ox.RdfFormat.JSON_LD),
    Format("rdfxml", "rdf", ("rdf", "owl", "rdfxml", "xml"), ("application/rdf+xml",), "xml",
           ox.RdfFormat.RDF_XML),
    Format("n3", "rdf", ("n3",), ("text/n3",), "n3", ox.RdfFormat.N3),
    Format("table", "results", ("table", "txt", "text"), ("text/plain",)),
    Format("json", "results", ("json", "srj"), ("application/sparql-results+json", "application/json"),
           results_format=ox.QueryResultsFormat.JSON),
    Format("xml", "results", ("xml", "srx"), ("application/sparql-results+xml",),
           results_format=ox.QueryResultsFormat.XML),
    Format("csv", "results", ("csv",), ("text/csv",), results_format=ox.QueryResultsFormat.CSV),
    Format("tsv", "results", ("tsv",), ("text/tab-separated-values",),
           results_format=ox.QueryResultsFormat.TSV),
)


def known_formats(kinds: tuple[Kind, ...] = ("rdf", "results")) -> list[Format]:
    return [f for f in FORMATS if f.kind in kinds]


def _lookup(word: str, kinds: tuple[Kind, ...]) -> Format | None:
    key = word.strip().lower().split(";")[0].strip().lstrip(".")
    for fmt in known_formats(kinds):
        if key == fmt.name or key in fmt.extensions or key in fmt.media_types:
            return fmt
    return None


def _extension_of(path: str) -> str:
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return Path(name).suffix.lstrip(".")


def resolve_format(
    fmt: str | None, *, path: str | None, default: str, kinds: tuple[Kind, ...] = ("rdf", "results")
) -> Format:
    """The format ``fmt`` names (name, extension, media type), else ``path``'s extension, else ``default``.

    Raises :class:`FormatError` listing the known formats when ``fmt`` names none of them.
    """
    if fmt:
        found = _lookup(fmt, kinds)
        if found is None:
            names = ", ".join(f.name for f in known_formats(kinds))
            what = {"rdf": " for RDF", "results": " for query results"}.get(kinds[0], "")
            what = what if len(kinds) == 1 else ""
            raise FormatError(f"unknown format {fmt!r}{what}; known formats: {names}")
        return found
    if path and path != "-":
        guessed = _lookup(_extension_of(path), kinds) if _extension_of(path) else None
        if guessed is not None:
            return guessed
    found = _lookup(default, kinds)
    if found is None:
        raise FormatError(f"unknown default format {default!r}")
    return found


def read_bytes(path: str) -> bytes:
    """The bytes of ``path`` (``-`` = stdin; gunzipped if it ends with ``.gz``); InputError if unreadable."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        data = Path(path).read_bytes()
        return gzip.decompress(data) if path.endswith(".gz") else data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except (OSError, EOFError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None


def read_text(path: str) -> str:
    """UTF-8 text of ``path``; InputError naming the byte offset when it is not UTF-8."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def read_quads(path: str, *, fmt: str | None = None, base_iri: str | None = None) -> list[ox.Quad]:
    """Parse an RDF file into quads; malformed RDF → InputError ``FILE:LINE:COLUMN: message``."""
    rdf = resolve_format(fmt, path=path, default="turtle", kinds=("rdf",))
    assert rdf.rdf_format is not None
    text = read_text(path)
    try:
        return list(ox.parse(text.encode("utf-8"), rdf.rdf_format, base_iri=base_iri))
    except SyntaxError as exc:
        message = re.sub(r"^Parser error (at|between) line .*?: ", "", one_line(exc))
        raise InputError(f"{path}:{_syntax_position(exc)}: malformed {rdf.name}: {message}") from None


def _syntax_position(exc: SyntaxError) -> str:
    if exc.lineno is not None:
        return f"{exc.lineno}:{exc.offset or 0}"
    return "?"


def one_line(exc: BaseException, *, limit: int = 240) -> str:
    """An exception's message squeezed to one line (parser messages can span several)."""
    text = " ".join(str(exc.args[0] if exc.args else exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sparql_error_message(exc: SyntaxError) -> str:
    """``malformed SPARQL at line L, column C: …`` from pyoxigraph's ``error at L:C: …``."""
    text = one_line(exc)
    if text.startswith("error at "):
        where, _, rest = text[len("error at ") :].partition(": ")
        line, _, column = where.partition(":")
        return f"malformed SPARQL at line {line}, column {column}: {rest}"
    return f"malformed SPARQL: {text}"


def serialization_prefixes(fmt: Format) -> dict[str, str] | None:
    """Prefixes to declare when writing ``fmt``: the project's, minus ``id:`` (its local names hold ``/``,
    which Turtle would have to escape, so individuals read better as full IRIs)."""
    if fmt.name not in ("turtle", "trig", "n3", "rdfxml"):
        return None
    from kg.namespaces import PREFIXES

    return {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}
