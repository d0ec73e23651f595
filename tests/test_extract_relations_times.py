"""When a relationship holds: "since" / "erupted in" start it, "until" ends it; a plain date ("in 2022")
does not bound it. kg.extract.relation_times computes the values; the emitter writes them as
ckg:validFrom / ckg:validUntil."""

from __future__ import annotations

from kg.extract.pipeline import extract
from kg.extract.relation_times import ValidTime, relation_valid_times
from kg.extract.text import normalise_text


def valid_times(text: str) -> dict[tuple[str, str, str], ValidTime]:
    mentions = extract(normalise_text(text))

    def short(iri: str) -> str:
        return iri.rsplit("/", 1)[-1]

    return {
        (r.kind, short(r.from_party), short(r.to_party)): time
        for r, time in zip(mentions.relations, relation_valid_times(mentions), strict=True)
    }


def test_since_starts_a_relationship():
    times = valid_times("Iran has backed the Houthis since 2015.")
    assert times[("Support", "iran", "houthis")] == ValidTime("2015", None)


def test_a_war_that_erupted_starts_the_hostility():
    times = valid_times("The war between Hezbollah and Israel erupted in October 2023.")
    assert [t.valid_from for t in times.values()] == ["2023-10"]


def test_until_ends_a_relationship():
    times = valid_times("The Wagner Group fought alongside the Malian army until June 2023.")
    assert times[("Alliance", "wagner-group", "mali")] == ValidTime(None, "2023-06")


def test_a_plain_date_is_no_bound():
    times = valid_times("Turkey supported the Syrian National Army in 2019, officials said.")
    assert times[("Support", "turkey", "syrian-national-army")] == ValidTime()


def test_a_date_in_another_clause_is_no_bound():
    times = valid_times("Russia backs the Syrian government, while Iran has sent advisers since 2013.")
    assert times[("Support", "russia", "syrian-government")] == ValidTime()
