"""Tables and line tests for the plain-text cleaner.

Every rule here describes a general web-page convention (consent banners,
navigation, share bars, photo credits, newsletter prompts, self-references of a
publication); none names a particular outlet.  Each test looks at one line that
has already had its inline markup removed, unless it says otherwise.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of a table written as one string."""
    return tuple(text.split())


# -- consent / cookie banners -------------------------------------------------

_COOKIE_STRONG = re.compile(
    r"\bwe use cookies\b|\b(?:this|our) (?:web ?)?site uses cookies\b"
    r"|\btechnologies (?:like|such as) cookies\b|\bour use of cookies\b|\baccept all cookies\b"
    r"|^(?:accept|allow) cookies\b|^cookie (?:policy|settings|preferences|notice|consent)\b"
    r"|\b(?:our|see|read|view|visit|review) (?:cookie|privacy) (?:policy|notice|statement)\b"
    r"|\bnot consenting or withdrawing consent\b|\bstore and/or access (?:information|device)"
    r"|\bby continuing to (?:use|browse|visit) (?:this|our|the) (?:web ?)?site\b"
    r"|\bmanage (?:your )?(?:consent|cookie|privacy) (?:preferences|settings|choices|options)\b"
    r"|\bdo not sell (?:or share )?my personal information\b"
    r"|\bconsent to (?:our use of|these technologies)\b",
    re.I,
)
_COOKIE_WEAK = re.compile(
    r"\b(cookies?|consent(?:ing)?|privacy|personal data|partners|preferences|browsing|"
    r"device|legitimate interest|personali[sz]ed (?:ads|advertising|content)|opt[ -]out)\b",
    re.I,
)

# Banners speak to the reader; news prose about privacy does not.
_ADDRESS = re.compile(r"\b(?:we|our|us|you|your)\b", re.I)

# Lines that are nothing but a button or a menu entry.
_BUTTONS = """
    accept|accept all|accept all cookies|accept cookies|accept and close|agree|i agree|
    agree and close|i accept|reject|reject all|decline|deny|allow all|allow cookies|got it|ok|
    okay|manage preferences|manage options|manage cookies|manage settings|manage consent|
    cookie settings|cookie preferences|privacy settings|privacy policy|terms of use|
    terms of service|terms and conditions|more options|learn more|save preferences|
    save and exit|customise|customize|customize settings|necessary cookies only|only necessary|
    skip to content|skip to main content|skip to navigation|advertisement|advertising|sponsored|
    sponsored content|menu|search|sign in|log in|login|register|subscribe|subscribe now|sign up|
    print|email|share|share this|share article|share this article|share this story|tweet|
    copy link|link copied|comments|show comments|view comments|load more|back to top|close|
    next article|previous article|listen|listen to this article|loading|click here|
    continue reading|scroll to continue|ad|facebook|twitter|x|whatsapp|telegram|linkedin|reddit|
    pinterest|instagram|youtube|vk|viber|messenger|flipboard|bluesky|threads|mastodon
    """
BUTTON_LABELS = frozenset(b.strip() for b in _BUTTONS.split("|"))
SOCIAL = (
    "facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|instagram|youtube|vk|"
    "viber|messenger|flipboard|bluesky|threads|mastodon|email|e-mail|tiktok|google news"
)
_SOCIAL_LINE = re.compile(
    r"^(?:share|follow|like us|join us)"
    r"(?: us| this(?: article| story| page)?| (?-i:[A-Z][\w-]*)(?: (?-i:[A-Z][\w-]*))?)?"
    rf"\s*(?:on|via|to|at|in)?\s*:?\s*(?:{SOCIAL})\b",
    re.I,
)
_SOCIAL_ONLY = re.compile(rf"^(?:(?:{SOCIAL}|share|print|copy link)\W*){{2,}}$", re.I)
_SOCIAL_PLAIN = re.compile(
    r"^(?:follow us(?:\s+on\b.*|\s*:.*)?|share (?:this|the) (?:article|story|page|post))\W*$", re.I
)

# -- related / recommended / navigation --------------------------------------

_RELATED = (
    r"(?:related(?: articles?| stories| posts| news| content| coverage| reading| topics| links)?"
    r"|read more|read also|also read|read next|see also|more on this(?: story| topic)?"
    r"|more stories|more news|more from [\w .'’-]{1,40}|most (?:popular|read|viewed|shared|commented)"
    r"|recommended(?: for you| stories| articles| reading)?|trending(?: now| stories)?"
    r"|popular(?: now| stories| articles)?|top stories|latest (?:news|stories|articles|headlines)"
    r"|you (?:may|might) also (?:like|be interested in)|editor'?s picks?|what to read next"
    r"|further reading|watch(?: more| now)?)"
)
_RELATED_WHOLE = re.compile(rf"^\W*{_RELATED}\W*$", re.I)
_RELATED_LEAD = re.compile(rf"^\W*{_RELATED}\s*[:|»›]\s*\S", re.I)

