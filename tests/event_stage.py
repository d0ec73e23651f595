"""Shared by the event-pattern test files: run the event stage on a text whose entity mentions are made by
hand from a table of names, so those tests depend only on the event, date and figure stages."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.extract.dates import find_dates
from kg.extract.events import find_events
from kg.extract.figures import find_figures
from kg.extract.mentions import ArticleMentions, ArticleMeta, EntityMention, EventMention, Span
from kg.extract.text import split_sentences

REPORT_DATE = "2024-05-02"  # a Thursday

# name -> (IRI, kinds, is_place, is_actor) or (IRI, kinds, is_place, is_actor, how)
NameTable = Mapping[str, tuple]


def events_with_names(text: str, names: NameTable, *, report_date: str = REPORT_DATE) -> list[EventMention]:
    """The events of TEXT, every occurrence of a name in NAMES being an entity mention as the table says."""
    sentences = split_sentences(text)
    mentions = ArticleMentions(text=text, meta=ArticleMeta(date=report_date), sentences=sentences)
    for name, (iri, kinds, is_place, is_actor, *how) in names.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
            sentence = next(s.index for s in sentences if s.span.start <= match.start() < s.span.end)
            span = Span(match.start(), match.end(), name)
            mentions.entities.append(
                EntityMention(span, sentence, iri, name, kinds, is_place, is_actor, True, *how)
            )
    mentions.entities.sort(key=lambda e: e.span.start)
    mentions.dates = find_dates(text, sentences, report_date=report_date)
    mentions.figures = find_figures(text, sentences, mentions.entities)
    return find_events(mentions, article_key="test")


# Invented groups and places shared by the round-9 and round-10 pattern tests.
INVENTED_NAMES: dict[str, tuple[str, tuple[str, ...], bool, bool]] = {
    "Red Hand": ("id:actor/red-hand", ("RebelGroup",), False, True),
    "Green Front": ("id:actor/green-front", ("JihadistGroup",), False, True),
    "gunmen": ("id:actor/gunmen", ("CollectiveActor",), False, True),
    "soldiers": ("id:actor/army", ("StateArmedForce",), False, True),
    "army": ("id:actor/army", ("StateArmedForce",), False, True),
    "Ostburg": ("id:place/ostburg", ("City",), True, False),
    "Kessel": ("id:place/kessel", ("City",), True, False),
    "Dunmore": ("id:place/dunmore", ("Town",), True, False),
}


def short(iris: tuple[str, ...]) -> list[str]:
    """IRIs shortened to their last segment, for readable assertions."""
    return [i.rsplit("/", 1)[-1] for i in iris]
