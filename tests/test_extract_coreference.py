"""Coreference of definite descriptions: "the Lebanese group" is an earlier group based in Lebanon."""

from __future__ import annotations

from kg.extract.pipeline import extract


def described(text: str) -> list[tuple[str, str]]:
    return [(e.span.text, e.iri.rsplit("/", 1)[-1]) for e in extract(text).entities if e.how == "coreference"]


def test_a_demonym_description_refers_to_a_group_based_there():
    found = described("Hezbollah fired rockets at Metula. The Lebanese group said it targeted a barracks.")
    assert found == [("Lebanese group", "hezbollah")]


def test_a_demonym_description_is_not_a_foreign_force_without_a_recorded_base():
    found = described(
        "Russian Africa Corps fighters arrived in Gao. The Malian armed forces said 30 soldiers died."
    )
    assert found == []


def test_the_ministry_and_the_commission_refer_back_to_the_institution_named_before():
    from kg.extract.pipeline import extract

    m = extract(
        "The Kenya Human Rights Commission said 12 protesters were killed. "
        "The commission has recorded 60 deaths since June."
    )
    described = [e for e in m.entities if e.how == "coreference"]
    assert described and described[0].label == "Kenya Human Rights Commission"
