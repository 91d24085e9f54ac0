"""How two claims about the same proposition relate, with a short reason.

No NLI model ships on PyPI, so relations are built from what extraction
already knows: polarity (a denial against an assertion), negation, modality,
figures, dates and who the original source is.

- repeats: both relay the same original source (same speaker, or one in the
  other's chain), or the documents are copies of each other;
- updates: a later-dated claim supersedes an earlier one: a denial or "not
  confirmed" followed by an official confirmation, or a source revising its
  own figure;
- contradicts: opposite polarity, or figures that cannot both hold;
- corroborates: independent sources saying the same thing;
- elaborates: the same source or a dependent one adding figures or detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from claimledger.compare.figures import comparable, conflict, figures_of

NEGATION = re.compile(
    r"\b(not|no|never|neither|nor|n't|without|none|denied|denies|deny|false|fake|forgery)\b", re.I
)
_OFFICIAL = re.compile(
    r"\b(official(ly)?|confirm(ed|s|ation)?|recogni[sz](ed|es|tion)|acknowledg\w*|admit\w*|announc\w*)\b",
    re.I,
)
_POSITIVE = {"asserted", "hedged", "speculative"}
_CONCESSIVE = re.compile(
    r",?\s+\b(?:despite|although|though|even though|while|whereas|but|however)\b|;"
    r"|,\s+(?:[\w-]+\s+){0,3}?after\b",
    re.I,
)
_CONTENT_NEG = re.compile(
    r"\b(not|no|never|nothing|nobody|none|neither|nor|n't|cannot|denied|denies|deny)\b|n't\b", re.I
)
# bodies whose later statements settle an earlier claim: a general list, no story's names
_OFFICIAL_BODY = re.compile(
    r"\b(ministry|minister|ministers|inspectorate|agency|police|government|authorit(y|ies)|office|"
    r"department|commission|council|court|prosecutors?|regulator|inquiry|investigators?|"
    r"military|army|armed forces|intelligence|service|president|prime minister|parliament|"
    r"coroner|fire (brigade|service|officials?)|officials?)\b",
    re.I,
)
REVISION = re.compile(
    r"\b(wrong|mistaken|incorrect|retract\w*|withdr[ae]w\w*|correct(ed|ion)|revis\w*|apologi[sz]\w*|"
    r"admit\w*|now (say|says|believe|believes|accept|accepts)|lower|higher)\b",
    re.I,
)


@dataclass
class ClaimView:
    """What the comparison needs to know about one stored claim."""

    id: str
    doc: str
    doc_root: str
    published: str | None
    outlet: str | None
    speaker: str | None
    speaker_name: str | None
    via: list[str]
    kind: str
    modality: str
    text: str
    content: str
    quantities: list[dict[str, Any]] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    affiliated: set[str] = field(default_factory=set)  # bodies the speaker speaks for
    body_names: set[str] = field(default_factory=set)  # their names, lower case
    core: str | None = None  # what is claimed, without attribution, hedges or negation
    story: str | None = None

    @property
    def polarity(self) -> int:
        if self.modality == "denied":
            return -1
        if self.modality == "question":
            return 0
        return 1

    @property
    def stance(self) -> int:
        """Polarity of what is said, not only of how: "X said no gas escaped" is negative."""
        p = self.polarity
        main = _CONCESSIVE.split(self.content, maxsplit=1)[0]  # not "..., despite nothing ..."
        return -1 if p > 0 and _CONTENT_NEG.search(main) else p

    @property
    def frame(self) -> str:
        """The attribution around the content ("X said on Monday that ..."), or the whole
        sentence where no content was split off."""
        if self.content and self.content != self.text:
            return self.text.replace(self.content, " ")
        return self.text

    @property
    def source(self) -> str:
        """The original source: the speaker, else the outlet's own voice."""
        return self.speaker or f"outlet:{self.outlet or self.doc_root}"


