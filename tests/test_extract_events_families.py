"""Event pattern families of converter round 8: each test varies one way wire copy reports an event (voice,
tense, noun or verb, headline style) and the hedges that must not fire.

The sentences are our own, about invented groups and places; entity mentions are made by hand so the tests
depend only on the event stage and its lexicon (data/lexicon/events.yaml).
"""

from __future__ import annotations

import pytest
from event_stage import events_with_names

from kg.extract.mentions import EventMention

# name → (IRI, kinds, is_place, is_actor, how)
NAMES: dict[str, tuple[str, tuple[str, ...], bool, bool, str]] = {
    "Red Hand": ("id:actor/red-hand", ("RebelGroup",), False, True, "label"),
    "Blue Militia": ("id:actor/blue-militia", ("Militia",), False, True, "label"),
    "Green Front": ("id:actor/green-front", ("JihadistGroup",), False, True, "label"),
    "army": ("id:actor/army", ("StateArmedForce",), False, True, "label"),
    "militants": ("id:actor/militants", ("CollectiveActor",), False, True, "label"),
    "civilians": ("id:actor/civilians", ("CollectiveActor",), False, True, "label"),
    "Wire Service": ("id:actor/wire-service", ("NewsAgency",), False, True, "label"),
    "Aid Watch": ("id:actor/aid-watch", ("NGO",), False, True, "label"),
    "Ruritania": ("id:country/ruritania", ("Country", "State"), True, True, "label"),
    "Osterland": ("id:country/osterland", ("Country", "State"), True, True, "label"),
    "Valoria": ("id:country/valoria", ("Country", "State"), True, True, "label"),
    "Zembla": ("id:country/zembla", ("Country", "State"), True, True, "label"),
    "Ostburg": ("id:place/ostburg", ("City",), True, False, "label"),
    "Kessel": ("id:place/kessel", ("City",), True, False, "label"),
    "Dunmore": ("id:place/dunmore", ("Town",), True, False, "label"),
    "Varda": ("id:place/varda", ("Region",), True, False, "label"),
    "Lindau": ("id:actor/government-of-ruritania", ("Government",), False, True, "metonym"),
}


def events_of(text: str) -> list[EventMention]:
    return events_with_names(text, NAMES)


def one(text: str, event_class: str) -> EventMention:
    found = [e for e in events_of(text) if e.event_class == event_class]
    assert len(found) == 1, [(e.event_class, e.span.text) for e in events_of(text)]
    return found[0]


def classes(text: str) -> list[str]:
    return [e.event_class for e in events_of(text)]


def short(iris: tuple[str, ...]) -> list[str]:
    return [i.rsplit("/", 1)[-1] for i in iris]


@pytest.mark.parametrize(
    ("sentence", "event_class", "agents", "targets"),
    [
        ("An army convoy came under attack near Ostburg on Tuesday.", "ArmedClash", [], []),
        (
            "Army positions came under heavy fire from the Red Hand near Kessel.",
            "ArmedClash",
            ["red-hand"],
            [],
        ),
        (
            "The Blue Militia came under attack by the Green Front in Varda.",
            "ArmedClash",
            ["green-front"],
            ["blue-militia"],
        ),
        ("Kessel has come under intense shelling since Sunday.", "ShellingAttack", [], []),
        ("The Red Hand's positions came under repeated air strikes overnight.", "AirStrike", [], []),
        ("Army checkpoints near Dunmore come under drone attack almost daily.", "DroneStrike", [], []),
    ],
)
def test_coming_under_attack_makes_the_subject_the_target(sentence, event_class, agents, targets):
    event = one(sentence, event_class)
    assert short(event.agents) == agents
    assert set(targets) <= set(short(event.targets))
    assert not set(short(event.agents)) & set(short(event.targets))


@pytest.mark.parametrize(
    "sentence",
    [
        "The Osterland invasion of Ruritania began in February.",
        "Osterland invaded Ruritania in February.",
        "Ruritania accused Osterland of an invasion.",
        "Osterland’s troops have been invading Ruritania since February.",
    ],
)
def test_an_invasion_is_an_incursion_by_the_invader(sentence):
    event = one(sentence, "Incursion")
    assert "osterland" in short(event.agents)
    assert "Offensive" not in classes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry did not say whether soldiers had withdrawn from Kessel.",
        "It was unclear if the Red Hand had captured Dunmore.",
        "Officials would not confirm whether the army had shelled Ostburg.",
        "Residents asked whether the Green Front had attacked the town of Dunmore.",
    ],
)
def test_an_open_question_is_no_event(sentence):
    assert not set(classes(sentence)) & {"Withdrawal", "TerritoryCapture", "ShellingAttack", "ArmedClash"}


def test_a_stated_withdrawal_still_counts():
    assert short(one("The army withdrew from Kessel on Monday.", "Withdrawal").agents) == ["army"]
    assert short(one("The Red Hand said it had withdrawn from Dunmore.", "Withdrawal").agents) == ["red-hand"]


