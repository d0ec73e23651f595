"""Round 10 batteries (all sentences our own): a longer name built on a known group's name is a group of its
own ("Kataib Hezbollah", "Islamic State Sahel Province"), a one-word group opening a sentence before its
fighters ("Taliban fighters …"), and foreign troops named by a demonym standing for their state ("French
troops" in an article about another country)."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.mentions import EntityMention
from kg.extract.text import split_sentences


def mentions(text: str) -> list[EntityMention]:
    return find_entities(text, split_sentences(text), article_key="test")


def named(text: str) -> dict[str, str]:
    """Written span → last two IRI segments ("actor/kataib-hezbollah")."""
    return {m.span.text: "/".join(m.iri.rsplit("/", 2)[-2:]) for m in mentions(text)}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("A drone launched by Kataib Hezbollah struck the airbase overnight.", "Kataib Hezbollah"),
        ("Officials blamed Harakat Hezbollah al-Nujaba for the rocket fire.", "Harakat Hezbollah al-Nujaba"),
        ("The raid was claimed by Islamic State Sahel Province on Friday.", "Islamic State Sahel Province"),
        (
            "Fighters of Islamic State West Africa Province overran the base.",
            "Islamic State West Africa Province",
        ),
        (
            "Islamic State Khorasan Province said it carried out the bombing.",
            "Islamic State Khorasan Province",
        ),
        ("Rockets were fired by the Hamas Qassam Brigades, the army said.", "Hamas Qassam Brigades"),
    ],
)
def test_a_longer_name_holding_a_known_group_is_its_own_group(sentence: str, name: str):
    found = named(sentence)
    assert found.get(name) == "actor/" + name.lower().replace(" ", "-")
    assert "actor/hezbollah" not in found.values() and "actor/islamic-state" not in found.values()


@pytest.mark.parametrize(
    "sentence",
    [
        "Senior Hezbollah commander Ali Rida was killed in the strike.",
        "When Hezbollah fired rockets at the border town, sirens sounded.",
        "Lebanese Hezbollah fighters crossed the ridge.",
        "Israel struck Hezbollah positions in the south on Monday.",
        "Islamic State fighters attacked the checkpoint, the province said.",
    ],
)
def test_a_common_word_or_demonym_before_a_known_group_is_no_new_name(sentence: str):
    found = named(sentence)
    assert "actor/hezbollah" in found.values() or "actor/islamic-state" in found.values()
    assert not any(iri.endswith(("-hezbollah", "-islamic-state")) for iri in found.values())


def test_a_group_name_is_never_a_person_before_a_reporting_verb():
    found = named("Separately, Harakat Hezbollah al-Nujaba said it had fired two drones.")
    (mention,) = [
        m
        for m in mentions("Separately, Harakat Hezbollah al-Nujaba said it had fired two drones.")
        if m.span.text == "Harakat Hezbollah al-Nujaba"
    ]
    assert "Person" not in mention.kinds and found["Harakat Hezbollah al-Nujaba"].startswith("actor/")


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Taliban fighters attacked a police checkpoint in the district.", "Taliban"),
        ("Fano militants briefly seized the town before withdrawing.", "Fano"),
        ("Shabaab gunmen stormed the hotel late on Friday.", "Shabaab"),
    ],
)
def test_a_one_word_group_may_open_a_sentence_before_its_fighters(sentence: str, group: str):
    assert named(sentence).get(group, "").startswith("actor/")


@pytest.mark.parametrize(
    "sentence",
    [
        "Armed fighters attacked a police checkpoint.",
        "Seven gunmen were killed in the exchange of fire.",
        "Veteran fighters joined the new brigade.",
        "Young militants were seen on the road.",
        "Foreign fighters crossed the border at night.",
        "Wounded fighters were taken to the hospital.",
    ],
)
def test_a_common_word_opening_a_sentence_is_no_group(sentence: str):
    first = sentence.split()[0]
    assert first not in named(sentence)


@pytest.mark.parametrize(
    ("text", "phrase", "state"),
    [
        (
            "Burkina Faso's junta expelled French troops in 2023. Burkina Faso now hosts Russian advisers.",
            "French troops",
            "country/france",
        ),
        (
            "Haiti's police were backed by Kenyan troops. Gangs control most of Haiti.",
            "Kenyan troops",
            "country/kenya",
        ),
        (
            "Somalia's army fought beside Ethiopian forces. Somalia asked for more help.",
            "Ethiopian forces",
            "country/ethiopia",
        ),
    ],
)
def test_troops_of_a_foreign_state_stand_for_that_state(text: str, phrase: str, state: str):
    assert named(text)[phrase] == state


def test_troops_of_the_article_state_stay_a_force_of_their_own():
    text = "Mali's junta faces jihadists. Malian troops retook the town. Mali said 12 soldiers died."
    found = named(text)
    assert found["Malian troops"] != "country/mali" and found["Malian troops"].startswith("actor/")


@pytest.mark.parametrize(
    "text",
    [
        "Britain and Canada, which both train Ukrainian troops, condemned the strike. Britain sent aid.",
        "Turkey has long equipped Somali forces. Turkey opened a base in 2017.",
    ],
)
def test_troops_built_up_by_another_state_stay_a_collective(text: str):
    (mention,) = [m for m in mentions(text) if m.span.text.endswith(("troops", "forces"))]
    assert mention.iri.endswith("-forces") and "CollectiveActor" in mention.kinds


def test_with_no_state_the_article_is_about_troops_stay_a_collective():
    assert named("Chadian troops crossed the river.")["Chadian troops"] == "actor/chadian-forces"
