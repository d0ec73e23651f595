"""Figures: counted amounts with a qualifier, a measure and a counted group.

"over 50 towns and villages" → AtLeast 50, CapturedSettlements; "thousands of insurgents" → Vague, minValue
from the numbers lexicon, Combatants/Fighters; "killed four people, including two students" → Deaths 4
People and Deaths 2 Students, the second a subset of the first. All words are in
``data/lexicon/figures.yaml`` (qualifiers, counted nouns, group adjectives, measure cues, subset cues) and
``data/lexicon/numbers.yaml``. A number without a counted noun (or toll phrase) is not a figure.

The measure of a group noun comes first from the verb of the clause the figure is the subject of ("1.9
million people … have been displaced"), else from the nearest cue word. A range ("3,000 to 4,000") has
minValue and maxValue and the qualifier Vague. A small count after a possessive ("with her three children")
is no figure unless it counts harm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from kg.extract.figure_clauses import fact_box, fact_box_group, inherit_groups, object_verb, passive_after
from kg.extract.grouping import by_sentence
from kg.extract.lexicon import lexicon, lexicon_section
from kg.extract.mentions import EntityMention, FigureMention, Sentence, Span
from kg.extract.numbers import amount_of, number_regex

_GROUP_RANK = {
    None: 0,
    "People": 0,
    "Civilians": 1,
    "Fighters": 1,
    "Soldiers": 1,
    "Students": 2,
    "Children": 2,
    "Women": 2,
}


@dataclass(frozen=True)
class _Counted:
    end: int  # offset (in the sentence) just after the counted noun
    unit_text: str
    noun: dict[str, Any]
    group: str | None


def _phrases(words: Sequence[str] | dict[str, Any]) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _regexes() -> dict[str, re.Pattern[str]]:
    lex = lexicon("figures")
    return {
        "qualifier": re.compile(rf"\b(?P<q>{_phrases(lex['qualifiers'])})\s+$", re.IGNORECASE),
        "noun": re.compile(rf"(?P<n>{_phrases(lex['nouns'])})\b", re.IGNORECASE),
        "adjective": re.compile(rf"(?P<a>{_phrases(lex['group_adjectives'])})\s+", re.IGNORECASE),
        "filler": re.compile(rf"(?:{_phrases(lex['fillers'])})\s+", re.IGNORECASE),
        "toll": re.compile(rf"\b(?P<t>{_phrases(lex['toll_phrases'])})\b[^.;,]{{0,30}}$", re.IGNORECASE),
        "month": re.compile(rf"\b(?:{_phrases(lexicon_section('dates', 'months'))})\.?\s+$", re.IGNORECASE),
    }


def find_figures(
    text: str, sentences: Sequence[Sentence], entities: Sequence[EntityMention]
) -> list[FigureMention]:
    """Every figure in the sentences, in text order; ``subset_of`` indexes into the returned list."""
    result: list[FigureMention] = []
    entities_of = by_sentence(entities)
    for sentence in sentences:
        local = entities_of.get(sentence.index, [])
        found = [f for m in number_regex().finditer(sentence.span.text) if (f := _figure(sentence, m, local))]
        result += _link_subsets(inherit_groups(found, sentence), sentence, offset=len(result))
    return result


def _figure(sentence: Sentence, match: re.Match[str], entities: list[EntityMention]) -> FigureMention | None:
    body = sentence.span.text
    before = body[: match.start()]
    regexes = _regexes()
    if regexes["month"].search(before):
        return None  # part of a date: "November 29"
    amount = amount_of(match)
    if amount is None or _upper_of_range(before) or _not_a_count(body, match):
        return None
    upper = _range_end(body, match)
    counted = _counted(sentence, upper.end() if upper else match.end(), entities)
    if counted is not None and not counted.noun.get("measure") and _counts_sources(body, before, counted.end):
        return None  # "two health workers told reporters": a count of sources, not of victims
    measure = _measure(body, match, counted)
    if measure is None or _family_aside(before, amount.value, measure):
        return None
    qualifier_match = regexes["qualifier"].search(before)
    qualifier = "Vague" if amount.vague or upper else _qualifier(qualifier_match)
    start = qualifier_match.start() if qualifier_match and not amount.vague else match.start()
    end = counted.end if counted else (upper or match).end()
    value, low, high = _values(qualifier, amount.value)
    if upper is not None:  # "3,000 to 4,000": a range, minValue and maxValue
        high = _amount_value(upper)
    span = Span(sentence.span.start + start, sentence.span.start + end, body[start:end])
    group = counted.group if counted else fact_box_group(before, regexes["noun"])
    unit = counted.unit_text if counted else ""
    return FigureMention(span, sentence.index, value, low, high, qualifier, measure, group, unit)


def _not_a_count(body: str, match: re.Match[str]) -> bool:
    """ "one of its fighters" (a partitive single) and a bare year ("in 2019 killed …") are no counts."""
    after = body[match.end() :]
    if match.group(0).lower() == "one" and re.match(r"\s+of\b", after):
        return True
    return (
        bool(re.fullmatch(r"(?:19|20)\d\d", match.group(0)))
        and _regexes()["noun"].match(after.lstrip()) is None
    )


_RANGE = re.compile(r"\s*(?:to|-|–|—)\s*")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+")
_POSSESSOR = re.compile(r"\b(?:her|his|their|my|our|your)\s+$", re.IGNORECASE)


def _range_end(body: str, match: re.Match[str]) -> re.Match[str] | None:
    """The upper number of a range ("3,000 to 4,000", "20-25"), when it is larger than the lower one."""
    joint = _RANGE.match(body, match.end())
    if joint is None and _BETWEEN.search(body, 0, match.start()):  # "between 30 and 40 people"
        joint = _AND.match(body, match.end())
    upper = number_regex().match(body, joint.end()) if joint else None
    if upper is None or upper.group("vague"):
        return None
    low, high = amount_of(match), amount_of(upper)
    return upper if low and high and high.value > low.value else None


def _upper_of_range(before: str) -> bool:
    """The number is the upper end of a range whose lower end stands just before it."""
    between = re.search(r"\bbetween\s+(\S+?)\s+and\s+$", before, re.IGNORECASE)
    if between is not None:
        return bool(number_regex().fullmatch(between.group(1)))
    joint = re.search(r"(?:^|\s)(\S+?)\s*(?:to|-|–|—)\s*$", before)
    return (
        joint is not None
        and re.search(r"\d", joint.group(1)) is not None
        and bool(number_regex().fullmatch(joint.group(1)))
    )


def _counts_sources(body: str, before: str, end: int) -> bool:
    """The counted people are the ones speaking ("two health workers told …", "according to three
    residents"): they are sources, not a figure."""
    verbs = _phrases(lexicon_section("figures", "source_verbs"))
    after = re.match(rf"\s*,?\s*(?:\w+ly\s+)?(?:{verbs})\b", body[end:], re.IGNORECASE)
    return after is not None or re.search(r"\baccording\s+to\s+$", before, re.IGNORECASE) is not None


def _amount_value(match: re.Match[str]) -> int | None:
    amount = amount_of(match)
    return amount.value if amount else None


def _family_aside(before: str, value: int, measure: str) -> bool:
    """ "fled with her three children": a small count after a possessive is a family, not a figure,
    unless it counts harm (deaths, injuries, casualties)."""
    harm = lexicon_section("figures", "harm_measures")
    return value < 10 and measure not in harm and _POSSESSOR.search(before) is not None


def _qualifier(match: re.Match[str] | None) -> str:
    if match is None:
        return "Exact"
    table = lexicon_section("figures", "qualifiers")
    return str(table[" ".join(match.group("q").lower().split())])


def _values(qualifier: str, amount: int) -> tuple[int | None, int | None, int | None]:
    if qualifier in ("AtLeast", "Vague"):
        return None, amount, None
    if qualifier == "AtMost":
        return None, None, amount
    return amount, None, None


def _counted(sentence: Sentence, position: int, entities: list[EntityMention]) -> _Counted | None:
    """The counted noun after the number, skipping fillers, group adjectives and actor names."""
    body, regexes = sentence.span.text, _regexes()
    nouns = lexicon_section("figures", "nouns")
    adjectives = lexicon_section("figures", "group_adjectives")
    cursor = position + len(body[position:]) - len(body[position:].lstrip())
    first, group = cursor, None
    for _ in range(6):
        adjective = regexes["adjective"].match(body, cursor)
        if adjective and regexes["noun"].match(body, adjective.end()):
            group = group or adjectives[adjective.group("a").lower()]
            cursor = adjective.end()
        elif noun := regexes["noun"].match(body, cursor):
            info = nouns[" ".join(noun.group("n").lower().split())]
            return _Counted(
                noun.end(),
                body[first : noun.end()].removeprefix("of ").strip(),
                info,
                group or info.get("group"),
            )
        elif people := _people_noun(sentence, cursor, entities):
            return _Counted(people, body[first:people].strip(), {}, None)  # "38,000 Palestinians"
        elif filler := regexes["filler"].match(body, cursor):
            cursor = filler.end()
        elif body[cursor : cursor + 1] in ('"', "“", "”", "'", "‘"):
            cursor += 1  # a quoted noun: 40 "terrorists"
        elif entity := next((e for e in entities if e.span.start - sentence.span.start == cursor), None):
            if inner := _noun_ending(body, entity, sentence.span.start, group):
                return replace(inner, unit_text=body[first : inner.end].removeprefix("of ").strip())
            cursor = entity.span.end - sentence.span.start
            cursor += len(body[cursor:]) - len(body[cursor:].lstrip())
        else:
            return None
        first = first if body[first:cursor].strip().lower() not in ("of", "of the") else cursor
    return None


def _noun_ending(body: str, entity: EntityMention, base: int, group: str | None) -> _Counted | None:
    """A counted noun that ends an actor mention ("3,000 Rwandan soldiers", "40 Houthi fighters")."""
    start, end = entity.span.start - base, entity.span.end - base
    nouns = lexicon_section("figures", "nouns")
    for noun in _regexes()["noun"].finditer(body, start, end):
        if noun.end() == end and (noun.start() == start or body[noun.start() - 1] == " "):
            info = nouns[" ".join(noun.group("n").lower().split())]
            return _Counted(end, body[start:end], info, group or info.get("group"))
    return None


def _people_noun(sentence: Sentence, cursor: int, entities: list[EntityMention]) -> int:
    """End (in the sentence) of a people named by an actor mention at ``cursor`` ("Palestinians",
    "Sudanese") that no counted noun follows; 0 when there is none."""
    entity = next((e for e in entities if e.span.start - sentence.span.start == cursor), None)
    if entity is None or not ("CollectiveActor" in entity.kinds or entity.how == "demonym"):
        return 0
    if re.search(rf"\b(?:{_regexes()['noun'].pattern})", entity.span.text, re.IGNORECASE):
        return 0  # "Syrian civilians": the counted noun is inside the mention
    end = entity.span.end - sentence.span.start
    following = sentence.span.text[end:].lstrip()
    if _regexes()["noun"].match(following) or _regexes()["adjective"].match(following):
        return 0
    return end


def _measure(body: str, match: re.Match[str], counted: _Counted | None) -> str | None:
    """The measure of the figure: from its noun, a cue word nearby, a toll phrase, or the noun's default."""
    if counted is None:
        return _bare_number_measure(body[: match.start()], body[match.end() :])
    noun = counted.noun
    if noun.get("needs_cue") == "capture" and not _has_capture_cue(body):
        return None
    if noun.get("measure"):
        return str(noun["measure"])
    if object_of := _cue_before(body[: match.start()]):
        return object_of
    default = str(noun["default_measure"]) if noun.get("default_measure") else None
    verb = _clause_verb().match(body, counted.end)
    if verb is not None and not _cue_regex().search(
        body, counted.end, verb.start("cue")
    ):  # "1.9 million people, about half of …, have been displaced"
        return _cue_measures()[" ".join(verb.group("cue").lower().split())]
    if re.match(
        r"\s+(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+)?(?:freed|released|rescued)\b",
        body[counted.end :],
    ):
        return default  # "three students freed": no harm, whatever another clause says
    is_object, verb_measure = object_verb(body[: match.start()], _strip_qualifier)
    if is_object:  # "freed three of the students": not the "killed" of another clause
        return verb_measure or passive_after(body[counted.end :], _cue_measures(), _cue_pattern()) or default
    return _nearest_cue(body, match.start(), counted.end) or default


def _bare_number_measure(before: str, after: str) -> str | None:
    """Measure of a number without a noun: after a toll phrase ("death toll rose to 300") or right after a
    cue verb ("killed 7, including …"); else ``None`` (a bare number is not a figure)."""
    toll = _regexes()["toll"].search(before)
    if toll:
        return str(lexicon_section("figures", "toll_phrases")[" ".join(toll.group("t").lower().split())])
    return (
        _cue_before(before)
        or passive_after(after, _cue_measures(), _cue_pattern())
        or fact_box(before, after, _label_measure)
    )


def _label_measure(label: str) -> str | None:
    cue = _cue_regex().search(label)
    return _cue_measures()[" ".join(cue.group(0).lower().split())] if cue else None


def _strip_qualifier(before: str) -> str:
    qualifier = _regexes()["qualifier"].search(before)
    return before[: qualifier.start()] if qualifier else before


def _cue_before(before: str) -> str | None:
    """The measure of a cue verb right before the figure, past its qualifier: the figure is its object
    ("killed more than 80 people and displaced some 50,000": Deaths, then Displaced)."""
    qualifier = _regexes()["qualifier"].search(before)
    head = before[: qualifier.start()] if qualifier else before
    head = re.sub(r"\b(?:a\s+total\s+of|a\s+further|another)\s+$", "", head, flags=re.IGNORECASE)
    for measure, words in lexicon_section("figures", "cues").items():
        if measure != "Population" and re.search(rf"\b(?:{_phrases(words)})\s+$", head, re.IGNORECASE):
            return str(measure)
    return None


@lru_cache(maxsize=1)
def _cue_measures() -> dict[str, str]:
    """Lower-case cue word → its measure, for every measure except Population."""
    cues = lexicon_section("figures", "cues")
    return {str(w).lower(): str(m) for m, ws in cues.items() if m != "Population" for w in ws}


@lru_cache(maxsize=1)
def _cue_pattern() -> str:
    return _phrases(_cue_measures())


@lru_cache(maxsize=1)
def _cue_regex() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_cue_pattern()})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _clause_verb() -> re.Pattern[str]:
    """The verb of a clause whose subject the figure is: "… have been displaced", "… were killed",
    "… are among the dead", within the clause (no ";" or sentence end)."""
    aux = r"(?:(?:have|has|had)\s+been|were|was|are|is|had|have)"
    return re.compile(
        rf"[^;.!?]{{0,160}}?\b{aux}\s+(?:\w+ly\s+)?(?:among\s+the\s+)?(?P<cue>{_phrases(_cue_measures())})\b",
        re.IGNORECASE,
    )


