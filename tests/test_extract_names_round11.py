"""Round 11 batteries (all sentences our own): persons named without a title in front of the name (apposed to
a role, after "identified as", "under the command of", a kinship noun, with an initial), organisations whose
head word is a cartel, directorate, service, unit, centre, faction or "Resistance in <Place>", and negatives
that must stay what they are."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.mentions import EntityMention
from kg.extract.text import split_sentences


def mentions(text: str) -> list[EntityMention]:
    return find_entities(text, split_sentences(text), article_key="test")


def named(text: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Written span → (last two IRI segments, kinds)."""
    return {m.span.text: ("/".join(m.iri.rsplit("/", 2)[-2:]), m.kinds) for m in mentions(text)}


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            "The Anglican Bishop of Maroua, Paul Ndi Mbarga, appealed for the hostages' release.",
            "Paul Ndi Mbarga",
        ),
        ("The Humanitarian Coordinator in Chad, Lena Okafor Bako, condemned the raid.", "Lena Okafor Bako"),
        (
            "The talks were led by the group's commander-in-chief, Salim Darwish Haddad.",
            "Salim Darwish Haddad",
        ),
        (
            "A herder reached by phone near Mopti, Amadou Bello Sow, said gunmen burned the granary.",
            "Amadou Bello Sow",
        ),
        ("The dead commander, identified as Karim Bello Sani, ran a cell in the hills.", "Karim Bello Sani"),
        ("Gunmen under the command of Omar Diallo Kane stormed the prison in 2019.", "Omar Diallo Kane"),
        (
            "Like his father Ahmed Youssouf Saleh before him, the general led the assault.",
            "Ahmed Youssouf Saleh",
        ),
        ("State Governor A. Rahim Tukur imposed a curfew on Sunday.", "A. Rahim Tukur"),
        ("Chief Minister K. Lalduhoma Singh resigned after the riots.", "K. Lalduhoma Singh"),
    ],
)
def test_a_person_without_a_title_in_front_is_found(sentence: str, person: str) -> None:
    iri, kinds = named(sentence)[person]
    assert kinds == ("Person",) and iri.startswith("actor/")


@pytest.mark.parametrize(
    "sentence",
    [
        "The summit in Doha, Qatar, said the statement.",
        "Envoys of the United Nations, the African Union and Qatar met in Geneva.",
        "The governor of Borno, Nigeria, visited the camp.",
    ],
)
def test_places_and_bodies_apposed_to_a_role_are_no_persons(sentence: str) -> None:
    assert not [m for m in mentions(sentence) if "Person" in m.kinds]


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        (
            "The Gulf Cartel and the Jalisco New Generation Cartel fought for Reynosa.",
            "Gulf Cartel",
            "NonStateArmedGroup",
        ),
        (
            "Police said the gang worked for the Jalisco New Generation Cartel.",
            "Jalisco New Generation Cartel",
            "NonStateArmedGroup",
        ),
        (
            "The rocket attack was claimed by the Islamic Resistance in Lebanon on Monday.",
            "Islamic Resistance in Lebanon",
            "NonStateArmedGroup",
        ),
        (
            "Agents of the General Intelligence Directorate detained the blogger.",
            "General Intelligence Directorate",
            "Government",
        ),
        (
            "The Federal Security Service said it had arrested two men.",
            "Federal Security Service",
            "Organization",
        ),
        ("Officers of the Rapid Response Unit escorted the convoy.", "Rapid Response Unit", "Organization"),
        (
            "Mariam Tadevosyan, a fellow at the Caucasus Policy Centre, said the truce was fragile.",
            "Caucasus Policy Centre",
            "Organization",
        ),
        ("A statement by the Carter Center urged restraint.", "Carter Center", "Organization"),
        ("Fighters of the Hasnat Faction ambushed the patrol.", "Hasnat Faction", "NonStateArmedGroup"),
    ],
)
def test_organisations_named_by_a_new_head_word(sentence: str, name: str, kind: str) -> None:
    iri, kinds = named(sentence)[name]
    assert kinds == (kind,) and iri.startswith("actor/")


def test_a_city_centre_stays_a_site() -> None:
    found = named("Shells hit the Kharkiv city centre overnight.")
    assert found["Kharkiv city centre"][1] == ("Site",)


def test_a_based_modifier_is_no_part_of_a_centre_name() -> None:
    found = named("A researcher at the Tbilisi-based Caucasus Policy Centre said the truce was fragile.")
    assert found["Caucasus Policy Centre"][1] == ("Organization",)
    assert found["Tbilisi"][0] == "place/tbilisi"
