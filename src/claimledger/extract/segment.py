"""Cut a document into claim units: sentences, merged where a quote spans several.

A claim unit never crosses a paragraph break.  Bracketed editorial notes that
carry a signature ("[... — Outlet]") become units of their own, because they
belong to the publication, not to the person whose words they interrupt.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»“"
_PARA = re.compile(r"[^\n]+")
_NOTE = re.compile(r"\[[^\[\]]{15,}?[—–-]\s*([A-Z][\w.&' -]{0,40}?)\.?\s*\]")
_TERMINAL = tuple('.!?:;"”’»)]…')


@dataclass
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or paragraph end)
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - (1 if self.closed else 0)


@dataclass
class Unit:
    start: int
    end: int
    para: int
    kind: str  # "title", "heading", "sentence", "note", "question"
    sents: list[Any] = field(default_factory=list)  # spaCy spans
    quotes: list[Quote] = field(default_factory=list)
    signature: str | None = None  # for notes: who signed it

    def text(self, doc_text: str) -> str:
        return doc_text[self.start : self.end]


class UnitList(list[Unit]):
    """A document's units in text order, with its paragraphs indexed once (rules ask for
    "the units of this paragraph" for every unit; a scan each time is quadratic)."""

    def __init__(self, units: list[Unit] | None = None) -> None:
        super().__init__(units or [])
        self.memo: dict[Any, Any] = {}
        self._paras: dict[int, list[Unit]] | None = None

    def para(self, p: int) -> list[Unit]:
        """The units of paragraph ``p``."""
        if self._paras is None:
            self._paras = {}
            for u in self:
                self._paras.setdefault(u.para, []).append(u)
        return self._paras.get(p, [])


def in_para(units: list[Unit], p: int) -> list[Unit]:
    """The units of paragraph ``p``: indexed when ``units`` is a :class:`UnitList`."""
    if isinstance(units, UnitList):
        return units.para(p)
    return [u for u in units if u.para == p]


def doc_text(doc: Any) -> str:
    """The parsed document's text, built once: spaCy joins its tokens on every ``doc.text``."""
    cached = doc.user_data.get("claimledger.text")
    if cached is None:
        cached = doc.user_data["claimledger.text"] = doc.text
    return str(cached)


class SentIndex:
    """A document's sentences, found by character range in logarithmic time."""

    def __init__(self, sents: list[Any]) -> None:
        self.sents = sents
        self.ends = [s.end_char for s in sents]

    def between(self, a: int, b: int) -> list[Any]:
        """The sentences that overlap ``[a, b)``."""
        out = []
        for k in range(bisect_right(self.ends, a), len(self.sents)):
            s = self.sents[k]
            if s.start_char >= b:
                break
            out.append(s)
        return out


def doc_sents(doc: Any) -> SentIndex:
    """The parsed document's sentences, listed once: ``doc.sents`` walks every token."""
    cached = doc.user_data.get("claimledger.sents")
    if cached is None:
        cached = doc.user_data["claimledger.sents"] = SentIndex(list(doc.sents))
    return cached  # type: ignore[no-any-return]


class EntIndex:
    """A document's named entities, by token: ``doc.ents`` builds every span on each call."""

    def __init__(self, doc: Any) -> None:
        self.ents = list(doc.ents)
        self.starts = [e.start for e in self.ents]
        self.ends_char = [e.end_char for e in self.ents]
        self.of_token: dict[int, Any] = {}
        for e in self.ents:
            for i in range(e.start, e.end):
                self.of_token[i] = e

    def at(self, i: int) -> Any:
        """The entity that token ``i`` is part of, or None."""
        return self.of_token.get(i)

    def touching(self, a: int, b: int) -> list[Any]:
        """The entities that overlap characters ``[a, b)``."""
        k = bisect_right(self.ends_char, a)
        out = []
        while k < len(self.ents) and self.ents[k].start_char < b:
            out.append(self.ents[k])
            k += 1
        return out

    def within(self, start: int, end: int) -> list[Any]:
        """The entities wholly inside tokens ``[start, end)`` (``Span.ents``)."""
        out = []
        for k in range(bisect_right(self.starts, start - 1), len(self.ents)):
            e = self.ents[k]
            if e.start >= end:
                break
            if e.end <= end:
                out.append(e)
        return out


def doc_ents(doc: Any) -> EntIndex:
    cached = doc.user_data.get("claimledger.ents")
    if cached is None:
        cached = doc.user_data["claimledger.ents"] = EntIndex(doc)
    return cached  # type: ignore[no-any-return]


def paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Quote spans in one paragraph: curly and straight, unclosed ones to paragraph end."""
    out: list[Quote] = []
    i, open_at = start, None
    while i < end:
        ch = text[i]
        if open_at is None:
            if ch in OPEN_QUOTES or (ch == '"' and _opens(text, i, start)):
                open_at = i
        elif (
            ch in "”»"
            or (ch == '"' and i > open_at + 1)
            or (ch == "“" and text[open_at] == "“" and _closes(text, i, end))
        ):
            out.append(Quote(open_at, i + 1))
            open_at = None
        i += 1
    if open_at is not None:
        para_end = end
        while para_end > open_at and text[para_end - 1].isspace():
            para_end -= 1
        out.append(Quote(open_at, para_end, closed=False))
    return out


def _opens(text: str, i: int, para_start: int) -> bool:
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([{—–-:,") and not nxt.isspace()


def _closes(text: str, i: int, end: int) -> bool:
    nxt = text[i + 1] if i + 1 < end else " "
    return nxt.isspace() or nxt in ".,;:!?)"


def is_heading(line: str) -> bool:
    s = line.strip()
    words = s.split()
    return 0 < len(words) <= 14 and not s.endswith(_TERMINAL)


def segment(doc: Any, title: str | None = None) -> UnitList:
    """Claim units of a parsed document, in text order."""
    text: str = doc_text(doc)
    units = UnitList()
    sents = doc_sents(doc)
    for p_idx, (p_start, p_end) in enumerate(paragraphs(text)):
        line = text[p_start:p_end]
        lead = len(line) - len(line.lstrip())
        p_start += lead
        while p_end > p_start and text[p_end - 1].isspace():
            p_end -= 1
        if p_idx == 0 and title and line.strip() == title.strip():
            units.append(Unit(p_start, p_end, p_idx, "title", sents.between(p_start, p_end)))
            continue
        if is_heading(line):
            units.append(Unit(p_start, p_end, p_idx, "heading"))
            continue
        quotes = [q for q in find_quotes(text, p_start, p_end) if _words(text, q) >= 1]
        cursor = p_start
        embedded: list[tuple[int, int]] = []
        pending: list[Unit] = []
        for m in _NOTE.finditer(text, p_start, p_end):
            note = Unit(m.start(), m.end(), p_idx, "note", signature=m.group(1).strip())
            before = text[cursor : m.start()].rstrip()
            if before and not before.endswith(_TERMINAL):
                # a note inside a sentence: the sentence stays whole, the note is its own unit
                embedded.append((m.start(), m.end()))
                pending.append(note)
                continue
            if m.start() > cursor:
                units.extend(
                    _sentence_units(text, sents, cursor, m.start(), p_idx, quotes, embedded)
                )
                units.extend(pending)
                pending = []
            units.append(note)
            cursor = m.end()
        if cursor < p_end:
            units.extend(_sentence_units(text, sents, cursor, p_end, p_idx, quotes, embedded))
        units.extend(pending)
    return units


def _words(text: str, q: Quote) -> int:
    a, b = q.inner
    return len(text[a:b].split())


def _sentence_units(
    text: str,
    sents: SentIndex,
    a: int,
    b: int,
    p_idx: int,
    quotes: list[Quote],
    notes: list[tuple[int, int]] | None = None,
) -> list[Unit]:
    notes = notes or []
    spans: list[list[int]] = []
    for s in sents.between(a, b):
        s_start, s_end = max(s.start_char, a), min(s.end_char, b)
        # trim whitespace
        while s_start < s_end and text[s_start].isspace():
            s_start += 1
        while s_end > s_start and text[s_end - 1].isspace():
            s_end -= 1
        if s_end <= s_start:
            continue
        if spans and (
            _inside_quote(quotes, s_start)
            or _too_short(text, s_start, s_end)
            or text[s_start] in ",;)]"
            or text[s_start].islower()
            or _inside_note(notes, s_start)
            or not text[spans[-1][0] : spans[-1][1]].rstrip('”"’») ]').endswith(tuple(".!?…:"))
            and _inside_note(notes, spans[-1][1] - 1)
        ):
            spans[-1][1] = s_end
            spans[-1].append(id(s))
        else:
            spans.append([s_start, s_end])
    out = []
    for sp in spans:
        s_start, s_end = sp[0], sp[1]
        # a closing quote mark left dangling after the sentence end belongs to it
        while s_end < b and text[s_end] in '”"’»)':
            s_end += 1
        qs = [q for q in quotes if q.start < s_end and q.end > s_start]
        kind = "question" if text[s_start:s_end].rstrip('”"’» )').endswith("?") else "sentence"
        out.append(Unit(s_start, s_end, p_idx, kind, sents.between(s_start, s_end), qs))
    return out


def _inside_note(notes: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in notes)


def _inside_quote(quotes: list[Quote], pos: int) -> bool:
    return any(q.start < pos < q.end - 1 for q in quotes)


def _too_short(text: str, a: int, b: int) -> bool:
    frag = text[a:b].strip()
    return len(frag) < 4 or not any(c.isalpha() for c in frag)