SECTION_WORDS = frozenset(
    words(
        "news world politics business economy sport sports opinion culture tech technology science "
        "health video videos europe asia africa americas local entertainment lifestyle insight "
        "analysis features travel markets environment climate society war investigations "
        "interview interviews commentary explainer"
    )
)
# Kicker and section labels printed above a headline.
KICKER = re.compile(
    r"^(?:breaking(?: news)?|live(?: updates| blog)?|exclusive|analysis|explainer|fact[- ]check|"
    r"interview|feature|special report|in depth|in pictures|news)\W*$",
    re.I,
)
_CRUMB_SPLIT = re.compile(r"\s*[›»>]\s*")
_PIPE_SPLIT = re.compile(r"\s+[|/]\s+")


def is_breadcrumb(s: str) -> bool:
    """Navigation trails: "Home > World > …", "HomeSectionHeadline…", "News | World | Sport"."""
    if len(s) > 250:
        return False
    if re.match(r"^Home[A-Z][a-z]+[A-Z]", s):
        return True
    if re.match(r"^(?:home|homepage|main page)\s*(?:>|»|›|/|\||::)\s*\S", s, re.I):
        return True
    for parts in (_CRUMB_SPLIT.split(s), _PIPE_SPLIT.split(s)):
        if len(parts) >= 3 and all(
            p and p[0].isupper() and len(p.split()) <= 6 and not p.endswith(".") for p in parts
        ):
            return True
    tokens = s.split()
    return (
        bool(tokens)
        and tokens[0].lower() == "home"
        and 3 <= len(tokens) <= 15
        and all(t[0].isupper() for t in tokens)
        and any(t.lower() in SECTION_WORDS for t in tokens[1:])
        and not re.search(r"[.,;:!?]", s)
    )


# -- prompts: newsletters, submissions, obfuscated e-mail ---------------------

_NEWSLETTER = re.compile(
    r"\bnewsletters?\b.{0,120}\b(?:sign up|subscribe|inbox|delivered|register)\b"
    r"|\b(?:sign up|subscribe)\b.{0,80}\bnewsletters?\b"
    r"|\bsubscribe to (?:our|the) (?:newsletter|channel|podcast|feed|mailing list|updates|daily|weekly)\b"
    r"|\bget (?:the|our) [\w\s]{0,40}(?:in|to|delivered to) your inbox"
    r"|\bsupport (?:our|independent) journalism\b"
    r"|^(?:already a (?:subscriber|member)|subscribe (?:now|today|here)|sign up (?:now|today|here|for free)"
    r"|become a (?:member|subscriber|patron))\b[^,]{0,80}$",
    re.I,
)
# a programme's own promotion at the foot of an interview or a podcast page
_PROMO = re.compile(
    r"^(?:listen|watch)(?: again| back| live| now)?(?: to (?:the|this|our) (?:full )?"
    r"(?:interview|programme|program|episode|show|podcast|broadcast))?\b.{0,80}"
    r"(?:\bat\s+\S+\.[a-z]{2,}\S*|\bon (?:our|the) (?:website|app)|\bwherever you get)"
    r"|\bwherever you get your podcasts\b"
    r"|^(?:[\w'’.&-]+\s+){1,4}(?:broadcasts?|airs|is broadcast|is on air|goes out)\b.{0,80}"
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\d{2,3}(?:[.,]\d)?\s*(?:FM|MHz|AM))(?!\w)",
    re.I,
)
_SUBMIT = re.compile(
    r"^(?:please\s+)?(?:send|submit|email|e-mail|share) (?:us )?(?:your|a|any)\b"
    r"|^have (?:a|any) (?:news )?tips?\b|^contact us\b|^got a (?:story|tip)\b",
    re.I,
)
_CONTACT = re.compile(
    r"@|\[email|protected\]|\be-?mail\b|\bwhatsapp\b|\btelegram\b|\bsignal\b", re.I
)
_OBFUSCATED_EMAIL = re.compile(r"\[email[\s\xa0]*protected\]", re.I)

# -- photo captions and credits ----------------------------------------------

