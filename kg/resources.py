"""Locations of the project's data files (ontology, shapes, gazetteer, lexicons, samples, queries)."""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph

from kg.errors import InputError
from kg.namespaces import rebase_text

ROOT = Path(os.environ.get("CONFLICT_KG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
LEXICON_DIR = DATA_DIR / "lexicon"
SAMPLES_DIR = ROOT / "samples"
QUERIES_DIR = ROOT / "queries"
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "000_96d40aee5abd0ab6.txt"


def parse_turtle_resource(path: Path, *, what: str) -> Graph:
    """Parse one Turtle resource file (ontology, gazetteer…) after rebasing it.

    Errors are one line naming the file and, when the parser knows it, the line: ``FILE:LINE: invalid
    Turtle: reason``; ``what`` names the kind of file in read errors.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read {what} file ({exc.__class__.__name__})") from None
    graph = Graph()
    try:
        graph.parse(data=rebase_text(text), format="turtle")
    except Exception as exc:  # rdflib raises several unrelated exception types for bad Turtle
        line = getattr(exc, "lines", None)
        where = f"{path}:{line + 1}" if isinstance(line, int) else str(path)
        reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else exc.__class__.__name__
        raise InputError(f"{where}: invalid Turtle: {reason}") from None
    return graph
