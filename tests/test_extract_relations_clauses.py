"""Relationships whose parties sit across clauses: relative clauses between a party and its phrase,
appositives after a possessive, coordinated verbs, locations that are not parties, "anti-X" groups, help
and supply requests, and a bare "the army" that stays the army. All sentences are our own."""

from __future__ import annotations

import pytest
from relation_stage import relations, symmetric


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah, which was founded in 1982 and is armed and funded by Iran, fired rockets overnight.",
        "Hezbollah, which is heavily funded by Iran, fired rockets overnight.",
        "The Houthis said on Monday that Hezbollah, which has long been backed by Iran, would respond.",
    ],
)
def test_a_relative_clause_may_stand_between_a_party_and_backed_by(text: str) -> None:
    assert ("Backing", "iran", "hezbollah") in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis, which are headed by Abdul-Malik al-Houthi, fired missiles at ships.",
        "The Houthis, who were led by Abdul-Malik al-Houthi from the mountains, fired missiles at ships.",
    ],
)
def test_a_relative_clause_may_stand_between_a_group_and_led_by(text: str) -> None:
    assert ("Leadership", "abdul-malik-al-houthi", "houthis") in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hamas, a movement that has pledged loyalty to Iran's leadership, "
        "has been at war with Israel since October.",
        "Hamas, which receives money from Iran's government, has been at war with Israel for years.",
    ],
)
def test_the_subject_is_not_the_possessor_inside_an_appositive(text: str) -> None:
    found = relations(text)
    assert symmetric(found, "Hostility", "hamas", "israel")
    assert not symmetric(found, "Hostility", "iran", "israel")


def test_the_object_of_a_coordinated_verb_is_not_the_subject() -> None:
    found = relations(
        "Mali and Niger, which expelled French troops and formed the Alliance of Sahel States, met."
    )
    assert ("Membership", "mali", "alliance-of-sahel-states") in found
    assert ("Membership", "niger", "alliance-of-sahel-states") in found
    assert not any(f == "french-forces" for _, f, _ in found)


def test_a_state_named_as_a_location_is_not_the_subject() -> None:
    found = relations(
        "The ADF, a group that operates from camps in Uganda and has fought the Congolese army for years."
    )
    assert found == {("Hostility", "adf", "democratic-republic-of-the-congo")}


def test_an_anti_x_group_opposes_x() -> None:
    assert relations("The Houthis, an anti-Israel movement, seized a ship.") == {
        ("Opposition", "houthis", "israel")
    }


@pytest.mark.xfail(
    strict=True, reason="'anti-X' before a common-noun head (militias) gives no Opposition to X"
)
def test_a_party_after_anti_with_its_own_head_noun_is_opposed() -> None:
    found = relations("The drone hit anti-Hamas militias near Rafah.")
    assert any(k == "Opposition" and t == "hamas" for k, _, t in found)


@pytest.mark.parametrize(
    ("text", "supported"),
    [
        ("Niger has turned to Russia for weapons and military instructors.", "niger"),
        ("The junta in Mali turned to Russia for help after the French left.", "junta-of-mali"),
        ("Mali, which expelled French troops last year, turned to Russia for instructors.", "mali"),
    ],
)
def test_turning_to_a_state_for_weapons_is_support_from_it(text: str, supported: str) -> None:
    assert relations(text) == {("Support", "russia", supported)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has pledged to help Syria fight the Islamic State.", ("Support", "russia", "syria")),
        ("Turkey promised to assist Azerbaijan in the talks.", ("Support", "turkey", "azerbaijan")),
    ],
)
def test_pledges_to_help_a_named_party(text: str, expected: tuple[str, str, str]) -> None:
    assert relations(text) == {expected}


def test_helping_without_a_pledge_to_fight_is_no_support() -> None:
    # no fighting verb: a help phrase without a party name
    assert not any(k == "Support" for k, _, _ in relations("Iran helped Hezbollah rebuild its arsenal."))


def test_a_pledge_to_help_does_not_reach_the_enemy() -> None:
    found = relations("Russia pledged to help the authorities fight Islamic State.")
    assert not any(t == "islamic-state" and k == "Support" for k, _, t in found)


def test_receiving_security_assistance_is_backing() -> None:
    found = relations(
        "Somalia, which hosts thousands of troops, has received security assistance from Turkey."
    )
    assert found == {("Backing", "turkey", "somalia")}


def test_under_the_operational_command_of_is_leadership() -> None:
    found = relations(
        "The Assam Rifles, a paramilitary force that is under the operational command of "
        "the Indian army, was hit."
    )
    assert found == {("Leadership", "india", "assam-rifles")}  # the state's army stands for the state


def test_a_demonym_before_a_name_is_no_party() -> None:
    found = relations("Hamas, a group allied with the Lebanese Hezbollah, attacked a post.")
    assert found == {("Alliance", "hamas", "hezbollah")}


def test_an_appositive_after_a_relative_clause_describes_the_clause_end() -> None:
    found = relations(
        "Pakistan, which has accused Afghanistan of sheltering the TTP, a group allied with Hamas, "
        "closed the border."
    )
    assert symmetric(found, "Alliance", "ttp", "hamas")
    assert not symmetric(found, "Alliance", "pakistan", "hamas")


def test_whose_faction_is_the_subject_not_the_group() -> None:
    found = relations(
        "The BIFF, a splinter group whose Karialan faction is affiliated with Islamic State, attacked."
    )
    assert ("Membership", "biff", "islamic-state") not in found


def test_a_faction_of_which_names_no_party() -> None:
    found = relations(
        "Police arrested members of the Kangleipak Communist Party, a faction of which is allied with Hamas."
    )
    assert not any(k == "Membership" for k, _, _ in found)


def test_a_bare_army_allied_with_a_militia_stays_the_army() -> None:
    found = relations(
        "Fighting spread across Burkina Faso. "
        "The VDP, a militia that fights alongside the army, lost ten men."
    )
    assert found == {("Alliance", "vdp", "armed-forces-of-burkina-faso")}


def test_a_state_army_written_with_its_state_stands_for_it_in_support() -> None:
    found = relations("Uganda sent troops to support the Congolese army.")
    assert found == {("Support", "uganda", "democratic-republic-of-the-congo")}


def test_fighting_alongside_is_no_hostility() -> None:
    found = relations(
        "The Malian army, fighting alongside the Wagner Group, carried out drone strikes on JNIM positions."
    )
    assert found == {("Alliance", "mali", "wagner-group")}
