"""A claim's core: what it says happened or is so, without who says it, how sure, or "not".

"Brennholt Agrochem denied that any ammonia had escaped from the site" has the core
"ammonia had escaped from the site": the main clause of the content, with its negation,
hedges, attribution, relative and conditional clauses dropped.  Comparison reads the core
to tell which question a claim answers, and names a question after a core ("Whether
ammonia had escaped from the site").  Offsets are not needed: the core is a reading aid,
never a citation.
"""

from __future__ import annotations

from typing import Any

from claimledger.extract.lexicon import HEDGE_WORDS, NEGATION_WORDS, REPORTING_VERBS

MAX_WORDS = 14
# clause parts that carry context, not the core: "who ...", "if ...", "(...)", "X, a ..."
_DROP_DEPS = {"neg", "relcl", "advcl", "appos", "prn", "parataxis", "punct", "cc", "conj", "mark",
              "discourse", "intj", "meta", "dep", "preconj"}  # fmt: skip
_DROP_LEMMAS = {"also", "still", "already", "even", "just", "now", "reportedly", "allegedly",
                "apparently", "any", "probably", "possibly", "perhaps", "likely"}  # fmt: skip


def main_clause(span: Any) -> Any:
    """The verb of what is claimed: past "X said that", "X told reporters that"."""
    root = span.root
    for _ in range(4):
        inner = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and _inside(c, span)]
        if root.lemma_.lower() in REPORTING_VERBS and inner:
            root = inner[0]
            continue
        break
    return root


def _inside(tok: Any, span: Any) -> bool:
    return bool(span.start <= tok.i < span.end)


def core_of(span: Any) -> str | None:
    """The core of a content span, at most MAX_WORDS words; None when nothing is left."""
    if span is None or not len(span):
        return None
    root = main_clause(span)
    keep: list[Any] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        if not _inside(tok, span):
            continue
        if tok is not root and (tok.dep_ in _DROP_DEPS or tok.lemma_.lower() in _DROP_LEMMAS):
            continue
        if tok.lower_ in NEGATION_WORDS or tok.lower_ in HEDGE_WORDS and tok.pos_ == "ADV":
            continue
        if tok.dep_ == "aux" and tok.lemma_.lower() == "do":
            continue  # "did not escape" -> "escape"
        keep.append(tok)
        stack.extend(tok.children)
    keep.sort(key=lambda t: t.i)
    while keep and (keep[0].is_punct or keep[0].lower_ in {"that", "whether", "and", "but"}):
        keep.pop(0)
    if not keep or not any(t.is_alpha for t in keep):
        return None
    if len(keep) > MAX_WORDS:  # the subject, the verb, and what follows it, cut
        keep = keep[:MAX_WORDS]
    words = []
    for k, t in enumerate(keep):
        gap = k + 1 < len(keep) and keep[k + 1].i == t.i + 1
        words.append(t.text + (t.whitespace_ if gap else " "))
    out = "".join(words).strip().rstrip(",;:")
    return " ".join(out.split()) or None
