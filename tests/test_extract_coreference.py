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
    assert [(e.span.text, e.label) for e in described] == [("commission", "Kenya Human Rights Commission")]
    m = extract(
        "The Kenyan interior ministry said 12 protesters were killed. "
        "The ministry has recorded 60 deaths since June."
    )
    described = [e for e in m.entities if e.how == "coreference"]
    assert [(e.span.text, e.label) for e in described] == [("ministry", "Interior ministry of Kenya")]


# --- round 8: "the group" is an armed group (not a monitor), the kind any mention gave it, and not the
# subject of its own clause -------------------------------------------------------------------------------


def test_the_group_is_not_a_monitor_quoted_after_the_armed_group() -> None:
    found = described(
        "Islamic State fighters ambushed a bus near Palmyra, the Syrian Observatory for Human Rights said. "
        "The extremist group later claimed the attack, and the group's news agency published photographs."
    )
    assert found == [("extremist group", "islamic-state"), ("group", "islamic-state")]


def test_an_organisation_minted_from_text_can_be_the_group() -> None:
    found = described(
        "Fighters from the Movement for Northern Liberation (MNL) attacked a checkpoint. "
        "MNL, which is also active in Niger, has stepped up attacks. "
        "The group claimed a second ambush on Monday."
    )
    assert found == [("group", "movement-for-northern-liberation")]


def test_an_actor_in_a_compound_modifier_is_not_the_group() -> None:
    found = described(
        "Hayat Tahrir al-Sham, once an al Qaeda-linked group, seized the town. "
        "Russian jets struck the group on Sunday."
    )
    assert found == [("group", "hayat-tahrir-al-sham")]


def test_the_subject_of_the_same_clause_is_not_the_group_it_acts_on() -> None:
    found = described(
        "Hezbollah fired rockets at the border. "
        "The Israeli army, which has struck Lebanon for months, continued raids against the group."
    )
    assert found[-1] == ("group", "hezbollah")


def test_a_description_followed_by_a_name_is_an_apposition_not_a_reference() -> None:
    text = "Hamas fighters crossed the fence. The attack was condemned by the militia group PFLP."
    assert described(text) == []  # "the militia group" does not refer back to Hamas
    assert "PFLP" in {e.span.text for e in extract(text).entities}  # it is the name that follows


def test_the_rights_group_is_a_rights_group_not_the_armed_one() -> None:
    found = described(
        "Human Rights Watch said Hezbollah fired rockets at villages. The rights group called for an inquiry."
    )
    assert found == [("rights group", "human-rights-watch")]