@pytest.mark.parametrize(
    ("sentence", "event_class"),
    [
        ("The Green Front claimed an ambush near Kessel that killed six soldiers.", "ArmedClash"),
        ("The Green Front claimed a car bombing in Ostburg on Friday.", "CarBombing"),
        ("In a statement, the Green Front claimed a raid on an army post in Dunmore.", "Incursion"),
        ("The Green Front claimed responsibility for a suicide attack in Ostburg.", "SuicideBombing"),
    ],
)
def test_a_claimed_attack_is_the_claimants(sentence, event_class):
    assert short(one(sentence, event_class).agents) == ["green-front"]


def test_a_claimed_ambush_passes_its_agent_to_the_killing_it_caused():
    killing = one("The Green Front claimed an ambush near Kessel that killed six soldiers.", "Killing")
    assert short(killing.agents) == ["green-front"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Blue Militia fought alongside the army until June, and Osterland took over.",
        "The Red Hand attacked Dunmore on Monday, and Ruritania sent reinforcements.",
        "The Blue Militia shelled Kessel, but Valoria said nothing.",
    ],
)
def test_a_coordinated_clause_with_its_own_subject_is_no_object(sentence):
    events = [e for e in events_of(sentence) if e.event_class in ("ArmedClash", "ShellingAttack")]
    assert events and not {"osterland", "ruritania", "valoria"} & set(short(events[0].targets))
    assert not {"osterland", "ruritania", "valoria"} & set(short(events[0].agents))


def test_a_listed_object_after_a_serial_comma_is_still_a_target():
    event = one("The Green Front attacked the Red Hand, the Blue Militia, and the army.", "ArmedClash")
    assert short(event.targets) == ["red-hand", "blue-militia", "army"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A hospital in Lindau was hit by artillery shells on Monday.",
        pytest.param(
            "Two markets in Lindau were struck by missiles overnight.",
            marks=pytest.mark.xfail(
                strict=True, reason="the metonym capital after 'in' becomes the agent of 'struck by missiles'"
            ),
        ),
        "Artillery fire killed four civilians in Lindau on Sunday.",
    ],
)
def test_a_capital_named_as_a_location_is_no_agent(sentence):
    events = events_of(sentence)
    assert events
    assert all("government-of-ruritania" not in short(e.agents) for e in events), events


@pytest.mark.parametrize(
    ("sentence", "event_class"),
    [
        ("A hospital in Kessel was hit by artillery shells on Monday.", "ShellingAttack"),
        ("The depot was hit by a drone overnight.", "DroneStrike"),
        ("An army base in Varda was hit by missiles on Friday.", "MissileAttack"),
        ("Rockets hit a market in Ostburg, killing three civilians.", "ShellingAttack"),
        ("A suicide bomber hit a checkpoint in Dunmore.", "SuicideBombing"),
    ],
)
def test_being_hit_by_a_weapon_is_remote_violence(sentence, event_class):
    assert event_class in classes(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The economy was hit hard by the sanctions.",
        "Ruritania was hit by floods in March.",
        "The song became a hit in Ostburg.",
    ],
)
def test_being_hit_by_something_else_is_no_event(sentence):
    assert classes(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Green Front said its fighters killed 12 soldiers, according to a statement on Wire Service.",
        "The Green Front claimed the attack in a statement carried by Wire Service, saying its fighters had "
        "seized Dunmore.",
        "Aid Watch said its clinic in Kessel was shelled on Monday.",
    ],
)
def test_news_agencies_and_aid_groups_are_never_agents_of_violence(sentence):
    events = events_of(sentence)
    assert events
    for event in events:
        assert not {"wire-service", "aid-watch"} & set(short(event.agents)), event


@pytest.mark.parametrize(
    "sentence",
    [
        "Valoria and Zembla mediated ceasefire talks between the Red Hand and the army.",
        "Valoria is hosting talks on a truce between the Red Hand and the army.",
        "Mediators from Valoria pushed for a ceasefire between the Red Hand and the army.",
    ],
)
def test_mediators_of_truce_talks_are_not_its_parties(sentence):
    assert short(one(sentence, "Ceasefire").agents) == ["red-hand", "army"]


def test_a_signed_truce_keeps_its_signatories():
    event = one("The Red Hand and the army signed a ceasefire in Ostburg on Monday.", "Ceasefire")
    assert short(event.agents) == ["red-hand", "army"]


def test_an_event_named_in_an_accusation_takes_no_campaign_agents():
    events = events_of(
        "The Red Hand launched an offensive on Varda on Monday. "
        "Ruritania accused the Blue Militia of attacking civilians in Kessel."
    )
    attack = [e for e in events if e.span.text == "attacking"]
    assert attack and short(attack[0].agents) == ["blue-militia"]
    assert attack[0].parent is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Osterland launched its invasion of Ruritania in February 2022.",
        "Thousands have died since the full-scale invasion by Osterland began.",
    ],
)
def test_a_launched_or_full_scale_invasion_is_a_campaign(sentence):
    assert "Offensive" in classes(sentence)
