"""Attribution rules on short invented articles: who says each claim, through which cue.

Every article here is written for these tests; people, places and outlets are fictional.
spaCy is loaded once for the module (``analyzer`` fixture).
"""

from __future__ import annotations

from typing import Any

import pytest

from claims_helpers import find

SOLBERG = "Mira Solberg, a hydrologist at Kettle University, inspected the river dam on Sunday.\n\n"
REINHOLT = "Anton Reinholt, the mayor of Brennick, spoke after the council vote.\n\n"


# -- direct quotes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param('"The dam will hold," said Mira Solberg.', id="straight-said-after"),
        pytest.param("“The dam will hold,” said Mira Solberg.", id="curly-said-after"),
        pytest.param("“The dam will hold,” Mira Solberg said.", id="curly-name-said"),
        pytest.param('Mira Solberg said: "The dam will hold."', id="straight-said-before"),
        pytest.param("Mira Solberg said: “The dam will hold.”", id="curly-said-before"),
        pytest.param(
            'Mira Solberg said, "The dam will hold this spring."', id="straight-said-comma"
        ),
        pytest.param(
            "Mira Solberg, a hydrologist at Kettle University, said: “The dam will hold.”",
            id="apposition-before",
        ),
        pytest.param(
            "“The dam will hold,” said Mira Solberg, a hydrologist at Kettle University.",
            id="apposition-after",
        ),
    ],
)
def test_direct_quote(extract: Any, sentence: str) -> None:
    text = "Heavy rain fell on the valley all week.\n\n" + sentence
    c = find(extract(text), "dam will hold")
    assert c.text == sentence
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "direct_quote"
    assert c.cue is not None


@pytest.mark.parametrize(
    "paragraph",
    [
        "“The river crested overnight. It will fall slowly. We expect the roads to reopen soon,” Mira Solberg said.",
        '"The river crested overnight. It will fall slowly. We expect the roads to reopen soon," said Mira Solberg.',
        "Mira Solberg said: “The river crested overnight. It will fall slowly. We expect the roads to reopen soon.”",
    ],
)
def test_quote_over_several_sentences_is_one_claim(extract: Any, paragraph: str) -> None:
    text = "Flooding closed two roads on Sunday.\n\n" + paragraph
    claims = extract(text)
    assert len(claims) == 2
    c = find(claims, "crested overnight")
    assert (c.start, c.end) == (text.index(paragraph), len(text))
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "direct_quote"


def test_quote_then_own_she_said_sentence(extract: Any) -> None:
    text = (
        SOLBERG
        + "“The levee is sound and the pumps are running at full power.” She said this after the inspection."
    )
    claims = extract(text)
    c = find(claims, "levee is sound")
    assert "after the inspection" in c.text  # the short cue sentence joins the quote
    assert c.speaker_name == "Mira Solberg"
    assert c.speaker_text == "She"
    assert c.kind == "direct_quote"
    assert len(claims) == 2


@pytest.mark.parametrize("cue", ["She said.", "Solberg said."])
def test_quote_then_bare_said_sentence(extract: Any, cue: str) -> None:
    text = SOLBERG + "“The levee is sound and the pumps are running at full power.” " + cue
    c = find(extract(text), "levee is sound")
    assert c.text.endswith(cue)
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "direct_quote"


def test_continuation_quote_paragraph_keeps_speaker(extract: Any) -> None:
    text = (
        SOLBERG + "“The levee is sound and the pumps are running at full power,” Solberg said.\n\n"
        "“We have never seen the gauges this steady in spring.”\n\n"
        "The council meets again on Friday."
    )
    claims = extract(text)
    cont = find(claims, "never seen the gauges")
    assert cont.speaker_name == "Mira Solberg"
    assert cont.kind == "direct_quote"
    last = find(claims, "council meets again")
    assert last.speaker_name is None
    assert last.kind == "assertion"


def test_unattributed_quote_paragraph_has_no_speaker(extract: Any) -> None:
    text = SOLBERG + "“We have never seen the gauges this steady in spring.”"
    c = find(extract(text), "never seen the gauges")
    assert c.speaker_name is None


