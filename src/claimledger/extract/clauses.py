"""Clause-level helpers for attribution: the subject and agent of a cue, the cue's
words, whether a subject can be a source, and where in the sentence a cue stands
("..., Sorsby said." at the end, "..., he added, ..." in the middle).

They read one spaCy token or unit at a time and keep no state, so the rule set in
``attribution.py`` stays about decisions, not about walking the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimledger.extract.lexicon import ADDRESSEE_VERBS, ORG_NOUNS, PRONOUNS_FIRST, REPORT_NOUNS
from claimledger.extract.segment import Unit, doc_ents, doc_text
from claimledger.extract.speakers import SpeakerRef


@dataclass
class ClaimDraft:
    """A claim before it is stored; offsets into the document text."""

    start: int
    end: int
    kind: str
    speaker: SpeakerRef | None = None
    cue: str | None = None
    content: tuple[int, int] | None = None
    via: list[SpeakerRef] = field(default_factory=list)
    unit_kind: str = "sentence"
    negated_cue: bool = False
    cue_lemma: str | None = None
    para: int = 0


_SPEAKER_NOUNS = {
    "guard",  # "the coast guard"
    "coastguard",
    "navy",
    "brigade",
    "firefighters",
    "rescuers",
    "official",
    "government",
    "ministry",
    "minister",
    "service",
    "agency",
    "military",
    "army",
    "intelligence",
    "police",
    "authority",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "office",
    "department",
    "administration",
    "leadership",
    "command",
    "committee",
    "council",
    "court",
    "company",
    "firm",
    "union",
    "party",
    "group",
    "organisation",
    "organization",
    "alliance",
    "embassy",
    "observer",
    "analyst",
    "expert",
    "witness",
    "resident",
    "source",
    "team",
    "capital",
    "side",
    "country",
    "state",
    "regime",
    "kremlin",
    "politician",
    "lawmaker",
    "inspectorate",
    "hospital",
    "mayor",
    "people",
    "family",
    "worker",
    "staff",
    "board",
    "representative",
    "leader",
    "head",
    "chief",
    "director",
    "officer",
    "commander",
    "journalist",
    "blogger",
    "member",
    "operator",
    "owner",
    "manager",
    "engineer",
    "scientist",
    "researcher",
}


def _in_quotes(unit: Unit, pos: int) -> bool:
    return any(q.start <= pos < q.end for q in unit.quotes)


def _quote_coverage(unit: Unit, text: str) -> float:
    span = text[unit.start : unit.end]
    letters = sum(ch.isalpha() for ch in span) or 1
    inside = sum(
        ch.isalpha()
        for q in unit.quotes
        for ch in text[max(q.start, unit.start) : min(q.end, unit.end)]
    )
    return inside / letters


_DASHES = {"-", "–", "—", "--"}


def _past_dateline(verb: Any, subj: Any) -> Any:
    """ "VALDRA, Aug 21 (Ferrow News Agency) - Corvanth admitted": the parser may take the
    dateline's place name for the subject; the subject is the phrase after the dash."""
    sent = verb.sent
    if not sent[0].is_upper or subj.i > verb.i:
        return subj
    dash = next((t for t in sent if subj.i < t.i < verb.i and t.text in _DASHES), None)
    if dash is None or not any(t.text == "(" for t in sent if sent.start < t.i < dash.i):
        return subj
    after = [t for t in sent
             if dash.i < t.i < verb.i and t.dep_ in {"nsubj", "nsubjpass", "appos"}]  # fmt: skip
    return after[-1] if after else subj


