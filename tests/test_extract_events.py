"""Events: trigger words → typed events with agents, targets, places, dates, campaign links and figures.

The sentences here are our own; entity mentions are built by hand so the tests depend only on the event
stage and its lexicon (data/lexicon/events.yaml).
"""

from __future__ import annotations

import re

from kg.extract.dates import find_dates
from kg.extract.events import find_events
from kg.extract.figures import find_figures
from kg.extract.mentions import ArticleMentions, ArticleMeta, EntityMention, EventMention, Span
from kg.extract.pipeline import extract
from kg.extract.text import split_sentences
from kg.namespaces import ID

ACTORS = {
    "the Northern Front": ("id:actor/northern-front", ("RebelGroup",)),
    "Northern Front": ("id:actor/northern-front", ("RebelGroup",)),
    "rebels": ("id:actor/rebels", ("CollectiveActor",)),
    "army": ("id:actor/army", ("StateArmedForce",)),
    "Ruritania": ("id:country/ruritania", ("Country", "State")),
    "Clash Monitor": ("id:actor/clash-monitor", ("MonitoringGroup",)),
}
PLACES = {"Kessel": ("id:place/kessel", ("City",)), "Dunmore": ("id:place/dunmore", ("Town",))}


def mentions_of(text: str, *, report_date: str | None = "2024-05-02") -> ArticleMentions:
    """Sentences, hand-made entity mentions for the names above, dates and figures of ``text``."""
    sentences = split_sentences(text)
    mentions = ArticleMentions(text=text, meta=ArticleMeta(date=report_date), sentences=sentences)
    for name, (iri, kinds) in {**ACTORS, **PLACES}.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text, re.IGNORECASE):
            if any(e.span.start <= match.start() < e.span.end for e in mentions.entities):
                continue
            sentence = next(s.index for s in sentences if s.span.start <= match.start() < s.span.end)
            is_place = name in PLACES or "Country" in kinds
            mentions.entities.append(
                EntityMention(
                    Span(match.start(), match.end(), name),
                    sentence,
                    iri,
                    name.removeprefix("the "),
                    kinds,
                    is_place,
                    name in ACTORS,
                    True,
                )
            )
    mentions.entities.sort(key=lambda e: e.span.start)
    mentions.dates = find_dates(text, sentences, report_date=report_date)
    mentions.figures = find_figures(text, sentences, mentions.entities)
    return mentions


def events_of(text: str) -> list[EventMention]:
    return find_events(mentions_of(text), article_key="test")


def only(events: list[EventMention], event_class: str) -> EventMention:
    found = [e for e in events if e.event_class == event_class]
    assert len(found) == 1, [(e.event_class, e.span.text) for e in events]
    return found[0]


def test_an_offensive_has_its_subject_as_agent_and_the_place_after_on():
    offensive = only(events_of("The Northern Front launched a major offensive on Kessel."), "Offensive")
    assert offensive.agents == ("id:actor/northern-front",)
    assert offensive.places == ("id:place/kessel",)
    assert offensive.label == "Offensive on Kessel by Northern Front"


def test_x_led_and_led_by_make_the_agent():
    events = events_of(
        "An assault led by the Northern Front hit Kessel. A Northern Front-led push on Dunmore followed."
    )
    assert [e.agents for e in events if e.event_class == "Offensive"] == [("id:actor/northern-front",)] * 2


def test_a_definite_reference_joins_the_earlier_event_and_adds_its_arguments():
    text = "Rebels began an offensive on Kessel on Monday. The offensive, led by the Northern Front, stalled."
    offensive = only(events_of(text), "Offensive")
    assert set(offensive.agents) == {"id:actor/rebels", "id:actor/northern-front"}
    assert [span.text for span in offensive.coreferences] == ["offensive"]


def test_sub_events_link_to_the_campaign_and_inherit_its_place():
    text = "Rebels launched an offensive on Kessel. The rebels used car bombs and fierce clashes followed."
    events = events_of(text)
    campaign = events.index(only(events, "Offensive"))
    bombing = only(events, "CarBombing")
    assert bombing.parent == campaign
    assert bombing.places == ("id:place/kessel",)
    assert only(events, "ArmedClash").parent == campaign


