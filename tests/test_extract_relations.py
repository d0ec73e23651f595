"""Relationships between actors: n-ary kinds with a direction, read from phrases in our own sentences."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.namespaces import ID


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def relations(text: str) -> set[tuple[str, str, str]]:
    short = lambda iri: iri.rsplit("/", 1)[-1]  # noqa: E731
    return {(r.kind, short(r.from_party), short(r.to_party)) for r in extract(text).relations}


def test_an_appositive_ally_and_the_subject_after_it():
    found = relations("Hezbollah, a longtime ally of Iran, is also fighting against Israel near the border.")
    assert ("Alliance", "hezbollah", "iran") in found
    assert ("Hostility", "hezbollah", "israel") in found


def test_support_by_two_coordinated_states():
    found = relations("Russia and Iran expressed support for the Syrian government on Sunday.")
    assert {("Support", "russia", "syrian-government"), ("Support", "iran", "syrian-government")} <= found


def test_backed_by_is_read_backwards():
    found = relations("Hayat Tahrir al-Sham, backed by Turkey, denied the report.")
    assert found == {("Backing", "turkey", "hayat-tahrir-al-sham")}


def test_conflict_with_is_hostility():
    assert ("Hostility", "israel", "hezbollah") in relations("Israel is at war with Hezbollah.")


def test_no_relation_without_two_actors():
    assert relations("The alliance of convenience is an ally of nobody.") == set()


def test_each_relationship_is_reported_once_per_article():
    text = (
        "Iran expressed support for the Syrian government. Iran expressed support for the Syrian government."
    )
    assert len(extract(text).relations) == 1


def test_a_spokesperson_speaks_for_the_organisation():
    found = extract("The Kremlin spokesman stated their support for the Syrian government.").relations
    assert [r.to_party for r in found] == [f"{ID}actor/syrian-government"]
    assert found[0].from_party != found[0].to_party


def test_relying_on_a_party_as_an_ally_is_an_alliance():
    found = relations("The Syrian government has long relied on Hezbollah as a close ally.")
    assert ("Alliance", "syrian-government", "hezbollah") in found


def test_a_possessive_ally_and_backer():
    found = relations(
        "Israel's closest ally the United States sent ships. Iran's main backer Russia said nothing."
    )
    assert ("Alliance", "israel", "united-states") in found or (
        "Alliance",
        "united-states",
        "israel",
    ) in found
    assert ("Support", "russia", "iran") in found


def test_a_demonym_group_description_refers_back_to_the_group():
    found = relations("Hezbollah fired rockets overnight. The Lebanese group is at war with Israel.")
    assert ("Hostility", "hezbollah", "israel") in found
    assert not any("lebanon" in party for _, *parties in found for party in parties)


def test_an_attack_by_one_armed_party_on_another_is_hostility():
    found = relations("Russia launched missile strikes against Ukraine on Tuesday.")
    assert ("Hostility", "russia", "ukraine") in found


def test_fighting_alongside_and_linked_to_a_state_are_alliances():
    found = relations(
        "The Wagner Group fought alongside the Syrian government. The Iran-linked rebels denied it."
    )
    assert ("Alliance", "wagner-group", "syrian-government") in found
    assert ("Alliance", "rebels", "iran") in found  # docs/model.md: "X-linked" with a state X is an Alliance


def test_the_object_of_an_ally_phrase_is_not_behind_another_preposition():
    assert not any(
        k == "Alliance" for k, *_ in relations("Iran and its allies of convenience against Israel met.")
    )


def test_the_war_between_two_parties_is_hostility():
    found = relations("The war between Russia, led by its president, and Ukraine began in 2022.")
    assert ("Hostility", "russia", "ukraine") in found


def test_a_group_leader_role_is_leadership_but_a_state_chief_is_not():
    found = relations("SDF commander Mazloum Abdi met Egyptian intelligence chief Abbas Kamel.")
    assert ("Leadership", "mazloum-abdi", "syrian-democratic-forces") in found
    assert not any(kind == "Leadership" and to == "egypt" for kind, _, to in found)


def test_an_alliance_that_includes_a_group_has_it_as_member():
    found = relations("The Northern Alliance, which also includes Hezbollah, denied the report.")
    assert ("Membership", "hezbollah", "northern-alliance") in found


def test_an_alliance_that_also_includes_groups_after_a_membership_phrase():
    m = extract(
        "The Kessel Front is part of the Northern Alliance, which also includes the Dunmore Liberation Army "
        "(DLA) and the Arakan Army."
    )
    members = {(r.kind, short(r.from_party), short(r.to_party)) for r in m.relations}
    assert members == {
        ("Membership", "kessel-front", "northern-alliance"),
        ("Membership", "dunmore-liberation-army", "northern-alliance"),
        ("Membership", "arakan-army", "northern-alliance"),
    }


def test_a_state_organ_minted_from_the_text_speaks_for_its_state():
    m = extract("The Russian defence ministry said its aircraft were supporting the Syrian army near Hama.")
    assert [(r.kind, short(r.from_party)) for r in m.relations] == [("Support", "russia")]


def test_a_compound_in_an_appositive_describes_the_actor_before_it():
    assert relations("Hezbollah, the Iranian-backed movement, fired rockets at Metula.") == {
        ("Backing", "iran", "hezbollah")
    }


def test_a_led_compound_in_a_name_says_who_leads_but_a_collective_is_not_led():
    found = relations("The Saudi-led coalition bombed the port while French-led gunmen looted the town.")
    assert {r for r in found if r[0] == "Leadership"} == {
        ("Leadership", "saudi-arabia", "saudi-led-coalition")
    }


def test_compound_modifiers_give_backing_membership_alliance_and_leadership():
    found = relations(
        "Iranian-backed Houthi rebels seized a tanker. The Russia-aligned Wagner Group left Bamako. "
        "Fighters of the al Qaeda-affiliated JNIM ambushed a convoy. The Hamas-run interior ministry spoke."
    )
    assert ("Backing", "iran", "houthis") in found
    assert ("Alliance", "russia", "wagner-group") in found
    assert ("Membership", "jnim", "al-qaeda") in found
    assert ("Leadership", "hamas", "hamas-run-interior-ministry") in found


def test_the_backer_in_a_compound_is_no_agent_of_the_backed_groups_attack():
    events = extract("The Iranian-backed Houthis seized a tanker in the Red Sea.").events
    assert [e.agents for e in events] == [(f"{ID}actor/houthis",)]


def test_a_state_organ_stands_for_its_state_in_support():
    found = relations("Chad's defence ministry pledged support for the Sudanese army against the RSF.")
    assert found == {("Support", "chad", "sudan")}


def test_the_subject_skips_a_relative_clause():
    found = relations(
        "The Economic Community of West African States (ECOWAS), which suspended Niger's membership last "
        "year, reaffirmed its support for the Malian government on Friday."
    )
    assert ("Support", "ecowas", "mali") in found
    assert not {r for r in found if r[1] == "niger"}


def test_states_that_train_troops_support_them():
    found = relations("Britain and Canada, which both train Ukrainian troops, condemned the strike.")
    assert {
        ("Support", "united-kingdom", "ukrainian-forces"),
        ("Support", "canada", "ukrainian-forces"),
    } <= found


def test_standing_with_across_an_opening_quote():
    found = relations('The chancellor said Germany stood "firmly with Ukraine" and would send more aid.')
    assert ("Support", "germany", "ukraine") in found


def test_an_object_pronoun_stands_for_the_organisation_before_the_subject():
    found = relations("Washington criticised the Wagner Group and urged Belarus to stop supporting it.")
    assert ("Support", "belarus", "wagner-group") in found


def test_a_named_official_of_a_group_is_a_member_and_a_un_chief_leads_nothing():
    found = relations(
        "A senior Hezbollah official, Mahmoud Qamati, told reporters the group would respond. "
        "UN Secretary-General Antonio Guterres condemned the strike."
    )
    assert ("Membership", "mahmoud-qamati", "hezbollah") in found
    assert not {r for r in found if r[0] == "Leadership"}


def test_a_commander_named_after_commanded_by_is_a_person_who_leads():
    found = relations("The Wagner Group, commanded by Dmitry Utkin, known as Wagner, left the base.")
    assert ("Leadership", "dmitry-utkin", "wagner-group") in found


def test_the_chief_of_a_junta_leads_it_but_a_states_chief_does_not():
    assert ("Leadership", "mamady-doumbouya", "junta") in relations(
        "Junta chief Mamady Doumbouya promised elections."
    )
    assert not {
        r
        for r in relations("Egyptian intelligence chief Abbas Kamel met the envoys.")
        if r[0] == "Leadership"
    }


def test_a_coalition_of_states_makes_them_members():
    found = relations("The Sahel Alliance, a coalition of Mali and Niger, condemned the raid.")
    assert {("Membership", "mali", "sahel-alliance"), ("Membership", "niger", "sahel-alliance")} <= found


def test_comprising_and_whose_members_include_list_the_members():
    found = relations(
        "The Popular Mobilization Forces, comprising the Badr Organization, deployed near Mosul."
    )
    assert ("Membership", "badr-organization", "popular-mobilization-forces") in found
    found = relations(
        "The Northern Alliance, whose members include the Arakan Army, seized the town on Monday."
    )
    assert ("Membership", "arakan-army", "northern-alliance") in found


def test_a_force_made_up_of_troops_from_states():
    found = relations("The Multinational Joint Task Force, made up of troops from Chad and Niger, withdrew.")
    members = {(kind, member) for kind, member, _ in found}
    assert {("Membership", "chad"), ("Membership", "niger")} <= members


def test_a_leaders_possessive_government_is_led_by_them():
    found = relations("President Bashar al-Assad's government rejected the talks in Geneva.")
    assert ("Leadership", "bashar-al-assad", "government-of-bashar-al-assad") in found
    found = relations("Prime Minister Benjamin Netanyahu's cabinet approved the operation on Friday.")
    assert ("Leadership", "benjamin-netanyahu", "government-of-benjamin-netanyahu") in found


def test_backing_between_dashes_and_with_backing_from():
    found = relations("The Rapid Support Forces — supported by the United Arab Emirates — attacked a city.")
    assert ("Backing", "united-arab-emirates", "rapid-support-forces") in found
    found = relations("The RSF advanced on the city with backing from the United Arab Emirates.")
    assert ("Backing", "united-arab-emirates", "rsf") in found


def test_fighting_alongside_one_party_against_another():
    found = relations("Wagner fighters fought alongside the Malian army against JNIM in 2022.")
    assert ("Alliance", "wagner-group", "mali") in found
    assert ("Hostility", "wagner-group", "jnim") in found


def test_a_party_and_its_named_allies_are_allied():
    found = relations("Russia and its allies Belarus and Iran condemned the sanctions.")
    assert {("Alliance", "belarus", "russia"), ("Alliance", "iran", "russia")} <= found


def test_unnamed_allies_relate_nobody_named_later():
    assert relations("Ukraine and its Western allies accused Russia of shelling the plant.") == set()


def test_backed_by_inside_a_relative_clause():
    found = relations("Hezbollah, which is supported by Iran, fired rockets.")
    assert ("Backing", "iran", "hezbollah") in found


def test_appositive_members_of_a_bloc():
    found = relations("Mali and Niger, members of the Alliance of Sahel States, left ECOWAS in January.")
    bloc = "alliance-of-sahel-states"
    assert {("Membership", "mali", bloc), ("Membership", "niger", bloc)} <= found


def test_killing_members_of_a_group_makes_nobody_a_member():
    assert not {r for r in relations("Israel killed members of Hamas in Gaza.") if r[0] == "Membership"}


def test_along_with_its_ally_and_whose_allies_include():
    assert ("Alliance", "belarus", "russia") in relations("Russia, along with its ally Belarus, held drills.")
    found = relations("Hamas, whose allies include Hezbollah, rejected the plan.")
    assert ("Alliance", "hezbollah", "hamas") in found


def test_the_object_of_backed_by_is_the_compound_not_its_first_part():
    found = relations("The Houthis, who are backed by an Iranian-led network, fired missiles at Israel.")
    assert not any(kind == "Backing" and backer == "iran" for kind, backer, _ in found)
    found = relations("Yemen's government, which is backed by a Saudi-led coalition, rejected the talks.")
    assert ("Backing", "saudi-arabia", "yemen") not in found
    assert any(kind == "Backing" and backer == "saudi-led-coalition" for kind, backer, _ in found)


def test_a_states_possessive_government_is_not_led_by_the_state():
    found = relations("Libya's interim government condemned the strike on Tripoli.")
    assert not {r for r in found if r[0] == "Leadership"}
