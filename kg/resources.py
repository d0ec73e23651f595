"""Locations of the project's data files (ontology, shapes, gazetteer, lexicons, samples, queries)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("CONFLICT_KG_HOME", Path(__file__).resolve().parent.parent))
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ROOT / "shapes"
DATA_DIR = ROOT / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
LEXICON_DIR = DATA_DIR / "lexicon"
SAMPLES_DIR = ROOT / "samples"
QUERIES_DIR = ROOT / "queries"
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "000_96d40aee5abd0ab6.txt"