def test_capture_of_unnamed_settlements_and_materiel_are_two_events():
    text = "The army said the rebels captured over 30 villages, as well as tanks and ammunition."
    mentions = mentions_of(text)
    mentions.materiel = [
        EntityMention(
            Span(m.start(), m.end(), m.group(0)),
            0,
            f"id:materiel/{m.group(0)}",
            m.group(0),
            ("Materiel",),
            False,
            False,
            False,
        )
        for m in re.finditer(r"tanks|ammunition", text)
    ]
    events = find_events(mentions, article_key="k")
    territory, materiel = only(events, "TerritoryCapture"), only(events, "MaterielCapture")
    assert territory.captured == ("https://w3id.org/conflict-kg/id/article/k/place/villages",)
    assert materiel.captured == ("id:materiel/tanks", "id:materiel/ammunition")
    assert mentions.figures[territory.figures[0]].measure == "CapturedSettlements"


def test_a_named_place_that_fell_is_captured_by_the_actor_after_to():
    capture = only(events_of("Dunmore fell to the Northern Front after a week."), "TerritoryCapture")
    assert capture.captured == ("id:place/dunmore",)
    assert capture.agents == ("id:actor/northern-front",)


def test_entering_needs_a_place_and_negated_triggers_are_ignored():
    assert events_of("The rebels have not entered Kessel.") == []
    assert events_of("The talks entered a new phase.") == []
    assert only(events_of("The rebels entered Kessel today."), "Incursion").date.value == "2024-05-02"


def test_killings_take_the_figures_of_their_sentence_and_projectiles_their_source():
    events = events_of(
        "Projectiles fired by the army killed six people, including three children, in Dunmore."
    )
    killing, attack = only(events, "Killing"), only(events, "ProjectileAttack")
    assert attack.agents == ("id:actor/army",) and killing.places == ("id:place/dunmore",)
    assert len(killing.figures) == 2


def test_statements_have_speaker_topic_quote_and_framing():
    text = (
        "Ruritania condemned the offensive. "
        "Ruritania described the assault on Kessel as a “grave provocation.”"
    )
    events = events_of("The rebels launched an offensive on Kessel. " + text)
    condemnation = [e for e in events if e.event_class == "Condemnation"]
    assert condemnation[0].agents == ("id:country/ruritania",)
    assert condemnation[0].about_events == (0,)
    assert condemnation[1].framing == "grave provocation"
    # the speaker is the agent; only a statement carrying the speaker's words is also attributed to them
    assert condemnation[0].attributed_to == ()
    assert condemnation[1].attributed_to == ("id:country/ruritania",)


def test_support_and_appeals_are_statements_about_their_object():
    events = events_of("Ruritania expressed support for the army and called for calm.")
    support = only(events, "StatementOfSupport")
    assert support.about == ("id:actor/army",)
    assert only(events, "Appeal").agents == ("id:country/ruritania",)


def test_a_violation_points_to_the_agreement_with_its_year():
    events = events_of("The army accused the rebels of violating a 2020 ceasefire agreement.")
    violation = only(events, "AgreementViolation")
    agreement = events[violation.violated_agreement]
    assert agreement.event_class == "Ceasefire" and agreement.date.value == "2020"
    assert violation.agents == ("id:actor/rebels",)
    assert only(events, "Accusation").agents == ("id:actor/army",)


def test_a_violation_without_any_agreement_is_not_an_event():
    assert [e.event_class for e in events_of("The rebels violated the rules.")] == []


def test_first_since_comes_from_a_since_date_after_first():
    offensive = only(events_of("Rebels launched their first offensive on Kessel since 2015."), "Offensive")
    assert offensive.first_since.value == "2015"


def test_repeated_mentions_merge_into_one_event():
    text = (
        "- Rebels storm Kessel\nRebels stormed Kessel on Friday after heavy shelling. Rebels entered Kessel."
    )
    events = events_of(text)
    assert len([e for e in events if e.event_class == "Incursion"]) == 1


def test_names_are_not_triggers():
    assert events_of("A reporter of the Clash Monitor visited Kessel.") == []


def test_passive_voice_puts_the_patient_before_the_trigger():
    events = events_of("More than 20 villages were captured by the rebels near Kessel last week.")
    capture = only(events, "TerritoryCapture")
    assert capture.agents == ("id:actor/rebels",)
    assert capture.captured and "villages" in capture.captured[0]


