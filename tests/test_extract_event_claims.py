"""A claim of responsibility makes the claimant the agent of the attack already reported (its own class)."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.extract.text import normalise_text
from kg.namespaces import ID


def classes_and_agents(text: str) -> list[tuple[str, tuple[str, ...]]]:
    events = extract(normalise_text(text)).events
    return [(e.event_class, tuple(a.rsplit("/", 1)[-1] for a in e.agents)) for e in events]


def test_a_headline_claim_joins_the_bombing_it_follows():
    found = classes_and_agents("Car bomb kills nine in Idlib; Islamic State claims attack")
    assert ("CarBombing", ("islamic-state",)) in found
    assert not any(cls == "ArmedClash" for cls, _ in found)


def test_a_claim_in_a_later_sentence_names_the_agent_of_the_earlier_attack():
    found = classes_and_agents(
        "A car bomb exploded at a checkpoint in Idlib on Friday, killing nine people. "
        "Hayat Tahrir al-Sham claimed the attack."
    )
    assert found[0] == ("CarBombing", ("hayat-tahrir-al-sham",))
    assert not any(cls == "ArmedClash" for cls, _ in found)


def test_a_reporting_verb_before_the_attack_does_not_make_the_reporter_its_agent():
    events = extract("Police said the attack killed nine people.").events
    assert all(f"{ID}actor/police" not in e.agents for e in events)
