"""Who is speaking: names from subject phrases, and pronouns or role nouns
("he added", "the expert doubts") resolved to a person named earlier.

This is deliberately local to one document; merging people across documents
is the entity layer's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from claimledger.extract.lexicon import (
    BODY_WORDS,
    COMPANY_BODY_WORDS,
    COMPANY_NOUNS,
    ORG_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PROXY_NOUNS,
    PUBLIC_BODY_WORDS,
    REPORT_NOUNS,
    ROLE_NOUNS,
    TITLES,
    VAGUE_SOURCES,
)
from claimledger.extract.segment import doc_ents, doc_text

_DROP_DEPS = {"appos", "relcl", "acl", "punct", "prep", "cc", "conj", "advmod", "parataxis"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


# roles any specialist may be called by ("the expert" for a professor), unlike titles
_GENERIC_ROLES = {"expert", "analyst", "specialist", "scholar", "academic", "researcher",
                  "observer", "commentator", "official", "source", "witness", "resident"}  # fmt: skip
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
                 "madam": "f", "lady": "f", "dame": "f"}  # fmt: skip


@dataclass
class SpeakerRef:
    text: str  # the words naming the speaker where they appear
    start: int
    end: int
    name: str | None  # resolved canonical name in this document
    type: str | None  # PERSON, ORG, GPE, NORP, GROUP, VAGUE
    pronoun: bool = False
    role: str | None = None  # role noun used ("the expert")


def strip_titles(name: str) -> str:
    """Drop leading honorifics and role words: 'Defence Minister Ola Berg' -> 'Ola Berg'."""
    words = name.split()
    while len(words) > 1 and words[0].lower().strip(".,") in TITLES:
        words.pop(0)
    return " ".join(words)


def _phrase_tokens(head: Any) -> list[Any]:
    """The subject phrase without appositions, clauses and trailing preps."""
    keep = []
    stack = [head]
    while stack:
        t = stack.pop()
        keep.append(t)
        for c in t.children:
            if c.dep_ in _DROP_DEPS and c.i > head.i:
                continue
            if c.dep_ in {"punct", "appos", "relcl", "acl"}:
                continue
            if c.dep_ == "prep" and c.lower_ not in {"of"}:
                continue
            stack.append(c)
    keep.sort(key=lambda t: t.i)
    # a contiguous run around the head
    out = [head]
    idx = {t.i for t in keep}
    i = head.i - 1
    while i >= 0 and i in idx:
        out.insert(0, head.doc[i])
        i -= 1
    i = head.i + 1
    while i < len(head.doc) and i in idx:
        out.append(head.doc[i])
        i += 1
    return out


def _ent_at(doc: Any, tok: Any) -> Any:
    return doc_ents(doc).at(tok.i)


class DocSpeakers:
    """Per-document memory of who has been named and who spoke last."""

    def __init__(self, doc: Any, outlet: str | None = None) -> None:
        self.doc = doc
        self.outlet = outlet
        self.persons: dict[str, str] = {}  # token key -> full name
        self.ambiguous: set[str] = set()
        self.mentions: list[tuple[int, str]] = []  # (char offset, full name)
        self.roles: dict[str, set[str]] = {}
        self.last_speakers: list[tuple[int, str, str]] = []  # (offset, name, type)
        # what the article itself tells of a person's gender: a title (Mr, Ms) or a
        # pronoun already resolved to them ("..., he said"); never guessed from the name
        self.gender: dict[str, str] = {}
        self.learned_roles: set[str] = set()  # apposition heads: "X, a hydrologist"
        self._titled_names: dict[str, bool] = {}
        for ent in doc_ents(doc).ents:
            if ent.label_ != "PERSON" or _body_name(ent.text):
                continue  # "Quarrenby Water" tagged as a person is still a body
            name = strip_titles(_clean_name(ent.text))
            if not name:
                continue
            self._learn(name)
            self.mentions.append((ent.start_char, name))
        # resolve surname-only mentions to the full names now known
        self.mentions = [(o, self.full_name(n)) for o, n in self.mentions]
        self.intros: list[tuple[int, str]] = []
        for ent in doc_ents(doc).ents:
            if (
                ent.label_ == "PERSON"
                and not _body_name(ent.text)
                and (any(c.dep_ == "appos" for c in ent.root.children) or ent.root.dep_ == "appos")
            ):
                self.intros.append(
                    (ent.start_char, self.full_name(strip_titles(_clean_name(ent.text))))
                )
            elif (
                ent.label_ in {"ORG", "PRODUCT", "FAC", "WORK_OF_ART"}
                and len(ent) >= 2
                and _looks_personal(ent.root)
            ):
                # "Tamsin Orl, a nursing student", "Colm Ardagh, the company's chief
                # executive": the tagger's body is a person by her role
                name = _clean_name(ent.text)
                if _person_apposition(ent.root):
                    self.intros.append((ent.start_char, name))
                self.mentions.append((ent.start_char, name))
                self._learn(name)
        for ent in doc_ents(doc).ents:
            if ent.label_ == "PERSON" and not _body_name(ent.text):
                self._learn_roles(ent)
                if ent.start > 0:
                    g = _TITLE_GENDER.get(doc[ent.start - 1].text.rstrip(".").lower())
                    if g:
                        self.gender.setdefault(
                            self.full_name(strip_titles(_clean_name(ent.text))), g
                        )
        self.orgs: list[tuple[int, str]] = sorted(
            {
                (e.start_char, _strip_det(_clean_name(e.text)))
                for e in doc_ents(doc).ents
                if "\n" not in e.text
                and _clean_name(e.text)
                and (e.label_ == "ORG" or (e.label_ in _NAME_LABELS and _body_name(e.text)))
            }
            | set(_body_names(doc))
        )
        # "Brellholm University Hospital" found whole and as "Brellholm University": the longer
        longest: dict[int, str] = {}
        for o, n in self.orgs:
            if len(n) > len(longest.get(o, "")):
                longest[o] = n
        self.orgs = sorted(longest.items())

    @cached_property
    def descriptors(self) -> list[tuple[int, str, str]]:
        """What the article calls a named body: (offset, noun, name).

        "Mothwing, a ransomware group", "The group, which calls itself Mothwing",
        "a group called Mothwing", "Greywatch, a threat research firm": later, "the group"
        and "the firm" are that body.  A noun the article ties to a name beats any guess.
        """
        out: list[tuple[int, str, str]] = []
        by_token: dict[int, str] = {}
        for o, n in self.orgs:
            span = self.doc.char_span(o, o + len(n), alignment_mode="expand")
            if span is not None:
                by_token[span.root.i] = n
        for t in self.doc:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in ORG_NOUNS:
                continue
            name = None
            # "Mothwing, a ransomware group": the noun in apposition to a name
            if t.dep_ == "appos" and t.head.i in by_token:
                name = by_token[t.head.i]
            for c in t.children:
                if name is not None:
                    break
                if c.dep_ == "appos" and c.i in by_token:  # "The group, Mothwing, ..."
                    name = by_token[c.i]
                elif c.dep_ in {"relcl", "acl"} and c.lemma_.lower() in {"call", "name", "know"}:
                    # "which calls itself Mothwing", "a group called Mothwing", "known as"
                    for g in c.subtree:
                        if g.pos_ == "PROPN" and g.i > c.i:
                            name = by_token.get(g.i) or _proper_run(g)
                            break
            if name:
                out.append((t.idx, t.lemma_.lower(), name))
        return out

    def _learn(self, name: str) -> None:
        """Index a full name by its first and last part; a part shared by two different
        people ("Berg" in Anna Berg and Carl Berg) is ambiguous and resolves to none."""
        parts = name.split()
        for p in {parts[0], parts[-1]}:
            key = p.lower()
            if key in self.ambiguous:
                continue
            cur = self.persons.get(key)
            if cur is None or (len(cur.split()) < len(parts) and cur in name):
                self.persons[key] = name
            elif len(parts) > 1 and len(cur.split()) > 1 and cur != name and cur not in name:
                self.ambiguous.add(key)
                del self.persons[key]

    def _learn_roles(self, ent: Any) -> None:
        name = self.full_name(strip_titles(_clean_name(ent.text)))
        roles = self.roles.setdefault(name, set())
        head = ent.root
        for t in list(head.children) + [head.head]:
            if t.dep_ == "appos" or (t.i == head.head.i and head.dep_ == "appos"):
                for w in t.subtree:
                    if w.lemma_.lower() in ROLE_NOUNS:
                        roles.add(w.lemma_.lower())
                # "Mira Solberg, a hydrologist at ...": the apposition's own head noun is
                # her role in this article, listed or not ("the hydrologist said")
                if (
                    t.pos_ in {"NOUN", "ADJ"}
                    and t.is_alpha
                    and any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in t.children)
                ):
                    roles.add(t.lower_)
                    self.learned_roles.add(t.lower_)
        # titles right before the name, in its own sentence: "Interior Minister Aurel Dimak"
        before = []
        for w in reversed(ent.doc[max(ent.sent.start, ent.start - 4) : ent.start]):
            if w.is_punct or w.is_space:
                break
            before.append(w)
        for w in before:
            if w.lemma_.lower() in ROLE_NOUNS:
                roles.add(w.lemma_.lower())

    def full_name(self, name: str) -> str:
        """'Sorsby' -> 'Anneli Sorsby' when one longer name in the document ends so.

        A surname spelled slightly differently in the same article (a
        transliteration variant) is matched too, within a small edit distance.
        """
        parts = name.split()
        if len(parts) == 1:
            key = parts[0].lower()
            cand = self.persons.get(key)
            if cand is None and len(key) >= 6:
                close = [n for k, n in self.persons.items()
                         if k[:1] == key[:1] and abs(len(k) - len(key)) <= 2 and _edits(k, key) <= 2]  # fmt: skip
                if len(set(close)) == 1:
                    cand = close[0]
            if cand and len(cand.split()) > 1:
                return cand
        return name

    def prev_subject(self, offset: int, person: bool) -> str | None:
        """The named subject of the sentence just before the one at ``offset``, in the same
        paragraph: "Milan Sorel ... has looked at the footage. He says ..." and "The
        Interior Ministry has issued a statement. It says ..." """
        doc = self.doc
        span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
        if span is None or not len(span):
            return None
        sent = span[0].sent
        if sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        if "\n" in doc_text(doc)[prev.end_char : sent.start_char]:
            return None  # a new paragraph starts over
        for t in prev:
            if t.dep_ not in {"nsubj", "nsubjpass"} or t.head.i != prev.root.i:
                continue
            ents = doc_ents(doc)
            ent = ents.at(t.i)
            if ent is not None and not (prev.start <= ent.start and ent.end <= prev.end):
                ent = None  # only an entity of the sentence itself
            if ent is None and not person:  # "The ship's owner, Vesk Maritime, said"
                ap = next((c for c in t.children if c.dep_ == "appos"), None)
                ent = ents.at(ap.i) if ap is not None else None
                if ent is not None and not (prev.start <= ent.start and ent.end <= prev.end):
                    ent = None
            if ent is None:
                if (
                    not person
                    and t.pos_ == "NOUN"
                    and t.lemma_.lower() in ORG_NOUNS
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                ):
                    # "The group, which calls itself X, posted files. It said ...": the body
                    return self.resolve_org(t.idx, t.lemma_)
                return None
            if person and (
                ent.label_ == "PERSON"
                or (
                    ent.label_ in {"ORG", "PRODUCT", "WORK_OF_ART", "FAC"}
                    and _looks_personal(ent.root)
                )
            ):
                return self.full_name(strip_titles(_clean_name(ent.text)))
            if not person and (ent.label_ in {"ORG", "GPE", "NORP"} or _body_name(ent.text)):
                return _strip_det(_clean_name(ent.text))
            return None
        return None

    def _introduced(self, offset: int) -> list[tuple[int, str]]:
        """Person mentions introduced with a role ("Anneli Sorsby, the mayor") before offset."""
        return [(o, n) for o, n in self.intros if o < offset]

    def spoke(self, offset: int, name: str, type_: str) -> None:
        self.last_speakers.append((offset, name, type_))

    def resolve_person(
        self, offset: int, role: str | None = None, plural: bool = False, gender: str | None = None
    ) -> str | None:
        """The person a pronoun or role noun at ``offset`` most likely refers to.

        ``gender`` ("m" for he, "f" for she) skips a person the article has already
        shown to be the other gender, and is remembered for the person chosen."""
        name = self._resolve_person(offset, role, plural, gender)
        if name and gender and not plural:
            self.gender.setdefault(name, gender)
        return name

    def _resolve_person(
        self, offset: int, role: str | None, plural: bool, gender: str | None
    ) -> str | None:
        recent = [s for s in self.last_speakers if s[0] < offset]
        if not plural:

            def fits(name: str) -> bool:  # "she" after a man spoke points further back
                return not gender or self.gender.get(name, gender) == gender

            if role and role not in _GENERIC_ROLES:
                # "the minister said": a recent speaker who holds that role, else the person
                # last mentioned with it, when the recent speakers are known to hold others
                holders = {n for n, roles in self.roles.items() if role in roles}
                for off, name, typ in reversed(recent[-3:]):
                    if typ == "PERSON" and name in holders and offset - off < 1500:
                        return name
                others = [n for _, n, t in recent[-3:] if t == "PERSON"]
                if others and all(self.roles.get(n) for n in others):
                    seen = [(o, n) for o, n in self.mentions if o < offset and n in holders]
                    if seen:
                        return max(seen)[1]

            subject = self.prev_subject(offset, person=True)
            if subject and fits(subject):
                return subject  # the person the sentence before was about
            intro = [i for i in self._introduced(offset) if fits(i[1])]
            for off, name, typ in reversed(recent[-3:]):
                if not fits(name):
                    continue
                if typ == "PERSON" and offset - off < 1500:
                    # someone newly introduced since that speaker takes over
                    if intro and intro[-1][0] > off and offset - intro[-1][0] < 800:
                        return intro[-1][1]
                    return name
            if role:
                for name, roles in self.roles.items():
                    if role in roles and any(m[1] == name and m[0] < offset for m in self.mentions):
                        return name
            before = [m for m in self.mentions if m[0] < offset and fits(m[1])]
            if before and offset - before[-1][0] < 1200:
                return before[-1][1]
            return None
        for off, name, typ in reversed(recent[-3:]):
            if typ != "PERSON" and offset - off < 1500:
                return name
        return None

    def resolve_org(self, offset: int, noun: str, strict: bool = False) -> str | None:
        """'the union' -> the named body it refers back to, where the article names one.

        ``strict``: only a body whose name contains the noun ("fire officials" ->
        "Varrow Fire and Rescue Service"), never a guess by frequency.
        """
        noun = noun.lower()
        if not strict and noun in COMPANY_NOUNS:
            # "The ship's owner, Vesk Maritime, said ... The company said ...": the body the
            # sentence before was about, when it is not a public one
            prev = self.prev_subject(offset, person=False)
            if (
                prev
                and not any(w in PUBLIC_BODY_WORDS for w in prev.lower().split())
                and any(n == prev for _, n in self.orgs)
                and not set(prev.lower().split()) & set(self.persons)  # a person tagged a body
                and not self._titled(prev)
            ):
                return prev
        described = [n for o, w, n in self.descriptors if w == noun and o <= offset]
        if described:
            return described[-1]
        people = set(self.persons)
        orgs = [(o, n) for o, n in self.orgs
                if not set(n.lower().split()) <= people and not _is_media_name(n, self.outlet)]  # fmt: skip
        before = [n for o, n in orgs if o < offset] or [n for _, n in orgs]
        named = [n for n in before if _names_noun(n, noun)]
        if not named and strict:  # "a hospital spokesman" before the hospital is named
            named = [n for _, n in orgs if _names_noun(n, noun)][:1]
        if named:
            return named[-1]
        if strict:
            return None
        if noun in _NETWORK_NOUNS:
            # "the network" in a story about "X Regional Hospitals": a name made of many
            # institutions is a network of them, where the article names just one such
            plural = {n for n in before if _institutions(n)}
            if len(plural) == 1:
                return plural.pop()
        if noun in COMPANY_NOUNS:
            # a name that says it is a business ("Quarrenby Water", "Brennholt Ltd") first
            firms = [n for n in before if n.split()[-1].lower() in COMPANY_BODY_WORDS]
            if firms:
                return firms[-1]
            plain = [n for n in before if not any(w in PUBLIC_BODY_WORDS for w in n.lower().split())
                     and not self._titled(n)]  # fmt: skip
            if plain:
                # only the body the article names most, and no tie; otherwise no guess
                ranked = sorted(((plain.count(n), n) for n in set(plain)), reverse=True)
                if len(ranked) == 1 or ranked[0][0] > ranked[1][0]:
                    return ranked[0][1]
        return None

    def _last_body(self, offset: int) -> str | None:
        """The body spoken of last before ``offset``, in this sentence or the one before:
        a name, or "the company" resolved to the name it stands for."""
        doc = self.doc
        span = doc.char_span(offset, min(offset + 1, len(doc_text(doc))), alignment_mode="expand")
        if span is None or not len(span):
            return None
        sent = span[0].sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for t in reversed(doc[start : span[0].i]):
            if t.ent_type_ == "ORG" and t.ent_iob_ == "B" or (t.is_title and _body_word(t.lower_)):
                # an org's offset is where the tagger's span starts, before a stripped "The "
                name = next((n for o, n in self.orgs if o <= t.idx < o + len(n) + 4), None)
                if name and not _is_media_name(name, self.outlet):
                    return name
            if (
                t.pos_ == "NOUN"
                and t.lemma_.lower() in ORG_NOUNS
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
            ):
                name = self.resolve_org(t.idx, t.lemma_)
                if name:
                    return name
        return None

    def _titled(self, name: str) -> bool:
        """A name the article puts after a role ("chief executive Colm Ardagh"): a person,
        whatever the tagger said.  Read once per name: every "the company" asks again."""
        if name not in self._titled_names:
            self._titled_names[name] = self._find_titled(name)
        return self._titled_names[name]

    def _find_titled(self, name: str) -> bool:
        for m in re.finditer(re.escape(name), doc_text(self.doc)):
            span = self.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and span.start > 0:
                prev = self.doc[span.start - 1]
                if prev.lemma_.lower() in ROLE_NOUNS or prev.lower_ in TITLES:
                    return True
                # "The regional health commissioner, Edith Brannock, said"
                if span.root.dep_ == "appos" and span.root.head.lemma_.lower() in ROLE_NOUNS:
                    return True
        return False

    def _body_of(self, head: Any) -> SpeakerRef | None:
        """'a company spokeswoman', 'union officials', 'the company's spokeswoman' -> the body."""
        doc = self.doc
        low = head.lemma_.lower()
        if low in ORG_NOUNS | PROXY_NOUNS and head.ent_type_ not in {"PERSON"}:
            poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in {"its", "their"}]
            if poss:  # "its press office", "their spokesman": the body just spoken of
                name = self._last_body(head.idx)
                if name:
                    a, b = poss[0].idx, head.idx + len(head)
                    return SpeakerRef(doc_text(doc)[a:b], a, b, name, "ORG")
        if low in ORG_NOUNS and head.ent_type_ not in {"PERSON"}:
            det = [c for c in head.children if c.dep_ in {"det", "poss"}]
            named = any(
                c.ent_type_ in {"ORG", "GPE", "NORP"} for c in head.subtree if c.i != head.i
            )
            # "the group behind the attack": a description that picks out another body,
            # so no guess by frequency, only a name that contains the noun
            qualified = any(c.dep_ in {"prep", "relcl", "acl"} for c in head.children)
            if not named and (det or low == "police"):
                name = self.resolve_org(head.idx, head.lemma_, strict=qualified)
                if name:
                    return SpeakerRef(head.text, head.idx, head.idx + len(head), name, "ORG")
            return None
        if head.lemma_.lower() not in PROXY_NOUNS and head.lower_ not in PROXY_NOUNS:
            return None
        mods = [c for c in head.children if c.dep_ in {"compound", "amod", "poss", "nmod"}]
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ in {"of", "for", "at", "from", "in"}:
                mods += [g for g in p.children if g.dep_ == "pobj"]  # "officials in Valdra"
        for m in mods:
            ent = _ent_at(doc, m)
            if ent is not None and ent.label_ in {"ORG", "GPE", "NORP"}:
                a, b = min(head.idx, ent.start_char), max(head.idx + len(head), ent.end_char)
                return SpeakerRef(
                    doc_text(doc)[a:b],
                    a,
                    b,
                    _clean_name(ent.text),
                    "ORG" if ent.label_ == "ORG" else ent.label_,
                )
            lemma = m.lemma_.lower()
            if m.pos_ in {"NOUN", "PROPN", "ADJ"}:
                name = self.resolve_org(head.idx, lemma, strict=lemma not in ORG_NOUNS)
                if name:
                    a, b = min(m.idx, head.idx), max(m.idx + len(m), head.idx + len(head))
                    return SpeakerRef(doc_text(doc)[a:b], a, b, name, "ORG")
        return None

    def from_subject(self, head: Any) -> SpeakerRef:
        """A SpeakerRef for the subject token of a reporting verb."""
        doc = self.doc
        low = head.lower_
        if low in PRONOUNS_PERSON or low in PRONOUNS_PLURAL or low in PRONOUNS_FIRST:
            plural = low in PRONOUNS_PLURAL
            name = (
                None
                if low in PRONOUNS_FIRST
                else self.resolve_person(head.idx, plural=plural, gender=_PRONOUN_GENDER.get(low))
            )
            return SpeakerRef(head.text, head.idx, head.idx + len(head), name,
                              "PERSON" if name and not plural else ("GROUP" if name else None),
                              pronoun=True)  # fmt: skip
        # "the head of the centre, Andriy Kovalenko, said" / "the expert on X Fyodor Y":
        # a name inside the noun phrase names the speaker
        by_role = False
        if head.ent_type_ != "PERSON" and head.pos_ == "NOUN":
            role_head = head.lemma_.lower() in ROLE_NOUNS or head.lower_ in self.learned_roles
            named = _person_in_np(head, role_head)
            if named is not None:
                head, by_role = named, role_head and named.ent_type_ != "PERSON"
        toks = _phrase_tokens(head)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        head_ent = _ent_at(doc, head)
        if head_ent is not None and head_ent.label_ == "PERSON":
            start, end = min(start, head_ent.start_char), max(end, head_ent.end_char)
        text = doc_text(doc)[start:end]
        body = self._body_of(head)
        if body is not None:
            return body
        # a definite role noun with no name: "the expert", "the minister"
        if (
            # a lower-case "minister" the tagger called a proper noun is still a role
            (
                (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.is_lower))
                and head.lemma_.lower() in ROLE_NOUNS
            )
            or (head.pos_ in {"NOUN", "ADJ"} and head.lower_ in self.learned_roles)
        ) and not any(t.ent_type_ == "PERSON" for t in toks):
            det = [t for t in toks if t.dep_ == "det" and t.lower_ in {"the", "this"}]
            if det and len(toks) <= 4:
                name = self.resolve_person(head.idx, role=head.lemma_.lower())
                if name:
                    return SpeakerRef(text, start, end, name, "PERSON", role=head.lemma_.lower())
        ent = _ent_at(doc, head)
        if ent is None and head.pos_ == "PROPN":
            ent = next(
                (_ent_at(doc, t) for t in reversed(toks) if _ent_at(doc, t) is not None), None
            )
        if ent is not None and ent.label_ in _NAME_LABELS:
            name = _clean_name(ent.text)
            label = ent.label_ if ent.label_ in {"PERSON", "ORG", "GPE", "NORP"} else "ORG"
            if label == "ORG" and len(name.split()) == 1 and len(self.full_name(name).split()) > 1:
                label = "PERSON"  # a surname the tagger took for a body
            if by_role and label == "ORG":
                label = "PERSON"  # "its director, Marek Dunstan": a role's name is a person's
            if label == "ORG" and _looks_personal(ent.root):
                label = "PERSON"  # "Ines Varga, who represents ...", "X, a nursing student"
            if (
                label == "PERSON"
                and len(name.split()) > 1
                and name.split()[-1].lower() in BODY_WORDS
            ):
                label = "ORG"  # "Quarry Water said": a body, whatever the tagger thought
            if label == "PERSON":
                name = self.full_name(strip_titles(name))
            # "South Korean national intelligence service" – NORP + more words is a body
            if (
                label == "NORP"
                and len(toks) > 1
                and head.pos_ in {"NOUN", "PROPN"}
                and head.ent_type_ != "NORP"
            ):
                return SpeakerRef(text, start, end, _strip_det(text), "ORG")
            return SpeakerRef(text, start, end, name, label)
        if head.lemma_.lower() in VAGUE_SOURCES | REPORT_NOUNS:
            return SpeakerRef(text, start, end, None, "VAGUE")
        if head.pos_ == "PROPN":
            known = self.full_name(_clean_name(text))
            if known != _clean_name(text) or len(toks) == 1 and known.lower() in self.persons:
                return SpeakerRef(text, start, end, known, "PERSON")
            if _looks_personal(head):
                return SpeakerRef(text, start, end, _strip_det(known), "PERSON")
            return SpeakerRef(text, start, end, _strip_det(text), "ORG")
        return SpeakerRef(text, start, end, _strip_det(text), "GROUP")


