"""Attribution rules, continued: bodies named by a body word, "the company", misparsed
subjects, Markdown interviews, and the rules added with the fifth and sixth holdouts.

Every article here is written for these tests; people, places and outlets are fictional.
"""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.ledger import Ledger
from claims_helpers import find

# -- bodies named by a body word, "the company", "its press office" --------------------------


@pytest.mark.parametrize(
    "body", ["Fenwick General Hospital", "Danby Regional Hospitals"], ids=["singular", "plural"]
)
def test_a_hospital_spokesman_speaks_for_the_hospital_named_before(extract: Any, body: str) -> None:
    text = f"{body} put the number higher. A hospital spokesman said 40 patients had been admitted."
    c = find(extract(text), "40 patients")
    assert c.speaker_name == body and c.speaker_type == "ORG"
    assert c.kind == "indirect"


def test_the_company_is_the_firm_named_by_a_body_word_not_its_chief_executive(
    extract: Any,
) -> None:
    # the tagger calls "Ostmere Water" a person; its last word makes it a business
    text = (
        "Ostmere Water supplies the town of Brackley. Its chief executive Anton Quell spoke "
        "on Monday.\n\n"
        "The company said the pipes had been flushed twice."
    )
    c = find(extract(text), "flushed twice")
    assert c.speaker_name == "Ostmere Water" and c.speaker_type == "ORG"
    assert c.kind == "indirect"


def test_the_company_is_the_firm_even_when_a_university_is_named_more_often(
    extract: Any,
) -> None:
    text = (
        "Brackley gets its water from Ostmere Water. Scientists at Harlow University tested the "
        "taps, and Harlow University published the results on Monday.\n\n"
        "The company said the pipes had been flushed twice."
    )
    assert find(extract(text), "flushed twice").speaker_name == "Ostmere Water"


@pytest.mark.parametrize(
    "body",
    [
        "Scientists at Harlow University tested the taps, and Harlow University",
        "Scientists at the Delvin Institute tested the taps, and the Delvin Institute",
    ],
    ids=["university", "institute"],
)
def test_the_company_is_never_a_university_or_institute(extract: Any, body: str) -> None:
    text = f"{body} published the results on Monday.\n\nThe company said the pipes had been flushed twice."
    c = find(extract(text), "flushed twice")
    assert c.speaker_name == "company" and c.speaker_type == "GROUP"


@pytest.mark.parametrize(
    ("who", "cue"),
    [("Its press office", "told me"), ("Its spokesman", "said")],
    ids=["press-office", "spokesman"],
)
def test_its_press_office_is_the_body_spoken_of_just_before(
    extract: Any, who: str, cue: str
) -> None:
    text = (
        "Ostmere Water supplies Brackley. The company has not explained the brown water. "
        f"{who} {cue} the pipes were being flushed."
    )
    c = find(extract(text), "being flushed")
    assert c.speaker_name == "Ostmere Water" and c.speaker_type == "ORG"
    assert c.speaker_text == who and c.cue == cue


@pytest.mark.xfail(
    strict=True,
    reason="when no name is found, DocSpeakers.from_subject falls back to a GROUP reference "
    "named after the noun, so speaker_name is 'press office' / 'spokesman', not None",
)
@pytest.mark.parametrize(
    "text",
    [
        "The company has not explained the brown water. Its press office told me the pipes "
        "were being flushed.",
        "The utility would not comment on the leak. Its spokesman said the pipes were being "
        "flushed.",
    ],
    ids=["press-office", "spokesman"],
)
def test_its_press_office_of_a_body_never_named_has_no_speaker_name(
    extract: Any, text: str
) -> None:
    c = find(extract(text), "being flushed")
    assert c.kind == "indirect"
    assert c.speaker_name is None


# -- subjects the parser gets wrong, parenthetical and surface cues ----------------------------


