"""Collective actors and materiel named by common nouns (overlap candidates for :mod:`kg.extract.entities`).

- plural demonyms: "Palestinians", "Syrians" → a CollectiveActor named by the plural;
- collective nouns of ``data/lexicon/collectives.yaml`` with an optional demonym and qualifiers ("rebels",
  "Syrian rebels", "Somali clan militias"), a gazetteer entry when the whole phrase is one of its names;
  a bare noun takes the article's single qualified variant;
- materiel ("heavy weapons") from the same file's ``materiel`` section.

Minted IRIs: ``id:actor/{slug}``, ``id:materiel/{slug}``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.discovery import Candidate, alternation, entry_mention, minted, span_in
from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import Sentence
from kg.namespaces import ID, slug

if TYPE_CHECKING:
    from kg.extract.entities import GazetteerMatcher


def people_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    """A plural demonym ("Palestinians", "Syrians"): a CollectiveActor named by the plural."""
    plurals = {f"{d}s": d for d in matcher.demonym_key if not d.endswith(("s", "i", "ese"))}
    if not plurals:
        return []
    result = []
    for match in _plural_regex(tuple(plurals)).finditer(sentence.span.text):
        name = match.group(0)
        if name.lower() in matcher.by_name:
            continue
        mention = minted(
            span_in(sentence, *match.span()),
            sentence,
            str(ID[f"actor/{slug(name)}"]),
            name,
            ("CollectiveActor",),
        )
        result.append(Candidate(mention.span.start, mention.span.end, "collective", 0, mention))
    return result


@lru_cache(maxsize=8)
def _plural_regex(plurals: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(plurals)})(?![\w-])")


@lru_cache(maxsize=8)
def _collective_regex(demonyms: tuple[str, ...]) -> re.Pattern[str]:
    forms = {
        form: canonical
        for canonical, entry in lexicon_section("collectives", "collectives").items()
        for form in entry["forms"]
    }
    dem = "|".join(re.escape(d) for d in sorted(demonyms, key=len, reverse=True)) or "(?!)"
    qualifier = alternation(lexicon_section("collectives", "qualifiers"))
    return re.compile(
        rf"(?<![\w-])(?:(?P<dem>{dem})\s+)?(?P<qual>(?:(?i:{qualifier})\s+){{0,2}})"
        rf"(?P<form>(?i:{alternation(forms)}))\b"
    )


@lru_cache(maxsize=2)
def _form_table(section: str) -> dict[str, str]:
    """Lower-case form → canonical name, for a section of ``collectives.yaml``."""
    table = lexicon_section("collectives", section)
    if section == "collectives":
        return {str(f).lower(): str(c) for c, entry in table.items() for f in entry["forms"]}
    return {str(f).lower(): str(c) for c, fs in table.items() for f in fs}


@lru_cache(maxsize=1)
def _materiel_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(_form_table('materiel'))})\b", re.IGNORECASE)


def collective_candidates(sentence: Sentence, matcher: GazetteerMatcher) -> list[Candidate]:
    table = lexicon_section("collectives", "collectives")
    forms = _form_table("collectives")
    result = []
    for match in _collective_regex(matcher.demonym_key).finditer(sentence.span.text):
        canonical = str(forms[" ".join(match.group("form").lower().split())])
        entry = table[canonical]
        demonym, qualifier = match.group("dem"), " ".join(match.group("qual").lower().split())
        unqualified = entry.get("needs_qualifier") and not (demonym or qualifier)
        if unqualified or (entry.get("no_demonym") and demonym):
            continue  # "Sudanese officials" stay the demonym of Sudan; "federal officials" are an actor
        label = " ".join(w for w in (demonym, qualifier, canonical) if w)  # "Somali clan militias"
        kinds = tuple(entry.get("kinds", ["CollectiveActor"]))
        span = span_in(sentence, *match.span())
        known = matcher.by_name.get(label.lower())  # "Russian forces" may be a gazetteer alias
        if known is not None and known.is_actor:
            mention = entry_mention(span, sentence.index, known, "alias")
            result.append(Candidate(span.start, span.end, "gazetteer", 1, mention))
            continue
        mention = minted(span, sentence, str(ID[f"actor/{slug(label)}"]), label, kinds)
        result.append(Candidate(span.start, span.end, "collective", 0, mention, canonical))
    return result


def resolve_bare_collectives(chosen: list[Candidate]) -> list[Candidate]:
    """A bare "rebels" takes the article's single qualified variant ("Syrian rebels"), if there is one."""
    variants: dict[str, set[tuple[str, str]]] = {}
    for cand in chosen:
        if cand.canonical and cand.mention.label != cand.canonical:
            variants.setdefault(cand.canonical, set()).add((cand.mention.iri, cand.mention.label))
    result = []
    for cand in chosen:
        options = variants.get(cand.canonical, set())
        if cand.canonical and cand.mention.label == cand.canonical and len(options) == 1:
            iri, label = next(iter(options))
            cand = replace(cand, mention=replace(cand.mention, iri=iri, label=label))
        result.append(cand)
    return result


def materiel_candidates(sentence: Sentence) -> list[Candidate]:
    forms = _form_table("materiel")
    result = []
    for match in _materiel_regex().finditer(sentence.span.text):
        canonical = forms[" ".join(match.group(0).lower().split())]
        span = span_in(sentence, *match.span())
        iri = str(ID[f"materiel/{slug(canonical)}"])
        mention = minted(span, sentence, iri, canonical, ("Materiel",), is_actor=False)
        result.append(Candidate(span.start, span.end, "materiel", 0, mention))
    return result