def test_told_colon_introduces_next_quote_paragraph(extract: Any) -> None:
    text = (
        REINHOLT
        + "Reinholt told the council:\n\n“The bridge will reopen before the summer and the town will pay.”"
    )
    claims = extract(text)
    c = find(claims, "bridge will reopen")
    assert c.start == text.index("Reinholt told")
    assert c.end == len(text)
    assert c.speaker_name == "Anton Reinholt"
    assert c.kind == "direct_quote"
    assert len(claims) == 2


def test_said_colon_introduces_next_quote_paragraph(extract: Any) -> None:
    text = (
        REINHOLT
        + "Reinholt said:\n\n“The bridge will reopen before the summer and the town will pay.”"
    )
    c = find(extract(text), "bridge will reopen")
    assert c.start == text.index("Reinholt said:")
    assert c.speaker_name == "Anton Reinholt"
    assert c.kind == "direct_quote"


# -- indirect speech -----------------------------------------------------------------

INDIRECT = [
    ("said", "Solberg said that the spillway was too narrow for a spring flood."),
    ("told", "Solberg told reporters that the spillway was too narrow for a spring flood."),
    ("added", "Solberg added that the spillway was too narrow for a spring flood."),
    ("claimed", "Solberg claimed that the spillway was too narrow for a spring flood."),
    ("believes", "Solberg believes that the spillway is too narrow for a spring flood."),
    ("argued", "Solberg argued that the spillway was too narrow for a spring flood."),
    ("warned", "Solberg warned that the spillway was too narrow for a spring flood."),
    ("admitted", "Solberg admitted that the spillway was too narrow for a spring flood."),
    ("announced", "Solberg announced that the spillway will be widened next year."),
    ("predicted", "Solberg predicted that the spillway will overflow within a decade."),
    ("estimated", "Solberg estimated that the spillway carries 900 cubic metres a second."),
    ("insisted", "Solberg insisted that the spillway was too narrow for a spring flood."),
    ("denied", "Solberg denied that the spillway was too narrow for a spring flood."),
    ("stressed", "Solberg stressed that the spillway was too narrow for a spring flood."),
    ("concluded", "Solberg concluded that the spillway was too narrow for a spring flood."),
    ("doubts", "Solberg doubts that the spillway is wide enough for a spring flood."),
    ("cited", "Solberg cited a 2019 survey as evidence that the spillway was too narrow."),
]


@pytest.mark.parametrize(
    ("verb", "sentence"),
    [
        pytest.param(
            v,
            s,
            id=v,
            marks=pytest.mark.xfail(
                strict=True,
                reason="'cite' is in WEAK_REPORTING and needs a ccomp/parataxis child; "
                "'cited a survey as evidence that ...' has none, so no cue is found",
            )
            if v == "cited"
            else (),
        )
        for v, s in INDIRECT
    ],
)
def test_indirect_reporting_verbs(extract: Any, verb: str, sentence: str) -> None:
    text = SOLBERG + sentence
    c = find(extract(text), "spillway")
    assert c.text == sentence
    assert c.speaker_name == "Mira Solberg"
    assert c.speaker_text == "Solberg"
    assert c.kind == "indirect"
    assert c.cue is not None and c.cue.startswith(verb)


def test_told_outlet_cue_includes_outlet(extract: Any) -> None:
    text = (
        SOLBERG
        + "Solberg told the Harbour Gazette that the spillway was too narrow for a spring flood."
    )
    c = find(extract(text), "spillway")
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "indirect"
    assert c.cue is not None and "Harbour Gazette" in c.cue


@pytest.mark.parametrize(
    "sentence",
    [
        "According to Solberg, the spillway is too narrow for a spring flood.",
        "The spillway is too narrow for a spring flood, according to Solberg.",
    ],
)
def test_according_to(extract: Any, sentence: str) -> None:
    c = find(extract(SOLBERG + sentence), "spillway")
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "according_to"
    assert c.cue == "according to"


def test_according_to_report_by(extract: Any) -> None:
    text = "According to a report by the Kettle Water Institute, the spillway is too narrow for a spring flood."
    c = find(extract(text), "spillway")
    assert c.speaker_name is not None
    assert c.speaker_name.lower().removeprefix("the ") == "kettle water institute"
    assert c.kind == "according_to"


def test_in_names_view(extract: Any) -> None:
    c = find(
        extract(SOLBERG + "In Solberg's view, the spillway is too narrow for a spring flood."),
        "spillway",
    )
    assert c.speaker_name == "Mira Solberg"
    assert c.kind != "assertion"


