"""Interviews and editorial notes: whose words an answer or a bracketed note carries.

A question-and-answer interview gives its answers to the interviewee and drops the
interviewer's questions; a bracketed note ("[... — Outlet]") belongs to the
publication, sentence by sentence, unless a sentence reports someone else.  Split
out of ``attribution.py``; :class:`InterviewRules` is mixed into its rule set.
"""

from __future__ import annotations

import re
from typing import Any

from claimledger.extract.clauses import ClaimDraft, _looks_like_name, _quote_coverage
from claimledger.extract.segment import Unit, UnitList, doc_ents, doc_sents, doc_text, in_para
from claimledger.extract.speakers import Attribution, DocSpeakers, SpeakerRef, _clean_name

_QA_Q = re.compile(r"^(?:q|question)\s*[:.]\s*", re.I)
_BARE_LABEL = re.compile(r"^\s*(?:[A-Z][\w’'.-]*\s*){1,3}:\s*$")
_ANSWER_LABEL = re.compile(r"^(?:[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2}|[A-Z]{1,4})\s*:(?:\s|$)")
_QA_A = re.compile(r"^(?:a|answer)\s*[:.]\s*", re.I)
_PLEASANTRY = re.compile(
    r"^(?:[AQ][:.]\s*)?(?:thank you|thanks|you're welcome|my pleasure)\b[^.?!]{0,20}[.!]?\s*$", re.I
)
_HEADLINE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})(?:,\s*(?P<role>[^:]{2,80}?))?\s*:\s+(?P<body>\S.+)$"
)
_QUANTIFIED = re.compile(r"(?i)^(?:some|many|several|most|few|others|\w+) of\b")
_THERE_REPORTS = re.compile(
    r"\bthere (?:have|has|had|were|was|are|is) (?:also |even |already )?(?:been )?"
    r"(?P<src>(?:\w+ ){0,2}(?:reports|rumou?rs|claims|suggestions|indications|allegations))\b",
    re.I,
)


