"""Relationship families: each kind as wire copy varies it — appositions, possessives, noun modifiers,
prefixes, coordinated parties, participles, supply verbs — and the negations that must not fire.
All sentences are our own, about several conflicts."""

from __future__ import annotations

import pytest
from relation_stage import relations, symmetric


@pytest.mark.parametrize(
    ("text", "allies_of_iran"),
    [
        ("Hezbollah, Iran's closest ally in the region, fired rockets at Israel.", {"hezbollah"}),
        (
            "Iran's allies, including Hezbollah and the Houthis, have vowed to respond.",
            {"hezbollah", "houthis"},
        ),
        (
            "Hezbollah, Hamas and the Houthis, all allies of Iran, vowed revenge.",
            {"hezbollah", "hamas", "houthis"},
        ),
        ("The Iran-aligned Houthis attacked a ship on Monday.", {"houthis"}),
        ("The pro-Iran Houthis attacked a ship on Monday.", {"houthis"}),
        ("The Houthis, an Iranian ally, fired drones at a tanker.", {"houthis"}),
    ],
)
def test_alliance_family(text: str, allies_of_iran: set[str]) -> None:
    found = relations(text)
    assert all(symmetric(found, "Alliance", ally, "iran") for ally in allies_of_iran), found
    assert {kind for kind, *_ in found} == {"Alliance"}


def test_coordinated_allies_are_allied_with_each_other() -> None:
    assert symmetric(
        relations("Russia and Iran, longtime allies, signed a pact."), "Alliance", "russia", "iran"
    )


@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        ("JNIM, an Islamic State affiliate, claimed the attack.", "jnim", "islamic-state"),
        ("The Islamic State affiliate ISWAP claimed the attack.", "iswap", "islamic-state"),
        ("Hamas's armed wing, the Qassam Brigades, fired rockets.", "qassam-brigades", "hamas"),
        (
            "The Northern Alliance, which also includes Hezbollah, denied the report.",
            "hezbollah",
            "northern-alliance",
        ),
    ],
)
def test_membership_family(text: str, member: str, group: str) -> None:
    assert ("Membership", member, group) in relations(text)


@pytest.mark.parametrize(
    "text",
    [
        "The M23 rebels, backed by Rwanda, seized Goma.",
        "Rwanda-backed M23 rebels seized Goma.",
        "The M23 is armed and trained by Rwanda, UN experts say.",
        "The M23 rebels, who are armed and funded by Rwanda, seized Goma.",
        "The M23 received weapons from Rwanda, the report said.",
        "Kinshasa accused Rwanda of arming the M23.",
    ],
)
def test_backing_family(text: str) -> None:
    found = relations(text)
    assert ("Backing", "rwanda", "m23") in found
    assert not any(party == "united-nations" for _, party, _ in found)  # "…, UN experts say" is no backer


@pytest.mark.parametrize(
    ("text", "backer", "backed"),
    [
        ("Iran supplies the Houthis with drones and missiles.", "iran", "houthis"),
        ("The United States sent weapons to Ukraine.", "united-states", "ukraine"),
        ("The Houthis, an Iranian proxy, fired drones at Israel.", "iran", "houthis"),
        ("Iran's proxies, including Hezbollah and the Houthis, fired rockets.", "iran", "hezbollah"),
        ("Israel struck Hezbollah, Iran's most powerful proxy.", "iran", "hezbollah"),
    ],
)
def test_supply_and_proxy_are_backing(text: str, backer: str, backed: str) -> None:
    assert ("Backing", backer, backed) in relations(text)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "The SDF and the SNA exchanged fire near Manbij.",
            "syrian-democratic-forces",
            "syrian-national-army",
        ),
        ("Russia and Ukraine, at war since 2022, exchanged prisoners.", "russia", "ukraine"),
        ("Israel and Hamas have fought each other since October.", "israel", "hamas"),
        ("Hezbollah clashed with Israeli forces near the border.", "hezbollah", "israel-defense-forces"),
        ("Israel is at war with Hamas.", "israel", "hamas"),
    ],
)
def test_hostility_family(text: str, a: str, b: str) -> None:
    assert symmetric(relations(text), "Hostility", a, b)


def test_parties_that_clash_with_a_third_are_not_enemies_of_each_other() -> None:
    found = relations("Hamas and Islamic Jihad clashed with Israeli troops in Jenin.")
    assert not symmetric(found, "Hostility", "hamas", "islamic-jihad")


def test_killed_in_clashes_with_names_no_fighting_party_before_it() -> None:
    found = relations("Peacekeepers from Malawi and Uruguay were killed in clashes with the M23 last week.")
    assert not any(party in {"malawi", "uruguay"} for _, *parties in found for party in parties)


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah, whose leader Hassan Nasrallah was killed in 2024, fired rockets.",
        "Hassan Nasrallah, the head of Hezbollah, was killed in 2024.",
        "Hezbollah chief Hassan Nasrallah was killed in 2024.",
    ],
)
def test_leadership_family(text: str) -> None:
    assert ("Leadership", "hassan-nasrallah", "hezbollah") in relations(text)


def test_opposition_from_rivals() -> None:
    assert ("Opposition", "houthis", "saudi-arabia") in relations(
        "The Houthis, Saudi Arabia's arch-rivals, fired drones."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda denied backing the M23.",
        "Rwanda has denied supporting the M23.",
        "Iran rejected accusations that it arms the Houthis.",
        "Iran never armed the Houthis, its foreign minister said.",
        "Turkey has not backed the SDF.",
        "Turkey is no longer allied with the SDF.",
        "Turkey ended its support for the SNA in 2020.",
        "The Wagner Group, a former ally of the Malian junta, withdrew.",
        "ISWAP, a breakaway faction of Boko Haram, claimed the attack.",
    ],
)
def test_denied_or_ended_relations_are_not_stated(text: str) -> None:
    assert not {kind for kind, *_ in relations(text)} & {"Backing", "Support", "Alliance", "Membership"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "ISWAP, which pledged allegiance to the Islamic State in 2015, overran the base.",
            ("Membership", "iswap", "islamic-state"),
        ),
        (
            "Mali, Burkina Faso and Niger formed the Alliance of Sahel States in 2023.",
            ("Membership", "niger", "alliance-of-sahel-states"),
        ),
        (
            "The Houthis, which are allied with Iran's Islamic Revolutionary Guard Corps, fired drones.",
            ("Alliance", "houthis", "islamic-revolutionary-guard-corps"),
        ),
        ("The Wagner Group is closely linked to Russia.", ("Alliance", "wagner-group", "russia")),
        (
            "Hezbollah, whose exiled leader Hassan Nasrallah lives in Beirut, denied it.",
            ("Leadership", "hassan-nasrallah", "hezbollah"),
        ),
    ],
)
def test_allegiance_founding_possessed_objects_and_state_links(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in relations(text)


def test_a_party_inside_a_pro_prefix_is_not_the_object() -> None:
    found = relations("Hezbollah, a member of the pro-Iran Axis of Resistance, fired rockets.")
    assert ("Membership", "hezbollah", "iran") not in found
