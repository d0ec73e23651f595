"""Query policy: what a user's SPARQL may do on this public, read-only endpoint — checked *before* parsing.

pyoxigraph performs SERVICE calls over HTTP and overflows its stack (killing the process) on deeply
nested groups, so the text is scanned first with a small tokenizer that understands strings, IRIs and
comments. Refused: updates (including LOAD), SERVICE, graph names that are not plain web or URN names
(``FROM <file:///…>``), over-long queries and nesting deeper than ``max_depth``.

Graph names are names inside the store, never locations: nothing is ever dereferenced, and a graph the
store does not hold is simply empty (as the SPARQL Protocol tests expect).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.errors import KgError

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
ALLOWED_GRAPH_SCHEMES = ("http://", "https://", "urn:", "tag:")

DEFAULT_MAX_QUERY_CHARS = 20_000
DEFAULT_MAX_DEPTH = 64


class PolicyError(KgError):
    """A query this endpoint refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Limits:
    max_query_chars: int = DEFAULT_MAX_QUERY_CHARS
    max_depth: int = DEFAULT_MAX_DEPTH


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str  # SELECT, CONSTRUCT, DESCRIBE or ASK
    has_dataset_clause: bool  # FROM / FROM NAMED present


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\s()]*>)
    | (?P<var>[?$][\w]+)
    | (?P<name>[A-Za-z_][\w.-]*:?[\w.:%-]*|:[\w.:%-]*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>\S)""",
    re.VERBOSE | re.UNICODE,
)


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of a SPARQL string; comments dropped, strings and IRIs kept whole."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind != "comment":
            found.append((kind, match.group()))
    return found


def nesting_depth(toks: list[tuple[str, str]]) -> int:
    """How deep brackets nest; a run of unary ``!`` counts as that many levels (the parser recurses
    on each one, and ``!!!…!true`` overflows its stack just as ``((((…`` does)."""
    depth = deepest = bangs = 0
    for kind, text in toks:
        bangs = bangs + 1 if text == "!" else 0
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        deepest = max(deepest, depth + bangs)
    return deepest


def check_query(text: str, *, limits: Limits = Limits()) -> CheckedQuery:
    """Refuse what the policy forbids; return the query form. Syntax is left to the SPARQL parser."""
    if len(text) > limits.max_query_chars:
        raise PolicyError(
            f"query is {len(text)} characters; this endpoint accepts at most {limits.max_query_chars}",
            status=413,
        )
    toks = tokens(text)
    if nesting_depth(toks) > limits.max_depth:
        raise PolicyError(f"query nests groups deeper than {limits.max_depth} levels")
    names = [t.upper() for kind, t in toks if kind == "name"]
    form = _first_form(toks)
    if form in UPDATE_KEYWORDS:
        raise PolicyError(f"{form}: this endpoint is read-only; SPARQL Update is disabled", status=403)
    if "SERVICE" in names:
        raise PolicyError("SERVICE (federated query) is disabled on this endpoint")
    dataset_iris = list(_dataset_iris(toks))
    for iri in dataset_iris:
        check_graph_iri(iri)
    return CheckedQuery(text=text, form=form or "", has_dataset_clause=bool(dataset_iris))


def check_graph_iri(iri: str) -> None:
    """A graph name must be a web or URN name; file: and other schemes are refused (never dereferenced)."""
    if not iri.lower().startswith(ALLOWED_GRAPH_SCHEMES):
        raise PolicyError(
            f"graph <{iri}> refused: graph names must be http(s):, urn: or tag: IRIs "
            "naming graphs in this store"
        )


def _first_form(toks: list[tuple[str, str]]) -> str | None:
    """The first keyword after the prologue (BASE / PREFIX declarations)."""
    skip = 0
    for kind, text in toks:
        if skip:
            skip -= 1
            continue
        upper = text.upper()
        if kind == "name" and upper == "PREFIX":
            skip = 2
        elif kind == "name" and upper == "BASE":
            skip = 1
        elif kind == "name":
            return upper
        else:
            return None
    return None


def _dataset_iris(toks: list[tuple[str, str]]) -> list[str]:
    """IRIs after FROM / FROM NAMED (prefixed names resolved with the query's PREFIX declarations)."""
    prefixes: dict[str, str] = {}
    iris = []
    for i, (kind, text) in enumerate(toks):
        upper = text.upper()
        if kind == "name" and upper == "PREFIX" and i + 2 < len(toks):
            prefixes[toks[i + 1][1].rstrip(":")] = toks[i + 2][1][1:-1]
        if kind != "name" or upper != "FROM":
            continue
        j = i + 1
        if j < len(toks) and toks[j][1].upper() == "NAMED":
            j += 1
        if j < len(toks):
            iris.append(_resolve(toks[j], prefixes))
    return iris


def _resolve(token: tuple[str, str], prefixes: dict[str, str]) -> str:
    kind, text = token
    if kind == "iri":
        return text[1:-1]
    prefix, _, local = text.partition(":")
    return prefixes.get(prefix, text.partition(":")[0] + ":") + local