def test_a_reduced_relative_before_a_named_group_leaves_the_group_as_speaker(extract: Any) -> None:
    # the parser takes "set" for the subject of "said"; the name set off by commas speaks
    text = (
        "A tenants' group set up in March, the Corvel Tenants Union, said more than 200 "
        "families had complained."
    )
    c = find(extract(text), "200 families")
    assert c.speaker_name is not None
    assert c.speaker_name.removeprefix("the ") == "Corvel Tenants Union"
    assert c.cue == "said" and c.kind == "indirect"


@pytest.mark.xfail(
    strict=True,
    reason="'formed' is parsed as an acl of 'group' (no misparse), so the subject is the "
    'generic "parents\' group" (GROUP); the name in apposition is not preferred',
)
def test_a_group_formed_on_a_day_is_named_by_its_apposition(extract: Any) -> None:
    text = (
        "A parents' group formed on Sunday, the Dunmore Parents' Forum, said more than 200 "
        "families had complained."
    )
    c = find(extract(text), "200 families")
    assert c.speaker_name is not None
    assert c.speaker_name.removeprefix("the ") == "Dunmore Parents' Forum"


def test_he_added_set_off_by_commas_inside_the_sentence(extract: Any) -> None:
    text = (
        "Pavel Moren, a harbour pilot, said the ship had been anchored too close to the pier.\n\n"
        "The tide tables and the gauge readings, he added, showed that the water had dropped "
        "by two metres."
    )
    c = find(extract(text), "tide tables")
    assert c.speaker_name == "Pavel Moren"
    assert c.speaker_text == "he" and c.cue == "added"
    assert c.kind == "indirect"


@pytest.mark.parametrize("role", ["editor", "director"])
def test_a_name_in_apposition_to_the_subject_of_suggested(extract: Any, role: str) -> None:
    text = (
        "The Kestel Records Agency has not replied.\n\n"
        f"Its {role}, Lene Osgard, suggested the agency may have mixed up two files."
    )
    c = find(extract(text), "mixed up two files")
    assert c.speaker_name == "Lene Osgard" and c.speaker_type == "PERSON"
    assert c.cue == "suggested" and c.kind == "indirect"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lawyers for the arrested say 14 men remain in custody.",  # "say" not parsed as a verb
        "Lawyers for the accused say 14 men remain in custody.",
    ],
    ids=["surface", "parsed"],
)
def test_a_reporting_verb_the_parser_misses_is_read_from_the_surface(
    extract: Any, sentence: str
) -> None:
    c = find(extract("Protests continued in Varna on Friday.\n\n" + sentence), "14 men")
    assert c.kind == "indirect"
    assert c.speaker_text is not None and c.speaker_text.startswith("Lawyers")
    assert c.cue == "say"


def test_until_the_council_tells_me_in_an_answer_is_the_interviewees(extract: Any) -> None:
    text = (
        "Tomas Ekberg is a ferry skipper in Hollin. The Test Outlet spoke to Tomas Ekberg about "
        "the closed quay.\n\n"
        "Why is the quay closed?\n\n"
        "The engineers found cracks in the concrete last week.\n\n"
        "What will you do now?\n\n"
        "I will keep my boat tied up until the council tells me otherwise.\n\n"
        "Will you lose money?\n\n"
        "I expect to lose most of the spring season."
    )
    c = find(extract(text), "boat tied up")
    assert c.speaker_name == "Tomas Ekberg"
    assert c.kind == "direct_quote"
    assert c.via_names == []


def test_until_the_council_tells_me_in_a_quote_is_the_quoted_person(extract: Any) -> None:
    text = (
        "Tomas Ekberg, a ferry skipper in Hollin, is angry about the closed quay.\n\n"
        '"I will keep my boat tied up until the council tells me otherwise," he said.'
    )
    c = find(extract(text), "boat tied up")
    assert c.speaker_name == "Tomas Ekberg"
    assert c.kind == "direct_quote"


