"""Actors and places the gazetteer does not know: places, countries, untitled persons, organisations."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.mentions import EntityMention
from kg.extract.text import split_sentences
from kg.gazetteer import GazetteerEntry
from kg.namespaces import ID

GAZ = [
    GazetteerEntry(
        "x:ukraine", "Ukraine", ("Country", "State"), demonyms=("Ukrainian",), is_place=True, is_actor=True
    ),
    GazetteerEntry("x:kharkiv", "Kharkiv", ("City",), is_place=True),
    GazetteerEntry("x:reuters", "Reuters", ("NewsAgency",), is_actor=True),
    GazetteerEntry("x:hamas", "Hamas", ("NonStateArmedGroup",), is_actor=True),
]


def entities(text: str) -> list[EntityMention]:
    return find_entities(text, split_sentences(text), article_key="t", gazetteer=GAZ)


def by_text(text: str) -> dict[str, EntityMention]:
    return {m.span.text: m for m in entities(text)}


def place(label: str) -> str:
    return str(ID[f"place/{slug_of(label)}"])


def slug_of(label: str) -> str:
    return label.lower().replace(" ", "-")


# --- places -------------------------------------------------------------------------------------


def test_a_head_word_names_the_kind_of_place() -> None:
    got = by_text("Shelling hit the small eastern town of Kupiansk and villages in Zaporizhzhia Oblast.")
    assert (got["Kupiansk"].iri, got["Kupiansk"].kinds, got["Kupiansk"].is_place) == (
        place("Kupiansk"),
        ("Town",),
        True,
    )
    oblast = got["Zaporizhzhia Oblast"]
    assert (oblast.label, oblast.kinds) == ("Zaporizhzhia region", ("Region",))


def test_lower_case_admin_heads_are_normalised_into_the_label() -> None:
    got = by_text("Aid convoys reached Blue Nile state and the province of Helmand.")
    assert (got["Blue Nile state"].label, got["Blue Nile state"].kinds) == ("Blue Nile state", ("Region",))
    assert (got["Helmand"].label, got["Helmand"].kinds) == ("Helmand province", ("Governorate",))


def test_an_appositive_puts_a_place_inside_another() -> None:
    got = by_text("Fighters entered Kadugli, a city in South Kordofan, at dawn.")
    assert got["Kadugli"].kinds == ("City",)
    assert got["Kadugli"].contained_in == got["South Kordofan"].iri == place("South Kordofan")


def test_names_after_place_prepositions_and_their_repeats() -> None:
    got = entities("Drone strikes continued near Kurakhove and Toretsk. Kurakhove lost power.")
    places = [(m.span.text, m.kinds) for m in got if m.is_place]
    assert places == [("Kurakhove", ("Place",)), ("Toretsk", ("Place",)), ("Kurakhove", ("Place",))]


def test_a_settlement_keeps_its_kind_when_mentioned_again_after_a_preposition() -> None:
    got = entities("The village of Mayo was shelled. Families fled from Mayo overnight.")
    assert [(m.span.text, m.kinds) for m in got if m.is_place] == [("Mayo", ("Village",))] * 2


def test_months_weekdays_actors_nationalities_and_statements_are_not_places() -> None:
    text = (
        "In a statement on Monday, Hamas said talks in March failed. Fighting in Ukrainian towns went on, "
        "in Reuters' words. Protests spread on Telegram and in Arabic media."
    )
    assert [m.span.text for m in entities(text) if m.is_place and "Country" not in m.kinds] == []


def test_persons_are_not_turned_into_places() -> None:
    got = entities("Said Omar Bashir, a farmer. Later reporters spoke to Omar Bashir in Kosti.")
    assert {m.span.text for m in got if m.is_place} == {"Kosti"}


def test_named_sites_with_and_without_a_known_place() -> None:
    got = by_text("Patients moved from Al-Awda Hospital to the Zamzam refugee camp near Kharkiv airport.")
    assert (got["Al-Awda Hospital"].kinds, got["Al-Awda Hospital"].iri) == (
        ("Site",),
        place("Al-Awda Hospital"),
    )
    assert got["Zamzam refugee camp"].kinds == ("Site",)
    airport = got["airport"]
    assert (airport.label, airport.kinds, airport.contained_in) == ("Kharkiv airport", ("Site",), "x:kharkiv")


# --- countries ----------------------------------------------------------------------------------


def test_countries_missing_from_the_gazetteer_come_from_the_country_list() -> None:
    got = by_text("Kenya's envoy met Sudanese officials while Malian troops left. Ukrainian drones flew.")
    kenya = got["Kenya"]
    assert (kenya.iri, kenya.kinds, kenya.known, kenya.how) == (
        str(ID["country/kenya"]),
        ("Country", "State"),
        False,
        "possessive",
    )
    assert got["Sudanese"].iri == str(ID["country/sudan"])
    assert got["Malian troops"].label == "Malian forces"
    assert (got["Ukrainian"].iri, got["Ukrainian"].known) == ("x:ukraine", True)  # the gazetteer wins


# --- persons without a title --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("“We lost everything,” said Fatima Idris after the raid.", "Fatima Idris"),
        ("Oleksandr Melnyk, a spokesman for the brigade, said two soldiers died.", "Oleksandr Melnyk"),
        ("According to Lucia Ferreira, who heads the clinic, supplies ran out.", "Lucia Ferreira"),
        ("Min Thu Aung told Reuters that the junta bombed the market.", "Min Thu Aung"),
        ("Ahmed Abu Salem, a nurse in the camp, counted the wounded.", "Ahmed Abu Salem"),
    ],
)
def test_untitled_persons_next_to_a_reporting_verb_or_role(text: str, name: str) -> None:
    persons = [m for m in entities(text) if m.kinds == ("Person",)]
    assert [(m.span.text, m.iri) for m in persons] == [(name, str(ID[f"actor/{slug_of(name)}"]))]


@pytest.mark.parametrize(
    "text",
    [
        "Human Rights Watch said the strike was unlawful.",
        "The United Nations said aid was blocked.",
        "Doctors Without Borders said its clinic closed.",
        "Later Reuters said the figure rose.",
        "Ukraine's General Staff said 40 attacks were repelled.",
        "On Tuesday Ukraine said it struck back.",
    ],
)
def test_organisations_and_places_next_to_a_reporting_verb_are_not_persons(text: str) -> None:
    assert [m.span.text for m in entities(text) if "Person" in m.kinds] == []


# --- organisations opened by their type word ----------------------------------------------------


@pytest.mark.parametrize(
    "text, name, kind",
    [
        ("Radio Dabanga reported looting.", "Radio Dabanga", "MediaOutlet"),
        ("A report by Radio Free Europe said so.", "Radio Free Europe", "MediaOutlet"),
        ("The Army of Islam withdrew.", "Army of Islam", "NonStateArmedGroup"),
        (
            "The Forces for Freedom and Change rejected it.",
            "Forces for Freedom and Change",
            "NonStateArmedGroup",
        ),
        ("The Justice and Equality Movement joined.", "Justice and Equality Movement", "Organization"),
        ("Volunteers of the Sudan Doctors Network counted 12 dead.", "Sudan Doctors Network", "Organization"),
        ("The National Resistance Front claimed it.", "National Resistance Front", "NonStateArmedGroup"),
        ("The Front for Peace and Democracy signed.", "Front for Peace and Democracy", "NonStateArmedGroup"),
    ],
)
def test_organisation_names(text: str, name: str, kind: str) -> None:
    got = by_text(text)
    assert got[name].kinds == (kind,)


def test_and_between_two_organisations_splits_them() -> None:
    got = by_text("Clashes between the Sudanese Armed Forces and the Rapid Support Forces resumed.")
    assert {"Sudanese Armed Forces", "Rapid Support Forces"} <= set(got)
    got = by_text("Talks between the Arakan Army and Hamas stalled.")
    assert "Arakan Army" in got and got["Hamas"].iri == "x:hamas"
