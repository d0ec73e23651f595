"""Dates counted from the story rather than from the report: "a day later", "two days later", "the next
day", "the following week", "three days earlier" take the latest day-precision date written before them
in the article (the narrated event's day) and move it; with no such date they are left out. Also the
report-anchored spans that are not single days: "this week" / "earlier this week" (the anchor's month
when the week so far lies in it, else its year) and "overnight" (the anchor's day: the night that ended
on the day of the report). Words are in ``data/lexicon/dates.yaml`` (``narrative_offsets``,
``anchor_spans``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import DateMention, Sentence, Span
from kg.extract.numbers import parse_amount


def _phrases(words: Sequence[str]) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    fixed = lexicon_section("dates", "narrative_offsets")
    counted = re.compile(
        r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?P<unit>days?|weeks?)"
        r"|(?P<hours>(?:just\s+|only\s+|a\s+few\s+|several\s+|\w+\s+)?hours))\s+"
        r"(?P<dir>later|earlier|after|before)\b",
        re.IGNORECASE,
    )
    spans = lexicon_section("dates", "anchor_spans")
    return (
        counted,
        re.compile(rf"\b(?P<fixed>{_phrases(list(fixed))})\b", re.IGNORECASE),
        re.compile(rf"\b(?P<span>{_phrases(list(spans))})\b", re.IGNORECASE),
    )


def narrative_dates(
    sentence: Sentence,
    *,
    earlier: Sequence[DateMention],
    anchor: date | None,
    taken: list[tuple[int, int]],
) -> list[DateMention]:
    """Story-relative dates (moved from the latest day among ``earlier`` written before them) and
    week/overnight spans (from ``anchor``) in one sentence; ``taken`` holds offsets (in the sentence)
    already used by other date mentions and receives the new ones."""
    counted, fixed, spans = _patterns()
    body = sentence.span.text
    found: list[DateMention] = []
    for match in [*counted.finditer(body), *fixed.finditer(body), *spans.finditer(body)]:
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        base = latest_day(earlier, before=sentence.span.start + match.start())
        resolved = _resolve(match, base, anchor)
        if resolved is None:
            continue
        start, end = match.span()
        span = Span(sentence.span.start + start, sentence.span.start + end, body[start:end])
        found.append(DateMention(span, sentence.index, resolved[0], resolved[1], relative=True))
        taken.append((start, end))
    return found


def _resolve(match: re.Match[str], base: str | None, anchor: date | None) -> tuple[str, str] | None:
    groups = match.groupdict()
    if groups.get("span"):
        return _anchor_span(" ".join(groups["span"].lower().split()), anchor)
    if base is None:
        return None
    start = date.fromisoformat(base)
    if groups.get("fixed"):
        days = int(lexicon_section("dates", "narrative_offsets")[" ".join(groups["fixed"].lower().split())])
    elif groups.get("hours"):  # "hours later", "hours after the attack": the same day
        days = 0
    else:
        amount = parse_amount(groups["n"]) if groups["n"].lower() not in ("a", "an") else None
        count = amount.value if amount else 1
        days = count * (7 if groups["unit"].lower().startswith("week") else 1)
        # "two days later" / "three days earlier" move the base; "a day after X" / "a day before X" date X
        days = -days if groups["dir"].lower() in ("earlier", "after") else days
    moved = start + timedelta(days=days)
    if anchor is not None and moved > anchor:
        return None  # "later" past the report date: the base was not the story's day
    return moved.isoformat(), "day"


def _anchor_span(kind_of: str, anchor: date | None) -> tuple[str, str] | None:
    if anchor is None:
        return None
    if str(lexicon_section("dates", "anchor_spans")[kind_of]) == "day":
        return anchor.isoformat(), "day"
    monday = anchor - timedelta(days=anchor.weekday())  # the week so far: Monday to the anchor
    if monday.month == anchor.month:
        return f"{anchor.year:04d}-{anchor.month:02d}", "month"
    return f"{anchor.year:04d}", "year"


def latest_day(mentions: Sequence[DateMention], before: int) -> str | None:
    """The latest-written day-precision date among ``mentions`` that ends before offset ``before``."""
    days = [m for m in mentions if m.precision == "day" and m.span.end <= before]
    return max(days, key=lambda m: m.span.start).value if days else None
