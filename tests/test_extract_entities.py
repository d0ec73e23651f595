"""Actor and place mentions (gazetteer matches and discovered actors), and roles."""

from __future__ import annotations

import time

import pytest

from kg.extract.entities import find_entities
from kg.extract.mentions import EntityMention
from kg.extract.roles import find_roles, with_role_persons
from kg.extract.text import split_sentences
from kg.gazetteer import GazetteerEntry
from kg.namespaces import ID

TINY = [
    GazetteerEntry(
        "x:sudan", "Sudan", ("Country", "State"), demonyms=("Sudanese",), is_place=True, is_actor=True
    ),
    GazetteerEntry(
        "x:chad", "Chad", ("Country", "State"), demonyms=("Chadian",), is_place=True, is_actor=True
    ),
    GazetteerEntry("x:rsf", "Rapid Support Forces", ("NonStateArmedGroup",), aliases=("RSF",), is_actor=True),
    GazetteerEntry(
        "x:sudan-gov",
        "Sudanese government",
        ("Government",),
        aliases=("Sudanese authorities",),
        metonyms=("Port Sudan",),
        is_actor=True,
    ),
    GazetteerEntry("x:el-fasher", "El Fasher", ("City",), aliases=("al-Fashir",), is_place=True),
    GazetteerEntry("x:hama", "Hama", ("City",), is_place=True),
    GazetteerEntry("x:hamas", "Hamas", ("NonStateArmedGroup",), is_actor=True),
    GazetteerEntry(
        "x:un", "United Nations", ("IntergovernmentalOrganization",), aliases=("UN",), is_actor=True
    ),
    GazetteerEntry(
        "x:kremlin-gov", "Russian government", ("Government",), metonyms=("the Kremlin",), is_actor=True
    ),
]


def entities(text: str, gazetteer: list[GazetteerEntry] | None = None) -> list[EntityMention]:
    return find_entities(
        text, split_sentences(text), article_key="test", gazetteer=TINY if gazetteer is None else gazetteer
    )


def found(text: str) -> list[tuple[str, str, str]]:
    return [(e.span.text, e.iri, e.how) for e in entities(text)]


def test_labels_aliases_and_acronyms_link_to_the_gazetteer() -> None:
    got = found("RSF fighters shelled El Fasher while the Rapid Support Forces denied it.")
    assert ("RSF", "x:rsf", "acronym") in got
    assert ("El Fasher", "x:el-fasher", "label") in got
    assert ("Rapid Support Forces", "x:rsf", "label") in got


def test_acronyms_are_case_sensitive_and_names_need_capitals() -> None:
    assert found("the rsf said sudan was calm.") == []
    assert found("Un día en Sudan.") == [("Sudan", "x:sudan", "label")]


def test_word_boundaries_keep_hama_and_hamas_apart() -> None:
    assert found("Hamas welcomed news from Hama.") == [
        ("Hamas", "x:hamas", "label"),
        ("Hama", "x:hama", "label"),
    ]


def test_possessive_demonym_and_metonym() -> None:
    got = found("Chad's army massed troops; Sudanese officials blamed the Kremlin and Port Sudan.")
    assert ("Chad", "x:chad", "possessive") in got
    assert ("Sudanese", "x:sudan", "demonym") in got
    assert ("Kremlin", "x:kremlin-gov", "metonym") in got
    assert ("Port Sudan", "x:sudan-gov", "metonym") in got


def test_a_capital_before_a_speech_verb_reads_as_its_government() -> None:
    gazetteer = [
        GazetteerEntry("x:kyiv", "Kyiv", ("City",), is_place=True),
        GazetteerEntry(
            "x:ua-gov", "Ukrainian government", ("Government",), metonyms=("Kyiv",), is_actor=True
        ),
    ]
    got = [
        (m.span.text, m.iri) for m in entities("Kyiv condemned the strike on a depot near Kyiv.", gazetteer)
    ]
    assert got[0] == ("Kyiv", "x:ua-gov") and ("Kyiv", "x:kyiv") in got


