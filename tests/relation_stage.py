"""Shared by the relationship test files: the relationships the whole pipeline finds in a text, as
(kind, from, to) with IRIs shortened to their last segment."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.extract.text import normalise_text

Found = set[tuple[str, str, str]]


def relations(text: str) -> Found:
    """(kind, from party, to party) of every relationship of TEXT, IRIs shortened ("iran", "hezbollah")."""
    return {
        (r.kind, _short(r.from_party), _short(r.to_party)) for r in extract(normalise_text(text)).relations
    }


def symmetric(found: Found, kind: str, a: str, b: str) -> bool:
    """An Alliance / Hostility between A and B, written either way round."""
    return (kind, a, b) in found or (kind, b, a) in found


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