def test_passive_materiel_capture_keeps_its_materiel():
    (event,) = extract("Military vehicles and heavy weapons were seized by the rebels in Hama.").events
    assert event.event_class == "MaterielCapture" and event.agents == (f"{ID}actor/rebels",)
    assert [c.rsplit("/", 1)[-1] for c in event.captured] == ["military-vehicles", "heavy-weapons"]


def test_that_after_a_reporting_verb_opens_a_clause_not_a_reference():
    events = events_of(
        "Fighting broke out in Dunmore on Monday. "
        "The army told reporters that heavy clashes continued in Kessel."
    )
    assert [e.event_class for e in events].count("ArmedClash") == 2


def test_a_statement_inside_reported_speech_is_the_reporters():
    events = events_of('The army said a "foreign plot" was to blame for the offensive on Kessel.')
    accusation = only(events, "Accusation")
    assert accusation.agents == ("id:actor/army",) and accusation.quote == "foreign plot"


def test_a_participle_clause_takes_the_agent_and_place_of_the_attack_before_it():
    events = events_of("Ruritania fired missiles at Kessel overnight, killing at least nine people.")
    killing = only(events, "Killing")
    assert killing.agents == ("id:country/ruritania",) and killing.places == ("id:place/kessel",)


def test_coordinated_attacks_share_their_arguments_and_date():
    events = events_of("Ruritania struck Kessel with missiles and drone strikes on Tuesday.")
    drones = only(events, "DroneStrike")
    assert drones.agents == ("id:country/ruritania",) and drones.date is not None
    assert only(events, "MissileAttack").date == drones.date


def test_rolling_into_and_reaching_a_city_centre_are_incursions():
    events = events_of(
        "Armoured columns were rolling into Kessel. Later the rebels reached the centre of Dunmore."
    )
    assert [e.places for e in events if e.event_class == "Incursion"] == [
        ("id:place/kessel",),
        ("id:place/dunmore",),
    ]


def test_interrupted_aid_is_aid_disruption_in_passive_and_nominal_form():
    for text in (
        "Aid deliveries had been interrupted in Kessel.",
        "The disruption of aid to Dunmore continued.",
    ):
        assert only(events_of(text), "AidDisruption")


def test_events_far_apart_that_share_nothing_do_not_merge():
    filler = " ".join(f"Talks went on in round {n}." for n in range(5))
    events = events_of(f"Two people were killed in Kessel. {filler} The rebels killed a farmer.")
    assert [e.event_class for e in events].count("Killing") == 2


def test_a_hyphenated_demonym_modifier_is_not_a_party():
    events = events_of("The rebels fired missiles at a Ruritania-flagged ship.")
    assert "id:country/ruritania" not in only(events, "MissileAttack").targets


def test_a_claim_of_responsibility_makes_the_claimer_the_agent():
    events = events_of(
        "A car bomb exploded in Kessel on Monday. The rebels claimed responsibility for the bombing."
    )
    assert only(events, "CarBombing").agents == ("id:actor/rebels",)


def test_a_relative_clause_between_subject_and_verb_is_skipped():
    events = events_of("Ruritania, which trains the army, condemned the attack on Kessel.")
    assert only(events, "Condemnation").agents == ("id:country/ruritania",)


def test_it_after_a_reporting_verb_is_the_reporter():
    events = events_of("The army said it had carried out an air strike near Kessel on Sunday.")
    assert only(events, "AirStrike").agents == ("id:actor/army",)


def test_victims_before_a_killing_are_targets_not_agents():
    (killing,) = extract("At least 52 civilians killed in Hama, officials say.").events
    assert killing.event_class == "Killing" and killing.agents == ()
    assert killing.targets == (f"{ID}actor/civilians",)


def test_a_later_statement_verb_keeps_the_speaker_the_sentence_opens_with():
    events = events_of("The army acknowledged heavy losses in Kessel, but denied that Dunmore had fallen.")
    assert only(events, "Denial").agents == ("id:actor/army",)


def test_generic_strikes_take_the_class_their_sentence_names():
    events = events_of("Fighter jets carried out strikes on rebels near Kessel overnight.")
    strike = only(events, "AirStrike")
    assert strike.targets == ("id:actor/rebels",) and strike.places == ("id:place/kessel",)


