"""Dates: absolute dates, years with their relation ("since", "began"), relative ones against an anchor."""

from __future__ import annotations

from kg.extract.dates import find_dates, find_post_dates, infer_report_date
from kg.extract.mentions import DateMention
from kg.extract.text import split_sentences


def dates(text: str, report_date: str | None = "2023-05-10") -> list[DateMention]:
    return find_dates(text, split_sentences(text), report_date=report_date)


def values(text: str, report_date: str | None = "2023-05-10") -> list[tuple[str, str, str, bool]]:
    return [(d.span.text, d.value, d.relation, d.relative) for d in dates(text, report_date)]


def test_full_dates_in_both_orders_and_iso() -> None:
    got = values("The truce of 14 March 2021 held until October 2, 2022, and ended 2022-10-05.")
    assert got[0][:2] == ("14 March 2021", "2021-03-14")
    assert got[1][:3] == ("October 2, 2022", "2022-10-02", "until")
    assert got[2][:2] == ("2022-10-05", "2022-10-05")
    assert {d.precision for d in dates("It began on 4 July 2019.")} == {"day"}


def test_years_carry_their_relation() -> None:
    got = values("Fighting there is the worst since 2015; the war, which began in 2013, flared in 2018.")
    assert ("2015", "2015", "since", False) in got
    assert ("2013", "2013", "began", False) in got
    assert ("2018", "2018", "at", False) in got


def test_year_used_as_modifier_is_a_date_but_counts_are_not() -> None:
    assert [d.value for d in dates("They broke a 2018 truce.")] == ["2018"]
    assert dates("About 2000 fighters joined.") == []


def test_month_year_has_month_precision() -> None:
    [mention] = dates("The siege started in February 2022.")
    assert (mention.value, mention.precision, mention.relation) == ("2022-02", "month", "began")


def test_relative_words_resolve_against_the_report_date() -> None:
    got = values("Yesterday the town fell; today troops regrouped. On Monday talks failed.")
    assert ("Yesterday", "2023-05-09", "at", True) in got
    assert ("today", "2023-05-10", "at", True) in got
    # 2023-05-10 is a Wednesday: "on Monday" is the Monday before it.
    assert ("On Monday", "2023-05-08", "at", True) in got


def test_month_day_without_year_takes_the_anchor_year() -> None:
    assert values("Shelling resumed on Jan. 7.", "2024-02-01") == [("Jan. 7", "2024-01-07", "at", True)]


def test_a_month_without_year_takes_the_year_written_earlier_in_the_paragraph() -> None:
    text = (
        "Rebels took the airport in June 2021. By 3 August they held the valley, and in October they left.\n"
    )
    text += "On March 9 the army returned."
    got = values(text, "2024-02-01")
    assert ("3 August", "2021-08-03", "at", True) in got
    assert ("October", "2021-10", "at", True) in got
    # A new paragraph: the report date's year again, moved back one year because March is still ahead of a
    # report filed on 1 February and the sentence narrates the past.
    assert ("March 9", "2023-03-09", "at", True) in got
    assert [d.value for d in dates(text, None)] == ["2021-06", "2021-08-03", "2021-10"]


def test_the_year_must_be_written_before_the_month() -> None:
    assert values("On May 2 the truce, signed in 2019, collapsed.", "2023-06-01")[0][1] == "2023-05-02"


def test_relative_expressions_need_an_anchor() -> None:
    assert dates("Today the city fell. On Friday it was quiet.", report_date=None) == []


def test_post_sentences_resolve_against_the_post_date() -> None:
    text = (
        "Rebels regrouped in the hills.\n"
        "Convoy hit near the bridge today. pic.twitter.com/Zz9\n"
        "— Field Reports (@fieldreports) June 1, 2022\n"
        "Officials gave no figures today."
    )
    sentences = split_sentences(text)
    assert find_post_dates(text, sentences) == {1: "2022-06-01", 2: "2022-06-01"}
    got = {(d.sentence, d.value) for d in find_dates(text, sentences, report_date="2022-06-05") if d.relative}
    assert got == {(1, "2022-06-01"), (3, "2022-06-05")}


def test_infer_report_date_takes_the_latest_full_date() -> None:
    text = "Talks on 3 May 2022 failed. A new round opened on June 9, 2022. In 2025 it may resume."
    assert infer_report_date(text, split_sentences(text)) == "2022-06-09"
    assert infer_report_date("Only a year: 2020.", split_sentences("Only a year: 2020.")) is None


def test_seed_article_dates(seed_text: str) -> None:
    sentences = split_sentences(seed_text)
    report_date = infer_report_date(seed_text, sentences)
    assert report_date == "2024-11-29"
    found = {(d.value, d.relation) for d in find_dates(seed_text, sentences, report_date=report_date)}
    assert {
        ("2016", "since"),
        ("2020", "since"),
        ("2019", "at"),
        ("2011", "began"),
        ("2024-11-29", "at"),
    } <= found
    today = [d for d in find_dates(seed_text, sentences, report_date=None) if d.span.text == "today"]
    assert [(d.value, d.relative) for d in today] == [("2024-11-29", True)]