def speaks_for(a: ClaimView, b: ClaimView) -> str | None:
    """Why ``a`` and ``b`` speak for one side: the same speaker, a speaker and the body they
    work for, or one body named two ways."""
    if a.speaker and a.speaker == b.speaker:
        return f"both relay {a.speaker_name or 'the same speaker'}"
    if a.speaker and b.speaker and (a.speaker in b.affiliated or b.speaker in a.affiliated):
        who, body = (b, a) if a.speaker in b.affiliated else (a, b)
        return f"{who.speaker_name or 'the speaker'} speaks for {body.speaker_name or 'the body'}"
    if same_body(a.speaker_name, b.speaker_name) or _officials_of(a, b) or _officials_of(b, a):
        return f"both relay {b.speaker_name or 'the same body'}, named two ways"
    for x, y in ((a, b), (b, a)):
        # "the inspectorate's director" and "the inspectorate", no link between the entities
        if y.speaker_name and any(_names_body(n, y.speaker_name) for n in x.body_names):
            return f"{x.speaker_name or 'the speaker'} speaks for {y.speaker_name}"
    return None


def same_origin(a: ClaimView, b: ClaimView) -> str | None:
    """Why ``a`` and ``b`` are not independent sources, or None."""
    if a.doc_root == b.doc_root:
        return "copies of the same article"
    side = speaks_for(a, b)
    if side:
        return side
    if a.speaker and a.speaker in b.via:
        return f"{b.outlet or 'one outlet'} relays {a.speaker_name or 'the same source'} through an intermediary"
    if b.speaker and b.speaker in a.via:
        return f"{a.outlet or 'one outlet'} relays {b.speaker_name or 'the same source'} through an intermediary"
    if set(a.via) & set(b.via):
        return "both relayed through the same intermediary"
    for x, y in ((a, b), (b, a)):
        # "the count kept by Velm River Rescue": one claim cites the other's source
        if (
            x.speaker_name
            and _is_proper(x.speaker_name)
            and (_mentions(y.text, x.speaker_name) or (x.speaker and x.speaker in y.entities))
            and not _CONFIRMS_OTHER.search(y.text)  # "..., confirming the figure given by X"
        ):
            return f"{y.outlet or 'one outlet'} cites {x.speaker_name}"
        # "a person familiar with the board's inquiry" and the board, or its director
        inside = _insider_of(x)
        if (
            inside
            and y.speaker_name
            and (
                _names_body(inside, y.speaker_name)
                or any(_names_body(inside, n) for n in y.body_names)
            )
        ):
            return f"{x.speaker_name or 'an unnamed source'} speaks from inside {y.speaker_name}"
    if a.speaker is None and b.speaker is None and "hedged" in (a.modality, b.modality):
        return "neither names a source, and one passes on hearsay"
    for x, y in ((a, b), (b, a)):
        if restates(x, y):
            return f"{x.outlet or 'one outlet'} restates {y.speaker_name or 'the source'}, naming no source of its own"
    return None


def restates(x: ClaimView, y: ClaimView) -> bool:
    """``x`` says in its outlet's own voice, no earlier than ``y`` (or undated), what ``y``'s
    named source said: with no source of its own, it cannot count as independent of ``y``."""
    if x.speaker is not None or y.speaker is None:
        return False
    dx, dy = (x.published or "")[:10], (y.published or "")[:10]
    return not dx or bool(dy and dx >= dy)  # undated x: an analysis, a column


_CONFIRMS_OTHER = re.compile(
    r"\b(?:confirming|corroborating|matching|in line with|consistent with)\b[^.;]{0,40}\b"
    r"(?:figure|count|account|finding|estimate|number|toll|report)s?\b",
    re.I,
)
_INSIDER = re.compile(
    r"\b(?:familiar with|close to|briefed on|with (?:direct )?knowledge of|involved in)\s+"
    r"(?:the\s+)?([\w'’ -]+?)(?:['’]s?\s+\w+)?(?=\s+(?:said|says|told|who)\b|[,.;:]|$)",
    re.I,
)


_OFFICIALS = re.compile(
    r"(?:the\s+)?([\w-]+(?:\s+[\w-]+)?)\s+(?:officials?|spokes(?:man|woman|person|people)|"
    r"sources?|representatives?)",
    re.I,
)


def _officials_of(x: ClaimView, y: ClaimView) -> bool:
    """ "fire officials" and "Varrow Fire and Rescue Service": unnamed people of a named body."""
    m = _OFFICIALS.fullmatch(x.speaker_name or "")
    if not m or not y.speaker_name or not _is_proper(y.speaker_name):
        return False
    return set(m.group(1).lower().split()) <= set(y.speaker_name.lower().split())


