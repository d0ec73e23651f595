"""Event patterns of converter round 11: threats made in quoted words ("they will pay a heavy price") or
announced with "vowed that …"; the speaker of a quote named after it (""…," spokesman X said"); "and it
denied" continuing the sentence's speaker; "the ministry denied" naming the last speaker; "the government
led by X" never making X the agent of the clause's statement; "rejected that account" as a denial.

The sentences are our own, about invented groups and places; entity mentions are made by hand so the tests
depend only on the event and date stages and their lexicons.
"""

from __future__ import annotations

import pytest
from event_stage import INVENTED_NAMES, events_with_names, short

from kg.extract.mentions import EventMention

NAMES = {
    **INVENTED_NAMES,
    "Ada Brenn": ("id:actor/ada-brenn", ("Person",), False, True),
    "Marland": ("id:country/marland", ("Country",), True, True),
    "interior ministry": ("id:actor/interior-ministry", ("GovernmentBody",), False, True),
}


def of_class(text: str, event_class: str) -> list[EventMention]:
    return [e for e in events_with_names(text, NAMES) if e.event_class == event_class]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            '"Whoever fires on our towns will pay a heavy price," army spokesman Ada Brenn said.',
            ["army", "ada-brenn"],
        ),
        (
            '"This crime will not go unpunished," said Ada Brenn, the Red Hand commander.',
            ["ada-brenn", "red-hand"],
        ),
        (
            '"Any new aggression will be met with a crushing response," Ada Brenn told reporters.',
            ["ada-brenn"],
        ),
        (
            "Ada Brenn condemned the raid and vowed that the army would hunt down the attackers.",
            ["ada-brenn"],
        ),
        ("The Red Hand vowed revenge after the raid on Dunmore.", ["red-hand"]),
        ("Marland warned of retaliation if the drone flights continued.", ["marland"]),
        ("Marland said it reserved the right to respond.", ["marland"]),
        (
            'The Red Hand said in a statement that "the Marland occupiers will pay for every drop of blood".',
            ["red-hand"],
        ),
    ],
)
def test_threats_in_quotes_and_vows_are_made_by_their_speaker(text: str, speakers: list[str]) -> None:
    threats = of_class(text, "Threat")
    assert threats, text
    assert short(threats[0].agents) == speakers


def test_the_threatened_party_inside_a_quote_is_not_its_agent() -> None:
    text = 'The Red Hand said in a statement that "the Marland occupiers will pay for every drop of blood".'
    assert "marland" not in short(of_class(text, "Threat")[0].agents)


@pytest.mark.parametrize(
    "text",
    [
        "Marland will pay for the reconstruction of Ostburg.",
        "The request will be answered by Marland next week.",
        "The Red Hand promised aid to the families of Kessel.",
        "The army warned residents to stay indoors.",
    ],
)
def test_payments_answers_and_promises_of_aid_are_no_threats(text: str) -> None:
    assert of_class(text, "Threat") == []


@pytest.mark.parametrize(
    ("text", "event_class", "speakers"),
    [
        (
            "Marland's interior ministry said its units had only returned fire after a soldier was shot "
            "by the Red Hand near Ostburg, and it denied that any ambulance had been hit.",
            "Denial",
            ["interior-ministry", "marland"],
        ),
        (
            "The army said the Red Hand had shelled Kessel, but they denied that civilians were hurt.",
            "Denial",
            ["army"],
        ),
        (
            "The interior ministry said the Red Hand attacked Ostburg. "
            "The ministry denied that civilians were killed.",
            "Denial",
            ["interior-ministry"],
        ),
        ("Marland rejected that account as an invented pretext.", "Denial", ["marland"]),
        ("The Red Hand dismissed the statement as biased.", "Denial", ["red-hand"]),
    ],
)
def test_denials_by_the_sentences_or_the_last_speaker(
    text: str, event_class: str, speakers: list[str]
) -> None:
    found = of_class(text, event_class)
    assert found, text
    assert short(found[-1].agents) == speakers


def test_a_bare_noun_that_does_not_name_the_last_speaker_does_not_inherit_it() -> None:
    text = "The Red Hand said it attacked Ostburg. The ministry denied that civilians were killed."
    assert short(of_class(text, "Denial")[0].agents) == []


def test_rejecting_a_plan_is_no_denial() -> None:
    assert of_class("Marland rejected the peace plan.", "Denial") == []


@pytest.mark.parametrize(
    ("text", "event_class", "agent", "not_agent"),
    [
        (
            "The Green Front condemned the killings and accused the government led by Ada Brenn of neglect.",
            "Accusation",
            "green-front",
            "ada-brenn",
        ),
        (
            "The Green Front condemned the killings and accused the government led by Ada Brenn of neglect.",
            "Condemnation",
            "green-front",
            "ada-brenn",
        ),
        ("Ostburg was shelled by gunmen commanded by Ada Brenn.", "ShellingAttack", "gunmen", "ada-brenn"),
    ],
)
def test_by_after_led_or_headed_names_a_leader_not_the_agent(
    text: str, event_class: str, agent: str, not_agent: str
) -> None:
    agents = short(of_class(text, event_class)[0].agents)
    assert agent in agents and not_agent not in agents


def test_an_attack_carried_out_by_a_group_still_has_that_agent() -> None:
    assert short(
        of_class("The attack on Ostburg was carried out by the Red Hand.", "ArmedClash")[0].agents
    ) == ["red-hand"]


@pytest.mark.parametrize(
    "text",
    [
        "The envoy in Marland, Ada Brenn, condemned the raid on Kessel.",
        "The aid coordinator for Marland, Ada Brenn, called on the Red Hand to free the hostages.",
    ],
)
def test_a_person_set_off_after_a_place_speaks_and_is_no_place(text: str) -> None:
    statement = next(e for e in events_with_names(text, NAMES) if e.event_class in ("Condemnation", "Appeal"))
    assert short(statement.agents) == ["ada-brenn"]
    assert "ada-brenn" not in short(statement.places)