def _subject(verb: Any) -> Any:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "csubj"}]
    if subjects:
        # "the expert on X Fyodor Y is convinced" parses as two subjects: prefer the name
        named = [c for c in subjects if c.ent_type_ == "PERSON"]
        subj = _past_dateline(verb, named[-1] if named else subjects[0])
        if subj.pos_ == "VERB":
            # "A residents' group set up on Saturday, the X Alliance, said": the parser made
            # the reduced relative the subject; the name set off by commas, else its subject
            for t in subj.subtree:
                if t.dep_ in {"npadvmod", "appos"} and t.ent_type_ in {"ORG", "PERSON"}:
                    return t
            inner = [c for c in subj.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if inner:
                return inner[0]
        return subj
    # "X, who ..., said" / conjoined verbs share the subject of the first verb
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    # "Corvanth rejected the document.": a name opening the sentence, parsed as an adverb
    if verb.dep_ == "ROOT" and verb.i > 0 and verb.i - 1 == verb.sent.start:
        first = verb.doc[verb.i - 1]
        if first.is_title and not first.is_stop and first.pos_ in {"PROPN", "ADV", "NOUN", "ADJ"} \
                and first.dep_ in {"advmod", "npadvmod", "nmod", "compound"}:  # fmt: skip
            return first
    # "Nightjar, an exiled news site, reported on Monday that ...": the parser found no main
    # verb and hung the report on the name as a reduced relative; a clause after it says
    # it is the sentence's verb
    if (
        verb.dep_ == "acl"
        and verb.head.dep_ == "ROOT"
        and verb.head.pos_ in {"PROPN", "NOUN"}
        and any(c.dep_ == "ccomp" for c in verb.children)
    ):
        return verb.head
    return None


def _cited(tokens: Any) -> Any:
    """The object of "citing" among ``tokens``: "a report by X citing two contractors",
    "X reported, citing intelligence officials, that ..." -> the contractors, the officials."""
    cite = next((t for t in tokens if t.lemma_.lower() == "cite" and t.pos_ == "VERB"), None)
    if cite is None:
        return None
    return next((c for c in cite.children if c.dep_ == "dobj"), None)


def _agent(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _has_content(verb: Any) -> bool:
    return any(c.dep_ in {"ccomp", "xcomp", "dobj", "advcl", "parataxis"} for c in verb.children)


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _cue_text(verb: Any) -> str:
    """'said', 'told DW', 'has repeatedly stated', 'does not confirm'."""
    toks = [verb]
    for c in verb.children:
        if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i and verb.i - c.i <= 4:
            toks.append(c)
        if (
            verb.lemma_ in ADDRESSEE_VERBS
            and c.dep_ in {"dobj", "dative"}
            and c.left_edge.i == verb.i + 1
        ):
            toks.extend(t for t in c.subtree if t.i <= c.i)
    toks.sort(key=lambda t: t.i)
    return verb.doc[toks[0].i : toks[-1].i + 1].text


def _np_after_quote(v: Any, unit: Unit) -> Any:
    """'"...," the agency's director, Dr. Halina Brecht, told reporters': when the parser
    loses the subject, the noun phrase between the closing quote and the verb is it."""
    closing = [q.end for q in unit.quotes if q.end <= v.idx]
    if not closing or v.idx - max(closing) > 150:
        return None
    a = max(closing)
    span: list[Any] = []
    for t in reversed(v.doc[: v.i]):  # back from the verb to the closing quote
        if t.idx < a:
            break
        if not t.is_punct and not t.is_space:
            span.insert(0, t)
    if not span or len(span) > 16 or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return None
    roots = [t for t in span if not (a <= t.head.idx < v.idx) or t.head.i == t.i]
    return roots[0] if roots else None


def unit_text(doc: Any, a: int, b: int) -> str:
    return str(doc_text(doc)[a:b])


def _can_speak(subj: Any) -> bool:
    """Whether a subject can be a source: a name, a pronoun, a person, body or report."""
    from claimledger.extract.lexicon import (
        PRONOUNS_PERSON,
        PRONOUNS_PLURAL,
        ROLE_NOUNS,
        VAGUE_SOURCES,
    )

    if subj.pos_ == "PROPN" or subj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    if subj.i == subj.sent.start and subj.is_title and subj.pos_ == "ADV" and not subj.is_stop:
        return True  # "Corvanth rejected the document": a name the tagger took for an adverb
    if any(c.dep_ == "appos" and c.ent_type_ in {"PERSON", "ORG"} for c in subj.children):
        return True  # "Its editor, Rafe Idris, suggested ..."
    low, lemma = subj.lower_, subj.lemma_.lower()
    if low in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_FIRST:
        return True
    return (
        lemma in ROLE_NOUNS
        or lemma in REPORT_NOUNS
        or lemma in VAGUE_SOURCES
        or lemma in _SPEAKER_NOUNS
        or lemma in ORG_NOUNS  # "the company", "the network"
    )


def tokens_until(v: Any, end: int) -> list[Any]:
    """The tokens after ``v`` that start before ``end``, without walking the rest of the doc."""
    doc = v.doc
    out = []
    for i in range(v.i + 1, len(doc)):
        t = doc[i]
        if t.idx >= end:
            break
        out.append(t)
    return out


def _is_trailing_cue(v: Any, unit: Unit) -> bool:
    """A cue at the end of its sentence: "..., Sorsby predicted.", or a bare "She said."
    or "Reinholt said:" that refers to a neighbouring quote."""
    doc = v.doc
    rest = [t for t in tokens_until(v, unit.end) if not t.is_punct]
    if len(rest) > 3:
        return False
    subj = _subject(v)
    if subj is None:
        return False
    first = min(t.i for t in subj.subtree)
    if first > 0 and any(t.text == "," for t in doc[max(0, first - 3) : first]):
        return True
    # the whole unit is just "<speaker> <verb>" (a few words of time or place allowed)
    before = [t for t in doc[:first] if t.idx >= unit.start and not t.is_punct]
    return (not before and not rest) or doc_text(doc)[unit.start : unit.end].rstrip().endswith(":")


def _verbless(doc: Any, unit: Unit) -> bool:
    """A short reply without a verb ("Very.", "A: No.", "Nowhere else.")."""
    span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha and not (t.i == span.start and t.text in {"A", "Q"})]
    return len(words) <= 4 and not any(t.pos_ in {"VERB", "AUX"} for t in span)


def _is_parenthetical(v: Any) -> bool:
    """ "The shadows, he added, matched the afternoon": a cue set off by commas inside
    the sentence it reports."""
    if v.dep_ != "parataxis":
        return False
    subj = _subject(v)
    if subj is None or subj.i > v.i:
        return False
    doc = v.doc
    first = min(t.i for t in subj.subtree)
    last = max(t.i for t in v.subtree)
    marks = {",", "—", "–"}
    closed = doc[last].text in marks or (last + 1 < len(doc) and doc[last + 1].text in marks)
    return first > 0 and doc[first - 1].text in marks and closed


def doc_text_has_words(text: str, a: int, b: int) -> bool:
    return any(ch.isalpha() for ch in text[a:b])


def _looks_like_name(doc: Any, a: int, b: int) -> bool:
    for ent in doc_ents(doc).touching(a, b):
        if ent.label_ in {"PERSON", "ORG"}:
            return True
    words = doc_text(doc)[a:b].split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