AGENCIES = (
    r"AFP|AP|Reuters|EPA|EPA-EFE|Getty Images|Getty|Shutterstock|Xinhua|TASS|Sputnik|Anadolu|"
    r"ANP|dpa|picture alliance|picture-alliance|Imago|IMAGO|Alamy|UPI|KCNA|Yonhap|PA|SIPA|"
    r"NurPhoto|ZUMA|ZUMA Press|Wikimedia Commons|iStock|Pool|Bloomberg"
)
_BOLD_CREDIT_END = re.compile(r"\*\*\s*[A-Z0-9][A-Z0-9 /.,&'’()-]{1,60}\s*\*\*\s*$")
_SLASH_CREDIT_END = re.compile(
    rf"(?:\s|^)\S*\s?/\s?(?:[A-Z][A-Z0-9.&'’-]+(?: [A-Z][A-Z0-9.&'’-]+)*|(?:{AGENCIES}))\)?\s*$"
)
_CREDIT_LEAD = re.compile(
    r"^(?i:photo|photos|photograph|image|images|picture|pictures|illustration|graphic|video|"
    r"footage|cover photo|main photo|top photo|photo credit|image credit|credit|credits)"
    r"\s*(?i:credit)?\s*(?::|/|©|(?i:by)\s+(?=[A-Z]))\s*\S"
)
_CREDIT_END = re.compile(
    r"\b(?:photo|image|picture|photograph)(?: credit)?\s*:\s*[^.:]{2,60}$"
    r"|\((?:[A-Za-z .]+ )?photo\s*/[^)]{1,80}\)\s*\.?$"
    r"|\b(?:getty images|shutterstock|alamy|istock(?:photo)?|ap photo|afp photo|epa-efe"
    r"|imago images|picture[- ]alliance|wikimedia commons)(?:\s*/\s*[\w .'’-]{1,40})?\)?\.?$",
    re.I,
)
_CREDIT_ONLY = re.compile(rf"^\(?(?:{AGENCIES})(?:\s*(?:/|via)\s*[\w .&-]{{1,40}})?\)?\.?$", re.I)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b", re.I
)

# -- labels, disclaimers, credits inside the text -------------------------------

OPINION_LABEL = re.compile(
    r"^(?:opinion|op-?ed|comment|commentary|editorial|column|guest (?:column|essay|opinion)|"
    r"viewpoint|analysis)"
    r"\s*[:|]?$",
    re.I,
)
OPINION_PREFIX = re.compile(r"^(?:opinion|op-?ed|commentary)\s*[:|]\s*(?=\S)", re.I)
# Only together with one of these words is a "views do not reflect" line a disclaimer.
DISCLAIMER_WORD = re.compile(
    r"\b(?:necessarily|expressed|authors?|writers?|contributors?|columnists?|own)\b", re.I
)
VIEWS_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\b.{0,120}?\b(?:do not|don't|does not|doesn't)\s+(?:necessarily\s+)?"
    r"(?:reflect|represent)\b|\b(?:views|opinions) expressed\b.{0,80}\bare (?:solely |entirely )?"
    r"(?:those|the views) of the (?:authors?|writers?|contributors?)\b|"
    r"\b(?:views|opinions)(?: expressed)? are (?:his|her|their|the author['’]s|the writer['’]s) own\b|"
    r"\bnot necessarily (?:those|the views) of\b",
    re.I,
)
DISCLAIMER_OWNER = re.compile(
    r"\b(?:(?:reflect|represent)\s+(?:the\s+)?(?:(?:editorial\s+)?(?:position|views?|opinions?|policy|"
    r"stance|line))|necessarily\s+(?:those|the\s+views))\s+of\s+(?:the\s+)?(?P<name>[A-Z](?:[^.;*]|\.(?=\w)){1,80}?)\s*(?:['’]s\b.*)?[.*\s]*$"
)
SPECULATION = re.compile(
    r"\b(?:article|piece|text|material|post|story|publication)\s+(?:is|represents|contains|reflects)\s+"
    r"(?:(?:the|an?)\s+)?(?:(?:author|writer)['’]?s\s+)?(?:own\s+|pure\s+|purely\s+|mere\s+)?"
    r"speculat\w*|\bdoes not claim to be (?:true|accurate|factual|reliable|the truth)\b"
    r"|\b(?:author|writer)['’]?s\s+(?:own\s+)?speculation\b",
    re.I,
)
CONTRIBUTED = re.compile(
    r"\bcontributed (?:to )?this (?:article|report|story|piece)\b|\bcontributed reporting\b",
    re.I,
)
SITE_LINE = [
    re.compile(
        r"^(?i:the\s+)?(?i:latest|last)\s+(?i:news)\s+(?i:in)\s+"
        r"(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3})$"
    ),
    re.compile(
        r"^(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3})\s*[|–—-]\s*"
        r"(?i:home(?:page)?|front page|latest news|breaking news)$"
    ),
    re.compile(
        r"^(?i:home(?:page)?)\s*[|–—-]\s*(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3})$"
    ),
]

