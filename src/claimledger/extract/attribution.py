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
from typing import Any, Protocol

from claimledger.extract.clauses import (
    ClaimDraft,
    _agent,
    _can_speak,
    _cited,
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
    tokens_until,
    unit_text,
)
from claimledger.extract.interview import (
    _ANSWER_LABEL,
    _BARE_LABEL,
    _HEADLINE,
    _PLEASANTRY,
    _QA_A,
    _QA_Q,
    _QUANTIFIED,
    _THERE_REPORTS,
    InterviewRules,
    _same_person_label,
)
from claimledger.extract.lexicon import (
    ADDRESSEE_VERBS,
    EVIDENTIAL_VERBS,
    PASSIVE_REPORTING,
    PRONOUNS_FIRST,
    REPORT_NOUNS,
    REPORTING_VERBS,
    WEAK_REPORTING,
)
from claimledger.extract.longdoc import mark_incomplete, over_budget
from claimledger.extract.segment import Unit, doc_text, in_para, segment
from claimledger.extract.speakers import Attribution, DocSpeakers, SpeakerRef, _clean_name
from claimledger.registry import register

_COLON_QUOTE = re.compile(
    r"^[-•*–]?\s*(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:,[^:“\"]{2,80})?\s*:\s*(?P<body>[“\"«].+)$"
)
# "Lawyers for the detained say 31 people remain": a subject and a present or past
# reporting verb the parser did not see as a verb (the fallback of last resort)
_SURFACE_CUE = re.compile(
    r"^(?P<subj>[A-Z][\w’'.-]*(?: [\w’'.-]+){0,7}?) (?P<verb>say|says|said|claim|claims|claimed|"
    r"insist|insists|insisted|argue|argues|argued|warn|warns|warned|maintain|maintains|"
    r"maintained|allege|alleges|alleged|believe|believes|believed) (?P<rest>\w.+)$"
)
# what an inquiry or a test "found": the inquiry is the (vague) source
_FOUND_VERBS = {"find", "conclude", "establish", "determine", "record"}
_INQUIRY_NOUNS = {"review", "examination", "inquiry", "investigation", "audit", "autopsy",
                  "post-mortem", "probe", "test", "tests", "analyses", "inspection"}  # fmt: skip
_TALE_NOUNS = {"story", "tale", "truth", "lie", "lies", "joke", "anyone", "nobody", "you", "us"}
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
    "value",
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
_FUTURE = {"will", "shall", "'ll", "’ll", "wo"}  # "X will eventually admit": not said yet
# "did not respond to a request for comment": no statement was made
_NO_ANSWER_VERBS = {"respond", "reply", "comment", "answer", "return"}
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


class AttributionExtractor(Protocol):
    def extract(self, doc: Any, title: str | None, outlet: str | None) -> list[ClaimDraft]: ...