def test_longest_match_wins_without_overlaps() -> None:
    mentions = entities("Sudanese government forces and the Sudanese government disagreed.")
    spans = [(m.span.text, m.label) for m in mentions]
    assert spans == [
        ("Sudanese government forces", "Sudanese government forces"),
        ("Sudanese government", "Sudanese government"),
    ]
    ordered = sorted((m.span.start, m.span.end) for m in mentions)
    assert all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False))


def test_unknown_organisations_get_a_kind_from_their_head_word() -> None:
    text = "The Darfur Network for Human Rights and the Sudan Liberation Army blamed Nyala Times."
    by_label = {m.label: m for m in entities(text)}
    assert by_label["Darfur Network for Human Rights"].kinds == ("MonitoringGroup",)
    assert by_label["Nyala Times"].kinds == ("MediaOutlet",)
    army = by_label["Sudan Liberation Army"]
    assert (army.iri, army.kinds, army.known) == (
        str(ID["actor/sudan-liberation-army"]),
        ("NonStateArmedGroup",),
        False,
    )


def test_a_demonym_before_an_armed_head_makes_a_state_force() -> None:
    [army] = [m for m in entities("The Chadian Army crossed over.") if m.label == "Chadian Army"]
    assert army.kinds == ("StateArmedForce",)


def test_persons_introduced_by_a_title_and_later_by_surname() -> None:
    mentions = entities("Army spokesman Nabil Abdallah denied it. Later Abdallah said more.")
    persons = [(m.span.text, m.iri, m.how) for m in mentions if m.kinds == ("Person",)]
    assert persons == [
        ("Nabil Abdallah", str(ID["actor/nabil-abdallah"]), "pattern"),
        ("Abdallah", str(ID["actor/nabil-abdallah"]), "alias"),
    ]


def test_collective_actors_follow_the_article_s_single_nationality() -> None:
    text = "Sudanese rebels advanced. The rebels then met insurgents and civilians."
    got = {(m.span.text, m.iri) for m in entities(text)}
    assert ("Sudanese rebels", str(ID["actor/sudanese-rebels"])) in got
    assert ("rebels", str(ID["actor/sudanese-rebels"])) in got
    assert ("insurgents", str(ID["actor/insurgents"])) in got
    assert ("civilians", str(ID["actor/civilians"])) in got
    two = {m.iri for m in entities("Sudanese rebels and Chadian rebels met the rebels.")}
    assert str(ID["actor/rebels"]) in two  # two nationalities: a bare "rebels" stays unqualified


def test_forces_need_a_nationality_and_materiel_is_found() -> None:
    mentions = entities("Chadian troops seized tanks, ammunition and armoured vehicles; troops left.")
    got = {(m.span.text, m.iri, m.kinds) for m in mentions}
    assert ("Chadian troops", str(ID["actor/chadian-forces"]), ("CollectiveActor",)) in got
    assert ("tanks", str(ID["materiel/tanks"]), ("Materiel",)) in got
    assert ("armoured vehicles", str(ID["materiel/military-vehicles"]), ("Materiel",)) in got
    assert not any(m.span.text == "troops" for m in mentions)


def test_sites_after_a_possessive_place_are_contained_in_it() -> None:
    [site] = [m for m in entities("Shells hit El Fasher's main hospital.") if "Site" in m.kinds]
    assert (site.span.text, site.iri, site.label, site.contained_in) == (
        "hospital",
        str(ID["place/el-fasher-hospital"]),
        "El Fasher hospital",
        "x:el-fasher",
    )


def test_extraction_is_deterministic() -> None:
    text = "Sudanese rebels shelled El Fasher. RSF commander Ali Yagoub was killed."
    assert entities(text) == entities(text)


def roles(text: str) -> list[tuple[str, str, str, str | None, str]]:
    sentences = split_sentences(text)
    mentions = find_entities(text, sentences, article_key="k1", gazetteer=TINY)
    return [
        (r.span.text, r.role_kind, r.role_title, r.organization.iri if r.organization else None, r.person.iri)
        for r in find_roles(text, sentences, mentions, article_key="k1")
    ]