@pytest.mark.parametrize(
    "text",
    [
        "Odegaard is expected to brief the harbour board on Friday.",
        "Sigrun Odegaard chairs the harbour board. She is expected to present the repair plan "
        "on Friday.",
        "Odegaard plans to brief the harbour board on Friday.",
    ],
    ids=["expected", "pronoun-expected", "plans"],
)
def test_a_scheduled_statement_is_no_claim_by_anyone(extract: Any, text: str) -> None:
    c = find(extract(text), "on Friday")
    assert c.speaker_name is None and c.speaker_text is None
    assert c.cue is None
    assert c.kind == "assertion"


# -- a Markdown interview through the ledger ----------------------------------------------------

MD_INTERVIEW = """# Lene Osgard, harbour master: The east quay will not reopen this year

**Tidemark** · Interviews · 9 February 2026 · By Arvid Holm

The harbour master of Skelby has run the port for eleven years. We asked her about the closure of the east quay.

**Q:** Why did the east quay close?

**A:** The timber piles under the east end have rotted through. Divers found the damage in January. Why did nobody check them before?

**Q:** The council says the repairs will take a month.

**A:** That is not realistic. There have been reports that the contractor has already left Skelby.

**Q:** Are you worried about the fishing fleet?

**A:** Very.

**Q:** Will the ferry still run?

**A:** No.

**Q:** Thank you for your time.

**A:** My pleasure.
"""


