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
    got = by_text("Kenya's envoy met Sudanese officials while Kenyan troops left. Ukrainian drones flew.")
    kenya = got["Kenya"]
    assert (kenya.iri, kenya.kinds, kenya.known, kenya.how) == (
        str(ID["country/kenya"]),
        ("Country", "State"),
        False,
        "possessive",
    )
    assert got["Sudanese"].iri == str(ID["country/sudan"])
    assert got["Kenyan troops"].label == "Kenyan forces"  # the article's own state's troops stay a collective
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


# --- acronyms, name boundaries, descriptors, demonyms (kg/extract/acronyms.py) -------------------------


def actor(label: str) -> str:
    return str(ID[f"actor/{label}"])


def test_acronyms_the_gazetteer_lacks_are_organisations_and_fighter_nouns_make_them_armed() -> None:
    found = by_text("KDF fighters shelled the base. UNMISS said it would stay; the FNL denied it.")
    assert found["KDF"].iri == actor("kdf") and found["KDF"].kinds == ("NonStateArmedGroup",)
    assert found["UNMISS"].kinds == ("Organization",)
    assert "FNL" in found


def test_a_full_name_and_its_acronym_in_parentheses_are_one_actor() -> None:
    text = "The Northern Liberation Front (NLF) attacked a convoy. Later the NLF withdrew."
    nlf = [m for m in entities(text) if m.span.text in ("Northern Liberation Front", "NLF")]
    assert len(nlf) == 3 and {m.iri for m in nlf} == {actor("northern-liberation-front")}


def test_an_acronym_followed_by_its_spelled_out_name_takes_that_name() -> None:
    found = by_text("KLF (Kivu Liberation Forces) fighters crossed the river.")
    assert found["KLF"].iri == found["Kivu Liberation Forces"].iri == actor("kivu-liberation-forces")


def test_emphasis_units_and_headings_are_no_acronyms() -> None:
    assert not entities("BREAKING NEWS FROM THE FRONT")
    assert "URGENT" not in by_text("URGENT appeal issued after the strike at 10 PM GMT.")
    assert "PM" not in by_text("The strike came at 10 PM.")


def test_al_names_count_as_actors_only_in_an_actor_context() -> None:
    assert by_text("al-Nasr fighters ambushed a patrol.")["al-Nasr"].kinds == ("NonStateArmedGroup",)
    assert "al-Nasr" not in by_text("They drove down al-Nasr street.")


def test_a_modifier_ending_in_linked_is_its_own_actor_and_the_group_name_starts_after_it() -> None:
    found = by_text("Fighters of the Islamic State-affiliated Sahel Brigade raided the town.")
    assert found["Islamic State"].iri == actor("islamic-state")
    assert found["Sahel Brigade"].iri == actor("sahel-brigade")


def test_ordinals_and_possessive_words_stay_inside_names() -> None:
    found = by_text("The 5th Mechanised Brigade and the Farmers' Defence Forces held the line.")
    assert found["5th Mechanised Brigade"].iri == actor("5th-mechanised-brigade")
    assert found["Farmers' Defence Forces"].iri == actor("farmers-defence-forces")


def test_a_common_noun_descriptor_before_a_name_passes_its_kind_to_the_name() -> None:
    found = by_text("The claim was read on state television KTV on Monday.")
    assert found["KTV"].kinds == ("StateMedia",)
    assert "state television" not in found


def test_demonyms_that_only_describe_are_no_country_and_plurals_are_a_people() -> None:
    found = by_text("A Ukrainian-flagged tanker carried Ukrainian refugees. Ukrainians protested.")
    assert "Ukrainian" not in found
    assert found["Ukrainians"].iri == actor("ukrainians") and found["Ukrainians"].kinds == (
        "CollectiveActor",
    )


def test_dateline_places_are_title_cased_and_linked() -> None:
    found = by_text("KHARKIV/ODESA, Ukraine (Wire) - Shelling continued overnight.")
    assert found["KHARKIV"].iri == "x:kharkiv"
    assert found["ODESA"].iri == place("odesa") and found["ODESA"].kinds == ("City",)


