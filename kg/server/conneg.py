"""Content negotiation: one table of media types the server speaks and one Accept-header negotiator.

The negotiator follows RFC 9110 §12.5.1: q-values, ``*/*`` and ``type/*`` ranges, the most specific
range wins for each offer, ties go to the server's order of preference. Malformed parts of an Accept
header are ignored rather than rejected (browsers and old clients send odd ones).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.formats import FORMATS


@dataclass(frozen=True)
class MediaType:
    """One representation the server can produce: a media type and the kg.formats entry behind it."""

    media_type: str
    extension: str
    label: str
    format_name: str  # name in kg.formats.FORMATS, or "html"


def _offers(*names: str) -> tuple[MediaType, ...]:
    """Offers for kg.formats entries, in the given order of preference, one per media type."""
    table = {f.name: f for f in FORMATS}
    return tuple(MediaType(mt, table[n].extension, n, n) for n in names for mt in table[n].media_types)


# SPARQL results of SELECT (JSON is the default); ASK has no CSV/TSV form.
RESULT_TYPES: tuple[MediaType, ...] = _offers("json", "xml", "csv", "tsv")
BOOLEAN_TYPES: tuple[MediaType, ...] = _offers("json", "xml")
# RDF graphs (CONSTRUCT / DESCRIBE, resource documents, dumps), Turtle first.
RDF_TYPES: tuple[MediaType, ...] = _offers("turtle", "ntriples", "jsonld", "rdfxml", "nquads", "trig")

HTML = MediaType("text/html", "html", "html", "html")
XHTML = MediaType("application/xhtml+xml", "html", "html", "html")

# What a resource document offers (Linked Data): HTML for people first, then three RDF formats.
DOCUMENT_TYPES: tuple[MediaType, ...] = (HTML, XHTML, *_offers("turtle", "jsonld", "ntriples"))


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header into media ranges; empty or missing means ``*/*``; junk parts are skipped."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges = []
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        ranges.append(MediaRange(main, sub, _q_value(params)))
    return ranges


def _q_value(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def quality(media_type: str, ranges: list[MediaRange]) -> float:
    """The q-value the client gives ``media_type``: from the most specific matching range, else 0."""
    matching = [r for r in ranges if r.matches(media_type)]
    if not matching:
        return 0.0
    best = max(r.specificity() for r in matching)
    return max(r.q for r in matching if r.specificity() == best)


def negotiate(accept: str | None, offers: tuple[MediaType, ...]) -> MediaType | None:
    """Pick the offer the client likes best (server order breaks ties); None when nothing is acceptable."""
    ranges = parse_accept(accept)
    best: MediaType | None = None
    best_q = 0.0
    for offer in offers:
        q = quality(offer.media_type, ranges)
        if q > best_q:
            best, best_q = offer, q
    return best


def by_extension(extension: str, offers: tuple[MediaType, ...]) -> MediaType | None:
    """The offer for a file extension such as ``ttl`` (first in table order)."""
    return next((m for m in offers if m.extension == extension.lower()), None)


def by_format_param(value: str, offers: tuple[MediaType, ...]) -> MediaType | None:
    """The offer named by a ``format=`` parameter: a media type, an extension or a kg.formats name."""
    value = value.strip().lower()
    for offer in offers:
        if value in (offer.media_type, offer.extension, offer.format_name):
            return offer
    return next((m for m in offers if value in _format_aliases(m.format_name)), None)


def _format_aliases(name: str) -> tuple[str, ...]:
    fmt = next(f for f in FORMATS if f.name == name) if name != "html" else None
    return fmt.extensions if fmt else ("html",)
