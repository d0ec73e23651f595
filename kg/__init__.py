"""conflict-kg: conflict news articles in, a validated, provenance-rich RDF knowledge graph out."""

__version__ = "0.1.0"
