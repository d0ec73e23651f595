"""Figures: value, qualifier, measure, counted group, unit as written, and subsets ("including …")."""

from __future__ import annotations

import pytest

from kg.extract.entities import find_entities
from kg.extract.figures import find_figures
from kg.extract.mentions import FigureMention
from kg.extract.numbers import parse_amount
from kg.extract.text import split_sentences


def figures(text: str) -> list[FigureMention]:
    return find_figures(text, split_sentences(text), [])


def summary(figure: FigureMention) -> tuple[object, ...]:
    return (
        figure.span.text,
        figure.value,
        figure.min_value,
        figure.max_value,
        figure.qualifier,
        figure.measure,
        figure.counted_group,
    )


@pytest.mark.parametrize(
    ("written", "value", "vague"),
    [
        ("17", 17, False),
        ("3,450", 3450, False),
        ("twenty-two", 22, False),
        ("two million", 2000000, False),
        ("1.5 million", 1500000, False),
        ("a dozen", 12, False),
        ("dozens", 24, True),
        ("tens of thousands", 20000, True),
    ],
)
def test_amounts_in_digits_words_and_vague_plurals(written: str, value: int, vague: bool) -> None:
    amount = parse_amount(written)
    assert amount is not None and (amount.value, amount.vague) == (value, vague)


def test_qualifiers_set_value_min_or_max() -> None:
    got = [summary(f) for f in figures("At least 9 people died. Up to 60 soldiers were detained.")]
    assert got == [
        ("At least 9 people", None, 9, None, "AtLeast", "Deaths", "People"),
        ("Up to 60 soldiers", None, None, 60, "AtMost", "Detained", "Soldiers"),
    ]
    [about] = figures("Roughly 35 civilians were wounded in the raid.")
    assert summary(about) == ("Roughly 35 civilians", 35, None, None, "Approximate", "Injuries", "Civilians")


def test_counted_noun_fixes_the_measure_and_keeps_its_words() -> None:
    [captured] = figures("The army recaptured more than 20 towns and villages.")
    assert (captured.measure, captured.unit_text, captured.qualifier, captured.min_value) == (
        "CapturedSettlements",
        "towns and villages",
        "AtLeast",
        20,
    )
    [deaths] = figures("Monitors recorded 31 fatalities.")
    assert (deaths.value, deaths.measure, deaths.counted_group, deaths.unit_text) == (
        31,
        "Deaths",
        None,
        "fatalities",
    )


def test_settlement_counts_need_a_capture_context() -> None:
    assert figures("Power cuts hit 40 villages.") == []


def test_vague_amounts_get_a_minimum() -> None:
    [fighters] = figures("Hundreds of militiamen massed near the dam.")
    assert summary(fighters) == ("Hundreds of militiamen", None, 200, None, "Vague", "Combatants", "Fighters")
    [families] = figures("Thousands of households were displaced by the floods of fire.")
    assert (families.measure, families.unit_text) == ("Displaced", "households")


def test_bare_counts_after_a_verb_or_toll() -> None:
    [displaced] = figures("Officials said more than 3,000 displaced.")
    assert (displaced.min_value, displaced.measure) == (3000, "Displaced")
    [toll] = figures("The death toll climbed to nearly 140.")
    assert (toll.value, toll.qualifier, toll.measure) == (140, "Approximate", "Deaths")


def test_including_makes_a_subset_with_the_same_measure() -> None:
    whole, part = figures("An air strike killed nine people, including three children.")
    assert (whole.value, whole.measure, whole.counted_group) == (9, "Deaths", "People")
    assert (part.value, part.measure, part.counted_group, part.subset_of) == (3, "Deaths", "Children", 0)


def test_civilian_casualties_after_a_toll_are_a_subset() -> None:
    whole, part = figures("Monitors count 410 deaths, mostly combatants, with 57 civilian casualties.")
    assert (whole.value, whole.measure) == (410, "Deaths")
    assert (part.value, part.measure, part.counted_group, part.unit_text, part.subset_of) == (
        57,
        "Casualties",
        "Civilians",
        "civilian casualties",
        0,
    )


def test_numbers_without_a_counted_noun_are_not_figures() -> None:
    assert figures("On March 4, 2021, two sides met in the 2019 format; one said no.") == []
    assert figures("Two people familiar with the talks spoke.") == []


def test_population_from_a_housing_cue() -> None:
    [population] = figures("The enclave, home to about 2.3 million people, is sealed.")
    assert (population.value, population.qualifier, population.measure) == (
        2300000,
        "Approximate",
        "Population",
    )