def test_in_his_view_resolves_pronoun(extract: Any) -> None:
    text = (
        "Oskar Lindqvist, a professor at Marren College, has studied the river for a decade.\n\n"
        "In his view, the spillway is too narrow for a spring flood."
    )
    c = find(extract(text), "spillway")
    assert c.speaker_name == "Oskar Lindqvist"
    assert c.speaker_text == "his"
    assert c.kind != "assertion"


# -- passives and impersonal reports -------------------------------------------------------


def test_were_said_to_after_a_named_statement_stays_vague(extract: Any) -> None:
    """A named source just before is not enough: reporters move on to unnamed sources."""
    text = (
        "The Kettle Water Institute said on Monday that the river crested at dawn.\n\n"
        "The gauges upstream were said to be failing after years of neglect."
    )
    c = find(extract(text), "were said to")
    assert c.speaker_name is None
    assert c.kind != "assertion"


def test_were_said_to_goes_on_from_a_cited_report(extract: Any) -> None:
    """ "According to a report by X, ... Of these, 1,500 were said to ...": X's report."""
    text = (
        "According to a report by the Kettle Water Institute, 4,000 homes were flooded.\n"
        "Of these, 1,500 were said to be beyond repair."
    )
    c = find(extract(text), "were said to")
    assert c.speaker_name is not None and "Kettle Water Institute" in c.speaker_name


def test_it_is_reported_after_a_cited_report_stays_vague(extract: Any) -> None:
    text = (
        "According to a report by the Kettle Water Institute, 4,000 homes were flooded.\n"
        "It is reported that the gauges upstream were failing."
    )
    c = find(extract(text), "It is reported")
    assert c.speaker_name is None
    assert c.kind != "assertion"


def test_it_is_reported_alone_has_no_named_speaker(extract: Any) -> None:
    c = find(
        extract(
            "The river rose on Monday.\n\nIt is reported that the gauges upstream were failing."
        ),
        "reported",
    )
    assert c.speaker_name is None
    assert c.kind != "assertion"
    assert c.cue is not None and "reported" in c.cue


def test_there_have_been_reports(extract: Any) -> None:
    text = "The river rose on Monday.\n\nThere have been reports that the gauges upstream were failing."
    c = find(extract(text), "reports")
    assert c.speaker_name is None
    assert c.speaker_text is not None and "reports" in c.speaker_text
    assert c.kind != "assertion"


# -- headline, interview ----------------------------------------------------------------


def test_headline_attribution(extract: Any) -> None:
    title = "Mira Solberg, hydrologist: The dam will hold"
    text = title + "\n\nThe river rose again on Monday after a week of rain."
    claims = extract(text, title=title)
    head = find(claims, "dam will hold")
    assert (head.start, head.end) == (0, len(title))
    assert head.speaker_name == "Mira Solberg"
    assert head.kind == "direct_quote"
    body = find(claims, "river rose")
    assert body.speaker_name is None
    assert body.kind == "assertion"


INTERVIEW = """Mira Solberg is a hydrologist at Kettle University. The Test Outlet spoke to Mira Solberg about the river dam.

Is the dam safe this spring?

I think it is safe for now. My team checks the gauges every morning.

What worries you most?

We have not replaced the gates since 1998. [The gates were partly replaced in 2004 — Test Outlet]

Will the town pay for new gates?

I doubt it. Our budget is small."""


def test_interview_answers_belong_to_interviewee(extract: Any) -> None:
    claims = extract(INTERVIEW)
    for sub in (
        "safe for now",
        "checks the gauges",
        "not replaced the gates",
        "I doubt it",
        "budget is small",
    ):
        c = find(claims, sub)
        assert c.speaker_name == "Mira Solberg", sub
        assert c.kind != "assertion", sub


def test_interview_questions_are_not_claims(extract: Any) -> None:
    claims = extract(INTERVIEW)
    texts = [c.text for c in claims]
    for q in (
        "Is the dam safe this spring?",
        "What worries you most?",
        "Will the town pay for new gates?",
    ):
        assert not any(q in t for t in texts), q


