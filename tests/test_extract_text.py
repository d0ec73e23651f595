"""Sentence splitting: exact offsets, trimmed spans, and the kind of each line of an article."""

from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.extract.lexicon import lexicon
from kg.extract.text import normalise_text, split_sentences

ARTICLE = """Militia seizes border town after two-day battle
Key Points
- Fighters took the town of Kharbat on Sunday.
• Aid convoys were halted.
Fighting Spreads North
Mr. Haddad, an official, said the U.S. embassy was warned. Residents fled! Was it expected? "No," he said.
Drone footage shows the convoy burning. pic.twitter.com/AbC123xyz
— Frontline Watch (@frontlinewatch) March 3, 2024
The army said it would respond."""


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.span.text) for s in split_sentences(text)]


def test_every_sentence_span_is_exact_and_trimmed() -> None:
    for sentence in split_sentences(ARTICLE):
        assert ARTICLE[sentence.span.start : sentence.span.end] == sentence.span.text
        assert sentence.span.text == sentence.span.text.strip()


def test_sentences_are_numbered_in_text_order() -> None:
    sentences = split_sentences(ARTICLE)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert [s.span.start for s in sentences] == sorted(s.span.start for s in sentences)


def test_line_kinds_headline_heading_bullet_post_byline_body() -> None:
    got = kinds_and_texts(ARTICLE)
    assert got[0] == ("headline", "Militia seizes border town after two-day battle")
    assert got[1] == ("heading", "Key Points")
    assert got[2] == ("bullet", "Fighters took the town of Kharbat on Sunday.")
    assert got[3] == ("bullet", "Aid convoys were halted.")
    assert got[4] == ("heading", "Fighting Spreads North")
    assert ("post", "Drone footage shows the convoy burning. pic.twitter.com/AbC123xyz") in got
    assert ("post-byline", "— Frontline Watch (@frontlinewatch) March 3, 2024") in got
    assert got[-1] == ("body", "The army said it would respond.")


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    got = [t for k, t in kinds_and_texts(ARTICLE) if k == "body"]
    assert "Mr. Haddad, an official, said the U.S. embassy was warned." in got
    assert "Residents fled!" in got
    assert "Was it expected?" in got
    assert '"No," he said.' in got
    assert [t for _, t in kinds_and_texts("Gen. J. Smith spoke. Then he left.")] == [
        "Gen. J. Smith spoke.",
        "Then he left.",
    ]


def test_a_single_paragraph_is_all_body() -> None:
    assert {k for k, _ in kinds_and_texts("Shelling hit the port. Two ships burned.")} == {"body"}


def test_inline_post_byline_is_split_from_the_post_text() -> None:
    text = "Rebels in the square https://t.co/xyz — News Desk (@newsdesk) May 2, 2023"
    assert kinds_and_texts(text) == [
        ("post", "Rebels in the square https://t.co/xyz"),
        ("post-byline", "— News Desk (@newsdesk) May 2, 2023"),
    ]


def test_normalise_text_fixes_line_ends_bom_and_trailing_blanks() -> None:
    assert normalise_text("\ufeffA line.  \r\nNext\u00a0one.\r\n") == "A line.\nNext one."


def test_seed_article_structure(seed_text: str) -> None:
    sentences = split_sentences(seed_text)
    kinds = [s.kind for s in sentences]
    assert kinds[0] == "headline"
    assert kinds.count("bullet") == 5
    assert kinds.count("post") == 1 and kinds.count("post-byline") == 1
    assert kinds.index("post") + 1 == kinds.index("post-byline")
    assert all(seed_text[s.span.start : s.span.end] == s.span.text for s in sentences)


def test_missing_lexicon_file_is_a_one_line_input_error() -> None:
    with pytest.raises(InputError, match=r"no-such-lexicon\.yaml: lexicon file not found"):
        lexicon("no-such-lexicon")