def test_seed_article_figures(seed_text: str) -> None:
    found = find_figures(seed_text, split_sentences(seed_text), [])
    got = {(f.value, f.min_value, f.qualifier, f.measure, f.counted_group) for f in found}
    assert (255, None, "Exact", "Deaths", None) in got
    assert (24, None, "Exact", "Casualties", "Civilians") in got
    assert (None, 50, "AtLeast", "CapturedSettlements", None) in got
    assert (None, 2000, "Vague", "Combatants", "Fighters") in got
    assert (4, None, "Exact", "Deaths", "People") in got
    assert (2, None, "Exact", "Deaths", "Students") in got
    assert (None, 4000000, "AtLeast", "Population", "People") in got
    by_value = {f.value: i for i, f in enumerate(found) if f.value}
    assert found[by_value[24]].subset_of == by_value[255]
    assert found[by_value[2]].subset_of == by_value[4]


# --- the clause decides the measure; ranges; people named by actors; family asides ----------------------


def test_the_verb_of_the_clause_gives_the_measure_even_past_an_appositive() -> None:
    text = "Some 1.2 million people, half of the region's population, have been displaced since March."
    assert summary(figures(text)[0])[4:] == ("Approximate", "Displaced", "People")


def test_capturing_people_counts_detained() -> None:
    assert summary(figures("The militia captured more than 20 soldiers.")[0])[4:] == (
        "AtLeast",
        "Detained",
        "Soldiers",
    )
    assert summary(figures("Gunmen stormed the village, taking 40 hostages.")[0])[1] == 40
    assert figures("Gunmen stormed the village, taking 40 hostages.")[0].measure == "Detained"


def test_number_words_open_a_sentence_and_others_take_the_clause_verb() -> None:
    got = [
        summary(f) for f in figures("Thirteen peacekeepers were killed. More than 30 others were wounded.")
    ]
    assert got[0][1:] == (13, None, None, "Exact", "Deaths", "Soldiers")
    assert got[1][2:6] == (30, None, "AtLeast", "Injuries")


def test_a_second_verb_after_and_does_not_steal_the_measure() -> None:
    got = [f.measure for f in figures("Six people died and more than 30 others were wounded.")]
    assert got == ["Deaths", "Injuries"]


def test_a_range_has_a_minimum_and_a_maximum() -> None:
    got = figures("Officials said about 3,000 to 4,000 troops had crossed.")
    assert len(got) == 1
    assert summary(got[0])[1:] == (None, 3000, 4000, "Vague", "Combatants", "Soldiers")


def test_figures_in_quotes_and_after_of_our() -> None:
    got = figures(
        '"Two of our soldiers are among the dead," he said. The army said 25 "terrorists" were neutralised.'
    )
    assert [(f.value, f.measure, f.counted_group) for f in got] == [
        (2, "Deaths", "Soldiers"),
        (25, "Deaths", "Fighters"),
    ]


def test_a_small_family_after_a_possessive_is_no_figure_unless_harmed() -> None:
    assert figures("She fled with her three children to the camp.") == []
    assert figures("The strike killed her three children.")[0].measure == "Deaths"


def test_a_people_named_by_an_actor_mention_is_counted() -> None:
    text = "At least 12,000 Palestinians have been killed in the war."
    sentences = split_sentences(text)
    people = find_entities(text, sentences, article_key="t")
    got = find_figures(text, sentences, people)
    assert [(f.min_value, f.qualifier, f.measure) for f in got] == [(12000, "AtLeast", "Deaths")]


def test_a_subset_cue_inside_the_part_links_it_to_the_whole() -> None:
    whole, part = figures("Six people, three of them children, died when a shell hit the market.")
    assert (whole.value, whole.counted_group, part.value, part.counted_group) == (6, "People", 3, "Children")
    assert part.subset_of == 0 and part.unit_text == "children"


# --- round 8: which verb a count belongs to; sources are not victims; ranges and number words ----------