class RuleAttribution(InterviewRules):
    """The built-in rule set (see the module docstring)."""

    def extract(self, doc: Any, title: str | None, outlet: str | None) -> list[ClaimDraft]:
        text: str = doc_text(doc)
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
            last = in_para(units, p)[-1]
            turns.setdefault(m.group(0).split(":")[0].strip(), []).append(last.kind == "question")
        q_labels = {label for label, ends in turns.items() if 2 * sum(ends) >= len(ends)}
        q_paras |= {
            p for p, u in first.items()
            if (m := _ANSWER_LABEL.match(u.text(text))) and m.group(0).split(":")[0].strip() in q_labels
        }  # fmt: skip
        for i, unit in enumerate(units):
            if over_budget(doc):
                mark_incomplete(doc)  # the claims so far are kept; the document says so
                break
            if i in consumed or unit.kind == "heading":
                continue
            if unit.kind == "note":
                drafts.extend(self._note(doc, unit, outlet, speakers))
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
                if _verbless(doc, unit) or _PLEASANTRY.match(utext):
                    continue  # "Very.", "No.", "Thank you.": a reply, not a claim
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
                sp = draft.speaker
                if interviewee is None and sp is not None and sp.pronoun and sp.name is None \
                        and sp.text.lower() in PRONOUNS_FIRST:  # fmt: skip
                    # "I suspect X will ..." outside any quote: the author's own voice
                    draft.kind, draft.speaker, draft.via = "assertion", None, []
            if draft.speaker is not None and draft.speaker.name:
                speakers.spoke(unit.start, draft.speaker.name, draft.speaker.type or "GROUP")
            drafts.append(draft)
        _fill_from_context(drafts, text)
        return drafts

    # -- one unit -----------------------------------------------------------

    def _attribute(
        self, doc: Any, unit: Unit, speakers: DocSpeakers, title: str | None
    ) -> ClaimDraft | None:
        text = doc_text(doc)
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
        m2 = _THERE_REPORTS.search(utext)
        if m2 and m2.start() <= 2:
            # "There have been reports that diplomats have begun to speak of ...": the
            # reports are the source; a verb inside what they say is not a second one
            return self._there_reports(unit, m2, text)
        best = self._best_cue(doc, unit, speakers)
        if best is not None:
            return self._draft(unit, best)
        surface = self._surface_cue(doc, unit, speakers)
        if surface is not None:
            return surface
        if m2:
            return self._there_reports(unit, m2, text)
        return None

    def _there_reports(self, unit: Unit, m: re.Match[str], text: str) -> ClaimDraft:
        a, b = unit.start + m.start("src"), unit.start + m.end("src")
        ref = SpeakerRef(text[a:b], a, b, None, "VAGUE")
        return ClaimDraft(unit.start, unit.end, "other", ref, text[unit.start + m.start() : b],
                          (b, unit.end), unit_kind=unit.kind, para=unit.para)  # fmt: skip

    def _surface_cue(self, doc: Any, unit: Unit, speakers: DocSpeakers) -> ClaimDraft | None:
        """A reporting verb the parser took for a noun or preposition object."""
        m = _SURFACE_CUE.match(unit.text(doc_text(doc)))
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
        text = doc_text(doc)
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
        acc_named = [a for _, a in found if a.kind == "according_to" and a.speaker is not None]
        if outer.speaker is None and acc_named:
            # "X is believed to have ..., according to media reports": the text names the source
            return acc_named[0]
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
                and (inner.speaker.name or _described_source(inner))
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
                    or (
                        inner.speaker.type == "VAGUE"
                        and inner.cue_lemma in _FINDING_VERBS
                        and not _QUANTIFIED.match(inner.speaker.text)
                    )  # not "one of its inspectors"
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
        # "according to a report by X citing two former contractors": the contractors,
        # through X
        cited = _cited(pobj.subtree)
        if cited is not None:
            via.append(speakers.from_subject(src))
            src = cited
        ref = speakers.from_subject(src)
        if src is pobj and pobj.lemma_.lower() in REPORT_NOUNS and not ref.name:
            ref.type = "VAGUE"
        phrase_end = max(x.idx + len(x) for x in pobj.subtree)
        content = (min(phrase_end + 1, unit.end), unit.end)
        if not doc_text_has_words(doc_text(t.doc), *content):
            # "..., according to X." at the end: the content comes before the cue
            end = t.idx
            while end > unit.start and doc_text(t.doc)[end - 1] in " ,;—–-":
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
        if holder is None and t.i >= 3 and t.doc[t.i - 1].text in {"’", "'"}:
            # "In Mellows’ view": a bare apostrophe leaves the name out of the parse
            cand = t.doc[t.i - 2]
            if cand.text[:1].isupper() and cand.is_alpha and t.doc[t.i - 3].lower_ == "in":
                holder = cand
        if holder is None:
            of = next((c for c in t.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            holder = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if holder is None:
            return None
        if holder.lower_ in PRONOUNS_FIRST:
            return None  # "in my view" inside someone's answer: the answer's speaker
        ref = speakers.from_subject(holder)
        if ref.type not in {"PERSON", "ORG", "GPE", "NORP"} and holder.text[:1].isupper():
            full = speakers.full_name(holder.text)  # "In Mellows’ view": the person named before
            if full != holder.text:
                ref = SpeakerRef(ref.text, ref.start, ref.end, full, "PERSON")
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
            at_figure = lemma in {"put", "set", "place", "value"} and _at_figure(v)
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
        if (
            lemma == "call"
            and subj is not None
            and (_can_speak(subj) or subj.lower_ == "it")
            and v.dep_ in {"ROOT", "conj"}
            and any(
                c.dep_ in {"oprd", "ccomp"}
                or (c.dep_ == "prep" and c.lower_ == "for")
                or (c.dep_ == "dobj" and any(g.dep_ == "acl" and g.i > c.i for g in c.children))
                for c in v.children
            )
        ):
            # "X called the police count 'a fiction'", "called for a ban": X's words
            who = (
                self._it_body(subj, speakers)
                if subj.lower_ == "it"
                else speakers.from_subject(subj)
            )
            if who is None:
                return None
            return Attribution(who, _cue_text(v), v.idx, "indirect",
                               (unit.start, unit.end), cue_lemma="say")  # fmt: skip
        evidence = (  # "procurement records show that ...", "a post-mortem found that ..."
            lemma in EVIDENTIAL_VERBS | _FOUND_VERBS
            and subj is not None
            and (subj.lemma_.lower() in REPORT_NOUNS | _INQUIRY_NOUNS
                 or subj.lower_ in REPORT_NOUNS | _INQUIRY_NOUNS)
        )  # fmt: skip
        if (
            lemma not in REPORTING_VERBS
            and not (passive and lemma in PASSIVE_REPORTING)
            and not evidence
        ):
            return None
        if any(c.dep_ == "aux" and c.lower_ in _MODALS | _FUTURE for c in v.children) or any(
            c.dep_ == "mark" and c.lower_ in _NOT_REPORT_MARKS for c in v.children
        ):
            return None  # "should X respond", "if X says", "X will admit": not a report
        if lemma in _NO_ANSWER_VERBS and any(c.dep_ == "neg" for c in v.children):
            return None  # "X did not respond to a request for comment"
        if any(c.lower_ == "what" and c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.i < v.i
               for c in v.children):  # fmt: skip
            return (
                None  # "confirmed what X had been saying", "what is known": a thing, not a report
            )
        if (
            lemma == "tell"
            and any(c.dep_ in {"dobj", "dative"} and c.lower_ in _TALE_NOUNS for c in v.children)
            and (subj is None or subj.lower_ in {"that", "this", "it", "which", "what"}
                 or not _can_speak(subj))
        ):  # fmt: skip
            return None  # "the numbers tell their own story", "that tells you it was gunfire"
        if passive and lemma not in PASSIVE_REPORTING | ADDRESSEE_VERBS | {"quote", "cite"}:
            # "the company had never been accused of faking", "recruits were promised $4,000":
            # the subject is accused or promised, not speaking; the speaker is the agent, if
            # the sentence names one
            agent = _agent(v)
            if agent is None or not _can_speak(agent):
                return None
            return Attribution(speakers.from_subject(agent), _cue_text(v), v.idx, "indirect",
                               self._content_span(v, unit), cue_lemma=lemma)  # fmt: skip
        if passive and lemma in ADDRESSEE_VERBS:
            # "Residents were told that ...": the subject heard it; the teller is the agent
            if not any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in v.children):
                return None
            agent = _agent(v)
            teller = speakers.from_subject(agent) if agent is not None else None
            return Attribution(teller, _cue_text(v), v.idx, "indirect", self._content_span(v, unit),
                               negated_cue=any(c.dep_ == "neg" for c in v.children), cue_lemma=lemma)  # fmt: skip
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
        after = [t for t in tokens_until(v, unit.end) if not t.is_punct]
        strong = (
            (lemma not in WEAK_REPORTING and lemma not in EVIDENTIAL_VERBS and len(after) >= 4)
            or idiom
            or (
                passive and lemma in {"put", "place", "estimate"} and _at_figure(v)
            )  # "put at $30m"
        )
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
                if any(c.dep_ == "aux" and c.lower_ in _MODALS | _FUTURE for c in v.head.children):
                    return None  # "X will admit ... while disputing ...": not said yet
                subj = _subject(v.head)
            if subj is None:
                return None
        if (
            subj.lower_ in {"some", "many", "others", "several", "few", "most"} or subj.like_num
        ) and any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.pos_ != "PRON" or g.lower_ in {"them", "those"} for g in c.children)
            for c in subj.children
        ):  # "some of the residents", "two of the journalists", "one of them"
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
            if subj.lower_ == "which" and not _can_speak(ante):
                return None  # "the numbers run in sequence, which tells you ...": no speaker
            subj = ante
        if subj.lower_ in {"it", "there", "this", "that", "which", "what"}:
            if subj.lower_ == "it" and passive:
                return Attribution(
                    None, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
                )
            if subj.lower_ == "it" and lemma in _BODY_VERBS:
                # "The bureau published what it says is an order": the clause's own subject
                for anc in v.ancestors:
                    outer_subj = _subject(anc) if anc.pos_ in {"VERB", "AUX"} else None
                    if outer_subj is not None and outer_subj.i < subj.i and outer_subj.pos_ in {"PROPN", "NOUN"} \
                            and _can_speak(outer_subj):  # fmt: skip
                        return Attribution(speakers.from_subject(outer_subj), cue, v.idx, "indirect",
                                           content, negated_cue=neg, cue_lemma=lemma)  # fmt: skip
                it_ref = self._it_body(subj, speakers)
                if it_ref is not None:
                    return Attribution(it_ref, cue, v.idx, "indirect", content, negated_cue=neg,
                                       cue_lemma=lemma)  # fmt: skip
            return None
        if subj.lower_ in {"nobody", "noone", "none"} or (
            any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)
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
        if subj.lemma_.lower() in REPORT_NOUNS | _INQUIRY_NOUNS:
            by = self._report_author(subj)
            if by is not None:
                ref = speakers.from_subject(by)
                return Attribution(
                    ref, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
                )
            if subj.lemma_.lower() in _INQUIRY_NOUNS:  # "a post-mortem examination found"
                toks = [t for t in subj.subtree if t.i <= subj.i]
                a, b = toks[0].idx, subj.idx + len(subj)
                ref = SpeakerRef(unit_text(v.doc, a, b), a, b, None, "VAGUE")
                return Attribution(
                    ref, cue, v.idx, "indirect", content, negated_cue=neg, cue_lemma=lemma
                )
        ref = speakers.from_subject(subj)
        cited = _cited(c for c in v.children if c.dep_ in {"advcl", "xcomp"})
        if cited is not None and lemma != "cite" and _can_speak(cited):
            # "Norrick One reported, citing intelligence officials, that ...": the officials,
            # through the broadcaster
            toks = list(cited.subtree)
            a, b = toks[0].idx, toks[-1].idx + len(toks[-1])
            src = speakers.from_subject(cited)
            if not src.name:
                src = SpeakerRef(unit_text(v.doc, a, b), a, b, None, "VAGUE")
            return Attribution(src, cue, v.idx, "indirect", content, [ref], negated_cue=neg,
                               cue_lemma=lemma)  # fmt: skip
        in_quote = any(q.start <= content[0] and content[1] <= q.end for q in unit.quotes)
        kind = "direct_quote" if coverage >= 0.3 or in_quote else "indirect"
        return Attribution(ref, cue, v.idx, kind, content, negated_cue=neg, cue_lemma=lemma)

    def _it_body(self, subj: Any, speakers: DocSpeakers) -> SpeakerRef | None:
        """ "It said a temporary crossing could be built": the body that spoke last."""
        body = speakers.prev_subject(subj.idx, person=False) or speakers.resolve_person(
            subj.idx, plural=True
        )
        if not body:
            return None
        return SpeakerRef(subj.text, subj.idx, subj.idx + len(subj), body, "ORG", pronoun=True)

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
        text = doc_text(doc)
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
                    at = doc_text(doc).find(name, before.start, before.end)
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