def test_interview_editorial_note_is_its_own_claim(extract: Any) -> None:
    claims = extract(INTERVIEW)
    note = "[The gates were partly replaced in 2004 — Test Outlet]"
    c = find(claims, "partly replaced")
    assert c.text == note
    assert c.speaker_name != "Mira Solberg"
    answer = find(claims, "not replaced the gates")
    assert "partly replaced" not in answer.text


# -- pronouns, role nouns, new speakers ---------------------------------------------------


def test_pronouns_resolve_to_named_person(extract: Any) -> None:
    text = (
        SOLBERG + "The spillway is too narrow, she said.\n\nThe gates also rust quickly, she added."
    )
    claims = extract(text)
    for sub, cue in (("spillway", "said"), ("gates also rust", "added")):
        c = find(claims, sub)
        assert c.speaker_name == "Mira Solberg"
        assert c.speaker_text == "she"
        assert c.cue == cue
        assert c.kind == "indirect"


def test_he_added_after_named_speaker(extract: Any) -> None:
    text = (
        "Oskar Lindqvist, a professor at Marren College, said the dam was safe.\n\n"
        "He added that the gates were replaced in 2021."
    )
    c = find(extract(text), "gates were replaced")
    assert c.speaker_name == "Oskar Lindqvist"
    assert c.speaker_text == "He"
    assert c.kind == "indirect"


def test_role_noun_resolves(extract: Any) -> None:
    text = (
        "Oskar Lindqvist, a professor at Marren College, has studied the river for a decade.\n\n"
        "The professor doubts that the town will pay for new gauges."
    )
    c = find(extract(text), "professor doubts")
    assert c.speaker_name == "Oskar Lindqvist"
    assert c.kind == "indirect"


def test_role_noun_from_apposition_resolves(extract: Any) -> None:
    text = SOLBERG + "The hydrologist doubts that the town will pay for repairs."
    c = find(extract(text), "hydrologist doubts")
    assert c.speaker_name == "Mira Solberg"
    assert c.kind == "indirect"


def test_newly_introduced_person_takes_over(extract: Any) -> None:
    text = (
        SOLBERG + "The gates are rusting, she said.\n\n"
        "Oskar Lindqvist, a professor at Marren College, disagreed.\n\n"
        "The gates were replaced in 2021, he said."
    )
    claims = extract(text)
    assert find(claims, "rusting").speaker_name == "Mira Solberg"
    assert find(claims, "replaced in 2021").speaker_name == "Oskar Lindqvist"


def test_new_speaker_with_intro_and_cue(extract: Any) -> None:
    text = (
        SOLBERG + "The gates are rusting, she said.\n\n"
        "Oskar Lindqvist, a professor at Marren College, said the gates were replaced in 2021.\n\n"
        "He added that the old gauges are unreliable."
    )
    claims = extract(text)
    c = find(claims, "Marren College, said")
    assert c.speaker_name == "Oskar Lindqvist"
    assert c.kind == "indirect"
    assert find(claims, "gauges are unreliable").speaker_name == "Oskar Lindqvist"


def test_pronoun_respects_gender_of_earlier_pronouns(extract: Any) -> None:
    text = (
        SOLBERG + "The gates are rusting, she said.\n\n"
        "Oskar Lindqvist, a professor at Marren College, disagreed.\n\n"
        "The gates are sound, he said.\n\n"
        "The old gauges are unreliable, she added."
    )
    assert find(extract(text), "gauges are unreliable").speaker_name == "Mira Solberg"


def test_title_tells_the_gender_of_a_pronoun(extract: Any) -> None:
    text = (
        "Ms Ada Rinne, the harbour master, said the quay was closed.\n\n"
        "Mr Tor Aasen, a ferry captain, said ships were waiting offshore.\n\n"
        "The closure could last a week, she added."
    )
    assert find(extract(text), "could last a week").speaker_name == "Ada Rinne"


# -- chains --------------------------------------------------------------------------------


def test_a_said_b_reported(extract: Any) -> None:
    text = (
        "Oskar Lindqvist said the Kettle Water Institute reported that the gauges failed in March."
    )
    c = find(extract(text), "gauges failed")
    assert c.speaker_name is not None and "Kettle Water Institute" in c.speaker_name
    assert "Oskar Lindqvist" in [n for n, _ in c.via_names]
    assert c.kind == "indirect"