def _insider_of(v: ClaimView) -> str | None:
    """The body an unnamed source is close to: "a person familiar with the safety board's
    inquiry" -> "safety board"; None for a named speaker."""
    if not v.speaker_name or _is_proper(v.speaker_name):
        return None
    m = _INSIDER.search(v.frame)
    return " ".join(m.group(1).lower().replace("\u2019", "'").split()) if m else None


def _names_body(name: str, speaker: str) -> bool:
    """A role's body ("inspectorate") names the speaker ("The inspectorate", "national
    safety inspectorate"), or the other way round."""
    sp = " ".join(re.sub(r"^the\s+", "", speaker.lower().replace("\u2019", "'")).split())
    return name == sp or same_body(name, sp)


def revised_figure(a: ClaimView, b: ClaimView) -> str | None:
    """A source giving a new figure for the same count: "more than 300", later "more than 340"."""
    if a.doc_root == b.doc_root:
        return None
    for fa in figures_of(a.quantities, a.text):
        for fb in figures_of(b.quantities, b.text):
            known = fa.lo is not None and fb.lo is not None
            if comparable(fa, fb) and known and (fa.lo, fa.hi) != (fb.lo, fb.hi):
                return f"{fa.text} to {fb.text}"
    return None


def _is_proper(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split())


def _mentions(text: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I) is not None


def same_body(x: str | None, y: str | None) -> bool:
    """ "nurses' association" and "Tarnvik Nurses' Association": one name ends the other."""
    if not x or not y:
        return False
    a, b = sorted((" ".join(x.lower().split()), " ".join(y.lower().split())), key=len)
    # "agency" / "health agency": the head noun; "Marrisk Central" / "... Hospital": the name
    return a != b and (b.endswith(" " + a) or (len(a.split()) >= 2 and b.startswith(a + " ")))


def classify(
    a: ClaimView, b: ClaimView, sim: float = 1.0, related: float = 0.0
) -> tuple[str, str] | None:
    """(type, why) for an ordered pair, ``a`` published no later than ``b``; None if unrelated.

    ``sim`` is the pair's embedding similarity: below ``related`` two members of a
    proposition are taken to speak about different aspects, and only figures that
    cannot both hold still relate them."""
    if a.polarity == 0 or b.polarity == 0:
        return None  # a question neither supports nor opposes
    da, db = (a.published or "")[:10], (b.published or "")[:10]
    later = bool(da and db and db > da)
    same_speaker = bool(a.speaker and a.speaker == b.speaker)
    # an update is told by who says it and when, more than by wording: a confirmation months
    # after a denial, or a source revising itself, need only be in the same proposition
    if later and sim >= UPDATE_SIM:
        confirms = b.polarity > 0 and b.modality == "asserted" and official(b)
        # what was denied, or hedged by a named source: a narrator's "it is reported that"
        # is hearsay that a later statement does not settle
        unsettled = a.polarity < 0 or (a.modality == "hedged" and a.speaker is not None)
        if confirms and unsettled and not NEGATION.search(b.content):
            return (
                "updates",
                f"a later statement ({db}) confirms what was denied or unconfirmed on {da}",
            )
        own = same_speaker or same_body(a.speaker_name, b.speaker_name)
        revised = revised_figure(a, b) if own else None
        if revised:
            return "updates", f"{b.speaker_name or 'the source'} revised its figure: {revised}"
        if same_speaker and REVISION.search(b.content) and not REVISION.search(a.content):
            return "updates", f"{b.speaker_name or 'the source'} revised its own earlier statement"
    admission = admits_denial(a, b) if sim >= UPDATE_SIM else None
    if admission:
        return "updates", admission
    if sim < related:
        # different aspects of one proposition: only the same count of the same thing
        # ("17 people" and "31 people") still clashes; a duration never does
        clash = figure_clash(a, b, same_unit=True)
        return ("contradicts", f"incompatible figures: {clash}") if clash else None
    origin = same_origin(a, b)
    clash = figure_clash(a, b)
    # opposite only when both how it is said and what is said differ: "insisted that no gas
    # escaped" and "denied that gas escaped" are the same position
    opposite = a.polarity != b.polarity and a.stance != b.stance
    turned = a.stance != b.stance
    if (
        later
        and turned
        and not same_speaker
        and a.speaker is not None  # a claim someone made, not the narrator's scene-setting
        and b.modality == "asserted"  # a statement, not "if those results confirm ..."
        and official(b)
        and not official(a)
    ):
        return "updates", (f"a later official statement ({db}) supersedes the claim of {da}")
    if origin and not opposite and not clash:
        return "repeats", f"not independent: {origin}"
    if opposite and sim >= _OPPOSE_SIM:
        return "contradicts", "opposite polarity: one " + (
            "denies" if a.polarity < 0 else "asserts"
        ) + ", the other " + ("denies" if b.polarity < 0 else "asserts")
    if clash:
        return "contradicts", f"incompatible figures: {clash}"
    if origin:
        return "repeats", f"not independent: {origin}"
    if opposite:
        return None  # opposite positions on loosely related points: neither agree nor clash
    if adds_detail(a, b):
        return "elaborates", "adds figures or dates the earlier claim lacks"
    return "corroborates", "independent sources say the same"


