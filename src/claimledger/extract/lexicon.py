"""General word lists for attribution and modality.

Only general knowledge lives here: reporting verbs, hedges, denial cues,
titles and role nouns, pronouns.  Nothing is specific to one story.
"""

from __future__ import annotations

# Lemmas of verbs that report speech or a stated belief.
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "claim",
        "believe",
        "argue",
        "warn",
        "admit",
        "announce",
        "predict",
        "estimate",
        "insist",
        "deny",
        "stress",
        "conclude",
        "doubt",
        "cite",
        "note",
        "explain",
        "emphasize",
        "emphasise",
        "state",
        "report",
        "confirm",
        "suggest",
        "accuse",
        "assert",
        "allege",
        "acknowledge",
        "write",
        "reply",
        "respond",
        "indicate",
        "mention",
        "observe",
        "reveal",
        "testify",
        "urge",
        "caution",
        "contend",
        "maintain",
        "recall",
        "describe",
        "think",
        "expect",
        "fear",
        "consider",
        "reckon",
        "assess",
        "comment",
        "declare",
        "disclose",
        "caution",
        "complain",
        "concede",
        "point",
        "underline",
        "underscore",
        "highlight",
        "reiterate",
        "repeat",
        "announce",
        "affirm",
        "assure",
        "speculate",
        "forecast",
        "project",
        "calculate",
        "put",
        "dismiss",
        "reject",
        "refute",
        "dispute",
        "counter",
        "retort",
        "remark",
        "recount",
        "propose",
        "predict",
        "vow",
        "demand",
        "pledge",
        "promise",
        "threaten",
        "proclaim",
        "realise",
        "realize",
        "recognise",
        "recognize",
        "attribute",
        "blame",
        "suspect",
        "speak",
        "tweet",
        "post",
        "told",
        "answer",
        "inform",
        "brief",
        "boast",
        "testify",
        "attest",
    ]
)
# Verbs that report only when followed by a clause or quote (not "added a lane").
WEAK_REPORTING = frozenset(
    {
        "add",
        "note",
        "point",
        "put",
        "post",
        "project",
        "answer",
        "write",
        "cite",
        "comment",
        "speak",
        "attribute",
    }
)
# Verbs whose subject is often evidence rather than a speaker ("the footage shows").
EVIDENTIAL_VERBS = frozenset(
    {"indicate", "suggest", "show", "confirm", "reveal", "mean", "point", "prove"}
)

# Reporting verbs whose object is the addressee: "X told DW that ..."
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "warn", "remind", "answer"})

# Passive and impersonal reports: "were said to", "it is believed that".
PASSIVE_REPORTING = frozenset(
    [
        "say",
        "report",
        "believe",
        "think",
        "estimate",
        "expect",
        "allege",
        "understand",
        "suspect",
        "know",
        "claim",
        "rumour",
        "rumor",
        "put",
        "confirm",
        "consider",
        "fear",
    ]
)

# Nouns that name a report rather than a person: "according to a report by X".
REPORT_NOUNS = frozenset(
    [
        "report",
        "reports",
        "statement",
        "statements",
        "assessment",
        "assessments",
        "findings",
        "finding",
        "study",
        "survey",
        "estimate",
        "estimates",
        "data",
        "analysis",
        "document",
        "documents",
        "media",
        "press",
        "account",
        "accounts",
        "sources",
        "source",
        "briefing",
        "footage",
        "reporting",
        "publication",
        "publications",
        "coverage",
        "news",
        "article",
        "interview",
        "memo",
        "letter",
        "dossier",
        "cable",
        "filing",
        "leaflet",
        # records that "show" or "indicate" something: evidence, cited as a source
        "record",
        "records",
        "papers",
        "filings",
        "logs",
        "minutes",
        "invoices",
        "receipts",
        "emails",
        "statistics",
    ]
)
# Vague sources, kept as speaker_text when no named source is given.
VAGUE_SOURCES = frozenset(
    [
        "reports",
        "media",
        "press",
        "sources",
        "officials",
        "observers",
        "analysts",
        "experts",
        "witnesses",
        "rumours",
        "rumors",
        "publications",
    ]
)

