"""Unit tests for the plain-text cleaner, on small invented captures."""

from __future__ import annotations

import pytest

from claimledger.ingest.cleaner import TextCleaner, inline_clean, make_cleaner, outlet_from_url
from claimledger.models import Cleaned

BODY_1 = "The harbour council voted on Monday to delay the dredging of the inner basin."
BODY_2 = "Engineers had warned that silt levels were rising faster than expected."


@pytest.fixture(scope="module")
def cleaner() -> TextCleaner:
    return TextCleaner()


def paras(result: Cleaned) -> list[str]:
    return result.text.split("\n\n")


# -- registry ---------------------------------------------------------------------


def test_factory_is_registered() -> None:
    from claimledger.registry import stages

    factory = stages.get("claimledger.ingest.cleaner.v1")
    assert factory is make_cleaner
    assert isinstance(factory(), TextCleaner)


# -- title --------------------------------------------------------------------------


def test_title_from_markdown_heading_is_removed_from_body(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"## Harbour dredging delayed again\n\n{BODY_1}\n\n{BODY_2}")
    assert r.title == "Harbour dredging delayed again"
    assert paras(r) == [BODY_1, BODY_2]


def test_title_skips_date_site_and_breadcrumb_lines(cleaner: TextCleaner) -> None:
    raw = (
        "Latest news in Northwick\n"
        "HomeCoastHarbour dredging delayed...\n"
        "Thursday, March 6, 2025\n\n"
        "Harbour dredging delayed again\n\n"
        f"{BODY_1}\n"
    )
    r = cleaner.clean(raw)
    assert r.title == "Harbour dredging delayed again"
    assert r.text == BODY_1


def test_multi_sentence_lead_is_not_a_title(cleaner: TextCleaner) -> None:
    lead = "Silt is piling up in the basin. Ferries may soon run aground. What can the town do?"
    r = cleaner.clean(f"{lead}\n{BODY_1}")
    assert r.title is None
    assert paras(r) == [lead, BODY_1]