@pytest.mark.parametrize(
    "verb",
    [
        pytest.param(
            "suspects",
        ),
        pytest.param(
            "believes",
        ),
    ],
)
def test_x_believes_according_to_y(extract: Any, verb: str) -> None:
    text = f"Mira Solberg {verb} the gauges were tampered with, according to Oskar Lindqvist."
    c = find(extract(text), "tampered")
    assert c.speaker_name == "Mira Solberg"
    assert [n for n, _ in c.via_names] == ["Oskar Lindqvist"]


# -- organisations -------------------------------------------------------------------------

PLANT = (
    "Halden Steelworks Ltd opened a second furnace in Orlen last year.\n\n"
    "The company said the furnace met every emission limit.\n\n"
    "The Orlen Workers Union disputed that. Union officials said the filters were switched off at night.\n\n"
    "A company spokeswoman said the filters ran around the clock."
)


@pytest.mark.parametrize(
    ("sub", "speaker"),
    [
        ("furnace met every", "Halden Steelworks Ltd"),
        ("switched off at night", "Orlen Workers Union"),
        ("ran around the clock", "Halden Steelworks Ltd"),
    ],
)
def test_organisation_nouns_resolve(extract: Any, sub: str, speaker: str) -> None:
    c = find(extract(PLANT), sub)
    assert c.speaker_name is not None
    assert c.speaker_name.removeprefix("The ") == speaker
    assert c.kind == "indirect"


# -- the document's own voice ---------------------------------------------------------------


def test_own_sentences_are_assertions(extract: Any) -> None:
    text = "The Brennick council postponed the repairs on Tuesday.\n\nThe dam was built in 1962 on the Orle river."
    claims = extract(text)
    assert len(claims) == 2
    for c in claims:
        assert c.speaker_name is None
        assert c.speaker_text is None
        assert c.kind == "assertion"
        assert c.modality == "asserted"


def test_headings_and_disclaimers_give_no_claims(extract: Any) -> None:
    text = (
        "The council postponed the repairs on Tuesday.\n\n"
        "Background\n\n"
        "The dam was built in 1962.\n\n"
        "This article is the author's speculation and should not be taken as fact.\n\n"
        "Petra Vinn contributed to this report."
    )
    texts = [c.text for c in extract(text)]
    assert texts == ["The council postponed the repairs on Tuesday.", "The dam was built in 1962."]


def test_opinion_disclaimer_gives_no_claim(extract: Any) -> None:
    text = (
        "The council postponed the repairs on Tuesday.\n\n"
        "Columns like this one do not necessarily reflect the editorial line of the Test Outlet."
    )
    assert [c.text for c in extract(text)] == ["The council postponed the repairs on Tuesday."]


# -- quantities and dates ------------------------------------------------------------------

EVACUATION = "Up to 4,000 people were evacuated last Friday, said Mira Solberg."


def test_quantity_attached_to_claim(extract: Any) -> None:
    c = find(extract(EVACUATION), "4,000")
    assert c.speaker_name == "Mira Solberg"
    q = next(q for q in c.quantities if q.value == 4000)
    assert q.qualifier == "up_to"
    assert EVACUATION[q.start : q.end] == q.text
    assert c.start <= q.start < q.end <= c.end


@pytest.mark.parametrize(("published", "value"), [("2025-03-10", "2025-03-07"), (None, None)])
def test_relative_date_attached_to_claim(
    extract: Any, published: str | None, value: str | None
) -> None:
    c = find(extract(EVACUATION, published=published), "last Friday")
    d = next(d for d in c.dates if d.text == "last Friday")
    assert d.value == value
    assert EVACUATION[d.start : d.end] == "last Friday"


def test_quote_after_a_paraphrase_in_the_same_paragraph_is_the_same_speaker(extract: Any) -> None:
    text = (
        "Lena Hartwig, director of the roads agency, spoke on Monday.\n\n"
        'She denied that the agency had hidden the report. "Nobody sat on it on purpose."'
    )
    assert find(extract(text), "Nobody sat on it").speaker_name == "Lena Hartwig"


def test_closing_quote_does_not_take_the_next_paragraphs_speaker(extract: Any) -> None:
    text = (
        'Tom Walker, a lorry driver, said he heard a loud crack. "The lights went out," Walker '
        'said. "Then the road was gone."\n\n'
        "The county hospital said it was treating 23 people on Saturday."
    )
    got = extract(text)
    assert find(got, "Then the road was gone").speaker_name == "Tom Walker"
    assert find(got, "treating 23 people").speaker_name == "county hospital" or "hospital" in (
        find(got, "treating 23 people").speaker_text or ""
    )


