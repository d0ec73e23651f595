"""Event patterns of converter round 10: harm that happened *in* an attack ("killed in an overnight attack on
the base") shares the attack's date, place and agents; an actor after "backed by" supports an event without
taking part in it; troops "pulled out"; an actor found as both agent and target keeps one side; and a
round-up's incidents under other subheadings stay out of the campaign told under its own subheading.

The sentences are our own, about invented groups and places; entity mentions are made by hand so the tests
depend only on the event and date stages and their lexicons.
"""

from __future__ import annotations

import pytest
from event_stage import INVENTED_NAMES, events_with_names, short

from kg.extract.event_output import one_side
from kg.extract.event_parts import Draft
from kg.extract.mentions import EventMention, Span

REPORT_DATE = "2024-05-02"  # a Thursday

NAMES = {
    **INVENTED_NAMES,
    "Blue Alliance": ("id:actor/blue-alliance", ("Organization",), False, True),
}


def events_of(text: str) -> list[EventMention]:
    return events_with_names(text, NAMES)


def of_class(text: str, event_class: str) -> list[EventMention]:
    return [e for e in events_of(text) if e.event_class == event_class]


@pytest.mark.parametrize(
    ("text", "harm_class", "date", "place", "agents"),
    [
        (
            "Nine soldiers were killed in an attack by the Red Hand near Ostburg on Monday.",
            "Killing",
            "2024-04-29",
            "ostburg",
            ["red-hand"],
        ),
        (
            "Twelve villagers were wounded during renewed shelling of Kessel by the Green Front on Tuesday.",
            "CivilianHarm",
            "2024-04-30",
            "kessel",
            ["green-front"],
        ),
        (
            "At least 14 people were killed and 20 wounded in a Red Hand ambush near Dunmore on Sunday.",
            "Killing",
            "2024-04-28",
            "dunmore",
            ["red-hand"],
        ),
        (
            "Two guards were killed amid heavy fighting in Ostburg on Monday, the army said.",
            "Killing",
            "2024-04-29",
            "ostburg",
            [],
        ),
    ],
)
def test_harm_in_an_attack_shares_its_date_place_and_agents(text, harm_class, date, place, agents):
    harm = of_class(text, harm_class)[0]
    assert harm.date is not None and harm.date.value == date
    assert place in short(harm.places)
    assert short(harm.agents) == agents


def test_harm_in_a_place_without_an_attack_keeps_its_own_arguments():
    harm = of_class("Three soldiers were killed in Dunmore on Sunday.", "Killing")[0]
    assert short(harm.places) == ["dunmore"] and harm.date is not None and harm.date.value == "2024-04-28"
    assert harm.agents == ()


@pytest.mark.parametrize(
    "text",
    [
        "The Red Hand launched an offensive on Ostburg, backed by the Blue Alliance.",
        "The Red Hand's offensive on Ostburg, supported by the Blue Alliance, entered its third week.",
        "The Red Hand's offensive on Ostburg is funded by the Blue Alliance, diplomats say.",
    ],
)
def test_a_backer_after_backed_by_is_no_agent_of_the_event(text):
    offensive = of_class(text, "Offensive")[0]
    assert short(offensive.agents) == ["red-hand"]


def test_an_actor_after_plain_by_stays_the_agent():
    attack = of_class("Ostburg was attacked by the Red Hand on Monday.", "ArmedClash")[0]
    assert short(attack.agents) == ["red-hand"]


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("The Green Front pulled its fighters out of Kessel on Tuesday.", "green-front"),
        ("The Blue Alliance pulled the last of its soldiers out of the mission last year.", "blue-alliance"),
        ("The Red Hand is pulling all its units out of Dunmore, a commander said.", "red-hand"),
    ],
)
def test_forces_pulled_out_are_a_withdrawal(text, agent):
    withdrawal = of_class(text, "Withdrawal")[0]
    assert agent in short(withdrawal.agents)


@pytest.mark.parametrize(
    "text",
    [
        "The Blue Alliance pulled its ambassador out of Kessel.",
        "A gunman pulled out a knife in Dunmore.",
    ],
)
def test_pulling_out_other_things_is_no_withdrawal(text):
    assert of_class(text, "Withdrawal") == []


def draft(agents: list[str], targets: list[str], event_class: str = "ArmedClash") -> Draft:
    return Draft(event_class, Span(0, 6, "attack"), 0, agents=list(agents), targets=list(targets))


def test_a_victim_also_found_as_agent_of_a_killing_stays_a_victim():
    event = draft(["id:actor/army"], ["id:actor/army"], "Killing")  # "a bus carrying soldiers … killing six"
    one_side(event)
    assert event.agents == [] and event.targets == ["id:actor/army"]


def test_a_harm_by_other_agents_drops_the_victim_from_them():
    event = draft(["id:actor/red-hand", "id:actor/army"], ["id:actor/army"], "CivilianHarm")
    one_side(event)
    assert event.agents == ["id:actor/red-hand"] and event.targets == ["id:actor/army"]


@pytest.mark.parametrize("event_class", ["Withdrawal", "Offensive", "ArmedClash"])
def test_other_events_keep_their_agent(event_class):
    event = draft(["id:actor/red-hand"], ["id:actor/red-hand"], event_class)  # "withdrew its fighters"
    one_side(event)
    assert event.agents == ["id:actor/red-hand"] and event.targets == []


def test_the_only_agent_stays_when_the_event_has_other_targets():
    event = draft(["id:actor/red-hand"], ["id:actor/green-front", "id:actor/red-hand"], "Killing")
    one_side(event)
    assert event.agents == ["id:actor/red-hand"] and event.targets == ["id:actor/green-front"]


ROUND_UP = (
    "Weekly round-up: the main security incidents of the week.\n\n"
    "North: offensive near Ostburg\n"
    "The Red Hand pressed its offensive near Ostburg on Monday, seizing two villages.\n\n"
    "South: raid near Dunmore\n"
    "Gunmen attacked a checkpoint at Dunmore on Tuesday and later withdrew.\n"
)


def test_incidents_under_another_subheading_are_not_sub_events_of_the_campaign():
    events = events_of(ROUND_UP)
    south = [e for e in events if e.sentence >= 4]
    assert south and all(e.parent is None for e in south)
    assert all("red-hand" not in short(e.agents) for e in south)


def test_events_under_the_campaigns_own_subheading_still_join_it():
    events = events_of(ROUND_UP)
    captures = [e for e in events if e.event_class == "TerritoryCapture"]
    assert captures and captures[0].parent is not None
