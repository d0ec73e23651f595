"""Event patterns of converter round 7: denials of a charge, appeals that ask for an event, speakers named by
a pronoun or owning the speaking body, headline events retold in the lead, appositions, and dates of a clause.

The sentences are our own and about invented places and groups; entity mentions are made by hand so the
tests depend only on the event stage and its lexicon (data/lexicon/events.yaml).
"""

from __future__ import annotations

from event_stage import events_with_names

from kg.extract.mentions import EventMention

# name → (IRI, kinds, is_place, is_actor)
NAMES: dict[str, tuple[str, tuple[str, ...], bool, bool]] = {
    "Red Hand": ("id:actor/red-hand", ("RebelGroup",), False, True),
    "Blue Militia": ("id:actor/blue-militia", ("Militia",), False, True),
    "militants": ("id:actor/militants", ("CollectiveActor",), False, True),
    "Militants": ("id:actor/militants", ("CollectiveActor",), False, True),
    "army": ("id:actor/army", ("StateArmedForce",), False, True),
    "foreign ministry": ("id:actor/foreign-ministry", ("Government",), False, True),
    "Mara Venn": ("id:actor/mara-venn", ("Person",), False, True),
    "Ruritania": ("id:country/ruritania", ("Country", "State"), True, True),
    "Osterland": ("id:country/osterland", ("Country", "State"), True, True),
    "Ostburg": ("id:place/ostburg", ("City",), True, False),
    "Kessel": ("id:place/kessel", ("City",), True, False),
    "Dunmore": ("id:place/dunmore", ("Town",), True, False),
    "Varda": ("id:place/varda", ("Region",), True, False),
}


def events_of(text: str, *, headline: bool = False) -> list[EventMention]:
    return events_with_names(text, NAMES)


def of_class(events: list[EventMention], event_class: str) -> list[EventMention]:
    return [e for e in events if e.event_class == event_class]


def test_rejecting_a_charge_is_a_denial_but_rejecting_a_plan_is_not():
    events = events_of(
        "The Red Hand rejected the accusations as propaganda. "
        "Ruritania rejected the new border plan on Monday."
    )
    assert [e.agents for e in of_class(events, "Denial")] == [("id:actor/red-hand",)]


def test_a_pronoun_subject_of_a_statement_is_the_last_speaker():
    events = events_of(
        "Mara Venn said the army had shelled Kessel overnight. "
        "She accused the army of targeting homes."
    )
    (accusation,) = of_class(events, "Accusation")
    assert accusation.agents == ("id:actor/mara-venn",)


def test_a_state_owning_the_speaking_ministry_speaks_too():
    events = events_of("Ruritania's foreign ministry condemned the shelling of Kessel.")
    (condemnation,) = of_class(events, "Condemnation")
    assert set(condemnation.agents) == {"id:country/ruritania", "id:actor/foreign-ministry"}


def test_what_an_appeal_asks_for_is_no_event():
    events = events_of(
        "Osterland called for an immediate ceasefire. The Red Hand demanded the withdrawal of the army."
    )
    assert [e.event_class for e in events] == ["Appeal", "Appeal"]


def test_a_speaking_participle_keeps_the_speaker_of_the_statement_before_it():
    events = events_of('Ruritania accused Osterland of backing the militants, calling the raids "a crime".')
    assert {e.event_class: e.agents for e in events if e.event_class in ("Accusation", "Condemnation")} == {
        "Accusation": ("id:country/ruritania",),
        "Condemnation": ("id:country/ruritania",),
    }


def test_exchanging_fire_and_pushing_back_are_clashes():
    events = events_of(
        "The army exchanged fire with the Red Hand near Kessel. "
        "The Blue Militia pushed the army back from Dunmore."
    )
    clashes = of_class(events, "ArmedClash")
    assert [c.agents for c in clashes] == [("id:actor/army",), ("id:actor/blue-militia",)]


def test_a_drone_dropping_explosives_is_a_drone_strike():
    (strike,) = events_of("A drone dropped explosives on a checkpoint in Dunmore.")
    assert (strike.event_class, strike.places) == ("DroneStrike", ("id:place/dunmore",))


def test_regaining_control_of_a_camp_captures_it():
    events = events_of("The army said its troops had regained full control of the camp by evening.")
    (capture,) = of_class(events, "TerritoryCapture")
    assert capture.agents == ("id:actor/army",)
    assert capture.captured and capture.captured[0].endswith("/place/camp")


def test_welcoming_and_standing_with_are_statements_of_support():
    events = events_of(
        "Osterland welcomed the agreement. The foreign ministry said Ostburg stood firmly with Ruritania."
    )
    assert len(of_class(events, "StatementOfSupport")) == 2


def test_a_headline_event_with_a_common_noun_agent_is_the_lead_event_of_a_named_group():
    text = (
        "Militants kill 12 soldiers in attack in Varda\n\n"
        "KESSEL (Example Wire) - The Red Hand attacked a checkpoint in Dunmore on Sunday, "
        "killing 12 soldiers."
    )
    events = events_of(text)
    (killing,) = of_class(events, "Killing")
    assert {"id:actor/militants", "id:actor/red-hand"} <= set(killing.agents)
    (clash,) = of_class(events, "ArmedClash")
    assert "id:place/dunmore" in clash.places and clash.date is not None and clash.date.value == "2024-04-28"


def test_an_apposition_keeps_its_own_verbs_and_actors_away_from_the_main_clause():
    events = events_of(
        "The Blue Militia, a local force that has been fighting the army for years, "
        "captured Dunmore on Sunday."
    )
    (capture,) = of_class(events, "TerritoryCapture")
    assert capture.agents == ("id:actor/blue-militia",)
    assert capture.date is not None and capture.date.value == "2024-04-28"


def test_a_date_does_not_reach_into_the_phrase_after_it():
    events = events_of("The Red Hand seized Kessel on Sunday after two days of heavy fighting.")
    (capture,) = of_class(events, "TerritoryCapture")
    assert capture.date is not None and capture.date.value == "2024-04-28"


def test_a_truce_with_a_party_since_a_date_names_both_parties_and_its_start():
    events = events_of(
        "Osterland, which has observed a truce with the Red Hand since June 2022, urged restraint."
    )
    (truce,) = of_class(events, "Ceasefire")
    assert set(truce.agents) == {"id:country/osterland", "id:actor/red-hand"}
    assert truce.date is not None and truce.date.value == "2022-06"


def test_a_new_statement_takes_the_date_next_to_the_event_it_refers_back_to():
    events = events_of(
        "Militants attacked a market in Kessel on Monday. Osterland condemned the attack on Tuesday."
    )
    (condemnation,) = of_class(events, "Condemnation")
    assert condemnation.date is not None and condemnation.date.value == "2024-04-30"
