"""Dates in news text: absolute dates ("November 29, 2024", "29 Nov 2024", "2024-11-29"), month-days
without a year ("Nov. 29"), months ("in November 2024"), years ("in 2019", "since 2016", "a 2019 deal"),
and relative expressions ("today", "yesterday", "on Wednesday", "last week").

Words and relation cues are in ``data/lexicon/dates.yaml``. A month or month-day without a year takes the
last year written before it in the same paragraph ("in March 2023 … on 14 April" → 2023-04-14). Other
expressions without a year and relative ones are resolved against an anchor: the date of the embedded post
the sentence belongs to, else the report date; when there is no anchor they are left out. Weekdays are
taken as the latest such day on or before the anchor (news reports narrate the past), unless "next" or a
future cue ("will", "due to") stands before them in the clause. "last year", "next month" give the anchor's
year or month moved, at year or month precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import DateMention, Sentence, Span
from kg.extract.narrative_dates import narrative_dates


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    months = _alternation(lexicon_section("dates", "months"))
    weekdays = _alternation(lexicon_section("dates", "weekdays"))
    relative = _alternation(lexicon_section("dates", "relative_days"))
    month = rf"(?P<month>(?=[A-Z])(?:{months}))\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    return {
        "iso": re.compile(rf"\b{year}-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
        "mdy": re.compile(rf"\b{month}\s+{day}(?:,?\s+{year})?\b(?![,.]?\d)", re.IGNORECASE),
        "dmy": re.compile(rf"\b{day}\s+{month}(?:,?\s+{year})?\b", re.IGNORECASE),
        "my": re.compile(rf"\b{month}\s*,?\s+{year}\b", re.IGNORECASE),
        "month": re.compile(
            rf"\b(?:in|since|until|during|of|early|late|mid|mid-)\s+{month}\b(?!\s*\d)"
            r"(?:\s+(?P<shift>last|this|next)\s+year\b)?",
            re.IGNORECASE,
        ),
        "year": re.compile(rf"(?<![\w,.-]){year}(?![\w,.]\d|\d|-\d)", re.IGNORECASE),
        "weekday": re.compile(
            rf"\b(?:(?P<last>last|this|on|past|next)\s+)?(?P<weekday>(?=[A-Z])(?:{weekdays}))\b",
            re.IGNORECASE,
        ),
        "relative": re.compile(rf"\b(?P<relative>{relative})\b", re.IGNORECASE),
        "period": re.compile(
            rf"\b(?P<period>{_alternation(lexicon_section('dates', 'relative_periods'))})\b", re.IGNORECASE
        ),
        "future": re.compile(
            rf"\b(?:{_alternation(lexicon_section('dates', 'future_cues'))})\b[^.;:]{{0,40}}$", re.IGNORECASE
        ),
    }


def _alternation(words: Sequence[str] | dict[str, object]) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def find_post_dates(text: str, sentences: Sequence[Sentence]) -> dict[int, str]:
    """Sentence index → ISO date of its embedded post (from the post's byline), for post sentences."""
    result: dict[int, str] = {}
    for sentence in sentences:
        if sentence.kind != "post-byline":
            continue
        found = _absolute_dates(sentence, anchor=None)
        if not found or found[0].precision != "day":
            continue
        result[sentence.index] = found[0].value
        previous = sentence.index - 1
        while previous >= 0 and sentences[previous].kind == "post":
            result[previous] = found[0].value
            previous -= 1
    return result


def infer_report_date(text: str, sentences: Sequence[Sentence]) -> str | None:
    """Heuristic report date: the latest full explicit date (day, month and year) written in the text.

    A report is written on or after every date it mentions, and the latest is usually the dateline or an
    embedded post's date. ``None`` when the text holds no full date.
    """
    days = [d.value for s in sentences for d in _absolute_dates(s, anchor=None) if d.precision == "day"]
    return max(days) if days else None


def find_dates(
    text: str,
    sentences: Sequence[Sentence],
    *,
    report_date: str | None,
    post_dates: dict[int, str] | None = None,
) -> list[DateMention]:
    """Every date expression in the sentences, resolved (see the module docstring), in text order."""
    if post_dates is None:
        post_dates = find_post_dates(text, sentences)
    found: list[DateMention] = []
    years: list[tuple[int, int]] = []  # (offset, year) of explicit years earlier in the paragraph
    for position, sentence in enumerate(sentences):
        if position and "\n" in text[sentences[position - 1].span.end : sentence.span.start]:
            years = []
        anchor = _parse_anchor(post_dates.get(sentence.index, report_date))
        explicit = _absolute_dates(sentence, anchor=None)
        years += [
            (m.span.start, int(m.value[:4])) for m in explicit if not m.relative and m.precision != "year"
        ]
        mentions = _absolute_dates(sentence, anchor=anchor, years=years)
        base = sentence.span.start
        taken = [(m.span.start - base, m.span.end - base) for m in mentions]  # offsets in the sentence
        # "on Sunday …, and a bomb went off the following day": a weekday earlier in the sentence is a base
        weekdays = _relative_dates(sentence, anchor=anchor, taken=list(taken))
        earlier = [*found, *mentions, *weekdays]
        mentions += narrative_dates(sentence, earlier=earlier, anchor=anchor, taken=taken)
        mentions += _relative_dates(sentence, anchor=anchor, taken=taken)
        found += [_with_relation(m, sentence) for m in mentions]
    return sorted(found, key=lambda m: (m.span.start, m.span.end))


def _parse_anchor(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _absolute_dates(
    sentence: Sentence, *, anchor: date | None, years: Sequence[tuple[int, int]] = ()
) -> list[DateMention]:
    """Dates written with a month or year; a missing year is the last one written before the date in the
    same paragraph (``years``: offset and year of each), else the anchor's."""
    result: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    patterns = _patterns()
    for name in ("iso", "mdy", "dmy", "my", "month", "year"):
        for match in patterns[name].finditer(sentence.span.text):
            start, end = (match.start("month"), match.end()) if name == "month" else match.span()
            if any(start < e and s < end for s, e in taken) or (name == "year" and not _year_cue(match)):
                continue
            before = [y for offset, y in years if offset < sentence.span.start + start]
            resolved = _resolve(name, match, anchor, before[-1] if before else None)
            if resolved is None:
                continue
            value, precision, relative = resolved
            span = _span(sentence, start, end)
            result.append(DateMention(span, sentence.index, value, precision, relative=relative))
            taken.append((start, end))
    return result


def _resolve(
    name: str, match: re.Match[str], anchor: date | None, context_year: int | None = None
) -> tuple[str, str, bool] | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if name == "year":
        return (f"{year:04d}", "year", False) if year else None
    month = int(groups["mon"]) if name == "iso" else _month_number(groups["month"])
    relative = year is None
    if year is None:
        if context_year is None and anchor is None:
            return None
        year = context_year if context_year is not None else _anchor_year(match, month, anchor)
        if groups.get("shift") and anchor is not None:  # "late October last year": the anchor's year moved
            year = anchor.year + {"last": -1, "this": 0, "next": 1}[groups["shift"].lower()]
    if groups.get("day") is None:
        return f"{year:04d}-{month:02d}", "month", relative
    try:
        return date(year, month, int(groups["day"])).isoformat(), "day", relative
    except ValueError:
        return None


def _anchor_year(match: re.Match[str], month: int, anchor: date | None) -> int:
    """The year of a month written without one: the anchor's, or the year before when that month is still
    ahead of the anchor (a report narrates the past: "the truce collapsed in December", filed in March),
    or the year after when a future cue stands before it and the month has passed ("talks will resume in
    January", filed in November)."""
    if anchor is None:
        return 0
    groups = match.groupdict()
    day = int(groups["day"]) if groups.get("day") else None
    later = month > anchor.month or (month == anchor.month and day is not None and day > anchor.day)
    if _patterns()["future"].search(match.string, 0, match.start()):
        return anchor.year + 1 if month < anchor.month else anchor.year
    return anchor.year - 1 if later else anchor.year


def _month_number(word: str) -> int:
    return int(lexicon_section("dates", "months")[word.lower().rstrip(".")])


def _year_cue(match: re.Match[str]) -> bool:
    """A bare year counts as a date only after a cue word ("in", "since", "a", "early" …)."""
    before = match.string[: match.start()].rstrip()
    cues = {str(c).lower() for c in lexicon_section("dates", "year_cues")}
    last = re.search(r"(\S+)$", before)
    if not before:
        return False
    word = last.group(1).lower() if last else ""
    return word in cues or before[-1] in "(,"


def _relative_dates(
    sentence: Sentence, *, anchor: date | None, taken: list[tuple[int, int]]
) -> list[DateMention]:
    if anchor is None:
        return []
    result: list[DateMention] = []
    patterns = _patterns()
    offsets = lexicon_section("dates", "relative_days")
    weekdays = lexicon_section("dates", "weekdays")
    for name in ("relative", "weekday"):
        for match in patterns[name].finditer(sentence.span.text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if name == "relative":
                day = anchor + timedelta(days=int(offsets[" ".join(match.group("relative").lower().split())]))
            else:
                day = _weekday(
                    sentence.span.text, match, anchor, int(weekdays[match.group("weekday").lower()])
                )
            span = _span(sentence, *match.span())
            result.append(DateMention(span, sentence.index, day.isoformat(), "day", relative=True))
            taken.append(match.span())
    return result + _periods(sentence, anchor=anchor, taken=taken)


def _weekday(body: str, match: re.Match[str], anchor: date, weekday: int) -> date:
    """The latest such day on or before the anchor; the next one after it for "next Friday" or after a
    future cue in the clause ("due to resume on Thursday")."""
    word = (match.group("last") or "").lower()
    if word == "next" or _patterns()["future"].search(body, 0, match.start()):
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=7 if word == "last" and back == 0 else back)


def _periods(sentence: Sentence, *, anchor: date, taken: list[tuple[int, int]]) -> list[DateMention]:
    """ "last year", "next month": the anchor's year or month moved, at year or month precision."""
    table = lexicon_section("dates", "relative_periods")
    result = []
    for match in _patterns()["period"].finditer(sentence.span.text):
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        precision, offset = table[" ".join(match.group("period").lower().split())]
        if precision == "year":
            value = f"{anchor.year + int(offset):04d}"
        else:
            months = anchor.year * 12 + anchor.month - 1 + int(offset)
            value = f"{months // 12:04d}-{months % 12 + 1:02d}"
        span = _span(sentence, *match.span())
        result.append(DateMention(span, sentence.index, value, str(precision), relative=True))
        taken.append(match.span())
    return result


def _with_relation(mention: DateMention, sentence: Sentence) -> DateMention:
    before = sentence.span.text[: mention.span.start - sentence.span.start].lower()
    words = " ".join(re.findall(r"[a-z]+", before)[-4:])
    for phrase, relation in sorted(lexicon_section("dates", "relations").items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(phrase)}(?: (?:early|late|mid|the end of|the start of))?$", words):
            return DateMention(
                mention.span,
                mention.sentence,
                mention.value,
                mention.precision,
                relation=str(relation),
                relative=mention.relative,
            )
    return mention


def _span(sentence: Sentence, start: int, end: int) -> Span:
    base = sentence.span.start
    return Span(base + start, base + end, sentence.span.text[start:end])