def test_geographic_heads_are_part_of_the_name_and_directions_make_regions() -> None:
    found = by_text("Ships in the Black Sea sailed past the Cape of Storms. Drones hit eastern Ukraine.")
    assert found["Black Sea"].iri == place("black-sea")
    assert found["Cape of Storms"].iri == place("cape-of-storms")
    region = found["eastern Ukraine"]
    assert region.iri == place("eastern-ukraine") and region.contained_in == "x:ukraine"


def test_variants_of_a_named_camp_are_one_place() -> None:
    text = "Shelling hit the Tala displacement camp. Residents of Tala camp fled. Many stayed in Tala."
    assert {m.iri for m in entities(text) if "Tala" in m.span.text} == {place("tala")}


# --- countries, capitals, repeated acronyms (round 3) --------------------------------------------


def test_congo_alone_is_the_democratic_republic_of_the_congo() -> None:
    got = by_text("Congo's army said it repelled an attack; DR Congo and Congo-Kinshasa are one state.")
    drc = str(ID["country/democratic-republic-of-the-congo"])
    assert got["Congo"].iri == drc and got["DR Congo"].iri == drc and got["Congo-Kinshasa"].iri == drc


def test_a_capital_from_the_country_list_is_a_city_and_before_a_stance_verb_its_government() -> None:
    got = entities("Kampala has repeatedly denied arming the rebels. Shelling hit Juba overnight.")
    assert [(m.span.text, m.iri) for m in got if m.span.text in ("Kampala", "Juba")] == [
        ("Kampala", str(ID["actor/government-of-uganda"])),
        ("Juba", str(ID["place/juba"])),
    ]
    assert next(m for m in got if m.span.text == "Juba").kinds == ("City",)


def test_an_acronym_known_from_elsewhere_counts_where_it_opens_a_sentence() -> None:
    got = [(m.span.text, m.iri) for m in entities("JNIM fighters attacked a base. JNIM later withdrew.")]
    assert got.count(("JNIM", str(ID["actor/jnim"]))) == 2


def test_a_name_with_digits_opening_a_sentence_is_no_emphasis_word() -> None:
    got = by_text("M18 first seized the crossing in 2019.")
    assert got["M18"].iri == str(ID["actor/m18"])
    assert "HISTORIC" not in by_text("HISTORIC scenes were filmed in the square.")


# --- groups named next to a group noun (kg/extract/group_names.py) --------------------------------------


def _actor_labels(text: str) -> list[str]:
    from kg.extract.pipeline import extract

    return [e.label for e in extract(text).entities if e.is_actor]


def test_a_name_before_a_group_noun_is_a_group():
    labels = _actor_labels(
        "Gunmen from the Grand Ravine gang coalition burned houses, according to the Tamsa news agency."
    )
    assert "Grand Ravine" in labels and "Tamsa" in labels


def test_a_name_in_front_of_an_indefinite_apposition_is_a_group_and_repeats_are_found():
    labels = _actor_labels(
        "Fighters of the Ansaru, a jihadist militia active in Kaduna, raided a village. "
        "The army said it would pursue the Ansaru."
    )
    assert labels.count("Ansaru") == 2


def test_a_group_after_split_from_or_known_as():
    labels = _actor_labels(
        "Lakurawa, which split from Ansar Dine in 2018, formed a militia known as the Desert Hawks."
    )
    assert "Ansar Dine" in labels and "Desert Hawks" in labels


def test_known_names_demonyms_and_compound_modifiers_are_no_new_groups():
    labels = _actor_labels(
        "The Houthi movement, the Saudi-led coalition and the Aleppo militia fought the Wagner group."
    )
    assert not {"Houthi", "Saudi-led", "Aleppo", "Wagner"} & set(labels)


def test_a_name_opening_a_sentence_needs_a_capitalised_mention_inside_a_sentence():
    assert "Rescue" not in _actor_labels("Rescue network volunteers reached the town.")
    labels = _actor_labels("Zamfara Guard militia attacked the camp. Villagers fled from the Zamfara Guard.")
    assert "Zamfara Guard" in labels