def _has_capture_cue(body: str) -> bool:
    cues = lexicon_section("figures", "capture_cues")
    return re.search(rf"\b(?:{_phrases(cues)})", body, re.IGNORECASE) is not None


def _nearest_cue(body: str, start: int, end: int) -> str | None:
    window = int(lexicon_section("figures", "cue_window"))
    best: tuple[int, str] | None = None
    for measure, words in lexicon_section("figures", "cues").items():
        for cue in re.finditer(rf"\b(?:{_phrases(words)})\b", body, re.IGNORECASE):
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            negated = re.search(r"\b(?:no|not|without)\s+$", body[: cue.start()], re.IGNORECASE)
            if 0 <= distance <= window and not negated and not _crosses_clause(body, cue.start(), start, end):
                if best is None or distance < best[0]:
                    best = (distance, str(measure))
    return best[1] if best else None


def _crosses_clause(body: str, cue_start: int, start: int, end: int) -> bool:
    between = body[cue_start:start] if cue_start < start else body[end:cue_start]
    return bool(re.search(r"[;:]|\bbut\b|\bwhile\b|\bwhereas\b", between))


def _link_subsets(found: list[FigureMention], sentence: Sentence, *, offset: int) -> list[FigureMention]:
    """Mark a figure of a narrower group after a subset cue as part of the previous figure."""
    cues = lexicon_section("figures", "subset_cues")
    linked = list(found)
    for i in range(1, len(found)):
        whole, part = linked[i - 1], linked[i]
        if whole.subset_of is not None and whole.measure not in lexicon_section("figures", "subset_measures"):
            continue
        between = sentence.span.text[
            whole.span.end - sentence.span.start : part.span.start - sentence.span.start
        ]
        if (
            whole.measure in lexicon_section("figures", "subset_measures")
            and _GROUP_RANK.get(part.counted_group, 0) > _GROUP_RANK.get(whole.counted_group, 0)
            and len(between) <= _SUBSET_REACH
            and _fits_inside(part, whole)
            and re.search(rf"\b(?:{_phrases(cues)})\b", between + part.span.text, re.IGNORECASE)
        ):  # the cue may stand inside the part: "four people, two of them students"
            unit = re.sub(r"^(?:them|whom)\s+", "", part.unit_text or "") or part.unit_text
            linked[i] = replace(part, subset_of=offset + i - 1, unit_text=unit)
    return linked


_SUBSET_REACH = 60  # characters between a figure and its part: "12 people, most of them women and children"


def _fits_inside(part: FigureMention, whole: FigureMention) -> bool:
    """A part can't be larger than its whole: "41 wounded … by several hundred fighters" is no subset."""
    low = part.value if part.value is not None else part.min_value
    high = whole.value if whole.value is not None else whole.max_value
    return low is None or high is None or low <= high