def test_a_bare_cue_after_a_quote_names_its_speaker(extract: Any) -> None:
    text = (
        'The company denied that any gas had escaped. "Nobody was in danger." That was how '
        "Petra Lind, the company's spokeswoman, put it in a statement."
    )
    assert find(extract(text), "Nobody was in danger").speaker_name == "Petra Lind"


def test_name_after_a_role_noun_is_the_speaker_even_if_tagged_as_a_body(extract: Any) -> None:
    text = (
        "The roads agency denied receiving any warning. “No report was ever filed with this "
        "office,” its director, Marek Dunstan, said on Saturday."
    )
    c = find(extract(text), "No report was ever filed")
    assert c.speaker_name == "Marek Dunstan" and c.speaker_type == "PERSON"


def test_relative_pronoun_speaker_is_its_antecedent(extract: Any) -> None:
    text = "Halvard Ness, the engineer who has warned that the piers were eroding, spoke on Monday."
    c = find(extract(text), "piers were eroding")
    assert c.speaker_name == "Halvard Ness"


def test_nobody_is_no_speaker(extract: Any) -> None:
    text = "Nobody has explained why the bridge stayed open after the warning in March."
    c = find(extract(text), "bridge stayed open")
    assert c.speaker_name is None and c.kind == "assertion"


def test_it_said_refers_back_to_the_body_that_spoke(extract: Any) -> None:
    text = (
        "The Drossen Roads Agency said the old bridge would be demolished in June. "
        "It said a temporary crossing could be in place by the end of the summer."
    )
    c = find(extract(text), "temporary crossing")
    assert c.speaker_name == "Drossen Roads Agency" and c.kind == "indirect"


def test_every_sentence_of_an_interviewers_question_paragraph_is_skipped(extract: Any) -> None:
    text = (
        "Interview: the engineer on the bridge\n\n"
        "Halvard Ness has inspected bridges on the Velm for twenty years.\n\n"
        "Q: What brought the bridge down?\n\n"
        "Ness: The river washed the gravel out from under the pier.\n\n"
        "Q: The police count stands at 11 dead. The volunteers say it is higher.\n\n"
        "Ness: I would be surprised if the final figure were below 20."
    )
    got = extract(text)
    assert not [c for c in got if "volunteers say" in c.text]


def test_pronoun_after_a_sentence_about_a_person_refers_to_that_person(extract: Any) -> None:
    text = (
        "Lisbet Aro, a spokeswoman for the organisers, said the video was genuine.\n\n"
        "Milan Sorel, who runs a forensics lab at the university, has looked at the footage. "
        "He says he found no sign of editing in the file."
    )
    assert find(extract(text), "no sign of editing").speaker_name == "Milan Sorel"


def test_it_after_a_sentence_about_a_body_is_that_body(extract: Any) -> None:
    text = (
        "The Interior Ministry has issued a statement on the video. "
        'It says the footage "has been manipulated" and comes from an older riot.'
    )
    c = find(extract(text), "has been manipulated")
    assert c.speaker_name == "Interior Ministry"


def test_put_the_crowd_at_is_an_estimate(extract: Any) -> None:
    c = find(extract("Police put the crowd at about 18,000 on Saturday."), "crowd at about")
    assert c.speaker_name is not None and "olice" in c.speaker_name and c.kind == "indirect"


def test_the_minister_is_the_person_holding_that_title(extract: Any) -> None:
    text = (
        "Interior Minister Aurel Dimak has not changed his account. Asked about the purchase on "
        "Monday, he said the canisters were routine stock. “I have seen no evidence that gas was "
        "used,” the minister said.\n\n"
        "Milan Sorell, a forensic analyst, said the video was genuine.\n\n"
        "The minister now says he was misled by his police chief."
    )
    got = extract(text)
    assert find(got, "I have seen no evidence").speaker_name == "Aurel Dimak"
    assert find(got, "misled by his police chief").speaker_name == "Aurel Dimak"


