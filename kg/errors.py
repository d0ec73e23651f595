"""Domain errors of the kg library. The CLI turns each into a one-line message and exit code 2."""

from __future__ import annotations


class KgError(Exception):
    """An error a user can act on: bad input, missing store, malformed query. Message is one line."""


class InputError(KgError):
    """Unreadable, non-UTF-8, empty or malformed input; the message names the file (and line/column)."""


class StoreError(KgError):
    """Store missing, locked or not writable."""


class QueryError(KgError):
    """Malformed SPARQL; the message carries line and column where known."""


class FormatError(KgError):
    """Unknown or unsupported RDF / result format."""