def test_named_and_unnamed_roles() -> None:
    got = roles(
        "UN envoy Ramtane Lamamra arrived. A Sudanese government security official said the talks failed."
    )
    assert got[0] == ("UN envoy Ramtane Lamamra", "Envoy", "envoy", "x:un", str(ID["actor/ramtane-lamamra"]))
    assert got[1] == (
        "Sudanese government security official",
        "Official",
        "security official",
        "x:sudan-gov",
        str(ID["article/k1/actor/security-official-of-sudanese-government"]),
    )


def test_possessive_and_of_forms_give_one_unnamed_person() -> None:
    got = roles("Chad's foreign minister spoke. Later the foreign minister of Chad left.")
    assert {r[4] for r in got} == {str(ID["article/k1/actor/foreign-minister-of-chad"])}
    assert [r[0] for r in got] == ["Chad's foreign minister", "foreign minister of Chad"]


def test_unnamed_role_resolves_to_the_named_holder_of_the_same_role() -> None:
    got = roles("The Kremlin spokesman declined to comment. Kremlin spokesman Ivan Petrov later spoke.")
    assert {r[4] for r in got} == {str(ID["actor/ivan-petrov"])}
    assert {r[3] for r in got} == {"x:kremlin-gov"}


def test_role_persons_can_join_the_entity_list() -> None:
    text = "Chad's foreign minister met RSF envoys."
    sentences = split_sentences(text)
    mentions = find_entities(text, sentences, article_key="k1", gazetteer=TINY)
    merged = with_role_persons(mentions, find_roles(text, sentences, mentions, article_key="k1"))
    assert [m.span.text for m in merged] == ["Chad", "Chad's foreign minister", "RSF"]
    assert merged[1].kinds == ("UnnamedPerson",)


@pytest.fixture(scope="module")
def seed_mentions(seed_text: str) -> tuple[list[EntityMention], list[tuple[str, str, str | None, str]]]:
    sentences = split_sentences(seed_text)
    mentions = find_entities(seed_text, sentences, article_key="seed")
    role_rows = [
        (r.role_kind, r.role_title, r.organization.label if r.organization else None, r.person.label)
        for r in find_roles(seed_text, sentences, mentions, article_key="seed")
    ]
    return mentions, role_rows


def test_seed_article_actors_and_places(seed_mentions: tuple[list[EntityMention], list[object]]) -> None:
    mentions, _ = seed_mentions
    labels = {m.label for m in mentions}
    expected = {
        "Hayat Tahrir al-Sham",
        "Aleppo",
        "Russia",
        "Iran",
        "Hezbollah",
        "Israel",
        "Turkey",
        "Syrian Observatory for Human Rights",
        "Anadolu Agency",
        "Dmitry Peskov",
        "Syrian government",
        "Idlib",
    }
    assert expected <= labels
    assert any(m.span.text == "HTS" and m.how == "acronym" for m in mentions)
    assert any(m.span.text == "Kremlin" and m.how == "metonym" and "russia" in m.iri for m in mentions)
    assert {"military vehicles", "heavy weapons"} <= {m.label for m in mentions if m.kinds == ("Materiel",)}
    assert any("Site" in m.kinds and m.span.text == "university" for m in mentions)


def test_seed_article_roles(
    seed_mentions: tuple[list[EntityMention], list[tuple[str, str, str | None, str]]],
) -> None:
    _, role_rows = seed_mentions
    assert ("ForeignMinister", "foreign minister", "Iran", "foreign minister of Iran") in role_rows
    assert ("Spokesperson", "spokesman", "Russian government", "Dmitry Peskov") in role_rows
    assert any(r[0] == "Official" and r[2] == "Syrian government" for r in role_rows)


def test_seed_article_extraction_is_fast(seed_text: str) -> None:
    sentences = split_sentences(seed_text)
    find_entities(seed_text, sentences, article_key="seed")  # builds the matcher once
    started = time.perf_counter()
    find_entities(seed_text, sentences, article_key="seed")
    assert time.perf_counter() - started < 0.5


# --- state institutions and services (kg/extract/institutions.py) ------------------------------------