def test_records_that_show_something_are_cited_as_the_source(extract: Any) -> None:
    c = find(extract("Procurement records show that the police bought 4,000 canisters in March."),
             "police bought")  # fmt: skip
    assert c.kind == "indirect" and c.speaker_name is None and "records" in (c.speaker_text or "")


def test_unlabelled_interviewer_turn_ending_in_a_question_is_not_a_claim(extract: Any) -> None:
    text = (
        "Juno Ferrante is a senior researcher at Watchlight, which published a report on Thursday.\n\n"
        "What did your researchers find?\n\n"
        "We reviewed 112 videos and interviewed 63 people. Our conclusion is clear: gas was used.\n\n"
        "The minister still says no gas was fired. How do you explain that?\n\n"
        "I can't explain it. Either the minister was badly informed, or he chose not to say.\n\n"
        "What about the arrests?\n\n"
        "We believe the real number of arrests is close to 200."
    )
    got = extract(text)
    assert not [c for c in got if "still says no gas" in c.text]
    assert find(got, "badly informed").speaker_name == "Juno Ferrante"


def test_quote_after_introducing_a_person_is_theirs(extract: Any) -> None:
    text = (
        "We have spoken to Tamsin Orl, a nursing student who was in the lane when the trouble "
        'started. "There were three or four bangs, then white smoke everywhere."'
    )
    c = find(extract(text), "three or four bangs")
    assert c.speaker_name == "Tamsin Orl" and c.kind == "direct_quote"


def test_a_name_with_a_who_clause_is_a_person_whatever_the_tagger_says(extract: Any) -> None:
    text = (
        "Its editor, Rafe Idris, suggested the ministry may have confused the footage.\n\n"
        "Ines Varga, who represents 12 of the detained, said her clients had been held for 72 "
        "hours. “Not one of my clients has been charged with anything,” she said."
    )
    got = extract(text)
    assert find(got, "held for 72").speaker_type == "PERSON"
    assert find(got, "Not one of my clients").speaker_name == "Ines Varga"


def test_labelled_interview_with_initials_and_a_surname(extract: Any) -> None:
    text = (
        "Professor Teodor Wyle heads the parasitology department at Varn University. On "
        "Wednesday he spoke to Alder Public Radio about the leaked report.\n\n"
        "APR: What does the report actually show?\n\n"
        "WYLE: It shows eleven oocysts in ten litres of treated water.\n\n"
        "APR: The company says the sample came from an unused tap.\n\n"
        "WYLE: I have heard that. A stale tap does not produce a parasite out of nowhere.\n\n"
        "APR: Could the filters have failed?\n\n"
        "WYLE: They could have, if a filter bed was not backwashed after the storm."
    )
    got = extract(text)
    assert find(got, "eleven oocysts").speaker_name == "Teodor Wyle"
    assert find(got, "stale tap").speaker_name == "Teodor Wyle"
    assert not [c for c in got if "unused tap" in c.text]
    assert not [c for c in got if c.text.strip() in {"WYLE:", "APR:"}]


def test_trailing_speaker_the_parser_loses_is_read_after_the_quote(extract: Any) -> None:
    text = (
        '"We are treating the water supply as a possible source, among several. Nobody should '
        "point fingers before the tests are in,\" the agency's director of public health, Dr. "
        'Halina Brecht, told reporters at the town hall. "The notice is purely a precaution."'
    )
    got = extract(text)
    assert find(got, "possible source").speaker_name == "Halina Brecht"
    assert find(got, "purely a precaution").speaker_name == "Halina Brecht"


def test_a_name_ending_in_a_body_word_speaks_as_a_body(extract: Any) -> None:
    got = extract("Quarry Water said on Monday that every sample had come back clean.")
    c = find(got, "every sample")
    assert c.speaker_name == "Quarry Water" and c.speaker_type == "ORG"


@pytest.mark.parametrize(
    "opening",
    ["BRENNICK, March 4 (Coast Wire) - ", "BRENNICK, March 4 (Coast Wire) – ", ""],
)
def test_a_wire_dateline_is_not_the_speaker(extract: Any, opening: str) -> None:
    """The parser may take the dateline's place for the subject of "admitted"."""
    sentence = opening + "Kettle Water admitted on Monday that its river gauge had failed in March."
    c = find(extract(sentence), "river gauge")
    assert c.speaker_name == "Kettle Water"
