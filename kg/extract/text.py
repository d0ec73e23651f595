"""Text normalisation and sentence splitting with exact character offsets and sentence kinds.

Kinds (see :class:`kg.extract.mentions.Sentence`): ``headline`` (the first line, when it is a single
sentence followed by more text), ``heading`` (a short line without final punctuation: "At a Glance",
section titles), ``bullet`` (a line opened by a list marker; the marker is not part of the sentence),
``post`` (the text of an embedded social-media post: the line before a post byline), ``post-byline``
(a line like "— Name (@handle) Month D, YYYY") and ``body`` (everything else, split into sentences).

Every sentence satisfies ``text[s.span.start:s.span.end] == s.span.text`` and is trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import lexicon_section
from kg.extract.mentions import Sentence, Span

# "— Clash Report (@clashreport) November 29, 2024": dash, author, handle, date (month-name or ISO).
POST_BYLINE = re.compile(
    r"(?P<dash>[—–]|-{1,2})\s*(?P<author>[^()\n—–]{1,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2})?\s*$"
)
URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/|t\.co/)\S+", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_CLOSING_PUNCT = tuple(".!?…\"”’')]:;")


def normalise_text(text: str) -> str:
    """Canonical form of an input text: NFC, no BOM, ``\\n`` line ends, no trailing blanks per line.

    Offsets of every mention refer to the normalised text, which is what the graph keeps as ``schema:text``.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each with exact offsets and a kind (see the module docstring)."""
    lines = [
        _Line(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()
    ]
    spans: list[tuple[Span, str]] = []
    for number, line in enumerate(lines):
        following = lines[number + 1] if number + 1 < len(lines) else None
        spans += _line_sentences(line, first=number == 0, multi_line=len(lines) > 1, following=following)
    return [Sentence(index=i, span=span, kind=kind) for i, (span, kind) in enumerate(spans)]


def _line_sentences(
    line: _Line, *, first: bool, multi_line: bool, following: _Line | None
) -> list[tuple[Span, str]]:
    byline = POST_BYLINE.search(line.text)
    if byline and (byline.start() == 0 or URL.search(line.text[: byline.start()])):
        before = _pieces(line.text[: byline.start()], line.start, "post")
        return before + _pieces(
            line.text[byline.start() :], line.start + byline.start(), "post-byline", split=False
        )
    if following is not None and _is_byline(following.text):
        return _pieces(line.text, line.start, "post", split=False)
    marker = _bullet_marker(line.text)
    if marker:
        return _pieces(line.text[marker:], line.start + marker, "bullet")
    sentences = _pieces(line.text, line.start, "body")
    if len(sentences) == 1 and multi_line:
        if first:
            return [(sentences[0][0], "headline")]
        if _looks_like_heading(line.text):
            return [(sentences[0][0], "heading")]
    return sentences


def _is_byline(text: str) -> bool:
    match = POST_BYLINE.search(text)
    return bool(match and match.start() == 0)


def _bullet_marker(text: str) -> int:
    """Length of the list marker (and following blanks) opening ``text``, 0 when there is none."""
    markers = "|".join(re.escape(m) for m in lexicon_section("text", "bullet_markers"))
    match = re.match(rf"\s*(?:{markers}|\d{{1,2}}[.)])\s+(?=\S)", text)
    return match.end() if match else 0


def _looks_like_heading(text: str) -> bool:
    stripped = text.strip()
    max_words = int(lexicon_section("text", "heading_max_words"))
    return (
        not stripped.endswith(_CLOSING_PUNCT) and len(stripped.split()) <= max_words and stripped[0].isupper()
    )


def _pieces(chunk: str, offset: int, kind: str, *, split: bool = True) -> list[tuple[Span, str]]:
    """Trimmed sentence spans of ``chunk`` (which starts at ``offset`` in the text)."""
    cuts = _boundaries(chunk) if split else []
    result: list[tuple[Span, str]] = []
    begin = 0
    for end in [*cuts, len(chunk)]:
        piece = chunk[begin:end]
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        if body:
            start = offset + begin + lead
            result.append((Span(start, start + len(body), body), kind))
        begin = end
    return result


def _boundaries(chunk: str) -> list[int]:
    """Offsets in ``chunk`` just after each sentence-final punctuation mark."""
    cuts = []
    for match in _BOUNDARY.finditer(chunk):
        if match.group(0)[0] == "." and _is_abbreviation(chunk, match.start()):
            continue
        cuts.append(match.end())
    return cuts


_LOOK_BACK = 64  # characters searched for the word before a full stop (a longer word is searched in full)


def _is_abbreviation(chunk: str, end: int) -> bool:
    """The word that ends at END of CHUNK is an initial or a known abbreviation. Only the last characters
    before END are searched, so a long text is split in linear time."""
    start = max(0, end - _LOOK_BACK)
    word = _WORD_BEFORE.search(chunk, start, end)
    if word is not None and word.start() == start > 0:
        word = _WORD_BEFORE.search(chunk, 0, end)
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: "J. Smith"
    return token.lower() in _abbreviations()


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(str(a).lower() for a in lexicon_section("text", "abbreviations"))
