"""Actors and places the gazetteer does not have, named the way wire copy names them (round 8 batteries):
capitals speaking for governments, place names holding a country's name, qualified collectives, armed
groups named before their fighters, missions named with their country. All sentences are our own."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.mentions import EntityMention
from kg.extract.text import split_sentences


def mentions(text: str) -> list[EntityMention]:
    return find_entities(text, split_sentences(text), article_key="test")


def named(text: str) -> dict[str, str]:
    """Written span → last two IRI segments ("actor/government-of-eritrea")."""
    return {m.span.text: "/".join(m.iri.rsplit("/", 2)[-2:]) for m in mentions(text)}


@pytest.mark.parametrize(
    ("sentence", "capital", "government"),
    [
        ("Venezuela is accused of arming the guerrillas, a charge Caracas denies.", "Caracas", "venezuela"),
        ("Asmara rejects the report that its troops crossed the border.", "Asmara", "eritrea"),
        ("Kigali has repeatedly denied backing the rebels.", "Kigali", "rwanda"),
        ("Addis Ababa accused the militia of killing farmers.", "Addis Ababa", "ethiopia"),
        ("Nairobi condemned the attack on the convoy and vowed to respond.", "Nairobi", "kenya"),
    ],
)
def test_a_capital_before_a_statement_verb_is_its_government(sentence: str, capital: str, government: str):
    (mention,) = [m for m in mentions(sentence) if m.span.text == capital]
    assert mention.iri.endswith(f"actor/government-of-{government}") and mention.kinds == ("Government",)
    assert mention.of_state is not None and mention.of_state.endswith(f"country/{government}")
    assert any(alias.endswith(" government") for alias in mention.aliases)  # "Eritrean government"


def test_a_capital_as_a_place_stays_a_place():
    assert named("Fighting reached the outskirts of Nairobi on Monday.")["Nairobi"].startswith("place/")


def test_a_minted_government_keeps_its_demonym_form_as_an_alias():
    (government,) = [
        m
        for m in mentions("Yemen's internationally recognised government said talks failed.")
        if "Government" in m.kinds
    ]
    assert government.label == "Government of Yemen" and "Yemeni government" in government.aliases


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Fighting erupted in Puerto Jordan, near the border.", "Puerto Jordan"),
        ("Residents of Nueva Guinea fled after gunmen attacked the town.", "Nueva Guinea"),
        ("Shops in Little Syria were looted overnight.", "Little Syria"),
        ("Fishermen on Lake Chad were abducted by jihadists.", "Lake Chad"),
        ("Lake Chad has shrunk by nine tenths since the 1960s.", "Lake Chad"),
    ],
)
def test_a_place_name_holding_a_country_name_is_its_own_place(sentence: str, place: str):
    found = named(sentence)
    assert found[place] == f"place/{place.lower().replace(' ', '-')}"
    assert not any(v.startswith("country/") for v in found.values())


@pytest.mark.parametrize(
    ("sentence", "country"),
    [
        ("Neighbouring Chad closed its border.", "Chad"),
        ("When Niger recalled its ambassador, Mali followed.", "Niger"),
        ("Papua New Guinea deployed troops to the highlands.", "Papua New Guinea"),
        ("Equatorial Guinea and South Sudan signed the deal.", "Equatorial Guinea"),
        ("President Ruto said Kenya would send police.", "Kenya"),
    ],
)
def test_countries_after_other_capitalised_words_stay_countries(sentence: str, country: str):
    assert named(sentence)[country].startswith("country/")


@pytest.mark.parametrize(
    ("sentence", "written", "label"),
    [
        ("Federal forces recaptured the town on Monday.", "Federal forces", "federal forces"),
        (
            "Allied joint forces launched an offensive against the insurgents.",
            "Allied joint forces",
            "allied joint forces",
        ),
        ("Clan militias clashed with the jihadists near the river.", "Clan militias", "clan militias"),
        ("Peacekeepers came under fire near the camp.", "Peacekeepers", "peacekeepers"),
        ("Two police officers were killed in the ambush.", "police officers", "police officers"),
        (
            "Federal officials said the strike killed five militants.",
            "Federal officials",
            "federal officials",
        ),
        ("Tribal fighters took the hill.", "Tribal fighters", "tribal fighters"),
    ],
)
def test_qualified_collectives_keep_their_qualifier(sentence: str, written: str, label: str):
    (mention,) = [m for m in mentions(sentence) if m.span.text == written]
    assert mention.label == label and mention.is_actor


def test_a_demonym_before_officials_stays_the_country():
    assert named("Sudanese officials blamed the paramilitaries.")["Sudanese"] == "country/sudan"


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Boko Haram fighters attacked a village in the north-east.", "Boko Haram"),
        ("Suspected Boko Haram militants raided the village.", "Boko Haram"),
        ("The Taliban said they had captured the district.", "Taliban"),
        ("Clashes between soldiers and Wagner fighters left 12 dead.", "Wagner"),
        pytest.param(
            "Villagers said Katiba Macina gunmen burned the market.",
            "Katiba Macina",
            marks=pytest.mark.xfail(strict=True, reason="'Katiba Macina gunmen' is minted as a Person"),
        ),
    ],
)
def test_a_name_before_its_fighters_is_an_armed_group(sentence: str, group: str):
    (mention,) = [m for m in mentions(sentence) if m.span.text == group]
    assert mention.is_actor and mention.kinds == ("NonStateArmedGroup",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Rebel fighters entered the city on Monday.",
        "Islamist militants attacked the base.",
        "Unidentified gunmen killed three people.",
        "Foreign fighters crossed the border.",
    ],
)
def test_common_words_before_fighters_name_no_group(sentence: str):
    assert not any("NonStateArmedGroup" in m.kinds for m in mentions(sentence))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The UN Verification Mission in Colombia said the killings continued.",
            "UN Verification Mission in Colombia",
        ),
        ("The UN Mission in South Sudan said peacekeepers repelled an attack.", "UN Mission in South Sudan"),
        (
            "A report by the African Union Mission in Somalia listed the losses.",
            "African Union Mission in Somalia",
        ),
    ],
)
def test_a_mission_is_named_with_its_country(sentence: str, name: str):
    found = named(sentence)
    assert found[name] == f"actor/{name.lower().replace(' ', '-')}"
    assert not any(v.startswith("country/") for v in found.values())


def test_au_is_the_african_union():
    found = named("The AU called for a ceasefire, and the African Union sent envoys.")
    assert found["AU"] == found["African Union"] == "actor/african-union"


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("Many fled towards the regional capital Bahir Dar.", {"Bahir Dar": "place/bahir-dar"}),
        ("Jihadists besieged the garrison town Djibo for months.", {"Djibo": "place/djibo"}),
        (
            "Missiles hit the city's Kyivskyi and Saltivskyi districts.",
            {"Kyivskyi": "place/kyivskyi-district", "Saltivskyi": "place/saltivskyi-district"},
        ),
        (
            "Troops entered the Bakool and Gedo regions.",
            {"Bakool": "place/bakool-region", "Gedo": "place/gedo-region"},
        ),
    ],
)
def test_places_named_around_a_head_word_without_of(sentence: str, places: dict[str, str]):
    found = named(sentence)
    assert {k: found.get(k) for k in places} == places


def test_a_weekday_after_a_head_word_is_no_place():
    assert named("The town Monday was quiet.") == {}