_MEDIA_WORDS = {
    "press",
    "times",
    "news",
    "daily",
    "gazette",
    "post",
    "herald",
    "tribune",
    "journal",
    "wire",
    "observer",
    "courier",
    "telegraph",
    "guardian",
    "mail",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "magazine",
    "review",
    "chronicle",
    "express",
    "agency",
}


def _names_noun(name: str, noun: str) -> bool:
    """Whether a body's name contains the noun, in the singular or plural ("Hospitals")."""
    words = re.findall(r"[a-z]+", name.lower())
    return noun in words or noun + "s" in words


def _body_word(word: str) -> bool:
    """A last word that makes a name a body, in the singular or plural ("Hospitals")."""
    return word in BODY_WORDS or (word.endswith("s") and word[:-1] in BODY_WORDS)


def _body_name(text: str) -> bool:
    """A name of two or more words whose last word makes it a body ("Quarrenby Water")."""
    words = _clean_name(text).split()
    return len(words) >= 2 and _body_word(words[-1].lower())


def _body_names(doc: Any) -> list[tuple[int, str]]:
    """Capitalised names ending in a body word that the tagger left out or split:
    "Quarrenby General Hospital put the number higher" -> "Quarrenby General Hospital"."""
    out: list[tuple[int, str]] = []
    for t in doc:
        if not (t.is_title and _body_word(t.lower_)) or t.i == 0:
            continue
        i = t.i
        while i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ in {"PROPN", "ADJ", "NOUN"}:
            i -= 1
        if i == t.i:
            continue
        name = _clean_name(doc[i : t.i + 1].text)
        if len(name.split()) >= 2 and "\n" not in doc[i : t.i + 1].text:
            out.append((doc[i].idx, name))
    return out


