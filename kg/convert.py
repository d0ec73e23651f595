"""Convert one news article into its RDF graph: read (text or saved HTML, with metadata) → extract → emit.

Metadata comes from keyword options, else a JSON sidecar file ``ARTICLE.meta.json`` next to the article
(or ``meta_path``), with the keys ``url``, ``headline``, ``publisher`` and ``date`` (ISO date or
dateTime), all optional::

    {"url": "https://example.org/news/1", "headline": "…", "publisher": "Example News", "date": "2024-11-29"}

Options override the sidecar. Without a date, the report date is inferred from the text (the latest full
date it mentions) and flagged with ``ckg:datePublishedInferred``. Without a headline, the first line is
taken when the sentence splitter classifies it as a headline (a single-sentence first line followed by
more text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg.emit import emit
from kg.errors import InputError
from kg.extract.mentions import ArticleMentions, ArticleMeta
from kg.extract.pipeline import article_key, extract
from kg.extract.text import normalise_text
from kg.formats import read_bytes
from kg.namespaces import ID, article_graph

META_KEYS = ("url", "headline", "publisher", "date")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?")


@dataclass(frozen=True)
class Conversion:
    """The result of converting one article."""

    key: str
    graph_iri: URIRef
    article_iri: URIRef
    graph: Graph
    mentions: ArticleMentions


def convert(text: str, *, meta: ArticleMeta | None = None) -> Conversion:
    """Extract the mentions of ``text`` and emit its article graph (deterministic: same input, same graph)."""
    text = normalise_text(text)
    if not text.strip():
        raise InputError("empty article: no text to convert")
    mentions = extract(text, meta=meta or ArticleMeta())
    if mentions.meta.headline is None:
        mentions.meta = replace(mentions.meta, headline=_headline_of(mentions))
    key = article_key(text, url=mentions.meta.url)
    return Conversion(
        key, URIRef(article_graph(key)), URIRef(f"{ID}article/{key}"), emit(mentions, key=key), mentions
    )


def _headline_of(mentions: ArticleMentions) -> str | None:
    """The first line when the sentence splitter took it for a headline."""
    first = mentions.sentences[0] if mentions.sentences else None
    return first.span.text if first is not None and first.kind == "headline" else None


def read_article(
    path: str | Path, *, meta_path: str | Path | None = None, **overrides: Any
) -> tuple[str, ArticleMeta]:
    """The text of an article file (``-`` = stdin) and its metadata (see the module docstring).

    Saved web pages (``.html``/``.htm`` or content starting like HTML) are reduced to their article body
    with trafilatura; offsets then refer to that extracted text. Errors raise :class:`InputError` naming
    the file: missing, unreadable, not UTF-8 (with the byte offset), empty, or a malformed sidecar.
    """
    name = str(path)
    data = read_bytes(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if _is_html(name, text):
        text = _html_body(name, text)
    if not text.strip():
        raise InputError(f"{name}: empty article")
    return text, _meta(name, meta_path, overrides)


def _is_html(name: str, text: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(?:head|body|article)\b", head))


def _html_body(name: str, html: str) -> str:
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        raise InputError(f"{name}: no article text found in the HTML page")
    title = trafilatura.extract_metadata(html)
    headline = getattr(title, "title", None) if title is not None else None
    if headline and not body.startswith(headline):
        body = f"{headline}\n{body}"
    return body


def _meta(name: str, meta_path: str | Path | None, overrides: dict[str, Any]) -> ArticleMeta:
    values: dict[str, Any] = {}
    sidecar = Path(meta_path) if meta_path else (Path(f"{name}.meta.json") if name != "-" else None)
    if sidecar is not None and (meta_path or sidecar.exists()):
        values.update(_read_sidecar(sidecar))
    unknown = sorted(set(overrides) - set(META_KEYS))
    if unknown:
        raise InputError(f"{name}: unknown metadata field(s): {', '.join(unknown)}")
    values.update({k: v for k, v in overrides.items() if v is not None})
    if values.get("date") is not None and not _ISO_DATE.fullmatch(str(values["date"])):
        raise InputError(
            f"{name}: field 'date': {values['date']!r} is not an ISO date (YYYY-MM-DD) or dateTime"
        )
    fields = {k: str(v) for k, v in values.items() if v is not None}
    return ArticleMeta(
        url=fields.get("url"),
        headline=fields.get("headline"),
        publisher=fields.get("publisher"),
        date=fields.get("date"),
    )


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: metadata file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: metadata must be a JSON object with keys {', '.join(META_KEYS)}")
    unknown = sorted(set(data) - set(META_KEYS))
    if unknown:
        raise InputError(f"{path}: unknown field(s) {', '.join(unknown)}; allowed: {', '.join(META_KEYS)}")
    for key, value in data.items():
        if value is not None and not isinstance(value, str):
            raise InputError(f"{path}: field {key!r} must be a string")
    return data


@dataclass
class ConvertSummary:
    """What ``convert_files`` did: the conversions written, and the validation reports that refused output."""

    output: str
    format: str
    conversions: list[tuple[str, Conversion]]
    statements: int = 0
    invalid: list[tuple[str, str]] | None = None  # (file, readable validation report) per invalid article


def convert_files(
    paths: list[str],
    *,
    output: str = "-",
    fmt: str | None = None,
    meta_path: str | None = None,
    validate: bool = True,
    **meta: Any,
) -> ConvertSummary:
    """Read, convert and (unless ``validate=False``) validate each article, then write all graphs.

    One article → Turtle by default; several → N-Quads by default, one named graph per article (a triple
    format then merges them). Nothing is written when an article is invalid; ``invalid`` lists the reports.
    """
    from kg.formats import resolve_format

    rdf = resolve_format(fmt, path=output, default="turtle" if len(paths) == 1 else "nquads", kinds=("rdf",))
    done = []
    for path in paths:
        text, article_meta = read_article(path, meta_path=meta_path, **meta)
        done.append((path, convert(text, meta=article_meta)))
    summary = ConvertSummary(output, rdf.name, done, invalid=_invalid(done) if validate else [])
    if not summary.invalid:
        summary.statements = _write(done, output=output, fmt=rdf.name)
    return summary


def _invalid(done: list[tuple[str, Conversion]]) -> list[tuple[str, str]]:
    try:
        from kg.validate import validate
    except ImportError:  # validation module not installed in this checkout
        return []
    reports = [(path, validate(conversion.graph)) for path, conversion in done]
    return [(path, report.as_text()) for path, report in reports if not report.conforms]


def _write(done: list[tuple[str, Conversion]], *, output: str, fmt: str) -> int:
    import pyoxigraph as ox

    from kg.export import open_output, write_graph
    from kg.formats import resolve_format, serialization_prefixes
    from kg.store import ox_triple

    rdf = resolve_format(fmt, path=None, default=fmt, kinds=("rdf",))
    if not rdf.is_dataset:
        merged = Graph()
        for _, conversion in done:
            merged += conversion.graph
        return write_graph(merged, output=output, fmt=fmt).statements
    quads = sorted({_quad(ox_triple(t), str(c.graph_iri)) for _, c in done for t in c.graph}, key=str)
    with open_output(output) as stream:
        ox.serialize(quads, stream, rdf.rdf_format, prefixes=serialization_prefixes(rdf))
    return len(quads)


def _quad(triple: Any, graph: str) -> Any:
    import pyoxigraph as ox

    return ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(graph))
