"""Attribution families of wire copy: a source named after a passive "claimed by", a document between
"according to" and its source, speakers with a place or an anonymity aside after them, and quotations of
several sentences closed by "…,” said X". Sentences are the project's own, about assorted conflicts."""

from __future__ import annotations

import pytest

from kg.extract.mentions import ArticleMentions
from kg.extract.pipeline import extract


def sources(mentions: ArticleMentions) -> list[tuple[str, str]]:
    """(claim class, last IRI segment of the source) of every claim, in text order."""
    return [(a.claim_class, a.source.rsplit("/", 1)[-1]) for a in mentions.attributions]


def source_labels(mentions: ArticleMentions) -> list[str]:
    labels = {e.iri: e.label.lower() for e in mentions.entities}
    return [labels.get(a.source, a.source.rsplit("/", 1)[-1]) for a in mentions.attributions]


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "A car bomb exploded near the market in Kismayo, in an attack later claimed by al-Shabaab.",
            "al-shabaab",
        ),
        (
            "Two rockets hit the airport overnight, an attack that was claimed within hours by Hezbollah.",
            "hezbollah",
        ),
        ("The ambush, claimed by the Islamic State, killed nine soldiers near Palmyra.", "islamic-state"),
        ("The suicide bombing was claimed by the Islamic State in a message to reporters.", "islamic-state"),
    ],
)
def test_a_passive_claimed_by_names_the_source_after_it(sentence: str, source: str) -> None:
    m = extract(sentence)
    assert sources(m) == [("Allegation", source)]
    assert m.attributions[0].events  # the claimed attack is what the claim is about


def test_a_passive_confirmed_by_is_a_confirmation() -> None:
    m = extract("The deaths of four aid workers in Darfur were confirmed by the United Nations on Friday.")
    assert ("Confirmation", "united-nations") in sources(m)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        (
            "Twelve civilians were killed in Idlib, according to a statement from the White Helmets.",
            "white-helmets",
        ),
        ("More than 400 people died in the clashes, according to figures released by the Red Cross.", "icrc"),
        (
            "At least 30 fighters were killed, according to the latest tally by the Observatory.",
            "syrian-observatory-for-human-rights",
        ),
        ("Some 9,000 families fled, according to the health ministry's own figures.", "health-ministry"),
    ],
)
def test_a_document_may_stand_between_according_to_and_its_source(sentence: str, source: str) -> None:
    m = extract(sentence)
    assert sources(m) == [("Report", source)]
    assert m.attributions[0].figures


def test_according_to_a_statement_without_a_source_names_nobody() -> None:
    m = extract("Dozens of militants were killed, according to a statement read on national radio.")
    assert m.attributions == []


def test_a_capital_after_the_speaker_is_where_it_sits_not_who_speaks() -> None:
    m = extract("The Houthi-run education ministry in Sanaa said the air raid killed nine pupils.")
    assert sources(m) == [("Report", "houthi-run-education-ministry")]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "A police officer, speaking on condition of anonymity, said gunmen had killed three farmers.",
            "police-officer",
        ),
        (
            "A senior army officer, who asked not to be named, said four soldiers were killed in the ambush.",
            "senior-army-officer",
        ),
        ("A doctor at the main hospital in Goma told reporters that 11 people had died.", "doctor"),
        ("A nurse at the scene said at least seven wounded children were brought in.", "nurse"),
    ],
)
def test_an_unnamed_speaker_keeps_his_words_across_a_modifier_or_an_anonymity_aside(
    sentence: str, speaker: str
) -> None:
    m = extract(sentence)
    assert sources(m) == [("Report", speaker)], [e.span.text for e in m.entities]
    (claim,) = m.attributions
    assert "/article/" in claim.source  # an article-scoped unnamed person
    assert claim.figures  # the count after the aside is what the speaker said


def test_a_ceasefire_committee_run_by_both_sides_is_the_source_not_one_of_the_sides() -> None:
    m = extract(
        "The monitoring team jointly run by the army and the rebels said on Monday that two soldiers were "
        "killed in a firefight."
    )
    assert source_labels(m) and all("team" in label for label in source_labels(m)), source_labels(m)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Residents waited outside the clinic. “We heard the explosions all night. "
            "Nobody came to help us,” said Amina Yusuf, a mother of four.",
            "amina-yusuf",
            "We heard the explosions all night. Nobody came to help us",
        ),
        (
            '"The militia burned the market. Then they took our cattle," said Peter Deng, a farmer.',
            "peter-deng",
            "The militia burned the market. Then they took our cattle",
        ),
    ],
)
def test_a_quotation_of_several_sentences_belongs_to_the_speaker_after_it(
    text: str, speaker: str, quote: str
) -> None:
    m = extract(text)
    assert sources(m) == [("Quotation", speaker)]
    assert m.attributions[0].quote == quote  # both sentences, not only the one next to "said"


def test_a_head_noun_after_a_named_source_keeps_the_named_source() -> None:
    m = extract("The United Nations mission in the country said two peacekeepers were wounded on the road.")
    assert ("Report", "united-nations") in sources(m)


def test_plural_organisations_speak_when_modified() -> None:
    m = extract("Human rights groups accused the army of detaining at least 20 villagers without charge.")
    assert any("groups" in label for label in source_labels(m)), source_labels(m)


def test_a_territorial_claim_by_two_sides_is_not_a_report() -> None:
    m = extract("The island is claimed by both China and Vietnam.")
    assert m.attributions == []


def test_a_body_inside_a_named_source_speaks_but_a_describing_noun_does_not() -> None:
    office = extract("More than 12,000 people have fled, according to the UN humanitarian office.")
    assert sources(office) == [("Report", "un-humanitarian-office")]
    service = extract("Eight people were killed, according to the White Helmets rescue service.")
    assert [s for _, s in sources(service)] == ["white-helmets"], sources(service)


def test_an_acronym_in_brackets_names_a_source_only_partly_recognised() -> None:
    m = extract(
        "The bombing was claimed by Islamic State Khorasan Province (ISKP), the group's regional branch."
    )
    # the whole name, never the "Islamic State" it begins with
    assert sources(m) == [("Allegation", "islamic-state-khorasan-province")]


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        (
            "Amnesty International earlier this month accused the army of killing 12 civilians in Darfur.",
            ("Allegation", "amnesty-international"),
        ),
        (
            "Human Rights Watch on Tuesday said soldiers had killed 14 villagers near Djibo.",
            ("Report", "human-rights-watch"),
        ),
        (
            "Human Rights Watch last week accused the militia of killing at least 30 civilians.",
            ("Allegation", "human-rights-watch"),
        ),
    ],
)
def test_a_time_between_the_speaker_and_the_verb_keeps_the_speaker(
    sentence: str, claim: tuple[str, str]
) -> None:
    m = extract(sentence)
    assert sources(m) == [claim]
    assert m.attributions[0].figures


@pytest.mark.parametrize(
    "text",
    [
        '"They burned every house in the village," said the teacher, who asked not to be named.',
        "“Nobody has come to help us,” said a farmer from the district.",
    ],
)
def test_an_unnamed_speaker_after_a_quotation_says_it(text: str) -> None:
    m = extract(text)
    assert [a.claim_class for a in m.attributions] == ["Quotation"], sources(m)
    assert "/article/" in m.attributions[0].source