HEDGE_WORDS = frozenset(
    [
        "may",
        "might",
        "could",
        "likely",
        "unlikely",
        "probably",
        "possibly",
        "perhaps",
        "reportedly",
        "allegedly",
        "apparently",
        "seemingly",
        "presumably",
        "supposedly",
        "suspected",
        "alleged",
        "purported",
        "purportedly",
        "appear",
        "appears",
        "appeared",
        "seem",
        "seems",
        "seemed",
        "possible",
        "potential",
        "potentially",
        "would",
    ]
)
HEDGE_PHRASES = (
    "appear to", "appears to", "appeared to", "seem to", "seems to", "it is possible",
    "is thought to", "are thought to", "were said to", "was said to", "is said to",
    "are said to", "is believed to", "are believed to", "not clear", "remains to be seen",
    "it is likely", "is expected to", "are expected to",
)  # fmt: skip
SPECULATIVE_PHRASES = (
    "if ", "could be", "would be", "might be", "in the future", "sooner or later",
    "what if", "scenario", "speculation", "hypothetically", "it is conceivable",
)  # fmt: skip
DENIAL_PHRASES = (
    "does not confirm", "do not confirm", "did not confirm", "not officially confirm",
    "have not confirmed", "has not confirmed", "have yet to confirm", "has yet to confirm",
    "yet officially confirmed", "not yet confirmed", "no evidence", "denied", "denies", "deny",
    "rejected", "rejects", "dismissed", "dismisses", "refuted", "refutes", "false", "fake",
    "forgery", "not true", "untrue", "baseless", "unfounded", "no confirmed", "no proof",
    "did not stand up", "does not stand up", "is not what", "not what we",
)  # fmt: skip
NEGATION_WORDS = frozenset({"not", "no", "never", "neither", "nor", "n't", "without", "none"})

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his", "hers"})
PRONOUNS_PLURAL = frozenset({"they", "them", "their"})
PRONOUNS_FIRST = frozenset({"i", "we", "me", "my", "our", "us"})

# Titles and honorifics stripped when matching names.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "vice",
        "prime",
        "minister",
        "general",
        "gen",
        "lt",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "admiral",
        "adm",
        "sergeant",
        "sgt",
        "commander",
        "comrade",
        "chancellor",
        "secretary",
        "senator",
        "sen",
        "rep",
        "representative",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "ambassador",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "pope",
        "rev",
        "reverend",
        "father",
        "bishop",
        "marshal",
        "chief",
        "deputy",
        "defense",
        "defence",
        "foreign",
        "interior",
        "state",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "leader",
        "head",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "envoy",
    ]
)

# Role nouns that refer back to a person already named: "the expert doubts".
ROLE_NOUNS = frozenset(
    [
        # military and ship ranks: "the admiral said" after "Rear Admiral X"
        "admiral",
        "colonel",
        "captain",
        "lieutenant",
        "sergeant",
        "commodore",
        "marshal",
        "brigadier",
        "skipper",
        "expert",
        "analyst",
        "professor",
        "researcher",
        "scientist",
        "chemist",
        "engineer",
        "official",
        "minister",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "general",
        "commander",
        "lawyer",
        "economist",
        "historian",
        "journalist",
        "reporter",
        "correspondent",
        "author",
        "writer",
        "officer",
        "diplomat",
        "ambassador",
        "source",
        "witness",
        "resident",
        "activist",
        "politician",
        "lawmaker",
        "senator",
        "chancellor",
        "leader",
        "director",
        "chief",
        "head",
        "fellow",
        "scholar",
        "academic",
        "specialist",
        "adviser",
        "advisor",
        "consultant",
        "doctor",
        "physician",
        "mayor",
        "governor",
        "secretary",
        "minister",
        "envoy",
        "observer",
        "manager",
        "executive",
        "ceo",
        "chairman",
        "chairwoman",
        "founder",
        "owner",
        "inspector",
        "investigator",
        "prosecutor",
        "judge",
        "official",
        "representative",
    ]
)

# Words that mark a question as rhetorical or an interview prompt.
INTERVIEW_CUES = (
    "interview", "spoke to", "speaks to", "talked to", "exclusively to", "in conversation with",
    "q&a", "asked", "told",
)  # fmt: skip

