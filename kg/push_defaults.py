"""Defaults of ``kg push`` that the command line shows in its help without importing the HTTP client."""

from __future__ import annotations

DEFAULT_BATCH_TRIPLES = {"gsp": 50_000, "update": 500}  # Virtuoso refuses much bigger INSERT DATA