def measures(text: str) -> list[tuple[object, ...]]:
    return [(f.value or f.min_value, f.measure, f.counted_group) for f in figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The clashes killed more than 60 people and displaced some 20,000 in the province.",
            [(60, "Deaths", "People"), (20000, "Displaced", None)],
        ),
        (
            "Floods of refugees followed: the fighting displaced 9,000 families and killed 14 herders.",
            [(9000, "Displaced", None), (14, "Deaths", "Civilians")],
        ),
        (
            "The shelling wounded at least 25 people and killed nine, medics said.",
            [(25, "Injuries", "People"), (9, "Deaths", None)],
        ),
        (
            "Gunmen kidnapped at least 15 schoolgirls and two teachers in a dawn raid.",
            [(15, "Detained", "Children"), (2, "Detained", "Civilians")],
        ),
        (
            "The raid freed three of the hostages, and troops killed five guards.",
            [(3, "Detained", None), (5, "Deaths", None)],
        ),
        (
            "Militants stormed the town, killing about 90 people and taking 40 hostages.",
            [(90, "Deaths", "People"), (40, "Detained", None)],
        ),
    ],
)
def test_each_coordinated_count_takes_its_own_verb(text: str, expected: list[tuple[object, ...]]) -> None:
    assert measures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A drone hit the market, killing 11 people, two health workers told reporters.",
        "Three residents said 11 people were killed when the drone hit the market.",
        "According to two aid workers, 11 people were killed in the strike on the market.",
        "Four villagers, speaking by phone, said 11 people were killed at the market.",
    ],
)
def test_people_who_speak_are_sources_not_a_figure(text: str) -> None:
    assert measures(text) == [(11, "Deaths", "People")]


def test_counted_sources_are_still_victims_when_harm_is_their_verb() -> None:
    assert measures("Two health workers were killed in the strike.") == [(2, "Deaths", "Civilians")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Between 30 and 40 people were killed in the raid.", 30, 40),
        ("Between thirty and forty soldiers died.", 30, 40),
        ("Some 200 to 300 fighters were captured.", 200, 300),
    ],
)
def test_ranges_with_between_or_to(text: str, low: int, high: int) -> None:
    [figure] = figures(text)
    assert (figure.min_value, figure.max_value, figure.qualifier) == (low, high, "Vague")


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("Nearly two dozen fighters died in the ambush.", 24, "Deaths"),
        ("Half a dozen policemen were wounded.", 6, "Injuries"),
        ("Scores of villagers were abducted overnight.", 40, "Detained"),
        ('Troops had "neutralised" about 60 extremists, the army said.', 60, "Deaths"),
        ("Security forces killed 15 gang members during the counter-attack.", 15, "Deaths"),
        ("At least 31 inmates were killed in the riot.", 31, "Deaths"),
        ("The interior minister said seven suspects had been arrested.", 7, "Detained"),
        ("The blue helmets have lost more than 200 peacekeepers since 2014.", 200, "Deaths"),
        ("The mission has about 14,000 uniformed personnel in the country.", 14000, "Combatants"),
    ],
)
def test_more_counted_nouns_and_number_words(text: str, value: int, measure: str) -> None:
    [figure] = figures(text)
    assert ((figure.value or figure.min_value), figure.measure) == (value, measure)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Forty were kidnapped on the highway.", [(40, "Detained", None)]),
        ("Twelve more died in hospital.", [(12, "Deaths", None)]),
        ("14 martyred, 31 injured", [(14, "Deaths", None), (31, "Injuries", None)]),
        (
            "Two soldiers were killed and five were wounded in the clashes.",
            [(2, "Deaths", "Soldiers"), (5, "Injuries", "Soldiers")],
        ),
        ("Soldiers killed in the province this year: at least 9", [(9, "Deaths", "Soldiers")]),
    ],
)
def test_bare_counts_with_their_own_verb_or_a_fact_box_label(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert measures(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The group said one of its fighters carried out the attack.", []),
        ("All 23 crew members were rescued, and no injuries were reported.", []),
        ("Army says seven rebels killed, three students freed.", [(7, "Deaths", "Fighters")]),
    ],
)
def test_no_harm_figure_for_partitives_rescues_or_negated_cues(
    text: str, expected: list[tuple[object, ...]]
) -> None:
    assert measures(text) == expected


def test_a_larger_count_after_a_distant_cue_is_no_subset() -> None:
    found = figures(
        "Officials said 12 soldiers were killed and 30 wounded when the outpost, on a hill near the border "
        "with the neighbouring country, was overrun by several hundred fighters who came on motorbikes."
    )
    assert [f.value for f in found][:2] == [12, 30]
    assert all(f.subset_of is None for f in found)


def test_a_close_smaller_count_after_a_cue_is_still_a_subset() -> None:
    found = figures("The blast killed 40 people, among them 15 children, officials said.")
    assert [(f.value, f.subset_of) for f in found] == [(40, None), (15, 0)]
