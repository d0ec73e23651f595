"""Event families of converter round 9: harm told with its cause in a time clause ("killed when …"), agents
named as "fighters of X", kidnappings, aid suspended by aid groups, and dates counted from the story
("the following day", "a day after", "hours later") or kept from a claim's day.

The sentences are our own, about invented groups and places; entity mentions are made by hand so the tests
depend only on the event and date stages and their lexicons.
"""

from __future__ import annotations

import pytest
from event_stage import INVENTED_NAMES, events_with_names, short

from kg.extract.mentions import EventMention

REPORT_DATE = "2024-05-02"  # a Thursday

NAMES = {
    **INVENTED_NAMES,
    "Care Network": ("id:actor/care-network", ("NGO",), False, True),
    "Food Agency": ("id:actor/food-agency", ("NGO",), False, True),
}


def events_of(text: str) -> list[EventMention]:
    return events_with_names(text, NAMES)


def of_class(text: str, event_class: str) -> list[EventMention]:
    return [e for e in events_of(text) if e.event_class == event_class]


@pytest.mark.parametrize(
    ("sentence", "harm", "agents", "date"),
    [
        (
            "Four soldiers were killed on Monday when their patrol was ambushed by Red Hand near Ostburg.",
            "Killing",
            ["red-hand"],
            "2024-04-29",
        ),
        (
            "Six soldiers were shot dead on Tuesday when gunmen attacked a checkpoint outside Kessel.",
            "Killing",
            ["gunmen"],
            "2024-04-30",
        ),
        (
            "Three villagers were wounded as Green Front fighters stormed Dunmore on Monday.",
            "CivilianHarm",
            ["green-front"],
            "2024-04-29",
        ),
        (
            "Dozens of soldiers killed as Green Front ambush convoy near Ostburg\n"
            "OSTBURG, May 2 - The toll rose.",
            "Killing",
            ["green-front"],
            None,
        ),
        (
            "Two guards died and nine soldiers were killed after Red Hand attacked the prison in Kessel.",
            "Killing",
            ["red-hand"],
            None,
        ),
        (
            "A convoy was ambushed by fighters of the Red Hand near Kessel, and five soldiers were killed.",
            "ArmedClash",
            ["red-hand"],
            None,
        ),
        (
            "The base was attacked by gunmen loyal to Green Front on Tuesday.",
            "ArmedClash",
            ["green-front"],
            "2024-04-30",
        ),
    ],
)
def test_harm_takes_the_agents_of_the_attack_that_caused_it(
    sentence: str, harm: str, agents: list[str], date: str | None
) -> None:
    found = of_class(sentence, harm)
    assert found, [(e.event_class, e.span.text) for e in events_of(sentence)]
    assert set(agents) <= set(short(found[0].agents))
    assert "army" not in short(found[0].agents)  # the soldiers are the victims, never the killers
    if date is not None:
        assert found[0].date is not None and found[0].date.value == date


def test_a_militia_fighting_alongside_the_army_does_not_make_the_army_its_killer() -> None:
    text = "Nine militiamen, members of a group that fights alongside the army, were killed near Ostburg."
    killing = of_class(text, "Killing")[0]
    assert "army" not in short(killing.agents)


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen kidnapped 12 students from a school near Dunmore on Tuesday.",
        "Two aid workers were abducted near Kessel last week.",
        "Red Hand took 30 passengers hostage on the road to Ostburg.",
        "The abduction of a priest in Dunmore on Tuesday drew wide condemnation.",
    ],
)
def test_kidnappings_and_abductions_are_arrests_by_force(sentence: str) -> None:
    arrests = of_class(sentence, "Arrest")
    assert len(arrests) == 1
    assert arrests[0].places


@pytest.mark.parametrize(
    ("sentence", "agent"),
    [
        ("Food Agency said it had suspended helicopter flights to Ostburg.", "food-agency"),
        (
            "Care Network suspended its mobile clinics around Kessel after a vehicle was looted.",
            "care-network",
        ),
        ("Care Network said food deliveries to Dunmore had been delayed by the fighting.", None),
    ],
)
def test_an_aid_group_suspending_its_work_is_an_aid_disruption(sentence: str, agent: str | None) -> None:
    found = of_class(sentence, "AidDisruption")
    assert len(found) == 1
    if agent is not None:
        assert agent in short(found[0].agents)


def test_airlines_suspending_commercial_flights_is_no_aid_disruption() -> None:
    assert not of_class("Several airlines suspended flights to Ostburg.", "AidDisruption")


@pytest.mark.parametrize(
    ("sentence", "event_class", "date"),
    [
        (
            "Gunmen ambushed a truck near Ostburg on Sunday, and a homemade bomb exploded in Kessel the "
            "following day.",
            "IEDAttack",
            "2024-04-29",
        ),
        (
            "A curfew was imposed on Tuesday, a day after a roadside bomb struck a convoy near Kessel.",
            "IEDAttack",
            "2024-04-29",
        ),
        (
            "Red Hand fighters stormed Dunmore on Monday. Hours later, a pipe bomb went off in Ostburg.",
            "IEDAttack",
            "2024-04-29",
        ),
    ],
)
def test_story_relative_dates_count_from_the_day_just_named(
    sentence: str, event_class: str, date: str
) -> None:
    found = of_class(sentence, event_class)
    assert found and found[0].date is not None
    assert found[0].date.value == date


def test_the_day_of_a_claim_is_not_the_day_of_the_attack() -> None:
    text = (
        "Gunmen ambushed a convoy near Ostburg on Monday. Responsibility for the ambush was claimed on "
        "Wednesday by Red Hand."
    )
    ambush = of_class(text, "ArmedClash")[0]
    assert ambush.date is not None and ambush.date.value == "2024-04-29"


def test_a_reporter_who_urges_after_reporting_a_killing_is_the_one_who_appeals() -> None:
    text = "Care Network said gunmen had killed 40 civilians near Kessel in March, and urged an inquiry."
    appeal = of_class(text, "Appeal")[0]
    killing = of_class(text, "Killing")[0]
    assert short(appeal.agents) == ["care-network"]
    assert killing.date is not None and killing.date.value == "2024-03"


@pytest.mark.parametrize(
    "sentence",
    [
        "Bus carrying soldiers attacked near Ostburg",
        "Gunmen ambushed a truck carrying soldiers near Kessel on Monday.",
        "A convoy transporting soldiers was struck by a roadside bomb outside Dunmore.",
    ],
)
def test_soldiers_carried_by_an_attacked_vehicle_are_its_targets(sentence: str) -> None:
    violent = [e for e in events_of(sentence) if e.event_class not in ("Killing", "CivilianHarm")]
    assert violent
    assert "army" not in short(violent[0].agents)
    assert "army" in short(violent[0].targets)
