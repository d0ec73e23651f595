"""Clause-level helpers for kg/extract/figures.py: which verb a number belongs to.

- a bare number as the subject of a harm verb, with or without an auxiliary ("Forty were abducted",
  headline style "14 martyred");
- the verb right before a figure that is *not* a harm cue ("freed three of the students") makes the figure
  that verb's object, so a harm cue elsewhere in the sentence must not give it a measure;
- a fact-box line "Soldiers killed this year: at least 9" takes its measure and group from the label;
- an elliptical count after a coordinated one ("Two soldiers were killed and five were wounded") inherits
  the counted group of the first.
Word lists are in ``data/lexicon/figures.yaml`` (``participles``, ``object_verbs``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import FigureMention, Sentence

_AUX = r"(?:were|have\s+been|had\s+been|has\s+been|was|are|remain|remained)"


def passive_after(after: str, cues: dict[str, str], cue_pattern: str) -> str | None:
    """Measure of a bare number followed by its own verb: "Forty were kidnapped", "12 more died",
    "14 martyred, 31 injured"."""
    participles = "|".join(re.escape(str(p)) for p in lexicon_section("figures", "participles"))
    verb = re.match(
        rf"\s+(?:more\s+|others?\s+)?(?:{_AUX}\s+(?:\w+ly\s+)?(?P<cue>{cue_pattern})"
        rf"|(?P<died>died|perished)|(?P<bare>{participles}))\b",
        after,
        re.IGNORECASE,
    )
    if verb is None:
        return None
    if verb.group("died"):
        return "Deaths"
    word = verb.group("cue") or verb.group("bare")
    return cues.get(" ".join(word.lower().split()))


def object_verb(before: str, strip_qualifier: Callable[[str], str]) -> tuple[bool, str | None]:
    """(the figure is the object of a verb right before it, that verb's measure if the lexicon gives one):
    "freed three of the students" → (True, None); "has lost more than 200 peacekeepers" → (True, Deaths)."""
    head = strip_qualifier(before)
    last = re.search(r"([A-Za-z]+)\s+$", head)
    if last is None:
        return False, None
    word = last.group(1).lower()
    table = lexicon_section("figures", "object_verbs")
    if word in table:
        return True, (str(table[word]) if table[word] else None)
    return word.endswith("ed") and len(word) > 4 and word not in ("reported", "recorded", "confirmed"), None


def fact_box(before: str, after: str, measure_of: Callable[[str], str | None]) -> str | None:
    """ "Soldiers killed in the region this year: at least 9" — a number ending a "label: number" line
    takes the measure of the cue words in the label."""
    label = re.match(r"^\W*(?P<label>[^:]{3,160}):\s*(?:[a-z]+\s+){0,2}$", before)
    if label is None or not re.fullmatch(r"\s*[.;]?\s*", after):
        return None
    return measure_of(label.group("label"))


def fact_box_group(before: str, noun: re.Pattern[str]) -> str | None:
    """The counted group named in a fact-box label ("Soldiers killed this year: 9" → Soldiers)."""
    label = re.match(r"^\W*(?P<label>[^:]{3,160}):\s*(?:[a-z]+\s+){0,2}$", before)
    if label is None:
        return None
    for word in re.finditer(r"[\w-]+(?:\s+[\w-]+)?", label.group("label")):
        found = noun.fullmatch(word.group(0).lower()) or noun.fullmatch(word.group(0).split()[0].lower())
        if found:
            info = lexicon_section("figures", "nouns")[" ".join(found.group(0).split())]
            return str(info["group"]) if info.get("group") else None
    return None


def inherit_groups(found: list[FigureMention], sentence: Sentence) -> list[FigureMention]:
    """ "Two soldiers were killed and five were wounded": the bare second count is of soldiers too.
    "kidnapped 15 students and two teachers": a count coordinated with the one before shares its verb,
    hence its measure (unless its own noun fixes one: "15 dead and 30 wounded")."""
    result = list(found)
    nouns = lexicon_section("figures", "nouns")
    for i in range(1, len(result)):
        whole, part = result[i - 1], result[i]
        between = sentence.span.text[
            whole.span.end - sentence.span.start : part.span.start - sentence.span.start
        ]
        own = nouns.get(" ".join(part.unit_text.lower().split()[-2:])) or nouns.get(
            (part.unit_text.lower().split() or [""])[-1]
        )
        if re.fullmatch(r"\s*,?\s*and\s+", between) and part.unit_text and not (own or {}).get("measure"):
            result[i] = replace(part, measure=whole.measure)
            continue
        if part.unit_text or part.counted_group or not whole.counted_group:
            continue
        if re.fullmatch(r"\s*(?:were|have\s+been|had\s+been|was)?\s*\w+\s*,?\s*and\s+", between):
            result[i] = replace(part, counted_group=whole.counted_group)
    return result
