"""Option groups shared by several commands, declared once (sqlite-utils style)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_STORE = ".kg-store"
STORE_ENV = "KG_STORE"


def default_store_path() -> str:
    return os.environ.get(STORE_ENV, DEFAULT_STORE)


def _store_or_default(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or default_store_path()


def store_option(fn: F) -> F:
    """``--store [PATH]``: the embedded store directory (default ``.kg-store`` or ``$KG_STORE``).

    The value is optional, so ``kg validate --store --format ttl`` means "the default store"."""
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False),
        is_flag=False,
        flag_value="",
        default=None,
        callback=_store_or_default,
        show_default=f"${STORE_ENV} or {DEFAULT_STORE}",
        help="Directory of the embedded store (--store alone: the default one).",
    )(fn)


def graph_option(fn: F) -> F:
    """``--graph IRI``: restrict to one named graph."""
    return click.option("--graph", "graph_iri", metavar="IRI", default=None, help="Named graph IRI.")(fn)


def format_option(fn: F) -> F:
    """``--format``: an extension (ttl, nt, jsonld…) or a media type; else guessed from the file name."""
    return click.option(
        "--format",
        "fmt",
        metavar="FORMAT",
        default=None,
        help="Format as extension (ttl, nt, nq, trig, jsonld, rdf) or media type; default from file name.",
    )(fn)


def output_option(fn: F) -> F:
    """``-o/--output FILE``: where to write (``-`` = stdout)."""
    return click.option(
        "-o",
        "--output",
        "output",
        metavar="FILE",
        default="-",
        show_default=True,
        help="Output file, - for stdout.",
    )(fn)
