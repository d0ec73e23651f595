"""The running site's settings and its IRI ↔ URL mapping (one object shared by all handlers)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.namespaces import BASE
from kg.server.sparql import SparqlService

_SAFE_IRI = re.compile(r'^[^<>"{}|\\^`\s]+$')


def safe_iri(iri: str) -> bool:
    """True when ``iri`` can be put between ``<…>`` in SPARQL without escaping (no injection)."""
    return bool(_SAFE_IRI.match(iri))


@dataclass
class Site:
    """Settings of one server: the query service, the data base IRI and the public base (if any).

    ``data_base`` is the base of the IRIs in the store (``kg.namespaces.BASE``). ``public_base`` is
    where this server is published (``--base-iri``); without it, links are host-relative (``/id/…``),
    so the same data serves on localhost and behind a public host that redirects the data base here.
    """

    service: SparqlService
    data_base: str = BASE
    public_base: str | None = None
    cors: bool = False
    _cache: dict[str, Any] = field(default_factory=dict)
    _cache_stamp: Any = None

    @property
    def cache(self) -> dict[str, Any]:
        """Computed-once answers (VoID, pictures, the ontology page), emptied when the store changes."""
        stamp = self.service.pool.stamp()
        if stamp != self._cache_stamp:
            self._cache.clear()
            self._cache_stamp = stamp
        return self._cache

    def local_path(self, iri: str) -> str | None:
        """The path on this server of a minted IRI (``/id/…``, ``/graph/…``, ``/ontology#…``), else None."""
        if iri.startswith(self.data_base):
            return "/" + iri[len(self.data_base) :]
        return None

    def url(self, path: str) -> str:
        """A link to a path on this server: absolute under the public base, else host-relative."""
        if self.public_base:
            return self.public_base.rstrip("/") + path
        return path

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` should point: the local page for minted IRIs, else the IRI itself."""
        path = self.local_path(iri)
        if path is None:
            return iri
        if path.startswith("/id/"):
            return self.url("/doc/" + path[len("/id/") :])
        return self.url(path)

    def iri_of_id_path(self, path: str) -> str:
        return f"{self.data_base}id/{path}"