def test_the_parties_of_an_agreement_between_two_sides_are_its_agents():
    events = events_of("Ruritania brokered a truce between the rebels and the army in Kessel.")
    assert set(only(events, "Ceasefire").agents) == {"id:actor/rebels", "id:actor/army"}


def test_seizing_power_is_not_a_territory_capture():
    assert not [
        e
        for e in events_of("The army seized power in Kessel in 2021.")
        if e.event_class == "TerritoryCapture"
    ]


def test_violence_by_protesters_is_a_protest():
    (protest,) = extract("Protesters attacked a police station in Dhaka on Sunday.").events
    assert protest.event_class == "Protest" and protest.agents == (f"{ID}actor/protesters",)


def test_a_verb_after_but_keeps_the_subject_of_the_first():
    capture, withdrawal = extract("Al-Shabaab fighters seized Baidoa in 2009 but withdrew later.").events
    assert (capture.event_class, withdrawal.event_class) == ("TerritoryCapture", "Withdrawal")
    assert withdrawal.agents == capture.agents == (f"{ID}actor/al-shabaab",)


def test_the_source_of_a_trailing_reporting_clause_is_no_argument_of_the_event():
    (killing,) = extract("Three soldiers were killed near Gao, officials said.").events
    assert f"{ID}actor/officials" not in (*killing.agents, *killing.targets)


# --- intent, raids, targeted, two weapons, protests, the lead event, the date of the cause -------------


def test_an_intended_capture_is_a_threat_by_the_speaker_never_a_completed_capture():
    events = events_of("The Northern Front said on Monday that the army would retake Kessel within weeks.")
    assert not [e for e in events if e.event_class == "TerritoryCapture"]
    threat = only(events, "Threat")
    assert threat.agents == ("id:actor/northern-front",) and "id:actor/army" in threat.about


def test_a_vow_gives_one_threat_and_an_attempt_gives_no_event():
    events = events_of("The rebels vowed to capture Dunmore. Rebels tried to storm Kessel.")
    assert [e.event_class for e in events] == ["Threat"]


def test_raids_by_aircraft_are_air_strikes_and_targeted_is_a_trigger():
    raid = only(events_of("Army jets raided Kessel overnight."), "AirStrike")
    assert raid.places == ("id:place/kessel",)
    targeted = only(events_of("Ruritania targeted Dunmore with drones on Friday."), "DroneStrike")
    assert targeted.agents == ("id:country/ruritania",) and targeted.places == ("id:place/dunmore",)
    assert only(events_of("Northern Front fighters raided Kessel."), "Incursion").places == (
        "id:place/kessel",
    )


def test_two_weapons_of_one_strike_give_two_events_sharing_agent_place_and_date():
    events = events_of("Ruritania struck Kessel with cruise missiles and kamikaze drones on Sunday.")
    missile, drone = only(events, "MissileAttack"), only(events, "DroneStrike")
    for event in (missile, drone):
        assert event.agents == ("id:country/ruritania",) and event.places == ("id:place/kessel",)
        assert event.date is not None and event.date.value == "2024-04-28"


def test_protesters_gathering_or_marching_is_a_protest_but_residents_gathering_is_not():
    assert only(events_of("Hundreds of protesters marched in Kessel on Friday."), "Protest").places == (
        "id:place/kessel",
    )
    assert not events_of("Residents gathered in Dunmore to collect water.")


def test_the_headline_strike_merges_with_the_air_strike_of_the_lead_and_takes_its_date():
    text = (
        "Ruritanian strike on Kessel market kills nine\n"
        "A Ruritania air strike on a market in Kessel killed nine people on Tuesday, the army said.\n"
        "Later on, rebels fought the army near Dunmore.\n"
    )
    strike = only(events_of(text), "AirStrike")
    assert strike.places == ("id:place/kessel",) and strike.agents == ("id:country/ruritania",)
    assert strike.sentence == 0 and strike.date is not None and strike.date.value == "2024-04-30"
    assert not [e for e in events_of(text) if e.event_class == "RemoteViolence"]


def test_a_capture_from_an_actor_makes_it_the_target():
    capture = only(events_of("The Northern Front seized Dunmore from the army."), "TerritoryCapture")
    assert capture.agents == ("id:actor/northern-front",) and capture.targets == ("id:actor/army",)