def institution(text: str, written: str) -> EntityMention:
    return next(e for e in entities(text) if e.span.text == written)


def test_a_ministry_named_after_its_state_is_a_government_of_that_state() -> None:
    ministry = institution(
        "Ukraine's defence ministry said two drones were shot down over Odesa.", "defence ministry"
    )
    assert ministry.iri == str(ID["actor/defence-ministry-of-ukraine"])
    assert ministry.kinds == ("Government",)
    assert ministry.of_state == str(ID["country/ukraine"])
    owner = next(e for e in entities("Ukraine's defence ministry said so.") if e.span.text == "Ukraine")
    assert owner.iri == str(ID["country/ukraine"])  # the state keeps its own mention


def test_a_demonym_army_is_the_armed_force_of_the_state_with_its_written_name_as_alias() -> None:
    army = institution("The Sudanese army said it repelled an attack on El Fasher.", "army")
    assert (army.iri, army.kinds, army.of_state) == (
        str(ID["actor/armed-forces-of-sudan"]),
        ("StateArmedForce",),
        "x:sudan",
    )
    # as written, demonym + canonical, then the names a reader would use (organisations.yaml `aliases`)
    assert army.aliases[:2] == ("Sudanese army", "Sudanese armed forces")
    assert {"Sudanese military", "Sudan army", "army", "military", "troops"} <= set(army.aliases)


def test_an_owner_that_is_no_state_names_the_institution_as_written() -> None:
    darfur = GazetteerEntry("x:darfur", "Darfur", ("Region",), is_place=True)
    found = entities("The Darfur health ministry said 40 patients died.", [*TINY, darfur])
    ministry = next(e for e in found if e.span.text == "health ministry")
    assert ministry.label == "Darfur health ministry" and ministry.of_state is None
    coalition = institution("The Saudi-led coalition struck Sanaa airport.", "coalition")
    assert coalition.iri == str(ID["actor/saudi-led-coalition"]) and coalition.kinds == ("Coalition",)


def test_bare_army_and_junta_belong_to_the_country_the_article_is_about() -> None:
    text = (
        "Myanmar rebels seize border town. Fighting spread across Myanmar on Friday. "
        "The junta said the army had repelled the attack."
    )
    junta, army = institution(text, "junta"), institution(text, "army")
    assert (junta.iri, junta.of_state) == (str(ID["actor/junta-of-myanmar"]), str(ID["country/myanmar"]))
    assert (army.iri, army.of_state) == (str(ID["actor/armed-forces-of-myanmar"]), str(ID["country/myanmar"]))


def test_a_bare_form_refers_back_to_the_earlier_institution_and_adjectives_are_no_actors() -> None:
    text = (
        "Chad's foreign ministry protested. Later the foreign ministry summoned the envoy. "
        "Military vehicles burned."
    )
    later = [e for e in entities(text) if e.span.text == "foreign ministry"]
    assert [e.iri for e in later] == [str(ID["actor/foreign-ministry-of-chad"])] * 2
    assert not any(e.span.text.lower() == "military" for e in entities(text))


def test_a_bare_service_without_a_clear_country_stays_a_collective() -> None:
    police = institution("Police said three people were arrested.", "Police")
    assert (police.iri, police.kinds, police.of_state) == (
        str(ID["actor/police"]),
        ("CollectiveActor",),
        None,
    )


def test_a_hyphenated_modifier_is_its_own_entity_that_records_what_it_modifies() -> None:
    found = entities("Chad-backed Rapid Support Forces fighters and Hamas-linked gunmen clashed.")
    chad = next(e for e in found if e.span.text == "Chad")
    assert chad.modifier_of == ("backed", "x:rsf")
    assert next(e for e in found if e.span.text == "Rapid Support Forces").modifier_of is None


def test_a_capital_of_the_country_list_lies_in_its_country() -> None:
    kinshasa = next(e for e in entities("Shops closed in Kinshasa on Monday.") if e.span.text == "Kinshasa")
    assert kinshasa.contained_in == str(ID["country/democratic-republic-of-the-congo"])