def test_weekdays_after_a_future_cue_or_next_resolve_forward() -> None:
    # 2023-05-10 is a Wednesday
    assert [d.value for d in dates("Negotiators are due to meet again on Friday.")] == ["2023-05-12"]
    assert [d.value for d in dates("The minister will visit next Monday.")] == ["2023-05-15"]
    assert [d.value for d in dates("Shelling resumed on Friday.")] == ["2023-05-05"]


def test_last_and_next_year_or_month_have_year_or_month_precision() -> None:
    got = [(d.span.text, d.value, d.precision) for d in dates("It fell last year; aid arrives next month.")]
    assert got == [("last year", "2022", "year"), ("next month", "2023-06", "month")]
    assert dates("It fell last year.", report_date=None) == []


def test_a_month_with_last_or_next_year_moves_the_anchor_year() -> None:
    text = "Militants overran the post in late October last year. Elections follow in January next year."
    got = [(d.span.text, d.value, d.precision) for d in dates(text, "2024-08-03")]
    assert got == [("October last year", "2023-10", "month"), ("January next year", "2025-01", "month")]


def test_a_relative_period_in_a_later_sentence_is_not_read_twice() -> None:
    text = "The truce held. Talks resume in January next year."
    assert [d.value for d in dates(text, "2024-08-03")] == ["2025-01"]


# --- round 8: story-relative dates, weeks and nights, months without a year ------------------------------


def test_story_relative_dates_count_from_the_latest_day_written_before_them() -> None:
    text = (
        "Rebels overran the garrison on 3 May. A day later, drones struck the market. "
        "Two days later, the army counter-attacked. The next day, fighting spread to the river. "
        "Three days earlier, gunmen had ambushed a convoy."
    )
    got = [(d.span.text, d.value) for d in dates(text, "2023-05-10")]
    assert got == [
        ("3 May", "2023-05-03"),
        ("A day later", "2023-05-04"),
        ("Two days later", "2023-05-06"),
        ("The next day", "2023-05-07"),
        ("Three days earlier", "2023-05-04"),
    ]


def test_a_weekday_is_a_base_for_the_following_day_and_week() -> None:
    # 2023-05-10 is a Wednesday: "on Monday" is 8 May.
    got = [d.value for d in dates("Militants attacked on Monday. The following day, troops arrived.")]
    assert got == ["2023-05-08", "2023-05-09"]


def test_story_relative_dates_need_a_day_before_them_and_stay_in_the_past() -> None:
    assert dates("A day later, the town was quiet.") == []
    assert [d.value for d in dates("The siege ended on 9 May. The following week, aid arrived.")] == [
        "2023-05-09"
    ]


def test_overnight_is_the_report_day_and_this_week_its_month_or_year() -> None:
    assert values("Drones struck the capital overnight.") == [("overnight", "2023-05-10", "at", True)]
    [week] = dates("Fighting flared earlier this week near the border.")
    assert (week.value, week.precision) == ("2023-05", "month")
    # 2025-03-02 is a Sunday: the week began on 24 February, so only the year is certain.
    [straddling] = dates("Fighting flared this week.", "2025-03-02")
    assert (straddling.value, straddling.precision) == ("2025", "year")


def test_earlier_this_month_and_late_last_year() -> None:
    got = [
        (d.value, d.precision)
        for d in dates("Earlier this month the militia withdrew; late last year it had advanced.")
    ]
    assert got == [("2023-05", "month"), ("2022", "year")]


def test_a_month_without_year_is_in_the_past_unless_a_future_cue_stands_before_it() -> None:
    # Report filed on 12 March 2025.
    assert [d.value for d in dates("The truce collapsed in December.", "2025-03-12")] == ["2024-12"]
    assert [d.value for d in dates("Troops withdrew in February.", "2025-03-12")] == ["2025-02"]
    assert [d.value for d in dates("Talks will resume in April.", "2025-03-12")] == ["2025-04"]
    assert [d.value for d in dates("Elections are due to be held in January.", "2025-11-20")] == ["2026-01"]
    assert [d.value for d in dates("On 14 April the army shelled the camp.", "2025-03-12")] == ["2024-04-14"]


def test_a_bare_year_earlier_in_the_sentence_does_not_give_a_month_its_year() -> None:
    text = "The president, who took office in 2022, suspended the talks in January."
    assert [d.value for d in dates(text, "2025-02-03")] == ["2022", "2025-01"]
    text = "The rebels, who first rose up in 2012, seized the airport in October."
    assert [d.value for d in dates(text, "2024-11-15")] == ["2012", "2024-10"]
