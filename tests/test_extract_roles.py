"""Roles: a named holder written after the role phrase and a comma."""

from __future__ import annotations

from kg.extract.pipeline import extract


def holders(text: str) -> list[tuple[str, str]]:
    return [(r.person.iri.rsplit("/", 1)[-1], r.role_kind) for r in extract(text).roles]


def test_a_spokesman_for_an_unlinked_body_then_his_name():
    found = holders("A spokesman for the junta, Major General Zaw Min Tun, said the town had not fallen.")
    assert ("zaw-min-tun", "Spokesperson") in found
    assert all(not person.startswith("spokesman") for person, _ in found)


def test_a_spokesman_for_a_named_group_then_his_name():
    found = holders("A spokesman for Hezbollah, Sheikh Mohammed Afif, said fighters hit a base near Metula.")
    assert found == [("mohammed-afif", "Spokesperson")]


def test_a_senior_official_of_a_group_then_his_name():
    assert holders("A senior Hamas official, Dr. Basem Naim, said talks stalled.") == [
        ("basem-naim", "Official")
    ]


def test_a_name_no_earlier_stage_found_between_commas_holds_the_role():
    assert holders("A senior Taliban commander, Qari Fasihuddin, told reporters the road was closed.") == [
        ("qari-fasihuddin", "Commander")
    ]


def test_a_capitalised_phrase_that_is_no_name_does_not_hold_the_role():
    found = holders("A senior Hamas official, Gaza Health Ministry, said nothing.")
    assert all(person.startswith("official") for person, _ in found)
