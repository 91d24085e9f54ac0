"""Attribution: for each claim unit, who says it, through which cue, in what form.

Rules work on spaCy's dependency parse and are general: reporting verbs and
their subjects, "according to X", "in X's view", passives and impersonal
reports, headline attributions ("Name, role: statement"), question-and-answer
interviews, quotes carried over from an attributed quote, and pronouns
resolved to the person named before.  What no rule attributes is asserted by
the document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from claimledger.extract.clauses import (
    _agent,
    _can_speak,
    _cue_text,
    _depth,
    _has_content,
    _in_quotes,
    _is_parenthetical,
    _is_trailing_cue,
    _looks_like_name,
    _np_after_quote,
    _quote_coverage,
    _subject,
    _verbless,
    doc_text_has_words,
    unit_text,
)
from claimledger.extract.lexicon import (
    EVIDENTIAL_VERBS,
    PASSIVE_REPORTING,
    PRONOUNS_FIRST,
    REPORT_NOUNS,
    REPORTING_VERBS,
    WEAK_REPORTING,
)
from claimledger.extract.segment import Unit, segment
from claimledger.extract.speakers import Attribution, DocSpeakers, SpeakerRef, _clean_name
from claimledger.registry import register

_HEADLINE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:,\s*(?P<role>[^:]{2,80}?))?\s*:\s+(?P<body>\S.+)$"
)
_COLON_QUOTE = re.compile(
    r"^[-•*–]?\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:,[^:“\"]{2,80})?\s*:\s*(?P<body>[“\"«].+)$"
)
_THERE_REPORTS = re.compile(
    r"\bthere (?:have|has|had|were|was|are|is) (?:also |even |already )?(?:been )?"
    r"(?P<src>(?:\w+ ){0,2}(?:reports|rumou?rs|claims|suggestions|indications|allegations))\b",
    re.I,
)
# "Lawyers for the detained say 31 people remain": a subject and a present or past
# reporting verb the parser did not see as a verb (the fallback of last resort)
_SURFACE_CUE = re.compile(
    r"^(?P<subj>[A-Z][\w’'.-]*(?: [\w’'.-]+){0,7}?) (?P<verb>say|says|said|claim|claims|claimed|"
    r"insist|insists|insisted|argue|argues|argued|warn|warns|warned|maintain|maintains|"
    r"maintained|allege|alleges|alleged|believe|believes|believed) (?P<rest>\w.+)$"
)
_FINDING_VERBS = {"find", "report", "indicate", "show", "reveal", "conclude", "establish"}
# "if X says", "until the agency tells me otherwise": a condition or a time, not a report
_NOT_REPORT_MARKS = {"if", "unless", "whether", "until", "till", "once"}
_INTENT_VERBS = {"expect", "plan", "intend", "schedule", "want", "hope", "prepare", "set", "aim"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "conj", "parataxis", "advcl", "relcl", "xcomp"}
_IT_PASSIVE = re.compile(
    r"\bit (?:is|was|has been|had been) (?:widely |also )?"
    r"(?P<v>reported|said|believed|thought|claimed|alleged|rumou?red|understood|estimated)\b",
    re.I,
)
_ESTIMATE_VERBS = {
    "up",
    "raise",
    "revise",
    "lower",
    "increase",
    "reduce",
    "double",
    "put",
    "set",
    "place",
    "count",
    "tally",
    "record",
    "register",
    "number",
}
# "a memo seen by the paper": who saw or holds a document did not write it
_ACCESS_VERBS = {"see", "obtain", "review", "read", "receive", "acquire", "examine", "leak", "view"}
_ESTIMATE_OBJECTS = {"number", "figure", "estimate", "toll", "count", "tally", "total"}
_MODALS = {"can", "could", "may", "might", "must", "should", "would"}
# Common nouns that can head a speaker phrase ("officials said", "the ministry said").
# what a body, referred back to as "it", does in a report
_BODY_VERBS = {"say", "add", "announce", "confirm", "deny", "estimate", "insist", "warn", "admit",
               "report", "state", "claim", "predict", "expect", "stress", "tell"}  # fmt: skip
_NON_AGENTS = {
    "visit",
    "move",
    "decision",
    "step",
    "event",
    "situation",
    "war",
    "fact",
    "idea",
    "deal",
    "trip",
    "meeting",
    "summit",
    "attack",
    "fire",
    "incident",
    "change",
}
_BELIEF_ADJ = {"convinced", "certain", "sure", "adamant", "confident"}
_QA_Q = re.compile(r"^(?:q|question)\s*[:.]\s*", re.I)
_BARE_LABEL = re.compile(r"^\s*(?:[A-Z][\w’'.-]*\s*){1,3}:\s*$")
_ANSWER_LABEL = re.compile(r"^(?:[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2}|[A-Z]{1,4})\s*:(?:\s|$)")
_QA_A = re.compile(r"^(?:a|answer)\s*[:.]\s*", re.I)


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


class AttributionExtractor(Protocol):
    def extract(self, doc: Any, title: str | None, outlet: str | None) -> list[ClaimDraft]: ...


class RuleAttribution:
    """The built-in rule set (see the module docstring)."""

    def extract(self, doc: Any, title: str | None, outlet: str | None) -> list[ClaimDraft]:
        text: str = doc.text
        units = segment(doc, title)
        speakers = DocSpeakers(doc, outlet)
        interviewee = self._interviewee(doc, units, speakers)
        drafts: list[ClaimDraft] = []
        consumed: set[int] = set()
        first: dict[int, Unit] = {}
        for u in units:
            first.setdefault(u.para, u)
        q_paras = {p for p, u in first.items() if _QA_Q.match(u.text(text))}
        # "APR: Could the filters have failed?": the label of the interviewer's questions
        # marks every turn of theirs, questions or not; a label whose turns mostly end in a
        # question is the interviewer's (an answer may end in a rhetorical one)
        turns: dict[str, list[bool]] = {}
        for p, u in first.items():
            m = _ANSWER_LABEL.match(u.text(text))
            if interviewee is None or m is None or _QA_A.match(u.text(text)):
                continue
            if _same_person_label(m.group(0), interviewee):
                continue
            last = [x for x in units if x.para == p][-1]
            turns.setdefault(m.group(0).split(":")[0].strip(), []).append(last.kind == "question")
        q_labels = {label for label, ends in turns.items() if 2 * sum(ends) >= len(ends)}
        q_paras |= {
            p for p, u in first.items()
            if (m := _ANSWER_LABEL.match(u.text(text))) and m.group(0).split(":")[0].strip() in q_labels
        }  # fmt: skip
        for i, unit in enumerate(units):
            if i in consumed or unit.kind == "heading":
                continue
            if unit.kind == "note":
                drafts.append(self._note(doc, unit, outlet, speakers))
                continue
            utext = unit.text(text)
            if interviewee and self._is_interview_question(unit, units, i, text):
                continue
            if _QA_Q.match(utext) or unit.para in q_paras:
                continue  # the interviewer's question and the remarks around it
            if _BARE_LABEL.match(utext):
                continue  # "WYLE:" split off its answer by the sentence splitter
            if (
                interviewee is not None
                and unit.kind != "title"
                and self._in_answer(units, i, text, first)
            ):
                if _verbless(doc, unit):
                    continue  # "Very.", "No.", "My pleasure.": a reply, not a claim
                draft = self._answer(doc, unit, speakers, interviewee)
                label = _QA_A.match(utext) or _ANSWER_LABEL.match(utext)
                if label and draft.start == unit.start:  # "A: ...": the claim starts after it
                    draft.start = unit.start + label.end()
                    if draft.content is not None and draft.content[0] < draft.start:
                        draft.content = (draft.start, draft.content[1])
            else:
                attributed = self._attribute(doc, unit, speakers, title)
                if attributed is not None:
                    draft = attributed
                else:
                    draft = self._from_context(doc, units, i, unit, drafts, speakers, consumed)
            if draft.speaker is not None and draft.speaker.name:
                speakers.spoke(unit.start, draft.speaker.name, draft.speaker.type or "GROUP")
            drafts.append(draft)
        _fill_from_context(drafts)
        return drafts

    # -- one unit -----------------------------------------------------------

    def _attribute(
        self, doc: Any, unit: Unit, speakers: DocSpeakers, title: str | None
    ) -> ClaimDraft | None:
        text = doc.text
        utext = unit.text(text)
        if unit.kind == "title":
            m = _HEADLINE.match(utext)
            if m and _looks_like_name(
                doc, unit.start + m.start("name"), unit.start + m.end("name")
            ):
                a, b = unit.start + m.start("name"), unit.start + m.end("name")
                name = speakers.full_name(_clean_name(m.group("name")))
                ref = SpeakerRef(text[a:b], a, b, name, "PERSON")
                body = unit.start + m.start("body")
                return ClaimDraft(unit.start, unit.end, "direct_quote", ref, ":", (body, unit.end),
                                  unit_kind="title", para=unit.para)  # fmt: skip
        m = _QA_A.match(utext)
        if m:
            return None
        m = _COLON_QUOTE.match(utext)
        if m and _looks_like_name(doc, unit.start + m.start("name"), unit.start + m.end("name")):
            a, b = unit.start + m.start("name"), unit.start + m.end("name")
            name = speakers.full_name(_clean_name(m.group("name")))
            typ = "PERSON" if len(name.split()) > 1 else "ORG"
            ref = SpeakerRef(text[a:b], a, b, name, typ)
            body = unit.start + m.start("body")
            return ClaimDraft(unit.start, unit.end, "direct_quote", ref, ":", (body, unit.end),
                              unit_kind=unit.kind, para=unit.para)  # fmt: skip
        best = self._best_cue(doc, unit, speakers)
        if best is not None:
            return self._draft(unit, best)
        surface = self._surface_cue(doc, unit, speakers)
        if surface is not None:
            return surface
        m2 = _THERE_REPORTS.search(utext)
        if m2:
            a, b = unit.start + m2.start("src"), unit.start + m2.end("src")
            ref = SpeakerRef(text[a:b], a, b, None, "VAGUE")
            return ClaimDraft(unit.start, unit.end, "other", ref, text[unit.start + m2.start() : b],
                              (b, unit.end), unit_kind=unit.kind, para=unit.para)  # fmt: skip
        return None

    def _surface_cue(self, doc: Any, unit: Unit, speakers: DocSpeakers) -> ClaimDraft | None:
        """A reporting verb the parser took for a noun or preposition object."""
        m = _SURFACE_CUE.match(unit.text(doc.text))
        if m is None or unit.quotes:
            return None
        a, b = unit.start + m.start("subj"), unit.start + m.end("subj")
        span = doc.char_span(a, b, alignment_mode="expand")
        verb = doc.char_span(unit.start + m.start("verb"), unit.start + m.end("verb"))
        if span is None or verb is None or len(verb) != 1:
            return None
        if verb[0].pos_ == "VERB" and verb[0].dep_ in _CLAUSE_DEPS:
            return None  # the parser saw the verb and found no report in it
        if any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in span) or not _can_speak(
            span.root
        ):
            return None
        ref = speakers.from_subject(span.root)
        content = (unit.start + m.start("rest"), unit.end)
        return ClaimDraft(unit.start, unit.end, "indirect", ref, verb.text, content,
                          unit_kind=unit.kind, para=unit.para, cue_lemma=verb[0].lemma_.lower())  # fmt: skip

    def _draft(self, unit: Unit, att: Attribution) -> ClaimDraft:
        return ClaimDraft(
            unit.start, unit.end, att.kind, att.speaker, att.cue, att.content, att.via,
            unit_kind=unit.kind, negated_cue=att.negated_cue, cue_lemma=att.cue_lemma,
            para=unit.para,
        )  # fmt: skip

    def _best_cue(self, doc: Any, unit: Unit, speakers: DocSpeakers) -> Attribution | None:
        text = doc.text
        tokens = [t for s in unit.sents for t in s if unit.start <= t.idx < unit.end]
        found: list[tuple[int, Attribution]] = []
        coverage = _quote_coverage(unit, text)
        for t in tokens:
            if _in_quotes(unit, t.idx):
                continue
            att = self._according_to(t, unit, speakers) or self._in_view(t, unit, speakers)
            if att is None and t.pos_ in {"VERB", "AUX"}:
                att = self._verb_cue(t, unit, speakers, coverage)
            if att is None and t.lower_ in _BELIEF_ADJ:
                att = self._adj_cue(t, unit, speakers)
            if att is not None:
                found.append((_depth(t), att))
        if not found:
            return None
        if text[unit.start : unit.end].rstrip().endswith(":"):
            named = [f for f in found if f[1].speaker is not None and f[1].cue_start is not None]
            if named:
                return max(named, key=lambda f: f[1].cue_start or 0)[1]
        found.sort(key=lambda x: x[0])
        outer = found[0][1]
        # "X suspects Y, according to Z": X is the source, Z the intermediary
        acc = [a for _, a in found if a.kind == "according_to"]
        verbs = [a for _, a in found if a.kind != "according_to" and a.speaker is not None
                 and a.speaker.name and not a.speaker.pronoun]  # fmt: skip
        if acc and verbs and acc[0].speaker is not None and acc[0].cue_start is not None:
            v = verbs[0]
            trailing_acc = acc[0].content is not None and acc[0].content[1] <= acc[0].cue_start
            inside = v.content is not None and v.content[0] <= acc[0].cue_start < v.content[1]
            if v.cue_start is not None and (trailing_acc or not inside):
                v.via = [acc[0].speaker, *v.via]
                return v
        # "A said B reported ...": B is the source, A the intermediary
        for _, inner in found[1:]:
            if (
                inner.speaker is not None
                and outer.speaker is not None
                and inner.kind != "direct_quote"
                and inner.speaker.name
                and inner.speaker.name != outer.speaker.name
                and not inner.speaker.pronoun
                and inner.cue_start is not None
                and outer.content is not None
                and outer.content[0] <= inner.cue_start < outer.content[1]
                and inner.cue_lemma not in {"believe", "think", "expect", "fear", "hope"}
                and inner.cue_lemma not in EVIDENTIAL_VERBS  # "X confirmed the files show": X's
                and (
                    inner.speaker.type in {"PERSON", "ORG", "GPE", "NORP"}
                    # "a memo shows that an engineer warned": the engineer, through the memo
                    or (outer.cue_lemma in EVIDENTIAL_VERBS and inner.speaker.type == "GROUP")
                    # "X said a post-mortem examination had found ...": the finding, through X
                    or (inner.speaker.type == "VAGUE" and inner.cue_lemma in _FINDING_VERBS)
                )
                and inner.cue_start - outer.content[0] < 60
            ):
                inner.via = [outer.speaker, *outer.via]
                inner.kind = outer.kind if outer.kind == "according_to" else inner.kind
                return inner
        return outer

    def _according_to(self, t: Any, unit: Unit, speakers: DocSpeakers) -> Attribution | None:
        if t.lower_ != "according":
            return None
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if nxt is None or nxt.lower_ != "to":
            return None
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        via: list[SpeakerRef] = []
        src = pobj
        # "according to a report by X" / "findings from X": X is the source
        if pobj.lemma_.lower() in REPORT_NOUNS:
            by = self._report_author(pobj)
            if by is not None:
                src = by
        ref = speakers.from_subject(src)
        if src is pobj and pobj.lemma_.lower() in REPORT_NOUNS and not ref.name:
            ref.type = "VAGUE"
        phrase_end = max(x.idx + len(x) for x in pobj.subtree)
        content = (min(phrase_end + 1, unit.end), unit.end)
        if not doc_text_has_words(t.doc.text, *content):
            # "..., according to X." at the end: the content comes before the cue
            end = t.idx
            while end > unit.start and t.doc.text[end - 1] in " ,;—–-":
                end -= 1
            content = (unit.start, end)
        return Attribution(
            ref, "according to", t.idx, "according_to", content, via, cue_lemma="according"
        )

    def _report_author(self, noun: Any) -> Any:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}:
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
            if c.dep_ == "acl" and c.lemma_.lower() not in _ACCESS_VERBS:  # "published by X"
                for g in c.children:
                    if g.dep_ == "agent":
                        for h in g.children:
                            if h.dep_ == "pobj":
                                return h
        for c in noun.children:
            if c.dep_ == "poss":
                return c
        return None

    def _in_view(self, t: Any, unit: Unit, speakers: DocSpeakers) -> Attribution | None:
        # "in his view", "in X's opinion", "in the view of X"
        if t.lower_ not in {"view", "opinion", "words", "estimation", "assessment"}:
            return None
        prep = t.head
        if prep.lower_ != "in" or t.dep_ != "pobj":
            return None
        holder = next((c for c in t.children if c.dep_ == "poss"), None)
        if holder is None:
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            holder = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if holder is None:
            return None
        if holder.lower_ in PRONOUNS_FIRST:
            return None  # "in my view" inside someone's answer: the answer's speaker
        ref = speakers.from_subject(holder)
        end_phrase = max(x.idx + len(x) for x in t.subtree)
        return Attribution(ref, f"in {holder.text} {t.text}", prep.idx, "indirect",
                           (min(end_phrase + 1, unit.end), unit.end), cue_lemma="view")  # fmt: skip

    def _verb_cue(
        self, v: Any, unit: Unit, speakers: DocSpeakers, coverage: float
    ) -> Attribution | None:
        lemma = v.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in v.children)
        subj = _subject(v)
        if lemma in REPORTING_VERBS and (subj is None or _in_quotes(unit, subj.idx)):
            # no subject, or one borrowed from inside the quote by a misparse
            subj = _np_after_quote(v, unit) or subj
        if lemma in _ESTIMATE_VERBS and not passive and subj is not None:
            obj = next((c for c in v.children if c.dep_ == "dobj"), None)
            numeric = obj is not None and any(t.like_num for t in obj.subtree)
            # "Police put the crowd at about 18,000": the figure hangs on "at"
            at_figure = lemma in {"put", "set", "place"} and any(
                c.dep_ == "prep" and c.lower_ == "at" and any(t.like_num for t in c.subtree)
                for c in v.children
            )
            if (
                obj is not None
                and (obj.lemma_.lower() in _ESTIMATE_OBJECTS or numeric or at_figure)
                and _can_speak(subj)
            ):
                ref = speakers.from_subject(subj)
                return Attribution(
                    ref, _cue_text(v), v.idx, "indirect", (unit.start, unit.end), cue_lemma=lemma
                )
        if lemma == "convince" and passive and subj is not None and _can_speak(subj):
            # "X is convinced (that) ...": the subject holds the belief
            return Attribution(speakers.from_subject(subj), _cue_text(v), v.idx, "indirect",
                               self._content_span(v, unit), cue_lemma="believe")  # fmt: skip
        if lemma == "make" and any(c.lower_ == "clear" for c in v.children) and subj is not None:
            comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
            if comp is not None and _can_speak(subj):
                toks = list(comp.subtree)
                return Attribution(speakers.from_subject(subj), f"{v.text} clear", v.idx, "indirect",
                                   (toks[0].idx, toks[-1].idx + len(toks[-1])), cue_lemma="say")  # fmt: skip
        evidence = (  # "procurement records show that ...": a document cited as the source
            lemma in EVIDENTIAL_VERBS
            and subj is not None
            and (subj.lemma_.lower() in REPORT_NOUNS or subj.lower_ in REPORT_NOUNS)
        )
        if (
            lemma not in REPORTING_VERBS
            and not (passive and lemma in PASSIVE_REPORTING)
            and not evidence
        ):
            return None
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children) or any(
            c.dep_ == "mark" and c.lower_ in _NOT_REPORT_MARKS for c in v.children
        ):
            return None  # "should X respond", "if X says": hypothetical, not a report
        idiom = (
            lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in v.children)
        ) or (
            lemma == "speak"
            and any(c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in v.children)
        )
        has_clause = any(c.dep_ in {"ccomp", "parataxis"} for c in v.children)
        # "added a lane" is not speech; "adding that ...", "X, he added" and "put it" are
        if lemma in WEAK_REPORTING and not (
            idiom
            or has_clause
            or coverage >= 0.3
            or (lemma == "put" and passive)
            or _is_trailing_cue(v, unit)
            or _is_parenthetical(v)
        ):
            return None
        trailing = _is_trailing_cue(v, unit)
        after = [t for t in v.doc[v.i + 1 :] if t.idx < unit.end and not t.is_punct]
        strong = (
            lemma not in WEAK_REPORTING and lemma not in EVIDENTIAL_VERBS and len(after) >= 4
        ) or idiom
        if (
            not _has_content(v)
            and coverage < 0.3
            and v.dep_ not in {"parataxis"}
            and not trailing
            and not strong
        ):
            return None
        neg = any(c.dep_ == "neg" for c in v.children)
        cue = _cue_text(v)
        content = self._content_span(v, unit)
        if passive and any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children):
            return None  # "it can be said that ...": the author's own voice
        if v.dep_ == "xcomp" and v.head.lemma_.lower() in _INTENT_VERBS:
            return None  # "is expected to brief", "plans to announce": not said yet
        if passive and lemma == "expect" and any(c.dep_ == "xcomp" for c in v.children):
            return None  # "X is expected to brief the council": a schedule, not a report
        if passive and lemma in PASSIVE_REPORTING:
            agent = _agent(v)
            if agent is not None:
                return Attribution(speakers.from_subject(agent), cue, v.idx, "indirect", content,
                                   negated_cue=neg, cue_lemma=lemma)  # fmt: skip
            # impersonal: the source comes from context (filled in later) or stays vague
            return Attribution(
                None, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
            )
        if subj is None:
            # participle: "..., adding that ..." shares the main verb's subject
            if v.dep_ in {"advcl", "xcomp", "conj"} and v.head.i != v.i:
                subj = _subject(v.head)
            if subj is None:
                return None
        if subj.lower_ in {"some", "many", "others", "several", "few", "most"} and any(
            c.dep_ == "prep" for c in subj.children
        ):
            toks = list(subj.subtree)
            a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
            ref = SpeakerRef(unit_text(v.doc, a, b), a, b, None, "VAGUE")
            return Attribution(
                ref, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
            )
        if subj.lower_ in {"who", "that", "which"} and v.dep_ == "relcl":
            # "Ness, the engineer who has warned that ...": the relative's antecedent
            ante = v.head
            if ante.dep_ == "appos" and ante.head.pos_ == "PROPN":
                ante = ante.head
            if any(c.dep_ == "det" and c.lower_ in {"any", "every", "each", "no"}
                   for c in ante.children):  # fmt: skip
                return None  # "any email that mentions ...": a kind of thing, not a source
            subj = ante
        if subj.lower_ in {"it", "there", "this", "that", "which", "what"}:
            if subj.lower_ == "it" and passive:
                return Attribution(
                    None, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
                )
            if subj.lower_ == "it" and lemma in _BODY_VERBS:
                # "It said a temporary crossing could be built": the body that spoke last
                body = speakers.prev_subject(subj.idx, person=False) or speakers.resolve_person(
                    subj.idx, plural=True
                )
                if body:
                    ref = SpeakerRef(subj.text, subj.idx, subj.idx + len(subj), body, "ORG",
                                     pronoun=True)  # fmt: skip
                    return Attribution(ref, cue, v.idx, "indirect", content, negated_cue=neg,
                                       cue_lemma=lemma)  # fmt: skip
            return None
        if subj.lower_ in {"nobody", "noone", "none"} or (
            subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children)
        ):
            return None  # "nobody has explained why ...": no one is speaking
        if subj.lower_ in PRONOUNS_FIRST and unit.kind != "title":
            # "I believe" outside a quote: the speaker of the surrounding answer
            return Attribution(SpeakerRef(subj.text, subj.idx, subj.idx + len(subj), None, None, pronoun=True),
                               cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma)  # fmt: skip
        if lemma in EVIDENTIAL_VERBS and not _can_speak(subj) and subj.lower_ not in REPORT_NOUNS:
            return None
        if (
            subj.pos_ not in {"NOUN", "PROPN", "PRON"}
            and not _can_speak(subj)
            and subj.lower_ not in speakers.learned_roles
        ):
            return None
        if subj.pos_ == "NOUN" and subj.lemma_.lower() in _NON_AGENTS:
            return None
        if subj.lemma_.lower() in REPORT_NOUNS:
            by = self._report_author(subj)
            if by is not None:
                ref = speakers.from_subject(by)
                return Attribution(
                    ref, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
                )
        ref = speakers.from_subject(subj)
        in_quote = any(q.start <= content[0] and content[1] <= q.end for q in unit.quotes)
        kind = "direct_quote" if coverage >= 0.3 or in_quote else "indirect"
        return Attribution(ref, cue, v.idx, kind, content, negated_cue=neg, cue_lemma=lemma)

    def _adj_cue(self, t: Any, unit: Unit, speakers: DocSpeakers) -> Attribution | None:
        """ "X is convinced (that) ...", "..., the expert is convinced." """
        be = t.head
        if t.dep_ != "acomp" or be.lemma_ != "be":
            return None
        subj = _subject(be)
        if subj is None or subj.lower_ in {"it", "this", "that", "there"}:
            return None
        ref = speakers.from_subject(subj)
        comp = next((c for c in list(t.children) + list(be.children) if c.dep_ == "ccomp"), None)
        if comp is not None:
            toks = list(comp.subtree)
            content = (toks[0].idx, toks[-1].idx + len(toks[-1]))
        elif _is_trailing_cue(be, unit):
            content = (unit.start, max(unit.start, min(x.idx for x in subj.subtree) - 2))
        else:
            return None
        return Attribution(
            ref, f"{be.text} {t.text}", be.idx, "indirect", content, cue_lemma="believe"
        )

    def _content_span(self, v: Any, unit: Unit) -> tuple[int, int]:
        quotes = [q.inner for q in unit.quotes if q.end - q.start > 12]
        if quotes:
            return quotes[0][0], quotes[-1][1]
        comp = next((c for c in v.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if comp is not None:
            toks = list(comp.subtree)
            return toks[0].idx, min(unit.end, toks[-1].idx + len(toks[-1]))
        # "..., Sorsby predicted." / "X, he said": the content comes before the cue
        subj = _subject(v)
        if _is_trailing_cue(v, unit) and subj is not None and subj.idx > unit.start:
            first = min(t.idx for t in subj.subtree)
            return unit.start, max(unit.start, first - 2)
        return unit.start, unit.end

    # -- context ------------------------------------------------------------

    def _from_context(self, doc: Any, units: list[Unit], i: int, unit: Unit, drafts: list[ClaimDraft],
                      speakers: DocSpeakers, consumed: set[int]) -> ClaimDraft:  # fmt: skip
        text = doc.text
        coverage = _quote_coverage(unit, text)
        base = ClaimDraft(unit.start, unit.end, "assertion", unit_kind=unit.kind, para=unit.para)
        if unit.kind == "title":
            return base
        if coverage >= 0.6:
            prev = drafts[-1] if drafts else None
            # a quote followed by its own short "he said." / "That was how X put it." sentence:
            # a cue with no content of its own, in the same paragraph (or a very short one next)
            nxt = units[i + 1] if i + 1 < len(units) else None
            if nxt is not None and not nxt.quotes:
                nwords = len(nxt.text(text).split())
                near = (nxt.para == unit.para and nwords <= 20) or (
                    nxt.para - unit.para == 1 and nwords <= 6
                )
                cue = self._best_cue(doc, nxt, speakers) if near else None
                if (
                    cue is not None
                    and cue.speaker is not None
                    and (
                        cue.content is None
                        or (cue.content[0] <= nxt.start + 2 and cue.content[1] >= nxt.end - 2)
                    )
                ):
                    consumed.add(i + 1)
                    return ClaimDraft(unit.start, nxt.end, "direct_quote", cue.speaker, cue.cue,
                                      (unit.start, unit.end), unit_kind=unit.kind, para=unit.para)  # fmt: skip
            # a quote in the paragraph of someone's attributed words goes on with them:
            # 'X said. "More words."' and 'He denied it. "Nobody hid it."'
            if (
                prev is not None
                and prev.speaker is not None
                and prev.speaker.name
                and prev.para == unit.para
                and prev.kind in {"direct_quote", "indirect", "according_to"}
            ):
                return ClaimDraft(unit.start, unit.end, "direct_quote", prev.speaker, None,
                                  (unit.start, unit.end), prev.via, unit_kind=unit.kind, para=unit.para)  # fmt: skip
            # "We spoke to Tamsin Orl, a nursing student. "There were bangs ..."": a quote
            # right after the sentence that introduces one person is that person's
            before = units[i - 1] if i > 0 else None
            if before is not None and before.para == unit.para and not before.quotes:
                named = {n for o, n in speakers.intros if before.start <= o < before.end}
                if len(named) == 1 and (
                    prev is None or prev.speaker is None or prev.start != before.start
                ):
                    name = next(iter(named))
                    ref = SpeakerRef(name, before.start, before.start, name, "PERSON")
                    at = doc.text.find(name, before.start, before.end)
                    if at >= 0:
                        ref = SpeakerRef(name, at, at + len(name), name, "PERSON")
                    return ClaimDraft(unit.start, unit.end, "direct_quote", ref, None,
                                      (unit.start, unit.end), unit_kind=unit.kind, para=unit.para)  # fmt: skip
            # "Reinholt said:" introduces the quote that follows
            if (
                prev is not None
                and prev.speaker is not None
                and text[prev.start : prev.end].rstrip().endswith(":")
                and unit.para - prev.para <= 1
            ):
                drafts.pop()
                return ClaimDraft(prev.start, unit.end, "direct_quote", prev.speaker, prev.cue,
                                  (unit.start, unit.end), prev.via, unit_kind=unit.kind, para=unit.para)  # fmt: skip
            # a continuation quote: same speaker as the quote just before
            if (
                prev is not None
                and prev.speaker is not None
                and prev.kind == "direct_quote"
                and unit.para - prev.para <= 1
            ):
                return ClaimDraft(unit.start, unit.end, "direct_quote", prev.speaker, None,
                                  (unit.start, unit.end), prev.via, unit_kind=unit.kind, para=unit.para)  # fmt: skip
            base.kind = "direct_quote"
        return base

    def _answer(
        self, doc: Any, unit: Unit, speakers: DocSpeakers, interviewee: SpeakerRef
    ) -> ClaimDraft:
        """A sentence of an interview answer: the interviewee's, unless it reports someone else."""
        ref = SpeakerRef(
            interviewee.text, interviewee.start, interviewee.end, interviewee.name, "PERSON"
        )
        inner = self._best_cue(doc, unit, speakers)
        if (
            inner is not None
            and inner.speaker is not None
            and inner.speaker.name
            and not inner.speaker.pronoun
            and inner.speaker.name != interviewee.name
        ):
            return ClaimDraft(unit.start, unit.end, inner.kind, inner.speaker, inner.cue, inner.content,
                              [ref], unit_kind=unit.kind, para=unit.para, cue_lemma=inner.cue_lemma,
                              negated_cue=inner.negated_cue)  # fmt: skip
        there = _THERE_REPORTS.search(unit.text(doc.text)) if inner is None else None
        if there:  # "There have been reports that ...": the reports, through the interviewee
            a, b = unit.start + there.start("src"), unit.start + there.end("src")
            vague = SpeakerRef(doc.text[a:b], a, b, None, "VAGUE")
            return ClaimDraft(unit.start, unit.end, "other", vague, doc.text[unit.start + there.start() : b],
                              (b, unit.end), [ref], unit_kind=unit.kind, para=unit.para)  # fmt: skip
        cue = (
            inner.cue
            if inner is not None and inner.speaker is not None and inner.speaker.pronoun
            else None
        )
        return ClaimDraft(unit.start, unit.end, "direct_quote", ref, cue, (unit.start, unit.end),
                          unit_kind=unit.kind, para=unit.para,
                          cue_lemma=inner.cue_lemma if cue and inner else None)  # fmt: skip

    def _note(self, doc: Any, unit: Unit, outlet: str | None, speakers: DocSpeakers) -> ClaimDraft:
        """An editorial note belongs to the publication, unless it reports someone else."""
        sig = unit.signature
        sig_at = doc.text.rfind(sig, unit.start, unit.end) if sig else -1
        ref = SpeakerRef(sig, sig_at, sig_at + len(sig), outlet or sig, "ORG") if sig else None
        from claimledger.extract.segment import _clip

        unit.sents = _clip(list(doc.sents), unit.start, unit.end)
        inner = self._best_cue(doc, unit, speakers)
        if (
            inner is not None
            and inner.speaker is not None
            and inner.speaker.name
            and not inner.speaker.pronoun
        ):
            return ClaimDraft(unit.start, unit.end, inner.kind, inner.speaker, inner.cue, inner.content,
                              [ref] if ref else [], unit_kind="note", para=unit.para,
                              cue_lemma=inner.cue_lemma, negated_cue=inner.negated_cue)  # fmt: skip
        return ClaimDraft(unit.start, unit.end, "assertion", ref, "editorial note", (unit.start + 1, unit.end - 1),
                          unit_kind="note", para=unit.para)  # fmt: skip

    # -- interviews ---------------------------------------------------------

    def _interviewee(self, doc: Any, units: list[Unit], speakers: DocSpeakers) -> SpeakerRef | None:
        """A question-and-answer interview: several question paragraphs each followed by answers."""
        text = doc.text
        q_paras = {
            u.para
            for u in units
            if u.kind == "question" and self._para_is_question(units, u.para, text)
        }
        answers_first_person = 0
        for p in q_paras:
            nxt = [u for u in units if u.para == p + 1]
            if nxt and any(
                w in {"i", "my", "me", "we", "our"}
                for w in re.findall(r"[a-z']+", text[nxt[0].start : nxt[-1].end].lower())
            ):
                answers_first_person += 1
        firsts: dict[int, Unit] = {}
        for u in units:
            firsts.setdefault(u.para, u)
        labelled = sum(  # "WYLE: ..." answers under "APR: ...?" questions
            1 for p in q_paras if p + 1 in firsts and _ANSWER_LABEL.match(firsts[p + 1].text(text))
        )
        if len(q_paras) < 2 or (answers_first_person < 1 and labelled < 2):
            return None
        first_q = min(q_paras)
        intro = [u for u in units if u.para < first_q]
        counts: dict[str, int] = {}
        first_pos: dict[str, tuple[int, int]] = {}
        # "WYLE: It shows ...": an answer label that is the surname of a person named above
        labels = {
            m.group(0).split(":")[0].strip().lower()
            for u in units
            if u.para not in q_paras and (m := _ANSWER_LABEL.match(u.text(text)))
        }
        for ent in doc.ents:
            if ent.label_ == "PERSON" and ent.text.split()[-1].lower() in labels:
                name = speakers.full_name(_clean_name(ent.text))
                return SpeakerRef(ent.text, ent.start_char, ent.end_char, name, "PERSON")
        intro = [u for u in intro if u.kind != "title"]
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not intro or ent.start_char >= intro[-1].end:
                continue
            if ent.start_char < intro[0].start:
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ == "by":
                continue  # the byline: the interviewer
            if any(u.kind == "heading" and u.start <= ent.start_char < u.end for u in intro):
                continue
            name = speakers.full_name(_clean_name(ent.text))
            counts[name] = counts.get(name, 0) + 1
            first_pos.setdefault(name, (ent.start_char, ent.end_char))
        for u in units:  # "Name, role: statement" over an interview names the interviewee
            m = _HEADLINE.match(u.text(text)) if u.kind == "title" else None
            if (
                m
                and m.group("role")
                and _looks_like_name(doc, u.start + m.start("name"), u.start + m.end("name"))
            ):
                name = speakers.full_name(_clean_name(m.group("name")))
                counts[name] = counts.get(name, 0) + 1
                first_pos.setdefault(name, (u.start + m.start("name"), u.start + m.end("name")))
        if not counts:
            return None
        name = max(counts, key=lambda n: (counts[n], -first_pos[n][0]))
        a, b = first_pos[name]
        return SpeakerRef(text[a:b], a, b, name, "PERSON")

    def _para_is_question(self, units: list[Unit], para: int, text: str) -> bool:
        us = [u for u in units if u.para == para and u.kind != "note"
              and not _BARE_LABEL.match(u.text(text))]  # fmt: skip
        return (
            bool(us)
            and all(u.kind == "question" for u in us)
            and _quote_coverage(us[0], text) < 0.3
        )

    def _is_interview_question(self, unit: Unit, units: list[Unit], i: int, text: str) -> bool:
        """The interviewer's turn: a question paragraph, or a short one that ends in a
        question ("The minister still says no gas was fired. How do you explain that?")."""
        if unit.kind == "question" and self._para_is_question(units, unit.para, text):
            return True
        us = [u for u in units if u.para == unit.para and u.kind != "note"]
        first = us[0].text(text) if us else ""
        return (
            1 < len(us) <= 3
            and not _ANSWER_LABEL.match(first)  # "Ness: Possibly. ... Would it cost so much?"
            and us[-1].kind == "question"
            and _quote_coverage(us[0], text) < 0.3
            and sum(len(u.text(text).split()) for u in us) <= 45
        )

    def _in_answer(self, units: list[Unit], i: int, text: str, first: dict[int, Unit]) -> bool:
        """Whether the unit's paragraph follows a question paragraph (with answers between);
        ``first`` is the first unit of each paragraph."""
        para = units[i].para
        for u in reversed(units[:i]):
            if u.para >= para:
                continue
            if u.kind == "heading":
                return False
            if self._para_is_question(units, u.para, text) or _QA_Q.match(first[u.para].text(text)):
                return True  # a question, or a turn labelled "Q:" that states something
        return False


