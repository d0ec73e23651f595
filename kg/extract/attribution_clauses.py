"""Where a reporting verb's source and content lie when they are not simply next to it.

Helpers of :mod:`kg.extract.attributions` for wire constructions:

- a relative clause between the source and its verb ("The army, which holds the city, said …");
- a verb sharing the subject of its clause ("X denied the charge and said …", "X claimed the attack,
  saying …");
- the addressee of "told" ("two sources told Example Wire." ends the sentence: the content is before);
- a verb followed only by circumstances ("…, an official said on condition of anonymity.");
- a verb ending in a colon ("The mayor wrote on Telegram:"): the content is the quotation that follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.clauses import Arg, parentheticals
from kg.extract.mentions import Sentence

# "…, which still holds the city, said": a relative clause right before the verb
_ASIDE_BEFORE = re.compile(
    r",\s*(?:which|who|whose)\b[^,;:“”\"]*,\s*(?:also\s+|later\s+|(?:has|have|had)\s+)?$"
)
# "…, speaking on condition of anonymity, said", "…, who asked not to be named, said": an aside about the
# speaker's anonymity or manner, right before the verb
_MANNER_ASIDE = re.compile(
    r",\s*(?:speaking|citing|requesting|asking|declining|who\s+(?:asked|spoke|requested|declined|was\s+not|is\s+not"
    r"|were\s+not|are\s+not))\b[^,;:“”\"]{0,90},\s*(?:also\s+|later\s+)?$"
)
# a time between the speaker and the verb: "Amnesty International earlier this month accused …"
_TIME_BEFORE = re.compile(
    r"\s+(?:(?:earlier|later)\s+(?:this|last)\s+(?:week|month|year)|(?:on|last|this)\s+(?:[A-Z][a-z]+day|week"
    r"|month|year|weekend)|(?:on\s+)?[A-Z][a-z]+day|overnight|yesterday|today)\s*$"
)
# a modifier after the speaker, right before the verb: "a doctor at a hospital in the capital told", "a nurse
# at the scene said", "the committee jointly run by the army and the rebels said"
_POST_MODIFIER = re.compile(
    r"\s+(?:(?:at|in|from|with)\s+(?:the|an?)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*"
    r"(?:\s+(?:in|at|of)\s+(?:the\s+)?[\w-]+)?"
    r"|(?:[a-z]+ly\s+)?(?:run|led|backed|based|headed|chaired|set\s+up)\s+(?:by|in)\s+[^,;:.“”\"]{1,50}?)\s*$"
)
# a common head noun continuing the speaker's name: "the UN mission (in the country) said", "the army's
# media office said"
_HEAD_TAIL = re.compile(
    r"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:mission|agency|office|wing|command|team|spokes(?:man|woman|person))\s*$"
)
# a place after the speaker ("the health ministry in Sanaa said"): a capital standing for a government is
# there a locative, not the speaker
_LOCATIVE_BEFORE = re.compile(r"\s+(?:in|at|near|from|based\s+in)\s+(?:the\s+)?$")
# the verb continues the clause of an earlier one: "… and said", "…, saying", "… and later told"
_SHARED_SUBJECT = re.compile(r"(?:,\s*(?:and\s+|but\s+)?|\s+(?:and|but)\s+)(?:also\s+|later\s+|then\s+)?$")
# where a clause with its own subject begins: "Police blamed X, but the forum denied … and said …"
_CLAUSE_START = re.compile(r";\s*|,\s*(?:but|while|whereas)\s+")
# what may stand before the subject that opens a sentence
_SUBJECT_LEAD = re.compile(r"[\s\"“‘'*•-]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
# the addressee of "told": "told reporters", "told Example Wire", "told the agency", "told AFP by phone"
_ADDRESSEE = re.compile(
    r"\s+(?:(?:the\s+)?(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|the\s+\w+|him|her"
    r"|them|us|me)|(?:[A-Z][\w’'.&-]*)(?:\s+[A-Z][\w’'.&-]*){0,3}"
    # any short common noun phrase that ends the clause: "told humanitarian partners.", "told a briefing on …"
    r"|(?:(?:a|an|the)\s+)?(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*(?=\s*(?:[.,;!?]|$|(?:on|in|at|by|late|early"
    r"|last|this|during|via|after|before|shortly)\b)))(?![\w’'-])"
)
# nothing but circumstances after the verb: "said on Tuesday.", "said in a statement.", "said on condition
# of anonymity." (no "that", no quotation, no new clause; "said at least seven …" is a figure, not a time)
_CIRCUMSTANCES = re.compile(
    r"(?:\s*(?:on|in|at|by|from|during|late|early|last|this|via|through|under|over|later|earlier|separately)"
    r"\b(?!\s+(?:least|most|all)\b)[^,;:“”\"]*?)?\s*[.!?]?\s*$"
)
_QUOTE_OPEN = re.compile(r"^[^“\"]*[“\"]")
_QUOTE_CLOSE = re.compile(r"[”\"]")
_MAX_QUOTED_SENTENCES = 5


def without_aside(text: str, sentence: Sentence, verb_start: int) -> int:
    """Where the verb's subject ends: before a relative clause set off by commas right before the verb
    ("The Sudanese Armed Forces, which still hold the city, said" → after "Forces"), or before an aside about
    anonymity ("A police officer, speaking on condition of anonymity, said") or a modifier ("a nurse at the
    scene said"); else ``verb_start``."""
    time = _TIME_BEFORE.search(text, sentence.span.start, verb_start)
    verb_start = time.start() if time is not None and time.start() > sentence.span.start else verb_start
    manner = _MANNER_ASIDE.search(text, sentence.span.start, verb_start)
    if manner is not None:
        verb_start = manner.start()
    modifier = _POST_MODIFIER.search(text, sentence.span.start, verb_start)
    if modifier is not None and modifier.start() > sentence.span.start:
        verb_start = modifier.start()
    if manner is not None or modifier is not None or time is not None:
        return verb_start
    aside = _ASIDE_BEFORE.search(text, sentence.span.start, verb_start)
    if aside is None:
        return verb_start
    if not any(s == aside.start() for s, _ in parentheticals(sentence)):
        return verb_start
    return aside.start()


def shared_subject(text: str, sentence: Sentence, actors: Sequence[Arg], verb_start: int) -> Arg | None:
    """The actor opening the verb's clause when the verb continues it ("Government spokesman X denied
    that … and said …", "ISWAP claimed the attack, saying …", "Police blamed X, but the forum denied it and
    said …": the clause after "but" or ";" has its own subject); ``None`` otherwise."""
    if not _SHARED_SUBJECT.search(text[sentence.span.start : verb_start]):
        return None
    starts = [m.end() for m in _CLAUSE_START.finditer(text, sentence.span.start, verb_start)]
    for start in [*reversed(starts), sentence.span.start]:
        candidates = (a for a in actors if a.span.start >= start and a.is_actor and not a.is_place)
        first = next((a for a in candidates if not _bare_role(a)), None)
        if first is None or first.span.end > verb_start:
            continue
        lead = _SUBJECT_LEAD.match(text, start, first.span.start)
        if lead is not None and lead.end() == first.span.start:
            return first
        if start == sentence.span.start:
            return None
    return None


def _bare_role(arg: Arg) -> bool:
    """A role word alone ("The official news agency …"): too likely an adjective to open a clause."""
    return arg.role_kind is not None and len(arg.span.text.split()) == 1


def after_addressee(text: str, verb: str, end: int, limit: int) -> int:
    """The offset after the addressee of "told" ("told reporters", "told Example Wire"), else ``end``."""
    if verb.lower() != "told":
        return end
    addressee = _ADDRESSEE.match(text, end, limit)
    return addressee.end() if addressee else end


def only_circumstances(text: str, start: int, end: int) -> bool:
    """True when [start, end) holds nothing the verb could report: "on Tuesday.", "in a statement."."""
    rest = text[start:end]
    return bool(_CIRCUMSTANCES.fullmatch(rest)) and not re.search(r"\bthat\b", rest)


def quoted_continuation(
    text: str, sentences: Sequence[Sentence], sentence: Sentence, verb_end: int
) -> tuple[int, int] | None:
    """ "The mayor wrote on Telegram:" followed by a quotation: the (start, end) of the quoted sentences."""
    tail = text[verb_end : sentence.span.end]
    if not tail.rstrip().endswith(":") or re.search(r"[“\"]", tail):
        return None
    following = sentences[sentence.index + 1 : sentence.index + 1 + _MAX_QUOTED_SENTENCES]
    if not following or not _QUOTE_OPEN.match(following[0].span.text):
        return None
    opened = _QUOTE_OPEN.match(following[0].span.text)
    assert opened is not None
    start = following[0].span.start
    for index, quoted in enumerate(following):
        body = quoted.span.text[opened.end() :] if index == 0 else quoted.span.text
        if _QUOTE_CLOSE.search(body):
            return start, quoted.span.end
    return None


def before_head_noun(text: str, sentence: Sentence, subject_end: int) -> int | None:
    """Where a speaker's name ends before a common head noun ("the UN mission said", "the army's media
    office said"), or ``None``."""
    tail = _HEAD_TAIL.search(text, sentence.span.start, subject_end)
    return tail.start() if tail is not None and tail.start() > sentence.span.start else None


def past_locative(text: str, actors: Sequence[Arg], subject: Arg) -> Arg:
    """The speaker before a locative ("the health ministry in Sanaa said" → the ministry, not the capital
    that stands for a government): the actor right before "in"/"at"/"from" + ``subject``, else ``subject``."""
    lead = _LOCATIVE_BEFORE.search(text, max(0, subject.span.start - 16), subject.span.start)
    if lead is None:
        return subject
    before = [a for a in actors if a.span.end <= lead.start() and not a.is_place]
    if before and re.fullmatch(r"\s*", text[before[-1].span.end : lead.start()]):
        return before[-1]
    return subject


def quote_opening(text: str, sentences: Sequence[Sentence], sentence: Sentence, end: int) -> int | None:
    """Where a quotation that closes in ``sentence`` before ``end`` but opened in an earlier sentence
    begins (a quotation of several sentences before "…,” said X"); ``None`` otherwise."""
    head = text[sentence.span.start : end]
    if not re.search(r"[”\"]", head) or re.search(r"[“]", head) or head.count('"') > 1:
        return None
    for earlier in reversed(sentences[max(0, sentence.index - _MAX_QUOTED_SENTENCES) : sentence.index]):
        body = earlier.span.text
        curly, closing, straight = body.count("“"), body.count("”"), body.count('"')
        if curly + closing + straight == 0:
            continue  # a sentence inside the quotation
        if (curly, closing, straight) in ((1, 0, 0), (0, 0, 1)):
            return earlier.span.start + max(body.rfind("“"), body.rfind('"'))
        return None
    return None