def _fill_from_context(drafts: list[ClaimDraft], text: str) -> None:
    """Impersonal reports take their source from context only where the text ties them to it.

    "A report published last Friday" is the report of the body named just before it.  A
    sourceless passive ("were said to", "it is reported that") keeps its vague source,
    unless it goes on from the sentence before, which cites a report ("According to a
    report by X, ... Of these, 1,500 were said to ..."): a named source nearby is not
    enough, since a reporter often moves on to other, unnamed sources.
    """
    for i, d in enumerate(drafts):
        if d.kind == "assertion" or d.cue is None:
            continue
        if d.speaker is None:
            prev = drafts[i - 1] if i > 0 else None
            if (
                prev is not None
                and not text[d.start : d.start + 3].lower().startswith("it ")
                and prev.kind == "according_to"
                and prev.speaker is not None
                and prev.speaker.name
                and prev.speaker.type in {"ORG", "GPE", "NORP", "GROUP"}
                and d.para - prev.para <= 1
            ):
                d.speaker = SpeakerRef(prev.speaker.text, prev.speaker.start, prev.speaker.end,
                                       prev.speaker.name, prev.speaker.type)  # fmt: skip
            continue
        # a single unnamed report ("a report published ..."): the body named just before
        if not (
            d.speaker.type == "VAGUE"
            and not d.speaker.pronoun
            and not d.speaker.name
            and d.speaker.text.lower().split()[0] in {"a", "the", "this", "that"}
            and d.speaker.text.lower().split()[-1] in REPORT_NOUNS
            and not d.speaker.text.lower().endswith("s")
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
                d.speaker = SpeakerRef(d.speaker.text, d.speaker.start, d.speaker.end,
                                       prev.speaker.name, prev.speaker.type)  # fmt: skip
                break


def _described_source(att: Attribution) -> bool:
    """ "He said a commander captured in February had told interrogators ...": an unnamed
    source the text describes, reporting in its own right."""
    ref = att.speaker
    return (
        ref is not None
        and not ref.pronoun
        and att.cue_lemma in {"tell", "say", "report", "claim", "admit", "confirm", "testify"}
        and ref.text.lower().split()[0] in {"a", "an", "one", "two", "three", "several", "some"}
    )


def _at_figure(v: Any) -> bool:
    """ "put the crowd at about 18,000": the figure hangs on "at"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "at" and any(t.like_num for t in c.subtree)
        for c in v.children
    )


@register("claimledger.extract.attribution.v1")
def make_attribution() -> RuleAttribution:
    return RuleAttribution()