SPECULATION_DISCLAIMER = (
    "author's speculation", "authors speculation", "is speculation", "is speculative",
    "does not claim to be true", "do not claim to be true", "for entertainment",
    "should not be taken as fact",
)  # fmt: skip
OPINION_MARKERS = (
    "opinion pieces", "views expressed", "do not necessarily reflect", "does not necessarily reflect",
    "op-ed", "commentary", "opinion:", "the author's own",
)  # fmt: skip
ANONYMOUS_MARKERS = (
    "anonymous", "anonymity", "unnamed", "on condition of", "who asked not to be named",
    "who declined to be named", "sources said", "a source", "sources familiar",
    "people familiar", "not authorised to speak", "not authorized to speak",
)  # fmt: skip

# Organisation-type nouns: "the company said" refers back to a named body.
ORG_NOUNS = frozenset(
    [
        "company",
        "firm",
        "group",
        "operator",
        "manufacturer",
        "union",
        "hospital",
        "inspectorate",
        "ministry",
        "agency",
        "police",
        "council",
        "municipality",
        "newspaper",
        "paper",
        "alliance",
        "government",
        "department",
        "service",
        "office",
        "authority",
        "authorities",
        "embassy",
        "army",
        "military",
        "court",
        "committee",
        "party",
        "commission",
        "bank",
        "university",
        "institute",
        "school",
        "club",
        "team",
        "regulator",
        "watchdog",
        "board",
        "corporation",
        "network",
        "utility",
        "provider",
        "carrier",
        "airline",
        "insurer",
        "lender",
        "retailer",
        "supplier",
        "chain",
    ]
)
COMPANY_NOUNS = frozenset({
    "company", "firm", "group", "operator", "manufacturer", "corporation", "network", "utility",
    "provider", "carrier", "airline", "insurer", "lender", "retailer", "supplier", "chain",
})  # fmt: skip
# words that make a name a public body, which "the company" or "the network" never is
PUBLIC_BODY_WORDS = frozenset({
    "ministry", "police", "government", "council", "municipality", "agency", "department",
    "authority", "authorities", "commission", "court", "army", "military", "embassy", "union",
    "party", "committee", "newspaper", "parliament", "inspectorate", "office", "service",
    "university", "institute", "college", "school", "academy", "foundation", "society",
    "association", "alliance", "board", "regulator",
})  # fmt: skip
# People speaking for a body: "a company spokeswoman", "union officials".
PROXY_NOUNS = frozenset(
    [
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "official",
        "officials",
        "representative",
        "representatives",
        "source",
        "sources",
        "statement",
    ]
)

# last words that make a name a business, which "the company" refers back to
COMPANY_BODY_WORDS = frozenset({
    "water", "energy", "power", "gas", "oil", "group", "holdings", "ltd", "limited", "inc",
    "plc", "gmbh", "corp", "corporation", "company", "bank", "airlines", "airways",
    "railways", "rail", "laboratories", "labs", "systems", "industries", "partners",
    "maritime", "shipping", "logistics", "freight", "mining", "motors", "pharma",
    "pharmaceuticals", "chemicals", "foods", "technologies", "resources", "petroleum",
    "construction", "engineering", "telecom", "ventures",
})  # fmt: skip
# ... and, with public and other bodies, those that make a name a body whatever the tagger said
BODY_WORDS = COMPANY_BODY_WORDS | frozenset({
    "institute", "university", "college", "hospital", "clinic", "council", "agency", "ministry",
    "service", "services", "authority", "commission", "association", "union", "alliance",
    "foundation", "trust", "party", "police", "army", "news", "society", "committee",
})  # fmt: skip

# function words and the commonest verbs of reporting and time: what every article of any
# story uses, so they say nothing about which story or question a text is about
STOP_WORDS = frozenset(
    """a about above after again against all also although am among an and another any are
    around as at be because been before being below between both but by can could did do
    does doing down during each either else even ever every few first for from further had
    has have having he her here hers herself him himself his how however i if in into is it
    its itself just last least less like made make many may me might more most much must my
    myself never new no nor not now of off often on once one only or other others our ours
    ourselves out over own per perhaps rather said same say says she should since so some
    such than that the their theirs them themselves then there these they this those though
    through to told too under until up upon us very was we were what when where whether which
    while who whom whose why will with within without would yet you your yours yourself
    according added adds asked called going know known later like look looked near next
    people part put saying seen show showed shown still take taken tell think thought time
    times took two three four five week weeks year years day days month months today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    mr mrs ms dr""".split()  # noqa: SIM905 - a word list reads best as words
)
