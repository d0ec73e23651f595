"""Round 11 batteries for sources named by a common noun (all sentences our own): a common-noun modifier is
part of the source ("a police investigator", not the police), a timestamp dash opens a clause, an aside may
run over two commas, "tells" reports, "worker"/"member" name a person, an owner "U.S." keeps its period out
of the span, and "the source said" after "a military source … said" is that same source."""

from __future__ import annotations

import pytest

from kg.extract.pipeline import extract


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def sources(text: str) -> list[str]:
    return [short(a.source) for a in extract(text).attributions]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Eleven inmates were hanged, according to a police investigator who asked not to be named.",
            "police-investigator",
        ),
        ("Four guards died in the blast, according to an army officer at the checkpoint.", "army-officer"),
        (
            "14:10 GMT - A military source in Bol told us 30 soldiers were killed in the raid.",
            "military-source",
        ),
        (
            "A security source in Garissa, speaking on condition of anonymity, tells us two officers "
            "were killed.",
            "security-source",
        ),
        (
            "A Western diplomat in Baku, speaking on condition that he not be named, as he was not allowed "
            "to brief reporters, said three soldiers were killed.",
            "western-diplomat",
        ),
        (
            "Dozens of villagers were killed, according to a humanitarian worker in the region.",
            "humanitarian-worker",
        ),
        (
            '"They fired until dark," said a militia member who survived the ambush that killed nine '
            "fighters.",
            "militia-member",
        ),
    ],
)
def test_a_common_noun_source_is_found(text: str, source: str) -> None:
    assert source in sources(text)


def test_the_source_said_is_the_same_source_as_before() -> None:
    text = (
        "A military source in Kidal said 20 soldiers were killed in the ambush. "
        '"We lost many men," the source said.'
    )
    m = extract(text)
    assert {short(a.source) for a in m.attributions} == {"military-source"}
    persons = {e.iri for e in m.entities if e.kinds == ("UnnamedPerson",)}
    assert len(persons) == 1


def test_two_different_sources_stay_two() -> None:
    text = "A witness said gunmen killed five traders in the market. A medic said 12 people were wounded."
    assert sorted(set(sources(text))) == ["medic", "witness"]


def test_an_abbreviated_owner_keeps_its_period_out_of_the_source() -> None:
    m = extract("A U.S. defense official said two drones were shot down over the sea.")
    official = next(e for e in m.entities if e.kinds == ("UnnamedPerson",))
    assert official.span.text == "defense official" and short(official.iri) == "u-s-defense-official"


def test_a_group_named_before_a_linked_phrase_is_not_a_new_source() -> None:
    m = extract("The al-Qaeda-linked group said it killed 12 soldiers near Gao.")
    assert "al-qaeda" in {short(e.iri) for e in m.entities}
    assert not [e for e in m.entities if "linked" in e.label]
