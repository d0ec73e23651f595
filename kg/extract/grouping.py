"""Mentions grouped by the sentence they stand in, built once per article so that a stage can look at one
sentence's mentions without scanning the whole article for each sentence (linear time on long texts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _InSentence(Protocol):
    @property
    def sentence(self) -> int: ...


M = TypeVar("M", bound=_InSentence)


def by_sentence(mentions: Iterable[M]) -> dict[int, list[M]]:
    """Sentence index -> the mentions of that sentence, in their original order."""
    grouped: dict[int, list[M]] = {}
    for mention in mentions:
        grouped.setdefault(mention.sentence, []).append(mention)
    return grouped
