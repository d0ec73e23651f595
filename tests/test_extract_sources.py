"""Sources named by a common noun phrase, and pronoun sources ("he said"): who reported what when no
named entity stands where the source is."""

from __future__ import annotations

from kg.extract.mentions import ArticleMentions
from kg.extract.pipeline import extract


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def sources(mentions: ArticleMentions) -> list[str]:
    return [short(a.source) for a in mentions.attributions]


def kind_of(mentions: ArticleMentions, iri: str) -> tuple[str, ...]:
    return next(e.kinds for e in mentions.entities if e.iri == iri)


def test_security_sources_who_told_an_agency_are_the_source():
    m = extract("Two security sources told reporters that gunmen killed nine soldiers near Mopti.")
    assert sources(m) == ["security-sources"]
    assert kind_of(m, m.attributions[0].source) == ("CollectiveActor",)


def test_trailing_local_officials_report_the_figure_before_them():
    m = extract("Floodwaters and shelling displaced 4,000 families in Kassala, local officials said.")
    (claim,) = m.attributions
    assert short(claim.source) == "local-officials" and claim.figures


def test_coordinated_noun_sources_are_both_sources():
    m = extract("A car bomb killed at least 12 people in Baidoa, police and medical workers said.")
    assert sorted(sources(m)) == ["medical-workers", "police"]


def test_a_possessive_ministry_is_named_after_its_state():
    m = extract("Russia's defence ministry said its forces had captured the village of Ivanivka.")
    (claim,) = m.attributions
    assert short(claim.source) == "defence-ministry-of-russia"
    assert kind_of(m, claim.source) == ("Government",)
    assert any(short(e.iri) == "russia" for e in m.entities)  # the owner stays its own mention


def test_according_to_a_named_group_with_an_appositive():
    m = extract(
        "Militiamen killed 30 villagers in Ituri, according to the Civic Peace Monitors, "
        "a network of local volunteers."
    )
    assert sources(m) == ["civic-peace-monitors"]


def test_according_to_a_common_noun_group():
    m = extract(
        "At least 14 civilians were killed in air strikes on Kalay, according to a local rescue group."
    )
    assert sources(m) == ["local-rescue-group"]


def test_the_staff_of_a_state_is_named_after_it():
    m = extract(
        "Ukrainian forces repelled an assault near Toretsk, according to the General Staff of Ukraine."
    )
    assert sources(m) == ["general-staff-of-ukraine"]


def test_a_bare_army_is_left_to_coreference():
    m = extract("The army said soldiers killed 40 militants near Gao.")
    assert "army" not in [short(e.iri) for e in m.entities if e.how == "pattern"]


def test_victims_before_the_source_are_never_sources():
    m = extract(
        "Government jets bombed Saraqib, killing at least seven civilians, "
        "the Syrian Observatory for Human Rights said."
    )
    assert set(sources(m)) == {"syrian-observatory-for-human-rights"}


def test_he_said_is_the_most_recent_person():
    m = extract(
        "Ahmed Warsame, a commander of the Jubaland forces, spoke to reporters in Kismayo. "
        "He said militants attacked a base near Afmadow."
    )
    assert sources(m) == ["ahmed-warsame"]


def test_it_said_is_the_most_recent_organisation():
    m = extract(
        "The Sudan Doctors Network reported heavy fighting in Babanusa. "
        "It said shelling killed 11 people at the market."
    )
    assert sources(m)[-1] == "sudan-doctors-network"


def test_a_trailing_verb_followed_by_a_clause_reports_what_precedes_it():
    m = extract(
        "Houthi forces fired two missiles at a tanker, the U.S. military said, "
        "hours before jets bombed Hodeidah."
    )
    (claim,) = m.attributions
    assert [m.events[i].event_class for i in claim.events] == ["MissileAttack"]


def test_a_relative_clause_inside_the_subject_does_not_speak():
    m = extract(
        "The Gaza health ministry reported strikes in Rafah. "
        "The ministry, which is run by Hamas, said 12 people were killed."
    )
    assert "hamas" not in sources(m)


def test_a_monitoring_group_next_to_its_name_is_not_a_new_actor():
    m = extract("Airwars Watch, a monitoring group, says drone strikes killed 15 people in Marib.")
    assert "monitoring-group" not in [short(e.iri) for e in m.entities]
