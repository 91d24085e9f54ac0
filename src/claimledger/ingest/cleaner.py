"""Turn a plain-text capture of a web page into an article body plus metadata.

Users paste or save pages as text.  Such captures carry the page around the
article: consent banners, breadcrumbs, share bars, "Related articles", photo
credits, newsletter prompts.  They also carry the article's own metadata in
conventional places: a headline first, a "By ..." byline and a date line under
it, an "Original url:" line, a "Jane Roe for Example-News.com" sign-off, a
publication naming itself in a disclaimer or in editorial notes.

The cleaner only uses such general conventions; it knows no outlet or person by
name.  It never raises: any string gives a :class:`Cleaned`.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from claimledger.ingest import boilerplate as bp
from claimledger.ingest.boilerplate import outlet_from_url
from claimledger.ingest.datelines import parse_date_line
from claimledger.models import Cleaned
from claimledger.registry import register

__all__ = ["TextCleaner", "inline_clean", "make_cleaner", "outlet_from_url"]

TOP_LINES = 8  # metadata (title, byline, date) is only looked for this near the top
TITLE_MAX = 200
TERMINAL = tuple('.!?:”"’)]…')

# -- normalisation --------------------------------------------------------------

_LINEBREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff]")
_SPACES = re.compile(r"[\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_BLOCK_TAGS = re.compile(
    r"<br\s*/?>|</?(?:p|div|li|h[1-6]|blockquote|section|article|figure|figcaption|ul|ol|"
    r"header|footer|table|tr)\b[^<>\n]{0,500}>",
    re.I,
)
_INLINE_TAGS = re.compile(
    r"</?(?:a|abbr|b|big|cite|code|del|em|font|i|ins|kbd|mark|q|s|small|span|strike|strong|sub|"
    r"sup|time|tt|u|img|picture|source|td|th)\b[^<>\n]{0,500}>|<!--.{0,2000}?-->",
    re.I,
)
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\s]{1,500}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{1,300})\]\((?:https?://|/|#)[^)\s]{0,500}\)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HEADING = re.compile(r"^#{1,6}\s+")
_WRAPPED = re.compile(r"^([*_])(?=\S)(?!\1)(.*\S)\1$", re.S)
_RULE = re.compile(r"^[-*_=~•·\s]{3,}$")
_MULTISPACE = re.compile(r" {2,}")


def _normalise(raw: str) -> str:
    text = _LINEBREAKS.sub("\n", raw)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return _BLOCK_TAGS.sub("\n", text)


def _entity(m: re.Match[str]) -> str:
    return html.unescape(m.group(0))


def inline_clean(line: str) -> str:
    """Remove inline HTML and markdown markup from one line; collapse spaces."""
    s = _MD_IMAGE.sub("", line)
    s = _MD_LINK.sub(r"\1", s)
    s = _INLINE_TAGS.sub("", s)
    s = s.replace("**", "").replace("__", "").strip()
    s = _HEADING.sub("", s)
    m = _WRAPPED.match(s)
    if m:
        s = m.group(2)
    s = _SPACES.sub(" ", _ENTITY.sub(_entity, s))
    return _MULTISPACE.sub(" ", s).strip()


# -- metadata line parsers ------------------------------------------------------

_URL_LABEL = re.compile(
    r"^(?P<label>original\s+(?:url|link|article|source)|source\s+(?:url|link)|source|url|link|"
    r"canonical(?:\s+url)?|permalink|originally published (?:at|on))\s*:\s*(?P<rest>\S+)?\s*$",
    re.I,
)
_BARE_URL = re.compile(r"^<?(https?://[^\s<>]{3,2000}?)>?[.,;)]*$", re.I)
_BYLINE = re.compile(
    r"^(?:(?:written |words |reporting |story |text )?by\s*:?\s+|(?:authors?|byline)\s*:\s*)(?P<rest>.+)$",
    re.I,
)
_REPORTING_BY = re.compile(
    r"^\(?(?:reporting|written|additional reporting|interview|interviewed|text|words) by\s+(?P<rest>[^;)]+)",
    re.I,
)
# "NORTHWICK (Harbour Wire) - ..." opens a wire story and names the agency.
_WIRE_DATELINE = re.compile(
    r"^[A-Z][\w .,'’/-]{1,40}?\s\((?P<name>[A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})\)\s*[-–—]+\s"
)
_SIGN_OFF = re.compile(
    r"^[—–-]*\s*(?P<name>.{3,60}?)\s+for\s+(?P<outlet>[A-Z0-9][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,4}"
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})\.?$"
)
_DATE_PREFIX = re.compile(r"^\W*(?P<p>published|posted|updated|last updated|date)\b", re.I)
_DATE_TAIL = re.compile(
    r",\s+(?=(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.?\s|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z]|\d{4}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})",
    re.I,
)
_PARTICLES = frozenset(
    bp.words("van von de der den da di del della la le bin ibn al el dos du ter ten")
)
_ROLE_WORDS = frozenset(
    bp.words(
        """correspondent reporter reporters editor editors writer columnist contributor staff analyst
    producer bureau chief senior special political foreign deputy managing associate fellow
    professor journalist photographer desk team newsroom agencies agency in at for with"""
    )
)
_NOT_NAMES = bp.NOT_OUTLETS | frozenset(bp.words("all this these those our its"))
_ABBREV = frozenset(
    bp.words(
        "mr mrs ms dr prof st gen col lt sgt capt gov sen rep jr sr no vs inc ltd co corp mt ft rev "
        "adm maj cmdr pres dept est approx fig"
    )
)
_NAME = r"(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’-]*){0,2})"
_AFTER_RECIPIENT = (
    r"(?=\s*[.,;:!?”\"’)]|\s+(?:that|in|on|last|during|earlier|this|after|when|about|at)\b)"
)
_RECIPIENT = [
    re.compile(rf"\btold (?:the )?{_NAME}{_AFTER_RECIPIENT}"),
    re.compile(
        rf"\b(?:speaking|talking|spoke|speak|talked) (?:to|with) (?:the )?{_NAME}{_AFTER_RECIPIENT}"
    ),
    re.compile(rf"\bin an? interview (?:to|for) (?:the )?{_NAME}{_AFTER_RECIPIENT}"),
]
_AGENT = [
    re.compile(rf"\b{_NAME}['’]s? fact[- ]?check"),
    re.compile(rf"\b{_NAME} (?:spoke|talked) (?:to|with)\b"),
    re.compile(
        rf"\b{_NAME} (?:could not|was unable to|has been unable to|has not been able to|cannot) "
        r"(?:independently )?(?:verify|confirm)"
    ),
    re.compile(rf"\b(?:contacted|approached|asked) by (?:the )?{_NAME}\b"),
]
_NOTE = re.compile(
    r"\[[^\[\]\n]{1,600}?\s[—–-]{1,2}\s*(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’-]*){0,3})\s*\.?\s*\]"
)
_EXCLUSIVE = re.compile(
    rf"\b(?:[Ee]xclusive(?:ly)? (?:to|for)|in an? exclusive (?:interview|comment|statement) (?:to|for))"
    rf" (?:the )?{_NAME}"
)
_COPY_NAME = re.compile(
    r"^(?:©|\(c\)|copyright)[\s©]*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[\s,]*(?P<name>.+)$", re.I
)


def _ends_terminal(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s.endswith(TERMINAL)


def _is_person(s: str) -> bool:
    tokens = s.split()
    if not 2 <= len(tokens) <= 5 or tokens[-1].lower() in _PARTICLES:
        return False
    for t in tokens:
        low = t.lower().strip(".")
        if low in _PARTICLES:
            continue
        if low in _ROLE_WORDS or low.rstrip("s") in _ROLE_WORDS or low in _NOT_NAMES:
            return False
        if re.fullmatch(r"(?:[A-Z]\.){1,3}", t):
            continue
        if not (t[0].isupper() and all(c.isalpha() or c in "'’-." for c in t[1:])):
            return False
    return True


def _person_list(s: str) -> str | None:
    """ "Jane Roe", "Jane Roe and Ola Berg", "Jane Roe, Senior Writer" -> the names."""
    names: list[str] = []
    for part in re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", s.strip().rstrip(".")):
        if not _is_person(part):
            break
        names.append(part)
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date(line: str) -> tuple[str, int] | None:
    """(ISO date, rank) for a line that is one date; rank 1 marks an "Updated" date."""
    if len(line) > 120:
        return None
    first = re.split(r"\s+[|•·]\s+", line, maxsplit=1)[0]
    try:
        got = parse_date_line(first)
    except Exception:  # a helper's bug must not break cleaning
        return None
    if got is None:
        return None
    pre = _DATE_PREFIX.match(first)
    return got, 1 if pre and "updated" in pre.group("p").lower() else 0


def _byline(line: str) -> tuple[str, str | None] | None:
    """(author, ISO date or None) for a "By ..." line."""
    if len(line) > 160:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    rest = m.group("rest").split(";")[0].strip()
    published = None
    for sep in (r"\s+[|•·]\s+", r"\s+[—–-]\s+", _DATE_TAIL.pattern):
        parts = re.split(sep, rest, maxsplit=1, flags=re.I)
        if len(parts) == 2:
            got = _date(parts[1])
            if got or sep != _DATE_TAIL.pattern:
                rest, published = parts[0], got[0] if got else None
                break
    author = _person_list(rest)
    return (author, published) if author else None


def _list_item(line: str) -> bool:
    """A headline-like line under a link-list heading: a bullet, or short with no full stop."""
    t = line.strip()
    if re.match(r"^[-•*–·»›]\s+\S", t):
        return True
    return len(t.split()) <= 20 and not _ends_terminal(t)


_SITE_LABEL = re.compile(r"^[A-Z][\w&’'.-]*(?: [A-Z][\w&’'.-]*){0,3}$")


def _meta_parts(line: str) -> list[tuple[str, str]] | None:
    """Fields of a top line made only of a label, a byline and a date joined by | · •."""
    if len(line) > 200:
        return None
    pieces = [p.strip() for p in re.split(r"\s+[|•·]\s+", line) if p.strip()]
    if len(pieces) < 2:
        return None
    out: list[tuple[str, str]] = []
    bare: list[str] = []
    for i, p in enumerate(pieces):
        if i == 0 and _SITE_LABEL.match(p) and not _is_person(p) and len(pieces) >= 3:
            out.append(("site", p))  # "Byteline · Interviews · 9 February 2026 · By ..."
        elif bp.OPINION_LABEL.match(p):
            out.append(("opinion", p))
        elif (d := _date(p)) is not None:
            out.append(("date", d[0]))
        elif (by := _byline(p)) is not None:
            out.append(("author", by[0]))
        elif p.lower() in bp.SECTION_WORDS:
            out.append(("section", p))
        elif _is_person(p):
            bare.append(p)
        else:
            return None
    # "Comment · Cassia Wren · 25 June 2025": a bare name between a label and a date is
    # the byline; without a date beside it, a lone name proves nothing
    if bare:
        if (
            len(bare) > 1
            or not any(k == "date" for k, _ in out)
            or any(k == "author" for k, _ in out)
        ):
            return None
        out.append(("author", bare[0]))
    return out


def _multi_sentence(s: str) -> bool:
    for m in re.finditer(r"(\S*)([.!?])[\"”’)]*\s+[\"“‘(]*[A-Z0-9]", s):
        word = m.group(1).strip('("“‘')
        if m.group(2) == "." and (
            len(word) <= 1
            or word.lower() in _ABBREV
            or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", word)
        ):
            continue
        return True
    return False


def _title(line: str) -> str | None:
    s = line.strip()
    if not 3 <= len(s) <= TITLE_MAX or not any(c.isalpha() for c in s):
        return None
    if s.endswith((",", ";")) or _BARE_URL.match(s):
        return None
    if s.endswith(".") and not s.endswith("...") and not re.search(r"\b(?:[A-Z]\.){2,}$", s):
        return None
    return None if _multi_sentence(s) else s


def _site_name(line: str, url: str | None = None) -> str | None:
    """The publication named by a site-name line ("Latest news in X", "X | Home", the URL's name)."""
    if len(line) > 80:
        return None
    for pat in bp.SITE_LINE:
        m = pat.match(line)
        if m:
            return m.group("name").rstrip(".")
    if url:
        key = re.sub(r"\W", "", line.lower())
        name = outlet_from_url(url) or ""
        host = (urlsplit(url).hostname or "").lower()
        if key and key in {re.sub(r"\W", "", name.lower()), re.sub(r"\W", "", host)}:
            return line
    return None


# -- the cleaner ----------------------------------------------------------------


@dataclass
class _Unit:
    text: str  # markup removed
    raw: str  # as captured
    gap: bool  # a blank line came before it
    tail: int = 0  # length of the last captured line in it (hard-wrap joining)
    merged: bool = False


@dataclass
class _State:
    removed: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    outlets: list[tuple[int, int, str]] = field(default_factory=list)
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: tuple[str, int] | None = None

    def drop(self, unit: _Unit) -> None:
        self.removed.append(unit.text)

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def outlet(self, tier: int, name: str | None) -> None:
        name = (name or "").strip(" .,:;*\"'“”")
        if name and len(name) <= 60:
            self.outlets.append((tier, len(self.outlets), name))


class TextCleaner:
    """The built-in cleaner (``claimledger.ingest.cleaner.v1``)."""

    def clean(self, raw: str) -> Cleaned:
        """Body and metadata of a full-page text capture."""
        return self._safe(raw, full=True)

    def clean_body(self, text: str) -> Cleaned:
        """Only boilerplate removal and unwrapping, for bodies already extracted from HTML."""
        return self._safe(text, full=False)

    def _safe(self, raw: str, full: bool) -> Cleaned:
        if not isinstance(raw, str):
            raw = "" if raw is None else str(raw)
        try:
            return self._run(raw, full)
        except Exception:  # never let one odd capture stop an import
            fallback = "\n\n".join(
                p
                for p in (_MULTISPACE.sub(" ", ln).strip() for ln in _normalise(raw).split("\n"))
                if p
            )
            return Cleaned(text=fallback, flags=["cleaner-error"])

    # -- passes -----------------------------------------------------------------

    def _run(self, raw: str, full: bool) -> Cleaned:
        st = _State()
        units = self._units(_normalise(raw))
        units = self._strip_furniture(units, st, full)
        units = self._join_hard_wrapped(units)
        units = [u for u in units if not (u.merged and self._furniture(u, st))]
        if full:
            units = self._top(units, st)
        else:
            units = self._labels(units, st)
        units = self._bottom(units, st)
        body = [u.text for u in units]
        self._mentions(body, st)
        if st.url:
            st.outlet(1, outlet_from_url(st.url))
        outlet = min(st.outlets)[2] if st.outlets else None
        if outlet:
            # a name read from the domain ("velmvalleyherald") has guessed word breaks; the
            # same name written out on the page ("© 2025 Velm Valley Herald") spells it
            key = re.sub(r"[^a-z0-9]", "", outlet.lower())
            same = [n for _, _, n in st.outlets if re.sub(r"[^a-z0-9]", "", n.lower()) == key]
            outlet = max(same, key=lambda n: (len(n.split()), n != outlet), default=outlet)
        return Cleaned(
            text="\n\n".join(self._unwrap(body)).strip(),
            title=st.title,
            author=st.author,
            outlet=outlet,
            published=st.published[0] if st.published else None,
            url=st.url,
            flags=st.flags,
            removed=st.removed,
        )

    @staticmethod
    def _units(text: str) -> list[_Unit]:
        units: list[_Unit] = []
        gap = True
        for line in text.split("\n"):
            t = inline_clean(line)
            if not t or _RULE.match(t):
                gap = True
                continue
            units.append(_Unit(t, line.strip(), gap, tail=len(t)))
            gap = False
        return units

    def _furniture(self, u: _Unit, st: _State) -> bool:
        """Drop ``u`` if it is page furniture or a views disclaimer; note what it says."""
        kind = bp.boilerplate_kind(u.text, u.raw)
        if (
            kind is None
            and len(u.text) < 500
            and bp.VIEWS_DISCLAIMER.search(u.text)
            and bp.DISCLAIMER_WORD.search(u.text)
        ):
            st.flag("opinion")
            m = bp.DISCLAIMER_OWNER.search(u.text)
            st.outlet(0, m.group("name") if m else None)
            kind = "disclaimer"
        if kind is None:
            return False
        if kind == "copyright":
            m = _COPY_NAME.match(u.text)
            name = (
                re.split(r"\.\s|\ball rights reserved", m.group("name"), flags=re.I)[0] if m else ""
            )
            if 1 <= len(name.split()) <= 5 and name[:1].isupper():
                st.outlet(3, name)
        st.drop(u)
        return True

    def _strip_furniture(self, units: list[_Unit], st: _State, full: bool) -> list[_Unit]:
        kept: list[_Unit] = []
        in_list = False
        i = 0
        while i < len(units):
            u = units[i]
            m = _URL_LABEL.match(u.text) if len(u.text) < 2100 else None
            if m:
                rest, taken = m.group("rest"), [u]
                if not rest and i + 1 < len(units) and _BARE_URL.match(units[i + 1].text):
                    rest = units[i + 1].text
                    taken.append(units[i + 1])
                bare = _BARE_URL.match(rest or "")
                if bare or (not rest and m.group("label").lower() != "source"):
                    if bare and st.url is None:
                        st.url = bare.group(1)
                    for t in taken:
                        st.drop(t)
                    i += len(taken)
                    continue
            if full and not kept and st.url is None and (bare := _BARE_URL.match(u.text)):
                st.url = bare.group(1)
                st.drop(u)
            elif in_list and _list_item(u.text):
                st.drop(u)  # an item of a "Related articles" / "Most popular" block
            elif self._furniture(u, st):
                in_list = bool(bp.is_list_heading(u.text))
            else:
                in_list = False
                kept.append(u)
            i += 1
        return kept

    @staticmethod
    def _join_hard_wrapped(units: list[_Unit]) -> list[_Unit]:
        """Re-join lines of a capture that was wrapped at a fixed width."""
        if len(units) < 4:
            return units
        width = max(len(u.text) for u in units)
        inner = [i for i in range(len(units) - 1) if not units[i + 1].gap]
        if not 40 <= width <= 120 or len(inner) < 3:
            return units
        ragged = sum(not _ends_terminal(units[i].text) for i in inner)
        filled = sum(len(units[i].text) >= 0.6 * width for i in inner)
        if ragged < 0.6 * len(inner) or filled < 0.6 * len(inner):
            return units
        out: list[_Unit] = []
        for u in units:
            prev = out[-1] if out else None
            if prev and not u.gap and (prev.tail >= 0.6 * width or u.text[:1].islower()):
                prev.text += " " + u.text
                prev.raw += " " + u.raw
                prev.tail, prev.merged = len(u.text), True
            else:
                out.append(_Unit(u.text, u.raw, u.gap, tail=len(u.text)))
        return out

    def _labels(self, units: list[_Unit], st: _State) -> list[_Unit]:
        """Opinion labels ("Opinion", "Op-ed") at the top of a body."""
        out = []
        for i, u in enumerate(units):
            if i < 3 and bp.OPINION_LABEL.match(u.text):
                st.flag("opinion")
                st.drop(u)
            else:
                out.append(u)
        return out

    def _top(self, units: list[_Unit], st: _State) -> list[_Unit]:
        """Title, byline, date and site-name lines among the first lines."""
        out: list[_Unit] = []
        title_seen = body_seen = False
        for i, u in enumerate(units):
            if i >= TOP_LINES:
                out.extend(units[i:])
                break
            t = u.text
            if (parts := _meta_parts(t)) is not None:
                # "Opinion | By Jane Roe | 21 March 2025": one line, several fields
                for kind, value in parts:
                    if kind == "opinion":
                        st.flag("opinion")
                    elif kind == "date" and st.published is None:
                        st.published = (value, 0)
                    elif kind == "author":
                        st.author = st.author or value
            elif (name := _site_name(t, st.url)) is not None:
                st.outlet(0, name)
            elif bp.OPINION_LABEL.match(t):
                st.flag("opinion")
            elif (date := _date(t)) is not None:
                if st.published is None or date[1] < st.published[1]:
                    st.published = date
            elif (by := _byline(t)) is not None:
                st.author = st.author or by[0]
                if by[1] and st.published is None:
                    st.published = (by[1], 0)
            elif not body_seen and (bp.KICKER.match(t) or t.lower() in bp.SECTION_WORDS):
                pass  # a section or kicker label above the article
            elif not title_seen and len(t.split()) == 1:
                out.append(u)  # a stray word is not the headline
                continue
            elif not title_seen:
                title_seen = True
                if m := bp.OPINION_PREFIX.match(t):
                    st.flag("opinion")
                    t = t[m.end() :]
                st.title = _title(t)
                if st.title is None:
                    body_seen = body_seen or len(t.split()) >= 8
                    out.append(u)
                    continue
            else:
                if bp.OPINION_PREFIX.match(t):
                    st.flag("opinion")
                body_seen = body_seen or len(t.split()) >= 8
                out.append(u)
                continue
            st.drop(u)
        return out

    def _bottom(self, units: list[_Unit], st: _State) -> list[_Unit]:
        """Sign-offs and credit lines at the end; contributor credits anywhere."""
        out: list[_Unit] = []
        n = len(units)
        for i, u in enumerate(units):
            t = u.text
            if len(t) < 300 and bp.CONTRIBUTED.search(t):
                st.drop(u)
                continue
            if i >= n - 4 and len(t) < 120:
                m = _SIGN_OFF.match(t)
                if m and _is_person(m.group("name")):
                    st.author = st.author or m.group("name")
                    st.outlet(2, m.group("outlet"))
                    st.drop(u)
                    continue
                m = _REPORTING_BY.match(t)
                # "Interview by Jane Roe. This interview has been edited." -> Jane Roe
                rest = re.split(r"\.\s+(?=[A-Z][a-z]+\s+[a-z])", m.group("rest"))[0] if m else ""
                if m and (who := _person_list(rest.rstrip(". "))):
                    st.author = st.author or who
                    st.drop(u)
                    continue
            if bp.SPECULATION.search(t[:2000]):
                st.flag("speculation-disclaimer")
            out.append(u)
        return out

    @staticmethod
    def _mentions(body: list[str], st: _State) -> None:
        """Outlet self-references inside the text: editorial notes, "told X" counts."""
        for t in body:
            for m in _NOTE.finditer(t):
                name = m.group("name").rstrip(".")
                if name.lower() not in bp.NOTE_SIGNERS:
                    st.outlet(3, name)
            for m in _EXCLUSIVE.finditer(t):
                st.outlet(3, m.group("name"))
        for t in body[:3]:
            if wire := _WIRE_DATELINE.match(t):
                st.outlet(3, wire.group("name"))
        recipients: Counter[str] = Counter()
        agents: Counter[str] = Counter()
        for counter, pats in ((recipients, _RECIPIENT), (agents, _AGENT)):
            for pat in pats:
                for t in body:
                    for m in pat.finditer(t):
                        name = m.group("name").rstrip(".")
                        if name.split()[0].lower() not in _NOT_NAMES and len(name) <= 30:
                            counter[name] += 1
        best = sorted(recipients, key=lambda k: -(recipients[k] + agents[k]))
        if best and recipients[best[0]] + agents[best[0]] >= 2:
            st.outlet(4, best[0])

    @staticmethod
    def _unwrap(paragraphs: list[str]) -> list[str]:
        """Join a paragraph that stops mid-sentence with the next one."""
        out: list[str] = []
        for p in paragraphs:
            if out and not _ends_terminal(out[-1]):
                first = p[:1]
                if first.islower() or (first.isdigit() and len(out[-1].split()) > 6):
                    out[-1] += " " + p
                    continue
            out.append(p)
        return out


@register("claimledger.ingest.cleaner.v1")
def make_cleaner() -> TextCleaner:
    return TextCleaner()