def test_first_line_ending_in_full_stop_is_body_not_title(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\n{BODY_2}")
    assert r.title is None
    assert paras(r) == [BODY_1, BODY_2]


def test_overlong_first_line_is_not_a_title(cleaner: TextCleaner) -> None:
    long_line = "Harbour " * 40 + "report"
    r = cleaner.clean(f"{long_line}\n\n{BODY_1}")
    assert r.title is None
    assert r.text.startswith("Harbour Harbour")


def test_question_headline_is_a_title(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Will the ferries stop running?\n\n{BODY_1}")
    assert r.title == "Will the ferries stop running?"


def test_kicker_and_section_labels_above_headline_are_dropped(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Politics\nExclusive\nHarbour dredging delayed\n\n{BODY_1}")
    assert r.title == "Harbour dredging delayed"
    assert r.text == BODY_1


def test_site_name_matching_the_url_is_not_the_title(cleaner: TextCleaner) -> None:
    raw = (
        "Northwick Post\n\nHarbour dredging delayed\n\n"
        f"{BODY_1}\n\nURL: https://www.northwick-post.com/a/1"
    )
    r = cleaner.clean(raw)
    assert r.title == "Harbour dredging delayed"
    assert r.outlet == "Northwick Post"
    assert r.text == BODY_1


# -- byline and sign-off ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Mira Solberg", "Mira Solberg"),
        ("By Mira K. Solberg", "Mira K. Solberg"),
        ("By Mira Solberg and Tomas Lindqvist", "Mira Solberg and Tomas Lindqvist"),
        ("By Mira Solberg, Harbour Correspondent", "Mira Solberg"),
        ("BY MIRA SOLBERG", "MIRA SOLBERG"),
        ("Author: Anouk van der Berg", "Anouk van der Berg"),
    ],
)
def test_byline_sets_author(cleaner: TextCleaner, line: str, author: str) -> None:
    r = cleaner.clean(f"Harbour dredging delayed\n\n{line}\n\n{BODY_1}")
    assert r.author == author
    assert r.text == BODY_1
    assert line in r.removed


def test_byline_with_date_sets_both(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Harbour dredging delayed\nBy Mira Solberg | March 6, 2025\n{BODY_1}")
    assert (r.author, r.published) == ("Mira Solberg", "2025-03-06")


def test_sentence_starting_with_by_is_not_a_byline(cleaner: TextCleaner) -> None:
    sentence = "By all accounts, the vote was closer than anyone expected."
    r = cleaner.clean(f"Harbour dredging delayed\n\n{sentence}")
    assert r.author is None
    assert r.text == sentence


def test_sign_off_sets_author_and_outlet(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\n{BODY_2}\n\nTomas Lindqvist for Northwick-Post.com")
    assert r.author == "Tomas Lindqvist"
    assert r.outlet == "Northwick-Post.com"
    assert paras(r) == [BODY_1, BODY_2]


@pytest.mark.parametrize(
    "line",
    [
        "Reporting by Mira Solberg; Editing by Ola Berg",
        "(Reporting by Mira Solberg; editing by Ola Berg)",
    ],
)
def test_reporting_credit_at_the_end_sets_author(cleaner: TextCleaner, line: str) -> None:
    r = cleaner.clean(f"{BODY_1}\n\n{BODY_2}\n\n{line}")
    assert r.author == "Mira Solberg"
    assert paras(r) == [BODY_1, BODY_2]


def test_wire_dateline_names_the_agency(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"NORTHWICK (Harbour Wire) - {BODY_1}\n\n{BODY_2}")
    assert r.outlet == "Harbour Wire"
    assert r.text.startswith("NORTHWICK (Harbour Wire) - ")


def test_contributor_credit_is_not_the_author(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nOla Berg contributed to this article.")
    assert r.author is None
    assert r.text == BODY_1


# -- dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("March 6, 2025", "2025-03-06"),
        ("Thursday, March 6, 2025", "2025-03-06"),
        ("Mar 6, 2025 17:12 311", "2025-03-06T17:12"),
        ("06.03.2025", "2025-03-06"),
        ("2025-03-06", "2025-03-06"),
        ("6 March 2025", "2025-03-06"),
        ("Published: March 6, 2025", "2025-03-06"),
        ("Updated 06.03.2025 | 4 min read", "2025-03-06"),
    ],
)
def test_standalone_date_line_near_top(cleaner: TextCleaner, line: str, iso: str) -> None:
    r = cleaner.clean(f"Harbour dredging delayed\n\n{line}\n\n{BODY_1}")
    assert r.published == iso
    assert r.text == BODY_1


@pytest.mark.parametrize("line", ["2025-03-06", "06.03.2025"])
def test_one_token_date_before_the_headline(cleaner: TextCleaner, line: str) -> None:
    r = cleaner.clean(f"{line}\nHarbour dredging delayed\n{BODY_1}")
    assert r.published == "2025-03-06"
    assert r.title == "Harbour dredging delayed"
    assert r.text == BODY_1


def test_published_preferred_over_updated(cleaner: TextCleaner) -> None:
    raw = f"Harbour dredging delayed\nUpdated: March 7, 2025\nPublished: March 6, 2025\n{BODY_1}"
    assert cleaner.clean(raw).published == "2025-03-06"


def test_date_inside_a_sentence_is_not_guessed(cleaner: TextCleaner) -> None:
    r = cleaner.clean("Harbour dredging delayed\n\nOn March 6, 2025 the council met.\n")
    assert r.published is None
    assert "March 6, 2025" in r.text


def test_date_line_far_from_top_is_ignored(cleaner: TextCleaner) -> None:
    body = "\n\n".join(f"Paragraph number {w} of the report." for w in "abcdefghij")
    r = cleaner.clean(f"Harbour dredging delayed\n\n{body}\n\nMarch 6, 2025")
    assert r.published is None
    assert r.text.endswith("March 6, 2025")


def test_invalid_date_is_not_taken(cleaner: TextCleaner) -> None:
    assert (
        cleaner.clean(f"Harbour dredging delayed\n\nFebruary 30, 2025\n\n{BODY_1}").published
        is None
    )


# -- url and outlet -------------------------------------------------------------------


def test_original_url_on_next_line(cleaner: TextCleaner) -> None:
    url = "https://www.northwick-post.com/2025/03/06/dredging-delayed"
    r = cleaner.clean(f"{BODY_1}\n\nOriginal url:\n\n{url}\n")
    assert r.url == url
    assert r.text == BODY_1
    assert r.outlet == "Northwick Post"


@pytest.mark.parametrize("label", ["Source", "URL", "Original URL"])
def test_url_label_on_same_line(cleaner: TextCleaner, label: str) -> None:
    r = cleaner.clean(f"{BODY_1}\n{label}: https://tidewatchdaily.net/a/1\n")
    assert r.url == "https://tidewatchdaily.net/a/1"
    assert r.text == BODY_1


def test_source_line_without_url_is_kept(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nSource: harbour authority\n")
    assert r.url is None
    assert "Source: harbour authority" in r.text


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.northwick-post.com/x", "Northwick Post"),
        ("https://tidewatchtimes.com/x", "Tidewatch Times"),
        ("https://www.theharbourherald.co.uk/x", "The Harbour Herald"),
        ("https://hgz.net/x", "HGZ"),
    ],
)
def test_outlet_from_url_host(url: str, name: str) -> None:
    assert outlet_from_url(url) == name


def test_outlet_from_site_name_line(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Last news in Northwick\n\nHarbour dredging delayed\n\n{BODY_1}")
    assert r.outlet == "Northwick"
    assert r.text == BODY_1


def test_outlet_from_disclaimer_sets_opinion_flag(cleaner: TextCleaner) -> None:
    disclaimer = (
        "*Opinions voiced in guest columns are the writers' own and do not necessarily represent "
        "the stance of "
        "The Harbour Gazette.*"
    )
    r = cleaner.clean(f"Why dredging must wait\n\n{BODY_1}\n\n{disclaimer}")
    assert r.outlet == "The Harbour Gazette"
    assert "opinion" in r.flags
    assert "guest columns" not in r.text


def test_outlet_from_bracketed_editorial_notes(cleaner: TextCleaner) -> None:
    text = f"{BODY_1}\n\nThe basin [dredged last in 2009 — HGZ.] is shallow."
    assert cleaner.clean(text).outlet == "HGZ"


def test_editor_note_signer_is_not_an_outlet(cleaner: TextCleaner) -> None:
    text = f"{BODY_1}\n\nThe basin [dredged last in 2009 — Ed.] is shallow."
    assert cleaner.clean(text).outlet is None


def test_outlet_from_exclusive_to(cleaner: TextCleaner) -> None:
    text = f"Exclusively to Tidewatch, Dr. Mira Solberg explained the delay.\n\n{BODY_1}"
    assert cleaner.clean(text).outlet == "Tidewatch"


def test_outlet_from_repeated_told(cleaner: TextCleaner) -> None:
    text = (
        f'{BODY_1}\n\n"It is a disgrace," a ferry captain told HGZ.\n\n'
        "The mayor told HGZ that the plan was sound."
    )
    assert cleaner.clean(text).outlet == "HGZ"


def test_single_told_is_not_enough(cleaner: TextCleaner) -> None:
    text = f'{BODY_1}\n\n"It is a disgrace," a ferry captain told HGZ.'
    assert cleaner.clean(text).outlet is None


def test_explicit_source_beats_told_counts(cleaner: TextCleaner) -> None:
    text = (
        "Latest news in Northwick\n\nHarbour dredging delayed\n\n"
        f"{BODY_1} A captain told HGZ. The mayor told HGZ on Monday."
    )
    assert cleaner.clean(text).outlet == "Northwick"


# -- boilerplate ------------------------------------------------------------------------

BOILERPLATE = [
    "We use cookies to improve your experience. By continuing to use this site you agree.",
    "We and our partners rely on technologies like cookies to keep and/or read information "
    "on your device.",
    "Accept all",
    "Manage preferences",
    "Home > Coast > Harbour",
    "Related articles",
    "RELATED ARTICLES",
    "Related article: Pier repairs delayed again",
    "Read more: Ferry timetable changes",
    "Read also",
    "Most popular",
    "Most read",
    "Recommended",
    "Subscribe to our newsletter for the latest harbour news",
    "Send your letters to the editor to [email protected]",
    "[email protected]",
    "Share on Facebook",
    "Follow us on Telegram",
    "Crews at the pier on Monday. **HARBOUR PRESS / AFP**",
    "Crews at the pier on Monday. TIDE AGENCY / AFP",
    "Crews at the pier on Monday. (AP Photo/Jane Roe)",
    "Photo: Reuters",
    "Crews at the pier. Mira Solberg/Getty Images",
    "© 2025 Northwick Media. All rights reserved.",
    "Harbour Radio broadcasts the Sunday Interview at 9 a.m. on 101.5 FM.",
    "The Sunday Interview is broadcast at 9 a.m. on Harbour Radio.",
    "Listen again at harbourradio.example/interviews.",
    "Listen to the full interview on our website.",
    "Available wherever you get your podcasts.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_line_is_removed_and_recorded(cleaner: TextCleaner, line: str) -> None:
    r = cleaner.clean(f"{BODY_1}\n\n{line}\n\n{BODY_2}")
    assert paras(r) == [BODY_1, BODY_2]
    assert len(r.removed) == 1


# News sentences that share words with page furniture but are article text.
PROSE = [
    "The court found that the landowner had given consent to the dredging work.",
    "The regulator said the firm collected personal data without consent and shared "
    "browsing histories with advertising partners.",
    "Users who did not consent to the use of cookies were tracked anyway, the court found.",
    "Northwick became a member of the regional ferry alliance in 2023.",
    "Residents can subscribe to the council's flood alerts by text message.",
    "Subscribe now, pay later schemes are booming, the regulator said.",
    "The minister said the station airs its warnings at 9 a.m. every day.",
    "Residents listen at night for the river rising.",
    "She contributed to the report published by the harbour authority in 2020.",
    "Copyright holders say the new rules go too far.",
    "Polls show these views do not reflect the majority of voters.",
    "By Monday, the ferries were running again.",
    "Follow the money, the prosecutor told the court.",
    "Share prices fell by 4% on Monday.",
    "Photographs of the pier were published by the harbour authority.",
    "Home prices in Northwick rose for a third month.",
    "Related costs rose by a third.",
    "Most popular among residents was the plan to widen the pier.",
    "Recommended doses were exceeded in two cases.",
    "Image rights were sold to a Getty Images subsidiary.",
    "Send your questions to the mayor, the council urged residents.",
    "The regional/national summit ended without a deal.",
    "The agency's new privacy policy drew criticism from consumer groups.",
    "Accept all the terms, the union was told, or lose the contract.",
    "Opinion polls show the mayor trailing.",
    "See also the earlier report on the dredging costs.",
    "Search teams found the missing boat on Tuesday.",
]


@pytest.mark.parametrize("text", PROSE)
def test_news_prose_is_kept(cleaner: TextCleaner, text: str) -> None:
    for raw in (f"{BODY_1}\n\n{text}\n\n{BODY_2}", f"{BODY_1}\n\n{text}"):
        r = cleaner.clean(raw)
        assert text in r.text
        assert r.removed == []
        assert r.flags == []


def test_short_section_headings_stay(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nRising costs\n\n{BODY_2}\n\nWhat comes next\n\n{BODY_1}")
    assert paras(r) == [BODY_1, "Rising costs", BODY_2, "What comes next", BODY_1]


# -- flags ------------------------------------------------------------------------------


def test_opinion_label_line(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Opinion\n\nWhy dredging must wait\n\n{BODY_1}")
    assert "opinion" in r.flags
    assert r.title == "Why dredging must wait"
    assert r.text == BODY_1


def test_opinion_prefix_on_headline(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"Opinion | Why dredging must wait\n\n{BODY_1}")
    assert r.title == "Why dredging must wait"
    assert "opinion" in r.flags


def test_news_article_has_no_opinion_flag(cleaner: TextCleaner) -> None:
    assert cleaner.clean(f"Harbour dredging delayed\n\n{BODY_1}").flags == []


def test_speculation_disclaimer_is_flagged_and_kept(cleaner: TextCleaner) -> None:
    disclaimer = "This piece is pure speculation by its writer; it does not claim to be accurate."
    r = cleaner.clean(f"{BODY_1}\n\n{disclaimer}")
    assert "speculation-disclaimer" in r.flags
    assert disclaimer in r.text


def test_the_word_speculation_alone_is_not_a_disclaimer(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nYears of speculation about the basin ended on Monday.")
    assert "speculation-disclaimer" not in r.flags


# -- markup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Silt levels <u>rose</u> sharply.", "Silt levels rose sharply."),
        ('See <a href="https://x.test/a">the report</a> now.', "See the report now."),
        ("A <b>bold</b> and <i>italic</i> claim.", "A bold and italic claim."),
        ("A **strong** and __firm__ claim.", "A strong and firm claim."),
        ("*The whole line is emphasised.*", "The whole line is emphasised."),
        ("### A heading", "A heading"),
        ("Costs &amp; delays &quot;mount&quot;.", 'Costs & delays "mount".'),
        ("Too   many    spaces\u00a0here.", "Too many spaces here."),
        ("See [the report](https://x.test/r) now.", "See the report now."),
    ],
)
def test_inline_markup_removed(raw: str, clean: str) -> None:
    assert inline_clean(raw) == clean


def test_heading_text_stays_as_its_own_paragraph(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\n## Rising costs\n\n{BODY_2}")
    assert paras(r) == [BODY_1, "Rising costs", BODY_2]


# -- unwrapping --------------------------------------------------------------------------


def test_broken_paragraph_is_joined(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nThe silt has been measured at\n\nfour metres in places.")
    assert paras(r) == [BODY_1, "The silt has been measured at four metres in places."]


def test_broken_paragraph_before_digit_is_joined(cleaner: TextCleaner) -> None:
    r = cleaner.clean(
        f"{BODY_1}\n\nThe silt in the basin has been measured at between\n\n3 and 4 metres."
    )
    assert paras(r)[-1] == "The silt in the basin has been measured at between 3 and 4 metres."


def test_heading_before_capitalised_paragraph_is_not_joined(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nRising costs\n\n{BODY_2}")
    assert paras(r) == [BODY_1, "Rising costs", BODY_2]


def test_short_heading_before_number_is_not_joined(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n\nRising costs\n\n2025 will be worse.")
    assert paras(r) == [BODY_1, "Rising costs", "2025 will be worse."]


def test_hard_wrapped_capture_is_rejoined(cleaner: TextCleaner) -> None:
    raw = (
        "The harbour council voted on Monday to delay the dredging of the\n"
        "inner basin, citing costs that have doubled since the plan was\n"
        "first approved by the regional authority.\n\n"
        "Engineers had warned that silt levels were rising faster than they\n"
        "expected, and that ferries could run aground within two winters if\n"
        "nothing was done about it.\n"
    )
    r = cleaner.clean(raw)
    assert len(paras(r)) == 2
    assert "dredging of the inner basin" in r.text
    assert "within two winters if nothing was done" in r.text


def test_single_newline_paragraphs_stay_separate(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"{BODY_1}\n{BODY_2}\n{BODY_1}")
    assert paras(r) == [BODY_1, BODY_2, BODY_1]


# -- clean_body ---------------------------------------------------------------------------


def test_clean_body_removes_boilerplate_but_detects_no_title(cleaner: TextCleaner) -> None:
    r = cleaner.clean_body(
        f"Harbour dredging delayed\n\nMarch 6, 2025\n\nRelated articles\n\n{BODY_1}"
    )
    assert r.title is None
    assert r.published is None
    assert paras(r) == ["Harbour dredging delayed", "March 6, 2025", BODY_1]
    assert r.removed == ["Related articles"]


def test_clean_body_unwraps_and_flags(cleaner: TextCleaner) -> None:
    r = cleaner.clean_body(
        "Opinion\n\nThe silt has been measured at\n\nfour metres in places.\n\n"
        "Views in this column are the writer's own and do not represent the policy of Tidewatch."
    )
    assert r.text == "The silt has been measured at four metres in places."
    assert "opinion" in r.flags


# -- robustness -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\t\n",
        "\x00\x01\x02\x1b[31m\x7f",
        "word " * 100_000,
        "[" * 20_000 + " — X]",
        "Original url:",
        "\ud800 lone surrogate \udfff",
        "\r\n".join(["Accept all"] * 50),
        "By\nfor\n\n[email protected]\n\n##\n**\n*",
    ],
)
def test_never_raises(cleaner: TextCleaner, raw: str) -> None:
    for result in (cleaner.clean(raw), cleaner.clean_body(raw)):
        assert isinstance(result, Cleaned)
        assert result.text == result.text.strip()
        assert "cleaner-error" not in result.flags


def test_output_has_no_runs_of_blank_lines(cleaner: TextCleaner) -> None:
    r = cleaner.clean(f"\n\n\n{BODY_1}\n\n\n\n\n{BODY_2}\n\n\n")
    assert r.text == f"{BODY_1}\n\n{BODY_2}"


def test_outlet_spelled_out_on_the_page_beats_the_domains_word_breaks(cleaner: TextCleaner) -> None:
    raw = (
        "Ferry crews walk out over pay\n\nBy Ada Rinne\nPublished: 2025-05-04\n\n"
        "Crews on the island ferries stopped work on Saturday morning, the union said.\n\n"
        "The company said talks would resume on Monday.\n\n"
        "© 2025 Kestrel Bay Herald\n"
        "Original url: https://www.kestrelbayherald.example/news/2025/05/04/ferry-strike\n"
    )
    got = cleaner.clean(raw)
    assert got.outlet == "Kestrel Bay Herald"
    assert "©" not in got.text and "Original url" not in got.text


def test_label_name_date_line_and_views_disclaimer(cleaner: TextCleaner) -> None:
    raw = (
        "# Nine days of silence over the harbour closure\n\n"
        "**Comment** · Ada Rinne · 25 June 2025\n\n"
        "*Ada Rinne is a former harbour master. The views expressed are her own and not "
        "necessarily those of the Kestrel Review.*\n\n"
        "The harbour has been closed for nine days, and nobody in the council can say why the "
        "dredging contract was signed in such a hurry last spring.\n"
    )
    got = cleaner.clean(raw)
    assert (got.author, got.published, got.outlet) == ("Ada Rinne", "2025-06-25", "Kestrel Review")
    assert "opinion" in got.flags and "views expressed" not in got.text
    assert got.text.startswith("The harbour has been closed")


def test_a_lone_name_beside_a_label_is_not_a_byline(cleaner: TextCleaner) -> None:
    got = cleaner.clean("Harbour closed for a week\n\nNews · Ada Rinne\n\nThe harbour closed on Monday "
                        "after a storm damaged the outer wall, the port authority said.\n")  # fmt: skip
    assert got.author is None


@pytest.mark.parametrize("site", ["Tidemark", "**Tidemark**"], ids=["plain", "bold"])
def test_site_section_date_and_byline_on_one_top_line(cleaner: TextCleaner, site: str) -> None:
    raw = (
        f"{site} · Interviews · 9 February 2026 · By Freya Lind\n\n"
        "# The east quay stays shut\n\n"
        f"{BODY_1}\n"
    )
    got = cleaner.clean(raw)
    assert (got.author, got.published) == ("Freya Lind", "2026-02-09")
    assert got.title == "The east quay stays shut"
    assert paras(got) == [BODY_1]


@pytest.mark.xfail(
    strict=True,
    reason="_is_person reads a two-word capitalised site name as a person, so _meta_parts "
    "sees a bare name beside an explicit byline and rejects the whole line",
)
def test_two_word_site_name_on_a_byline_top_line(cleaner: TextCleaner) -> None:
    got = cleaner.clean(
        f"Northwind Review · Interviews · 9 February 2026 · By Freya Lind\n\n{BODY_1}\n"
    )
    assert (got.author, got.published) == ("Freya Lind", "2026-02-09")
