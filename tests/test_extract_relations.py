"""Relationships between actors: n-ary kinds with a direction, read from phrases in our own sentences."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.namespaces import ID


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
