"""Bare repeats of a name found once by a discovery pattern ("the Red Hand" after "the Red Hand militia", an
acronym opening a later sentence): every later occurrence outside a heading or a shouted line, and outside
any span already taken, becomes a mention of the same actor."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.extract.discovery import Candidate, shouting, span_in
from kg.extract.mentions import Sentence


def bare_repeats(
    sentences: Sequence[Sentence],
    chosen: list[Candidate],
    names: dict[str, Candidate],
    regex: re.Pattern[str],
    *,
    rank: int,
    how: str | None = None,
) -> list[Candidate]:
    """Candidates for every REGEX match (a name of NAMES) not overlapping CHOSEN, at RANK; HOW relabels how
    the mention was found (kept from the first mention when None)."""
    taken = [(c.start, c.end) for c in chosen]
    result = []
    for sentence in sentences:
        if sentence.kind == "heading" or shouting(sentence.span.text):
            continue
        for match in regex.finditer(sentence.span.text):
            span = span_in(sentence, *match.span())
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            first = names[match.group(0)].mention
            mention = replace(first, span=span, sentence=sentence.index, how=how or first.how)
            result.append(Candidate(span.start, span.end, "organisation", rank, mention))
    return result
