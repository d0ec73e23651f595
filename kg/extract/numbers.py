"""Numbers as written in news text: digits ("1,200", "4.5"), words ("four", "twenty-five"), scaled
amounts ("four million", "1.2m"), fixed phrases ("a dozen") and vague plurals ("dozens", "thousands").

The words live in ``data/lexicon/numbers.yaml``. :data:`number_regex` matches one amount; :func:`parse_amount`
turns the matched text into an :class:`Amount`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.lexicon import lexicon_section


@dataclass(frozen=True)
class Amount:
    value: int
    vague: bool  # True for "dozens", "thousands": value is then a documented minimum


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def number_regex() -> re.Pattern[str]:
    """One amount: a vague plural, a fixed phrase, or a (digit or word) number with an optional scale."""
    units = _alternation(list(lexicon_section("numbers", "units")))
    scales = _alternation(list(lexicon_section("numbers", "scales")))
    fixed = _alternation(list(lexicon_section("numbers", "fixed")))
    vague = _alternation(list(lexicon_section("numbers", "vague")))
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    words = rf"(?:{units})(?:[-\s](?:{units}))?"
    pattern = (
        rf"(?<![\w.,])(?:(?P<vague>{vague})|(?P<fixed>{fixed})"
        rf"|(?P<base>{digits}|{words})(?:\s*(?P<scale>{scales})\b)?)(?![\w]|[.,]\d)"
    )
    return re.compile(pattern, re.IGNORECASE)


def parse_amount(text: str) -> Amount | None:
    """The amount written in ``text`` (one match of :func:`number_regex`), or ``None``."""
    match = number_regex().fullmatch(text.strip())
    if match is None:
        return None
    return amount_of(match)


def amount_of(match: re.Match[str]) -> Amount | None:
    """The amount of a :func:`number_regex` match."""
    if match.group("vague"):
        table = lexicon_section("numbers", "vague")
        return Amount(int(table[_key(match.group("vague"))]), vague=True)
    if match.group("fixed"):
        return Amount(int(lexicon_section("numbers", "fixed")[_key(match.group("fixed"))]), vague=False)
    base = _base_value(match.group("base"))
    if base is None:
        return None
    scale = match.group("scale")
    factor = int(lexicon_section("numbers", "scales")[scale.lower()]) if scale else 1
    return Amount(int(round(base * factor)), vague=False)


def _key(words: str) -> str:
    return " ".join(words.lower().split())


def _base_value(text: str) -> float | None:
    if text[0].isdigit():
        return float(text.replace(",", ""))
    units = lexicon_section("numbers", "units")
    parts = re.split(r"[-\s]+", text.lower())
    if not all(p in units for p in parts):
        return None
    return float(sum(int(units[p]) for p in parts))