@pytest.fixture(scope="module")
def md_interview(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:

    tmp = tmp_path_factory.mktemp("md_interview")
    path = tmp / "osgard.md"
    path.write_text(MD_INTERVIEW, encoding="utf-8")
    with Ledger(tmp / "ledger.db") as led:
        assert len(led.add(str(path)).added) == 1
        return led.export()


def _md_claim(ex: dict[str, Any], sub: str) -> dict[str, Any]:
    hits = [c for c in ex["claims"] if sub in c["text"]]
    assert hits, f"no claim contains {sub!r}; claims: {[c['text'] for c in ex['claims']]}"
    return hits[0]


def _entity_name(ex: dict[str, Any], eid: str | None) -> str | None:
    return next((e["name"] for e in ex["entities"] if e["id"] == eid), None)


def test_md_interview_byline_line_is_metadata(md_interview: dict[str, Any]) -> None:
    (doc,) = md_interview["documents"]
    assert doc["title"] == "Lene Osgard, harbour master: The east quay will not reopen this year"
    assert (doc["author"], doc["published"]) == ("Arvid Holm", "2026-02-09")
    assert "Arvid Holm" not in {
        _entity_name(md_interview, c["speaker"]) for c in md_interview["claims"]
    }


@pytest.mark.parametrize(
    "sub",
    [
        "timber piles under the east end",
        "Divers found the damage",
        "Why did nobody check them before?",  # an answer ending in a rhetorical question
        "That is not realistic",
    ],
)
def test_md_interview_answers_are_quotes_of_the_headline_person(
    md_interview: dict[str, Any], sub: str
) -> None:
    c = _md_claim(md_interview, sub)
    assert _entity_name(md_interview, c["speaker"]) == "Lene Osgard"
    assert c["kind"] == "direct_quote"


def test_md_interview_answer_claims_start_after_the_label(md_interview: dict[str, Any]) -> None:
    """The "A:" turn label is layout, not part of what the interviewee said."""
    answers = [c for c in md_interview["claims"] if c["kind"] == "direct_quote"]
    assert answers
    assert not [c["text"] for c in answers if c["text"].lstrip("*").startswith(("A:", "Q:"))]


def test_md_interview_questions_are_not_claims(md_interview: dict[str, Any]) -> None:
    texts = [c["text"] for c in md_interview["claims"]]
    for q in (
        "Why did the east quay close?",
        "The council says the repairs will take a month.",  # a Q turn without a question mark
        "Are you worried about the fishing fleet?",
        "Will the ferry still run?",
        "Thank you for your time.",
    ):
        assert not any(q in t for t in texts), q


def test_md_interview_verbless_replies_are_not_claims(md_interview: dict[str, Any]) -> None:
    replies = {c["text"].removeprefix("A:").strip() for c in md_interview["claims"]}
    assert not replies & {"Very.", "No.", "My pleasure."}


def test_md_interview_there_have_been_reports_goes_through_the_interviewee(
    md_interview: dict[str, Any],
) -> None:
    c = _md_claim(md_interview, "contractor has already left")
    assert c["speaker"] is None and c["speaker_name"] is None
    assert c["speaker_text"] == "reports"
    assert [_entity_name(md_interview, v) for v in c["via"]] == ["Lene Osgard"]


# -- rules found on the fifth and sixth holdouts --------------------------------------------


@pytest.mark.parametrize(
    ("text", "sub", "speaker"),
    [
        pytest.param(
            "Brightwater, an independent news site, reported on Monday that the mill had "
            "raised pay for new workers to $5,000.",
            "raised pay",
            "Brightwater",
            id="reduced-relative-report",
        ),
        pytest.param(
            "Orvia's foreign minister, Iveta Sarnai, said the admission confirmed what Kessenburg "
            "had been saying since March.",
            "confirmed what",
            "Iveta Sarnai",
            id="free-relative-is-not-a-chain",
        ),
        pytest.param(
            "The Orvia Statistics Bureau on Tuesday published what it says is a secret order "
            "of the defence ministry.",
            "secret order",
            "Orvia Statistics Bureau",
            id="it-says-inside-the-sentence",
        ),
        pytest.param(
            'Daria Feltz, a spokeswoman for the movement, called the police count "a fiction".',
            "a fiction",
            "Daria Feltz",
            id="called-x-y",
        ),
        pytest.param(
            "Officials in Kessenburg denied that any ship had been in the area.",
            "any ship",
            "Kessenburg",
            id="officials-in-a-capital",
        ),
        pytest.param(
            "The ship's owner, Vesk Maritime, said the vessel carried wheat. "
            "The company said the vessel had passed a safety inspection in May.",
            "safety inspection",
            "Vesk Maritime",
            id="the-company-is-the-body-just-spoken-of",
        ),
        pytest.param(
            "Orvia on Monday demanded at least €150 million in compensation for the ship.",
            "150 million",
            "Orvia",
            id="demanded",
        ),
    ],
)
def test_speaker_rules(extract: Any, text: str, sub: str, speaker: str) -> None:
    c = find(extract(text), sub)
    assert c.speaker_name is not None and speaker in c.speaker_name, c.speaker_name
    assert c.kind != "assertion"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        pytest.param(
            "Kessenburg did not respond to a request for comment.", "request", id="no-response"
        ),
        pytest.param(
            "I suspect Kessenburg will eventually admit to some presence while disputing every "
            "number.",
            "eventually admit",
            id="the-author-and-a-future-admission",
        ),
        pytest.param("The numbers tell their own story.", "own story", id="tell-a-story"),
    ],
)
def test_the_document_s_own_voice(extract: Any, text: str, sub: str) -> None:
    c = find(extract(text), sub)
    assert c.speaker_name is None
    assert c.kind == "assertion"


def test_there_have_been_reports_keeps_the_reports_over_a_verb_inside(extract: Any) -> None:
    text = 'There have been reports that diplomats have begun to speak privately of "volunteers".'
    c = find(extract(text), "diplomats")
    assert c.speaker_name is None and c.kind != "assertion"
    assert c.speaker_text is not None and "reports" in c.speaker_text


def test_in_surname_view_with_a_curly_apostrophe(extract: Any) -> None:
    text = (
        "Katarin Mellows, a lecturer in security studies, examined a copy.\n\n"
        "In Mellows’ view, the total of 3,600 fits what is known about the recruiting drive."
    )
    c = find(extract(text), "3,600 fits")
    assert c.speaker_name == "Katarin Mellows"


def test_according_to_a_report_citing_others(extract: Any) -> None:
    text = (
        "According to a report by the news site Brightwater citing two former contractors, "
        "recruits were promised $4,000 a month."
    )
    c = find(extract(text), "recruits were promised")
    assert c.speaker_text is not None and "contractors" in c.speaker_text
    assert c.via_names  # the report's author, through whom the contractors speak


