"""Round 10 relationship families: arms purchases, defence pacts, forces brought together, loyalty to a
person, and a name that only modifies an appositive's head noun (our own sentences)."""

from __future__ import annotations

from relation_stage import relations


def test_buying_arms_from_states_is_their_support():
    found = relations("Armenia has since bought radars and artillery from France and India.")
    assert {("Support", "france", "armenia"), ("Support", "india", "armenia")} <= found


def test_the_buyer_is_the_clause_subject_not_an_earlier_object():
    found = relations(
        "Armenia froze its participation in the CSTO in 2024 and has since bought artillery from France."
    )
    assert ("Support", "france", "armenia") in found
    assert not any(r[2] == "csto" and r[0] == "Support" for r in found)


def test_buying_food_is_no_support():
    assert relations("The rebels bought food from local traders in Mali.") == set()


def test_a_buyer_of_a_nations_weapons():
    assert ("Support", "israel", "azerbaijan") in relations(
        "Azerbaijan remains one of the main buyers of Israeli weapons."
    )


def test_a_defence_pact_is_an_alliance_but_a_trade_deal_is_not():
    assert ("Alliance", "azerbaijan", "turkey") in relations(
        "Azerbaijan signed a mutual defence pact with Turkey in 2021."
    )
    assert relations("Serbia and Hungary signed a trade agreement with China.") == set()


def test_a_force_bringing_together_troops_of_several_states():
    found = relations(
        "The Multinational Joint Task Force, which brings together troops from Chad, Nigeria and Cameroon, "
        "was revived."
    )
    members = {r[1] for r in found if r[0] == "Membership" and r[2] == "multinational-joint-task-force"}
    assert {"chad", "nigeria", "cameroon"} <= members


def test_loyal_to_a_person_is_his_leadership():
    assert relations(
        "The Rapid Support Forces, loyal to General Mohamed Hamdan Dagalo, seized the town."
    ) == {("Leadership", "mohamed-hamdan-dagalo", "rapid-support-forces")}


def test_loyal_to_an_organisation_stays_an_alliance():
    assert ("Alliance", "hezbollah", "iran") in relations(
        "Hezbollah, loyal to Iran, fired rockets at Israel."
    )


def test_unnamed_loyalists_stand_for_their_commander_and_the_accuser_is_no_party():
    found = relations(
        "Chad has long accused forces loyal to the Libyan commander Khalifa Haftar of sheltering FACT."
    )
    assert found == {("Support", "khalifa-haftar", "fact")}


def test_a_name_modifying_an_appositive_head_is_not_the_subject():
    found = relations(
        "Officials blamed JNIM, the al-Qaeda affiliate that is active across the frontier and has been "
        "fighting the ISSP for control of the area."
    )
    assert ("Membership", "jnim", "al-qaeda") in found
    assert ("Hostility", "jnim", "issp") in found
    assert not any(r[0] == "Hostility" and "al-qaeda" in r for r in found)