def _is_media_name(name: str, outlet: str | None) -> bool:
    """A newspaper or broadcaster, which "the company" never refers to."""
    words = set(re.findall(r"[a-z]+", name.lower()))
    if outlet and words and words <= set(re.findall(r"[a-z]+", outlet.lower())) | {"the"}:
        return True
    return bool(words & _MEDIA_WORDS)


_PERSON_SUFFIX = re.compile(r"(?:ist|er|or|ian|ant|ent|man|woman|wife|mother|father|son|daughter)$")


def _person_apposition(head: Any) -> bool:
    """An apposition that describes a person: "a nursing student", "a lorry driver"."""
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.is_lower:
            lemma = c.lemma_.lower()
            if lemma in ROLE_NOUNS and lemma not in ORG_NOUNS:
                return True  # "the company's chief executive"
            if any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children):
                return bool(_PERSON_SUFFIX.search(lemma))
    return False


def _looks_personal(head: Any) -> bool:
    """A name the tagger called a body but the sentence treats as a person: "X, who ..."
    or "X, a nursing student"."""
    if _person_apposition(head):
        return True
    return any(
        c.dep_ == "relcl"
        and any(
            g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ == "who" for g in c.children
        )  # fmt: skip
        for c in head.children
    )


def _person_in_np(head: Any, role_head: bool = False) -> Any:
    """A PERSON in apposition within ``head``'s noun phrase ("the head of X, Jane Roe").

    After a role noun ("its director, Marek Dunstan") a proper name in apposition is the
    person even where the tagger calls it an organisation."""
    stack = list(head.children)
    while stack:
        t = stack.pop(0)
        if (
            t.dep_ == "appos"
            and t.pos_ == "PROPN"
            and (
                t.ent_type_ == "PERSON"
                or (role_head and t.head.i == head.i and t.ent_type_ in {"", "ORG"})
            )
        ):
            return t
        if t.dep_ in {"prep", "pobj", "appos"}:
            stack.extend(t.children)
    return None


