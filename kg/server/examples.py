"""The named example queries the query page offers: the competency questions.

They come from :func:`kg.examples.list_examples` (the evaluation's competency questions); until that
module exists, from the ``queries/*.rq`` files (title = the first ``#`` comment line).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.resources import QUERIES_DIR


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    sparql: str


def load_examples() -> list[Example]:
    try:
        from kg.examples import list_examples  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return _from_query_files()
    return [Example(e.name, e.title, e.sparql) for e in list_examples()]


def _from_query_files() -> list[Example]:
    examples = []
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().splitlines()[0] if text.strip() else ""
        title = first.lstrip("#").strip() if first.startswith("#") else path.stem.replace("-", " ")
        examples.append(Example(path.stem, title, text))
    return examples