def admits_denial(a: ClaimView, b: ClaimView) -> str | None:
    """Why ``b`` is its own side's later admission of what ``a`` denied, or None.

    "not a single serviceman is there", then "acknowledged for the first time that fighters
    are there": the same side's admission settles its denial, however far apart the wording
    (a denial by someone, not a narrator's "no one can say").  A speaker's own flat denial
    ("The network rejected the claim.") is settled by its later plain confirmation."""
    da, db = (a.published or "")[:10], (b.published or "")[:10]
    if not (da and db and db > da) or a.stance >= 0 or a.speaker is None or b.stance <= 0:
        return None
    own = a.speaker == b.speaker
    if ADMISSION.search(b.text) is None and not (
        own and a.polarity < 0 and _CONFIRMED.search(b.frame)
    ):
        return None
    if not own and same_origin(a, b) is None:
        return None
    return f"a later admission ({db}) supersedes the denial of {da}"


def official(v: ClaimView) -> bool:
    """An official body speaking, or an official act (confirmation, announcement).

    The act is looked for in the attribution frame ("officially confirmed that ..."), not
    in what is reported: "the memo confirmed our fears" is no official statement."""
    return bool(
        (v.speaker_name and _OFFICIAL_BODY.search(v.speaker_name)) or _OFFICIAL.search(v.frame)
    )


ADMISSION = re.compile(
    r"\b(?:admit(?:s|ted)?(?! to (?:a |the )?(?:hospital|clinic|intensive care|care|ward)\b)|acknowledg(?:e|es|ed)|conceded?|concedes|confirm(?:s|ed)? for the first"
    r" time|revers(?:ed|ing) (?:its|his|her|their|a|an|the) (?:earlier |previous )?(?:denial|position|stance)"
    r"|(?:withdr[ae]w|retract(?:s|ed)?) (?:its|his|her|their) (?:denial|statement|claim))\b",
    re.I,
)
_CONFIRMED = re.compile(r"\bconfirm(?:s|ed)?\b", re.I)
UPDATE_SIM = 0.3  # an update still speaks of much the same thing
_OPPOSE_SIM = 0.65  # a denial opposes only a claim about much the same statement
_DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "night"}


def figure_clash(a: ClaimView, b: ClaimView, same_unit: bool = False) -> str | None:
    if a.doc_root == b.doc_root:
        return None  # copies of one article do not disagree with themselves
    for fa in figures_of(a.quantities, a.text):
        for fb in figures_of(b.quantities, b.text):
            ua = (fa.unit or "").lower().rstrip("s")
            if ua in _DURATIONS:
                continue  # "two days after" and "for eleven days" measure different spans
            if same_unit and (not ua or ua != (fb.unit or "").lower().rstrip("s")):
                continue
            why = conflict(fa, fb)
            if why:
                return why
    return None


def adds_detail(a: ClaimView, b: ClaimView) -> bool:
    return bool(b.quantities) and not a.quantities and len(b.content) > 1.5 * len(a.content)


STATUS_ORDER = ("single_source", "corroborated", "disputed", "updated", "mixed")


def status(relations: list[str], sources: int) -> str:
    """A proposition's status from its relations and the number of independent sources."""
    types = set(relations)
    if "updates" in types and "contradicts" in types:
        return "mixed"
    if "updates" in types:
        return "updated"
    if "contradicts" in types:
        return "disputed"
    if sources >= 2:
        return "corroborated"
    return "single_source"
