"""How converting scales with the length of one text: generated articles joined into one long document of
1, 10 and 40 articles (a long report, a live blog running for days), timed per sentence. A converter that
scans the whole article for every sentence shows up here as a per-sentence cost that grows with length."""

from __future__ import annotations

import time
from pathlib import Path

JOINED = (1, 10, 40)  # articles joined into one text
JOINED_QUICK = (1, 4)


def time_long_articles(paths: list[Path], *, joined: tuple[int, ...] = JOINED) -> dict[str, float]:
    """``{"N articles (S sentences)": ms per sentence}`` for each N of JOINED."""
    from kg.convert import convert, read_article
    from kg.extract.text import split_sentences

    texts = [read_article(path) for path in paths[: max(joined)]]
    timings: dict[str, float] = {}
    if not texts:
        return timings
    convert(texts[0][0], meta=texts[0][1])  # warm up: lexicons, gazetteer and regexes load once
    for count in joined:  # a small corpus is cycled through
        text = "\n\n".join(texts[i % len(texts)][0] for i in range(count))
        sentences = len(split_sentences(text))
        started = time.perf_counter()
        convert(text, meta=texts[0][1])
        elapsed_ms = (time.perf_counter() - started) * 1000
        timings[f"{count} articles ({sentences} sentences)"] = elapsed_ms / sentences
    return timings


def scaling_lines(timings: dict[str, float]) -> list[str]:
    """The per-sentence times and the ratio longest / shortest (1.0 = linear)."""
    if not timings:
        return []
    lines = ["", f"{'one long text: convert':<44}{'ms/sentence':>12}"]
    lines += [f"{label:<44}{ms:>12.1f}" for label, ms in timings.items()]
    values = list(timings.values())
    lines.append(f"  per-sentence cost, longest / shortest: {values[-1] / values[0]:.2f}× (1.00× = linear)")
    return lines
