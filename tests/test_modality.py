"""Modality: how sure a claim is, on content strings and on whole extracted claims;
document-level flags.  Articles are invented for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from claimledger.extract.flags import document_flags, is_disclaimer
from claimledger.extract.modality import RuleModality
from claimledger.extract.pipeline import Analyzer
from claimledger.extract.store import Claim
from claimledger.models import Document

M = RuleModality()


# -- content strings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("The dam will hold.", "asserted"),
        ("The dam holds back the Orle river.", "asserted"),
        ("Four gates were replaced in 2021.", "asserted"),
        ("The dam may fail in spring.", "hedged"),
        ("The river might rise again.", "hedged"),
        ("The dam is likely to fail.", "hedged"),
        ("The dam reportedly leaked.", "hedged"),
        ("The dam appears to be leaking.", "hedged"),
        ("The alleged leak was small.", "hedged"),
        ("The gauges were said to be failing.", "hedged"),
        ("If the rain continues, the dam would overflow.", "speculative"),
        ("Unless the gates are fixed, the town could flood.", "speculative"),
        ("The dam could be breached in a bad storm.", "speculative"),
        ("There is no evidence that the dam leaked.", "denied"),
        ("The ministry does not confirm that the dam leaked.", "denied"),
        ("The council denied that the dam leaked.", "denied"),
        ("The leak story is baseless.", "denied"),
        ("Is the dam safe?", "question"),
        ("“Is the dam safe?”", "question"),
        ("Could the dam fail?", "question"),
    ],
)
def test_classify_content(content: str, expected: str) -> None:
    assert M.classify(content) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"cue_lemma": "say", "cue": "said"}, "asserted"),
        ({"cue_lemma": "believe", "cue": "believes"}, "hedged"),
        ({"cue_lemma": "doubt", "cue": "doubts"}, "hedged"),
        ({"cue_lemma": "estimate", "cue": "estimated"}, "hedged"),
        ({"cue_lemma": "predict", "cue": "predicted"}, "speculative"),
        ({"cue_lemma": "deny", "cue": "denied"}, "denied"),
        ({"cue_lemma": "confirm", "negated_cue": True, "cue": "did not confirm"}, "denied"),
        ({"cue_lemma": "confirm", "cue": "confirmed"}, "asserted"),
    ],
)
def test_classify_uses_cue(kwargs: dict[str, Any], expected: str) -> None:
    assert M.classify("the dam is safe", **kwargs) == expected


def test_month_may_is_not_a_hedge() -> None:
    assert M.classify("The bridge will reopen in May.") == "asserted"


# -- whole claims ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    a = Analyzer()
    _ = a.nlp
    return a


@pytest.fixture(scope="module")
def extract(analyzer: Analyzer) -> Any:
    def _claims(text: str) -> list[Claim]:
        doc = Document(origin="t", text=text, id="d1", published="2025-03-10", outlet="Test Outlet")
        out = analyzer.claims(doc, analyzer.nlp(text))
        for c in out:
            assert c.text == text[c.start : c.end]
        return out

    return _claims


def find(claims: list[Claim], sub: str) -> Claim:
    hits = [c for c in claims if sub in c.text]
    assert hits, f"no claim contains {sub!r}; claims: {[c.text for c in claims]}"
    return hits[0]


INTRO = "Mira Solberg, a hydrologist at Kettle University, inspected the river dam on Sunday.\n\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Solberg said the gates were replaced in 2021.", "asserted"),
        ("Solberg said the dam may fail in a wet spring.", "hedged"),
        ("Solberg said the dam is likely to leak again.", "hedged"),
        ("Solberg said the dam reportedly leaked last winter.", "hedged"),
        ("Solberg said the old spillway appears to be cracking.", "hedged"),
        ("Solberg believes the dam is safe for now.", "hedged"),
        ("Solberg predicted the gates will rust through within a decade.", "speculative"),
        ("Solberg said that if the rain continues, the dam would overflow.", "speculative"),
        ("Solberg denied that the dam leaked during the storm.", "denied"),
        # an admission tells of the earlier denial; it does not deny
        ("Solberg admitted that the gauge log she had called a forgery was genuine.", "asserted"),
        ("Solberg acknowledged that there had been no inspection since 2019.", "asserted"),
        ("The Kettle Water Institute does not confirm that the dam leaked.", "denied"),
        ("Solberg said there is no evidence the dam leaked.", "denied"),
        ("Will the dam hold through the spring?", "question"),
    ],
)
def test_claim_modality(extract: Any, sentence: str, expected: str) -> None:
    c = find(extract(INTRO + sentence), sentence[-20:])
    assert c.text == sentence
    assert c.modality == expected


def test_claim_alleged_is_hedged(extract: Any) -> None:
    c = find(
        extract(INTRO + "Solberg said the alleged leak was caused by a cracked valve."), "alleged"
    )
    assert c.speaker_name == "Mira Solberg"
    assert c.modality == "hedged"


def test_own_assertion_modality(extract: Any) -> None:
    claims = extract(
        "The council postponed the repairs on Tuesday.\n\nThe dam reportedly leaked in January."
    )
    assert find(claims, "postponed").modality == "asserted"
    assert find(claims, "reportedly").modality == "hedged"


def test_were_said_to_claim_is_hedged(extract: Any) -> None:
    text = (
        "The Kettle Water Institute said on Monday that the river crested at dawn.\n\n"
        "The gauges upstream were said to be failing after years of neglect."
    )
    assert find(extract(text), "were said to").modality == "hedged"


@pytest.mark.parametrize(
    "sentence",
    [
        "The dam may fail in a wet spring, according to Solberg.",
        "The dam may fail in a wet spring, according to a report by the Kettle Water Institute.",
    ],
)
def test_trailing_according_to_keeps_content(extract: Any, sentence: str) -> None:
    text = INTRO + sentence
    c = find(extract(text), "may fail")
    assert c.kind == "according_to"
    assert c.content is not None
    assert "may fail" in text[c.content[0] : c.content[1]]
    assert c.modality == "hedged"


def test_leading_according_to_modality(extract: Any) -> None:
    c = find(extract(INTRO + "According to Solberg, the dam may fail in a wet spring."), "may fail")
    assert c.kind == "according_to"
    assert c.speaker_name == "Mira Solberg"
    assert c.modality == "hedged"


# -- document flags -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        (
            "The dam must be rebuilt now.\n\nViews expressed in opinion pieces do not necessarily "
            "reflect those of the Harbour Gazette.",
            "opinion",
        ),
        (
            "The dam will fail by 2030.\n\nThis article is the author's speculation and should not be taken as fact.",
            "speculation-disclaimer",
        ),
        (
            "An official, who spoke on condition of anonymity, said the dam leaked.",
            "anonymous-sourcing",
        ),
        (
            "A council engineer, who asked not to be named, said the gates were rusting.",
            "anonymous-sourcing",
        ),
    ],
)
def test_document_flags(text: str, flag: str) -> None:
    assert flag in document_flags(text)


def test_document_flags_plain_article_and_existing() -> None:
    plain = "Mira Solberg said the dam was inspected on Sunday. The council will vote next week."
    assert document_flags(plain) == []
    assert document_flags(plain, ["opinion"]) == ["opinion"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("This article is the author's speculation.", True),
        ("Petra Vinn contributed to this report.", True),
        ("Editor's note: this story has been updated.", True),
        ("The dam was inspected on Sunday.", False),
        ("Solberg said the report was accurate.", False),
    ],
)
def test_is_disclaimer(sentence: str, expected: bool) -> None:
    assert is_disclaimer(sentence) is expected