def _same_person_label(label: str, ref: SpeakerRef) -> bool:
    word = label.split(":")[0].strip().lower()
    return bool(ref.name) and word in {w.lower() for w in (ref.name or "").split()}


def _fill_from_context(drafts: list[ClaimDraft]) -> None:
    """Impersonal reports ("were said to", "a report published last Friday") take
    their source from the named source just before them, where there is one."""
    for i, d in enumerate(drafts):
        # only sourceless passives and a single unnamed report ("a report published ...")
        vague = d.speaker is None or (
            d.speaker.type == "VAGUE"
            and not d.speaker.name
            and d.speaker.text.lower().split()[0] in {"a", "the", "this", "that"}
            and d.speaker.text.lower().split()[-1] in REPORT_NOUNS
            and not d.speaker.text.lower().endswith("s")
        )
        if (
            not vague
            or d.kind == "assertion"
            or d.cue is None
            or d.speaker is not None
            and d.speaker.pronoun
        ):
            continue
        for prev in reversed(drafts[max(0, i - 3) : i]):
            if (
                prev.speaker is not None
                and prev.speaker.name
                and prev.speaker.type in {"ORG", "GPE", "NORP", "GROUP"}
                and prev.unit_kind != "note"
                and d.para - prev.para <= 2
            ):
                words = d.speaker
                d.speaker = SpeakerRef(
                    words.text if words else prev.speaker.text,
                    words.start if words else prev.speaker.start,
                    words.end if words else prev.speaker.end,
                    prev.speaker.name,
                    prev.speaker.type,
                )
                break


@register("claimledger.extract.attribution.v1")
def make_attribution() -> RuleAttribution:
    return RuleAttribution()
