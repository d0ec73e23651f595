"""The competency questions as named example queries (``queries/cqNN-<name>.rq``).

Each file starts with ``# title:`` and ``# question:`` comment lines, then a SPARQL query written against
docs/model.md. Its expected answer (the minimal facts it must contain) is ``queries/expected/<name>.json``.
``kg query --example NAME`` runs one; NAME is ``who-led-the-offensive``, ``cq01-who-led-the-offensive``
or ``cq01``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.resources import QUERIES_DIR

_FILE_NAME = re.compile(r"^(cq\d+)-(.+)$")


@dataclass(frozen=True)
class Example:
    name: str  # e.g. "who-led-the-offensive"
    number: str  # e.g. "cq01"
    title: str
    question: str
    sparql: str
    path: Path

    @property
    def expected(self) -> dict[str, Any]:
        """The expected answer: ``{"answer": text, "must_include": [row, ...]}``."""
        path = self.path.parent / "expected" / f"{self.name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: cannot read expected answer: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("must_include"), list):
            raise InputError(f"{path}: expected a JSON object with a must_include list")
        return data


def _header(text: str, key: str) -> str:
    """The value of a ``# key:`` comment, joined with its ``#   `` continuation lines."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(f"# {key}:"):
            parts = [line.split(":", 1)[1].strip()]
            for more in lines[i + 1 :]:
                if not more.startswith("#   "):
                    break
                parts.append(more[1:].strip())
            return " ".join(parts)
    return ""


def _load(path: Path) -> Example:
    match = _FILE_NAME.match(path.stem)
    if match is None:
        raise InputError(f"{path}: example query files are named cqNN-<name>.rq")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read example query: {exc}") from None
    return Example(
        name=match.group(2),
        number=match.group(1),
        title=_header(text, "title") or match.group(2),
        question=_header(text, "question"),
        sparql=text,
        path=path,
    )


def list_examples(*, queries_dir: Path | None = None) -> list[Example]:
    """Every competency question, in number order."""
    return [_load(p) for p in sorted((queries_dir or QUERIES_DIR).glob("cq*.rq"))]


def get_example(name: str, *, queries_dir: Path | None = None) -> Example:
    """One example by name, file stem or number; an unknown name raises :class:`InputError`."""
    examples = list_examples(queries_dir=queries_dir)
    for example in examples:
        if name in (example.name, example.number, example.path.stem):
            return example
    known = ", ".join(e.name for e in examples)
    raise InputError(f"unknown example query {name!r}; known: {known}")
