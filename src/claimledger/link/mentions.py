"""Name mentions, acronym definitions and attributes found in one parsed document.

Attributes come from appositions and role phrases around a person's name:
"Jane Roe, a professor at Kettle University" gives role "professor" and
affiliation "Kettle University"; "Defense Minister Jane Roe" gives role
"Defense Minister"; "Russian journalist Jane Roe" gives nationality "Russian".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimledger.extract.lexicon import ROLE_NOUNS, TITLES
from claimledger.extract.segment import doc_ents, doc_text
from claimledger.extract.speakers import DocSpeakers, _clean_name, strip_titles
from claimledger.link.gazetteer import country_for

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP"}
_ACRONYM_DEF = re.compile(
    r"(?P<long>(?:[A-Z][\w'’-]+|of|the|and|for|on|de)(?:\s+(?:[A-Z][\w'’-]+|of|the|and|for|on|de)){1,8})"
    r"\s+\((?P<short>[A-Z][A-Za-z]{1,6})\)"
)
_AFFIL_PREPS = {"at", "of", "with", "from", "for"}
_ORG_WORDS = {"university", "institute", "college", "school", "academy", "centre", "center",
              "council", "conference", "foundation", "union", "party", "ministry", "agency",
              "service", "hospital", "company", "bank", "court", "committee", "polytechnic"}  # fmt: skip


@dataclass
class Mention:
    start: int
    end: int
    text: str
    name: str  # resolved within the document ("Sorsby" -> "Anneli Sorsby")
    label: str


@dataclass
class Attribute:
    name: str  # the person's resolved name
    key: str  # role, affiliation, nationality
    value: str
    start: int
    end: int


@dataclass
class DocEntities:
    mentions: list[Mention] = field(default_factory=list)
    attributes: list[Attribute] = field(default_factory=list)
    acronyms: list[tuple[str, str]] = field(default_factory=list)  # (short, long)


def find_entities(sdoc: Any, speakers: DocSpeakers | None = None) -> DocEntities:
    speakers = speakers or DocSpeakers(sdoc)
    out = DocEntities()
    text: str = doc_text(sdoc)
    for ent in doc_ents(sdoc).ents:
        label = LABELS.get(ent.label_)
        if label is None or "\n" in ent.text:
            continue
        name = re.sub(r"^(?:the|The)\s+", "", _clean_name(ent.text))
        if country_for(name):
            label = "GPE"  # a capital or country the tagger took for a person or body
        elif label == "PERSON" and set(name.lower().split()) & _ORG_WORDS:
            label = "ORG"
        elif (
            label == "ORG" and len(name.split()) == 1 and len(speakers.full_name(name).split()) > 1
        ):
            label = "PERSON"  # a surname the tagger took for a body ("Tertitsky emphasizes")
        if label == "PERSON":
            name = speakers.full_name(strip_titles(name))
        if not name or not any(c.isalpha() for c in name):
            continue
        out.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, name, label))
        if label == "PERSON":
            out.attributes.extend(_person_attributes(ent, name))
    for m in _ACRONYM_DEF.finditer(text):
        short = m.group("short")
        long_ = _expansion(short, m.group("long"))
        if short.isupper() and long_:
            out.acronyms.append((short, long_))
    return out


def _expansion(short: str, phrase: str) -> str | None:
    """The shortest tail of ``phrase`` whose capitalised initials spell ``short``."""
    words = phrase.split()
    for i in range(len(words) - 1, -1, -1):
        tail = words[i:]
        if tail[0][:1].islower():
            continue
        caps = "".join(w[0] for w in tail if w[:1].isupper()).upper()
        if caps == short.upper():
            return " ".join(tail)
    return None


def _phrase(tok: Any, drop_preps: bool = True) -> tuple[str, int, int]:
    toks = [t for t in tok.subtree if not (drop_preps and t.dep_ == "prep" and t.i > tok.i)]
    keep = []
    for t in tok.subtree:
        if (
            any(
                a.dep_ in {"prep", "relcl", "acl", "punct"} and a.i > tok.i
                for a in [t, *t.ancestors]
                if a.i != tok.i and a in toks and a.head.i >= tok.i
            )
            and drop_preps
        ):
            continue
        keep.append(t)
    keep = [t for t in keep if t.dep_ not in {"det", "punct"}]
    if not keep:
        return tok.text, tok.idx, tok.idx + len(tok)
    keep.sort(key=lambda t: t.i)
    a, b = keep[0].idx, keep[-1].idx + len(keep[-1])
    return doc_text(tok.doc)[a:b], a, b


def _affiliation(tok: Any) -> tuple[str, int, int] | None:
    """'professor at Kettle University in Oslo' -> 'Kettle University'."""
    for p in tok.children:
        if p.dep_ != "prep" or p.lower_ not in _AFFIL_PREPS:
            continue
        for obj in p.children:
            if obj.dep_ != "pobj":
                continue
            ent = doc_ents(tok.doc).at(obj.i)
            if ent is not None and ent.label_ in {"ORG", "FAC"}:
                return (
                    _clean_name(ent.text).removeprefix("the ").strip(),
                    ent.start_char,
                    ent.end_char,
                )
            words = {t.lower_ for t in obj.subtree}
            if obj.pos_ == "PROPN" and words & _ORG_WORDS:
                toks = [
                    t
                    for t in obj.subtree
                    if t.dep_ not in {"prep", "det"}
                    and not any(
                        a.dep_ == "prep" and a.i > obj.i for a in t.ancestors if a.i > obj.i
                    )
                ]
                toks = [t for t in toks if t.i <= obj.i]
                a, b = toks[0].idx, obj.idx + len(obj)
                return doc_text(tok.doc)[a:b], a, b
        # "professor of history at X": look one prep deeper
        for obj in p.children:
            deeper = _affiliation(obj) if obj.dep_ == "pobj" else None
            if deeper:
                return deeper
    return None


def _person_attributes(ent: Any, name: str) -> list[Attribute]:
    out: list[Attribute] = []
    root = ent.root
    doc = ent.doc
    # "Jane Roe, a professor at X" (apposition after the name) or "a professor, Jane Roe"
    appos = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        appos.append(root.head)
    for ap in appos:
        if (
            ap.pos_ not in {"NOUN", "PROPN"}
            or ap.ent_type_ == "PERSON"
            or ap.tag_ in {"NNS", "NNPS"}
        ):
            continue
        role_toks = [t for t in ap.subtree if t.i <= ap.i and t.dep_ not in {"det", "punct"}]
        if role_toks:
            a, b = role_toks[0].idx, ap.idx + len(ap)
            role = doc_text(doc)[a:b]
            # keep "of history and international relations" as part of the role
            of = next((c for c in ap.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and not _is_org_phrase(of):
                last = max(of.subtree, key=lambda t: t.i)
                if not any(
                    t.lower_ in _AFFIL_PREPS - {"of"} for t in of.subtree if t.dep_ == "prep"
                ):
                    b = last.idx + len(last)
                    role = doc_text(doc)[a:b]
            nat = _nationality(role_toks)
            if nat:
                out.append(Attribute(name, "nationality", nat[0], nat[1], nat[2]))
                role = role[len(nat[0]) :].strip() if role.startswith(nat[0]) else role
            out.append(Attribute(name, "role", role, a, b))
        aff = _affiliation(ap)
        if aff:
            out.append(Attribute(name, "affiliation", *aff))
    # "Defense Minister Jane Roe", "Russian military journalist Jane Roe"
    pre: list[Any] = []  # spaCy tokens
    i = ent.start - 1
    while (
        i >= 0
        and doc[i].dep_ in {"compound", "amod", "nmod"}
        and doc[i].head.i >= ent.start - 1
        and doc[i].ent_type_ != "PERSON"
    ):
        pre.insert(0, doc[i])
        i -= 1
    if pre and any(t.lemma_.lower() in ROLE_NOUNS or t.lower_ in TITLES for t in pre):
        nat = _nationality(pre)
        rest = [t for t in pre if not nat or t.idx >= nat[2]]
        org = [t for t in rest if t.ent_type_ in {"ORG"}]
        if len(org) == 1 and not org[0].text.isupper():
            org = []  # "Defense Secretary": a one-word capitalised modifier belongs to the role
        role_toks = [t for t in rest if t not in org and t.ent_type_ not in {"GPE", "NORP"}]
        if nat:
            out.append(Attribute(name, "nationality", *nat))
        if org:
            a, b = org[0].idx, org[-1].idx + len(org[-1])
            out.append(Attribute(name, "affiliation", doc_text(doc)[a:b], a, b))
        if role_toks:
            a, b = role_toks[0].idx, role_toks[-1].idx + len(role_toks[-1])
            out.append(Attribute(name, "role", doc_text(doc)[a:b], a, b))
    # "Jane Roe of the Harbour Party"
    for p in root.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            obj = next((c for c in p.children if c.dep_ == "pobj"), None)
            e2 = doc_ents(doc).at(obj.i) if obj is not None else None
            if e2 is not None and e2.label_ == "ORG":
                out.append(
                    Attribute(
                        name,
                        "affiliation",
                        _clean_name(e2.text).removeprefix("the ").strip(),
                        e2.start_char,
                        e2.end_char,
                    )
                )
    # "Jane Roe ... works as a professor at X"
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ in {"work", "serve"}:
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ == "as":
                obj = next((c for c in p.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    aff = _affiliation(obj)
                    toks = [t for t in obj.subtree if t.i <= obj.i and t.dep_ != "det"]
                    a, b = toks[0].idx, obj.idx + len(obj)
                    out.append(Attribute(name, "role", doc_text(doc)[a:b], a, b))
                    if aff:
                        out.append(Attribute(name, "affiliation", *aff))
    return out


def _is_org_phrase(prep: Any) -> bool:
    return any(t.ent_type_ in {"ORG", "GPE"} or t.lower_ in _ORG_WORDS for t in prep.subtree)


_COMPASS = {"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
            "Central", "New"}  # fmt: skip


def _nationality(toks: list[Any]) -> tuple[str, int, int] | None:
    norp = [t for t in toks if t.ent_type_ == "NORP"]
    if not norp:
        return None
    first = norp[0]
    if first.i > 0 and first.nbor(-1).text in _COMPASS:
        first = first.nbor(-1)  # "South Korean": the tagger often leaves the compass word out
    a, b = first.idx, norp[-1].idx + len(norp[-1])
    return doc_text(norp[0].doc)[a:b], a, b
