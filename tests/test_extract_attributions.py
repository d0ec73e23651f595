"""Attribution: who reported, confirmed, alleged or said what; embedded posts and their authors."""

from __future__ import annotations

from kg.extract.mentions import ArticleMentions
from kg.extract.pipeline import extract


def short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def claims(mentions: ArticleMentions) -> list[tuple[str, str, list[str]]]:
    return [
        (a.claim_class, short(a.source), [mentions.events[i].event_class for i in a.events])
        for a in mentions.attributions
    ]


def test_a_monitor_reports_what_follows_its_verb():
    m = extract("The Syrian Observatory for Human Rights reported that an air strike hit Idlib.")
    assert claims(m) == [("Report", "syrian-observatory-for-human-rights", ["AirStrike"])]


def test_confirmation_and_report_in_one_sentence_are_kept_apart():
    m = extract(
        "The Syrian Observatory for Human Rights said rebels used car bombs, while Anadolu Agency "
        "confirmed the rebels' entry into Aleppo."
    )
    assert ("Report", "syrian-observatory-for-human-rights", ["CarBombing"]) in claims(m)
    assert ("Confirmation", "anadolu-agency", ["Incursion"]) in claims(m)


def test_a_trailing_quotation_is_attributed_to_the_speaker_after_it():
    m = extract("“Heavy clashes continue near Hama,” a Syrian army commander said.")
    (claim,) = m.attributions
    assert claim.claim_class == "Quotation" and claim.quote == "Heavy clashes continue near Hama"
    assert m.events[claim.events[0]].event_class == "ArmedClash"
    assert claim.source == m.roles[0].person.iri


def test_state_media_figures_are_attributed():
    m = extract("Syrian state media reported that shelling killed seven people in Homs.")
    (claim,) = m.attributions
    assert claim.figures and m.figures[claim.figures[0]].value == 7
    assert "StateMedia" in next(e.kinds for e in m.entities if e.iri == claim.source)


def test_according_to_names_the_source_after_the_content():
    m = extract("Three civilians were killed in Idlib, according to the Syrian Observatory for Human Rights.")
    assert claims(m) == [("Report", "syrian-observatory-for-human-rights", ["Killing"])]


def test_an_accusation_alleges_the_violation():
    m = extract("Turkey accused the Syrian government of breaching the 2020 ceasefire.")
    assert ("Allegation", "turkey", ["AgreementViolation"]) in [(c, s, e[:1]) for c, s, e in claims(m)]


def test_an_embedded_post_has_author_handle_date_and_reports_its_content():
    text = (
        "Rebels advance in the north.\nFootage shows fighters entering Hama today.\n"
        "— Frontline Watch (@frontwatch) March 3, 2025\nThe army denied the claim."
    )
    m = extract(text)
    (post,) = m.posts
    assert post.handle == "@frontwatch" and post.date is not None and post.date.value == "2025-03-03"
    assert post.author is not None and short(post.author.iri) == "frontline-watch"
    incursion = next(e for e in m.events if e.event_class == "Incursion")
    assert incursion.date is not None and incursion.date.value == "2025-03-03"
    assert ("Report", "frontline-watch", ["Incursion"]) in claims(m)


def test_no_claim_without_a_source():
    assert extract("Hundreds of deaths were reported in Aleppo.").attributions == []


def test_an_official_who_told_reporters_that_clashes_continued():
    m = extract(
        "A security official of the Syrian government told reporters that heavy clashes continued in Hama."
    )
    assert [(c, s.startswith("security-official"), e) for c, s, e in claims(m)] == [
        ("Report", True, ["ArmedClash"])
    ]


def test_a_confirmation_that_fighters_reached_the_city_centre():
    m = extract("Anadolu Agency later confirmed that the rebels had reached the centre of Hama.")
    assert claims(m) == [("Confirmation", "anadolu-agency", ["Incursion"])]


def test_a_mission_named_with_its_country_is_the_source():
    m = extract("The United Nations Monitoring Mission in Ukraine says missile strikes hit Kharkiv.")
    assert claims(m) == [("Report", "united-nations-monitoring-mission-in-ukraine", ["MissileAttack"])]


def test_a_report_about_an_earlier_event_claims_it_when_it_claims_nothing_else():
    m = extract(
        "Missiles struck Aleppo overnight. The Syrian Observatory for Human Rights said the attack hit homes."
    )
    assert [e for _, _, e in claims(m)] == [["MissileAttack"]]


def test_the_monitor_refers_back_to_the_monitoring_group():
    m = extract(
        "The Syrian Observatory for Human Rights is based in Britain. "
        "The monitor said air strikes hit Idlib on Monday."
    )
    assert claims(m) == [("Report", "syrian-observatory-for-human-rights", ["AirStrike"])]


def test_a_group_with_acronym_and_appositive_says_it_captured_a_town():
    m = extract(
        "Hayat Tahrir al-Sham (HTS), an armed group, said on Saturday that it had captured Saraqib."
    )
    (capture,) = [e for e in m.events if e.event_class == "TerritoryCapture"]
    assert [short(a) for a in capture.agents] == ["hayat-tahrir-al-sham"]


def test_the_addressee_of_told_is_no_content():
    m = extract(
        "Militants shelled a market in Kidal, killing nine people, three police sources told Example Wire."
    )
    (claim,) = m.attributions
    assert short(claim.source) == "police-sources" and claim.figures


def test_a_relative_clause_between_source_and_verb_is_skipped():
    m = extract(
        "The Congolese army, which still holds the airport, said rebels shelled Bunia overnight, "
        "killing four people."
    )
    assert any(short(a.source) == "armed-forces-of-democratic-republic-of-the-congo" and a.figures
               for a in m.attributions)
    assert not any(short(a.source) == "rebels" for a in m.attributions)


def test_a_participle_verb_reports_for_the_subject_of_its_clause():
    m = extract(
        "Al-Shabaab claimed the raid in a statement carried by its Andalus radio station, "
        "saying its fighters had killed 12 soldiers."
    )
    sources = {short(a.source) for a in m.attributions if a.figures}
    assert sources == {"al-shabaab"}


def test_circumstances_after_the_verb_leave_the_content_before_it():
    m = extract("Drones struck a fuel depot near Tripoli on Monday, a militia commander said on condition of "
                "anonymity.")
    assert [c for c, _, events in claims(m) if "DroneStrike" in events] == ["Report"]


def test_a_thousands_separator_is_no_clause_end():
    m = extract(
        "The UN refugee agency said on Friday that nearly 7,000 people had fled Sake and nearby villages."
    )
    (claim,) = m.attributions
    assert short(claim.source) == "unhcr" and claim.figures


def test_a_one_word_quote_is_a_scare_quote_not_a_quotation():
    m = extract('The army said troops had "neutralised" 40 insurgents near Gao.')
    (claim,) = m.attributions
    assert claim.claim_class == "Report" and claim.quote is None and claim.figures


def test_a_verb_ending_in_a_colon_quotes_the_next_sentences():
    m = extract(
        'The governor Ahmed Musa wrote on Telegram:\n"Five dead so far in the shelling of Kadugli.\n'
        'We will rebuild."\nThe army did not comment.'
    )
    quoted = [a for a in m.attributions if a.claim_class == "Quotation"]
    assert quoted and short(quoted[0].source) == "ahmed-musa" and quoted[0].figures