def _clean_name(s: str) -> str:
    s = re.sub(r"[\[\]]", "", s)
    s = re.sub(r"[’']s$", "", s.strip())
    return " ".join(s.replace("\n", " ").split()).strip(" ,.;:")


_NETWORK_NOUNS = {"network", "trust", "chain"}
_INSTITUTIONS = {"hospital", "clinic", "school", "home", "store", "hotel", "prison", "centre",
                 "center", "pharmacy", "library", "station", "mill", "mine", "plant", "surgery",
                 "practice", "shop", "college", "academy"}  # fmt: skip


def _institutions(name: str) -> bool:
    """ "Tarnvik Regional Hospitals": a name ending in a plural of an institution."""
    last = name.split()[-1].lower() if name.split() else ""
    return (
        len(name.split()) >= 2
        and last.endswith("s")
        and (last[:-1] in _INSTITUTIONS or last[:-2] in _INSTITUTIONS)
    )


def _proper_run(tok: Any) -> str:
    """The run of proper nouns a token sits in ("Mothwing", "Grey Lantern")."""
    doc = tok.doc
    a = b = tok.i
    while a > 0 and doc[a - 1].pos_ == "PROPN":
        a -= 1
    while b + 1 < len(doc) and doc[b + 1].pos_ == "PROPN":
        b += 1
    return str(doc[a : b + 1].text)


def _strip_det(s: str) -> str:
    return re.sub(r"^(the|a|an|this|these|those|its|their|his|her)\s+", "", s, flags=re.I).strip()


@dataclass
class Attribution:
    speaker: SpeakerRef | None
    cue: str | None
    cue_start: int | None
    kind: str
    content: tuple[int, int] | None = None
    via: list[SpeakerRef] = field(default_factory=list)
    negated_cue: bool = False
    cue_lemma: str | None = None


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (small strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