class InterviewRules:
    """Answers, questions and notes; the rule set supplies ``_best_cue``."""

    def _best_cue(self, doc: Any, unit: Unit, speakers: DocSpeakers) -> Attribution | None:
        raise NotImplementedError

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
            and (inner.speaker.name or _QUANTIFIED.match(inner.speaker.text))
            and not inner.speaker.pronoun
            and inner.speaker.name != interviewee.name
        ):
            return ClaimDraft(unit.start, unit.end, inner.kind, inner.speaker, inner.cue, inner.content,
                              [ref], unit_kind=unit.kind, para=unit.para, cue_lemma=inner.cue_lemma,
                              negated_cue=inner.negated_cue)  # fmt: skip
        there = _THERE_REPORTS.search(unit.text(doc_text(doc))) if inner is None else None
        if there:  # "There have been reports that ...": the reports, through the interviewee
            a, b = unit.start + there.start("src"), unit.start + there.end("src")
            vague = SpeakerRef(doc_text(doc)[a:b], a, b, None, "VAGUE")
            return ClaimDraft(unit.start, unit.end, "other", vague, doc_text(doc)[unit.start + there.start() : b],
                              (b, unit.end), [ref], unit_kind=unit.kind, para=unit.para)  # fmt: skip
        cue = (
            inner.cue
            if inner is not None and inner.speaker is not None and inner.speaker.pronoun
            else None
        )
        return ClaimDraft(unit.start, unit.end, "direct_quote", ref, cue, (unit.start, unit.end),
                          unit_kind=unit.kind, para=unit.para,
                          cue_lemma=inner.cue_lemma if cue and inner else None)  # fmt: skip

    def _note(
        self, doc: Any, unit: Unit, outlet: str | None, speakers: DocSpeakers
    ) -> list[ClaimDraft]:
        """An editorial note belongs to the publication, unless a sentence of it reports
        someone else: one claim per sentence, as anywhere else."""
        sig = unit.signature
        sig_at = doc_text(doc).rfind(sig, unit.start, unit.end) if sig else -1
        ref = SpeakerRef(sig, sig_at, sig_at + len(sig), outlet or sig, "ORG") if sig else None
        sents = doc_sents(doc).between(unit.start, unit.end)
        parts = [unit]
        if len(sents) > 1:
            parts = []
            for k, sent in enumerate(sents):
                a = unit.start if k == 0 else max(unit.start, sent.start_char)
                b = unit.end if k == len(sents) - 1 else min(unit.end, sent.end_char)
                rest = doc_text(doc)[a:b].strip(" \n[]—–-")
                if parts and sig and rest == sig:  # "— CRI]" split off the last sentence
                    parts[-1].end = b
                elif any(ch.isalpha() for ch in rest):
                    parts.append(Unit(a, b, unit.para, "note", [sent],
                                      [q for q in unit.quotes if a <= q.start < b], sig))  # fmt: skip
            parts = parts or [unit]
        out: list[ClaimDraft] = []
        for part in parts:
            if part is unit:
                part.sents = sents
            inner = self._best_cue(doc, part, speakers)
            if (
                inner is not None
                and inner.speaker is not None
                and inner.speaker.name
                and not inner.speaker.pronoun
            ):
                out.append(ClaimDraft(part.start, part.end, inner.kind, inner.speaker, inner.cue, inner.content,
                                      [ref] if ref else [], unit_kind="note", para=unit.para,
                                      cue_lemma=inner.cue_lemma, negated_cue=inner.negated_cue))  # fmt: skip
            else:
                a = part.start + 1 if doc_text(doc)[part.start] == "[" else part.start
                b = part.end - 1 if doc_text(doc)[part.end - 1] == "]" else part.end
                out.append(ClaimDraft(part.start, part.end, "assertion", ref, "editorial note", (a, b),
                                      unit_kind="note", para=unit.para))  # fmt: skip
        return out

    # -- interviews ---------------------------------------------------------

    def _interviewee(self, doc: Any, units: list[Unit], speakers: DocSpeakers) -> SpeakerRef | None:
        """A question-and-answer interview: several question paragraphs each followed by answers."""
        text = doc_text(doc)
        q_paras = {
            u.para
            for u in units
            if u.kind == "question" and self._para_is_question(units, u.para, text)
        }
        answers_first_person = 0
        for p in q_paras:
            nxt = in_para(units, p + 1)
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
        for ent in doc_ents(doc).ents:
            if ent.label_ == "PERSON" and ent.text.split()[-1].lower() in labels:
                name = speakers.full_name(_clean_name(ent.text))
                return SpeakerRef(ent.text, ent.start_char, ent.end_char, name, "PERSON")
        intro = [u for u in intro if u.kind != "title"]
        for ent in doc_ents(doc).ents:
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
        memo = units.memo if isinstance(units, UnitList) else {}
        key = ("para_is_question", para)
        if key not in memo:
            us = [u for u in in_para(units, para) if u.kind != "note"
                  and not _BARE_LABEL.match(u.text(text))]  # fmt: skip
            memo[key] = (
                bool(us)
                and all(u.kind == "question" for u in us)
                and _quote_coverage(us[0], text) < 0.3
            )
        return bool(memo[key])

    def _is_interview_question(self, unit: Unit, units: list[Unit], i: int, text: str) -> bool:
        """The interviewer's turn: a question paragraph, or a short one that ends in a
        question ("The minister still says no gas was fired. How do you explain that?")."""
        if unit.kind == "question" and self._para_is_question(units, unit.para, text):
            return True
        us = [u for u in in_para(units, unit.para) if u.kind != "note"]
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
        memo = units.memo if isinstance(units, UnitList) else {}
        if "in_answer" not in memo:
            # one pass in text order: each paragraph's verdict is that of the nearest
            # earlier paragraph that is a heading (no) or a question (yes)
            verdicts: dict[int, bool] = {}
            last = False
            for p in sorted({u.para for u in units}):
                verdicts[p] = last
                us = in_para(units, p)
                if us[-1].kind == "heading":
                    last = False
                elif self._para_is_question(units, p, text) or _QA_Q.match(first[p].text(text)):
                    last = True  # a question, or a turn labelled "Q:" that states something
                elif any(u.kind == "heading" for u in us):
                    last = False
            memo["in_answer"] = verdicts
        return bool(memo["in_answer"].get(units[i].para, False))


def _same_person_label(label: str, ref: SpeakerRef) -> bool:
    word = label.split(":")[0].strip().lower()
    return bool(ref.name) and word in {w.lower() for w in (ref.name or "").split()}
