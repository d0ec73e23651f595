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
# the verb continues the clause of an earlier one: "… and said", "…, saying", "… and later told"
_SHARED_SUBJECT = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:also\s+|later\s+|then\s+)?$")
# what may stand before the subject that opens a sentence
_SUBJECT_LEAD = re.compile(r"[\s\"“‘'*•-]*(?:(?:the|a|an)\s+)?", re.IGNORECASE)
# the addressee of "told": "told reporters", "told Example Wire", "told the agency", "told AFP by phone"
_ADDRESSEE = re.compile(
    r"\s+(?:(?:the\s+)?(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|the\s+\w+|him|her"
    r"|them|us|me)|(?:[A-Z][\w’'.&-]*)(?:\s+[A-Z][\w’'.&-]*){0,3})(?![\w’'-])"
)
# nothing but circumstances after the verb: "said on Tuesday.", "said in a statement.", "said on condition
# of anonymity." (no "that", no quotation, no new clause)
_CIRCUMSTANCES = re.compile(
    r"(?:\s*(?:on|in|at|by|from|during|late|early|last|this|via|through|under|over|later|earlier|separately)"
    r"\b[^,;:“”\"]*?)?\s*[.!?]?\s*$"
)
_QUOTE_OPEN = re.compile(r"^[^“\"]*[“\"]")
_QUOTE_CLOSE = re.compile(r"[”\"]")
_MAX_QUOTED_SENTENCES = 5


def without_aside(text: str, sentence: Sentence, verb_start: int) -> int:
    """Where the verb's subject ends: before a relative clause set off by commas right before the verb
    ("The Sudanese Armed Forces, which still hold the city, said" → after "Forces"); else ``verb_start``."""
    aside = _ASIDE_BEFORE.search(text, sentence.span.start, verb_start)
    if aside is None:
        return verb_start
    if not any(s == aside.start() for s, _ in parentheticals(sentence)):
        return verb_start
    return aside.start()


def shared_subject(text: str, sentence: Sentence, actors: Sequence[Arg], verb_start: int) -> Arg | None:
    """The actor opening the sentence when the verb continues its clause ("Government spokesman X denied
    that … and said …", "ISWAP claimed the attack, saying …"); ``None`` otherwise."""
    if not _SHARED_SUBJECT.search(text[sentence.span.start : verb_start]):
        return None
    first = next((a for a in actors if a.is_actor and not a.is_place and not _bare_role(a)), None)
    if first is None or first.span.end > verb_start:
        return None
    lead = _SUBJECT_LEAD.match(text, sentence.span.start, first.span.start)
    if lead is None or lead.end() != first.span.start:
        return None
    return first


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