def test_reported_citing_officials(extract: Any) -> None:
    text = (
        "The broadcaster Norrick One reported on Tuesday, citing intelligence officials, that "
        "the warship was damaged."
    )
    c = find(extract(text), "warship was damaged")
    assert c.speaker_text is not None and "intelligence officials" in c.speaker_text
    assert c.via_names


@pytest.mark.parametrize(
    ("text", "sub", "words"),
    [
        pytest.param(
            "The cost of the war effort has been put at up to $30 million a month.",
            "put at",
            None,
            id="put-at-a-figure",
        ),
        pytest.param(
            "The town is also believed to have lent the company four aircraft, according to "
            "local media reports.",
            "four aircraft",
            "media reports",
            id="believed-according-to",
        ),
        pytest.param(
            "A post-mortem examination found that the woman had been infected.",
            "post-mortem",
            "examination",
            id="an-inquiry-found",
        ),
        pytest.param(
            "Residents were told that they could return on Friday.",
            "could return",
            None,
            id="addressee-passive",
        ),
    ],
)
def test_vague_sources(extract: Any, text: str, sub: str, words: str | None) -> None:
    c = find(extract(text), sub)
    assert c.speaker_name is None
    assert c.kind != "assertion"
    if words:
        assert c.speaker_text is not None and words in c.speaker_text


def test_the_subject_of_a_passive_is_not_its_speaker(extract: Any) -> None:
    text = (
        "Marcus Velde, the head of analysis at Skyvane Imaging, defended the picture.\n\n"
        "He added that the company had never been accused of faking an image."
    )
    c = find(extract(text), "never been accused")
    assert c.speaker_name == "Marcus Velde"


def test_a_named_group_is_the_group_later(extract: Any) -> None:
    text = (
        "The group, which calls itself Mothwing, posted 40 files on Thursday. "
        "It said it had copied 1.8 terabytes of data.\n\n"
        "The group says 480,000 people were affected."
    )
    claims = extract(text)
    assert find(claims, "1.8 terabytes").speaker_name == "Mothwing"
    assert find(claims, "480,000").speaker_name == "Mothwing"


def test_the_network_is_the_body_made_of_hospitals(extract: Any) -> None:
    text = (
        "Hackers attacked Tarnvik Regional Hospitals on Monday.\n\n"
        "The network said planned operations would resume at two of its hospitals."
    )
    c = find(extract(text), "planned operations")
    assert c.speaker_name == "Tarnvik Regional Hospitals"


def test_a_rank_is_a_role_noun(extract: Any) -> None:
    text = (
        "Rear Admiral Mattias Grell, the commander of the fleet, spoke to reporters.\n\n"
        "The admiral said the frigate had spent the night on exercises."
    )
    c = find(extract(text), "frigate")
    assert c.speaker_name == "Mattias Grell"


def test_an_editorial_note_is_one_claim_per_sentence(extract: Any) -> None:
    text = (
        "Noor Castellane studies drones at Kettle University.\n\n"
        "[The Brenna Works is owned by the state. The foreign ministry told the Test Outlet "
        "on Tuesday that the report was fiction. — Test Outlet]"
    )
    claims = extract(text)
    first, second = find(claims, "Brenna Works"), find(claims, "was fiction")
    assert first is not second
    assert first.kind == "assertion"
    assert second.kind != "assertion" and second.speaker_name is not None
    assert "foreign ministry" in second.speaker_name.lower()


QA = """Noor Castellane, drone analyst: The serial numbers run in sequence

Q: Where did the drones come from?

A: From one factory. Two of the journalists say they were beaten in a police van.

Q: Anything else?

A: Thank you."""


def test_interview_quantified_source_and_pleasantry(extract: Any) -> None:
    claims = extract(QA, title="Noor Castellane, drone analyst: The serial numbers run in sequence")
    c = find(claims, "Two of the journalists")
    assert c.speaker_text is not None and c.speaker_text.startswith("Two of the journalists")
    assert not [x for x in claims if "Thank you" in x.text]
