"""Extraction: article text → mentions (sentences, entities, dates, figures, events, relations, attributions).

Knows nothing of RDF or storage; :mod:`kg.emit` turns
:class:`~kg.extract.mentions.ArticleMentions` into a graph.
"""