# Words that end a bracketed note but name an editor, not a publication.
NOTE_SIGNERS = frozenset(
    words("ed eds ed. editor editors editor's note trans transl translator author auth red comment")
)
# Capitalised recipients of "told X" that are not publications.
NOT_OUTLETS = frozenset(
    words(
        """i he she they we you it him her them us me the a an this that his their our
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december parliament congress senate commons
    lords duma bundestag assembly council court committee cabinet police journalists reporters"""
    )
)

# Registered-domain words that help turn "harbourgazette.com" into "Harbour Gazette".
DOMAIN_WORDS = words(
    "times news post herald gazette journal tribune daily mail star express telegraph guardian "
    "observer review today online press report wire insider monitor chronicle standard "
    "independent weekly magazine media world global info live radio network voice mirror courier "
    "sentinel dispatch record register bulletin digest examiner inquirer leader week hub watch "
    "business politics focus truth pravda"
)
TWO_LEVEL_SUFFIXES = frozenset(words("co com org net gov ac edu ne or go"))
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.", "en.", "english.", "eng.", "edition.")


def is_list_heading(line: str) -> bool:
    """A heading over a block of links ("Related articles", "Most popular")."""
    return bool(_RELATED_WHOLE.match(line))


def boilerplate_kind(line: str, raw: str) -> str | None:
    """Why ``line`` (markup removed; ``raw`` as captured) is page furniture, or None."""
    n = len(line)
    if n == 0:
        return None
    low = line.lower()
    if _BOLD_CREDIT_END.search(raw) or (
        n < 400 and not line.endswith(".") and _SLASH_CREDIT_END.search(line)
    ):
        return "caption"
    if n < 2000 and _COOKIE_STRONG.search(line):
        return "consent"
    if n < 1000:
        weak = {m.group(1).lower().rstrip("s") for m in _COOKIE_WEAK.finditer(line)}
        if len(weak) >= 3 and weak & {"cookie", "consent", "consenting"} and _ADDRESS.search(line):
            return "consent"
    if n > 400:
        return None
    key = re.sub(r"^[\W_]+|[\W_]+$", "", low)
    if key in BUTTON_LABELS:
        return "button"
    if _RELATED_WHOLE.match(line) or (n < 300 and _RELATED_LEAD.match(line)):
        return "related"
    if is_breadcrumb(line):
        return "navigation"
    if _SOCIAL_ONLY.match(line) or (
        n < 100 and (_SOCIAL_LINE.match(line) or _SOCIAL_PLAIN.match(line))
    ):
        return "social"
    if n < 300 and _NEWSLETTER.search(line):
        return "newsletter"
    if n < 200 and _PROMO.search(line):
        return "promotion"
    if n < 300 and _SUBMIT.search(line) and _CONTACT.search(line):
        return "submission"
    if n < 200 and _OBFUSCATED_EMAIL.search(line):
        return "email"
    if _CREDIT_ONLY.match(line) or (n < 150 and _CREDIT_LEAD.match(line)):
        return "credit"
    if n < 300 and _CREDIT_END.search(line):
        return "caption"
    if n < 250 and _COPYRIGHT.search(line):
        return "copyright"
    return None


def outlet_from_url(url: str) -> str | None:
    """A readable publication name from a URL's registered domain."""
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    for pre in HOST_PREFIXES:
        if host.startswith(pre) and host.count(".") >= 2:
            host = host[len(pre) :]
    labels = [lab for lab in host.split(".") if lab]
    if len(labels) < 2 or re.fullmatch(r"[\d.]+", host):
        return host or None
    if len(labels) >= 3 and labels[-2] in TWO_LEVEL_SUFFIXES and len(labels[-1]) == 2:
        reg = labels[-3]
    else:
        reg = labels[-2]
    words: list[str] = []
    for chunk in reg.split("-"):
        words.extend(_split_domain_word(chunk))
    out = [
        w.upper() if len(w) <= 3 and w not in {"the", "new", "day", "sun"} else w.capitalize()
        for w in words
        if w
    ]
    return " ".join(out) or host


def _split_domain_word(chunk: str) -> list[str]:
    """ "theharbourherald" -> ["the", "harbour", "herald"]: a leading "the", one known last word."""
    if chunk.startswith("the") and len(chunk) > 6:
        return ["the", *_split_domain_word(chunk[3:])]
    for w in DOMAIN_WORDS:
        if chunk.endswith(w) and len(chunk) - len(w) >= 2:
            return [chunk[: -len(w)], w]
    return [chunk]
