"""General word lists for attribution and modality.

Only general knowledge lives here: reporting verbs, hedges, denial cues,
titles and role nouns, pronouns.  Nothing is specific to one story.
"""

from __future__ import annotations

# Lemmas of verbs that report speech or a stated belief.
REPORTING_VERBS = frozenset(
    """
    say tell add claim believe argue warn admit announce predict estimate insist deny
    stress conclude doubt cite note explain emphasize emphasise state report confirm
    suggest accuse assert allege acknowledge write reply respond indicate mention
    observe reveal testify urge caution contend maintain recall describe think expect
    fear consider reckon assess comment declare disclose caution complain concede
    point underline underscore highlight reiterate repeat announce affirm assure
    speculate forecast project calculate put dismiss reject refute dispute
    counter retort remark recount propose predict vow pledge promise threaten
    proclaim realise realize recognise recognize attribute blame speak
    tweet post told answer inform brief boast testify attest
    """.split()
)
# Verbs that report only when followed by a clause or quote (not "added a lane").
WEAK_REPORTING = frozenset({"add", "note", "point", "put", "post", "project", "answer", "write", "cite", "comment", "speak", "attribute"})
# Verbs whose subject is often evidence rather than a speaker ("the footage shows").
EVIDENTIAL_VERBS = frozenset({"indicate", "suggest", "show", "confirm", "reveal", "mean", "point", "prove"})

# Reporting verbs whose object is the addressee: "X told DW that ..."
ADDRESSEE_VERBS = frozenset({"tell", "inform", "brief", "assure", "warn", "remind", "answer"})

# Passive and impersonal reports: "were said to", "it is believed that".
PASSIVE_REPORTING = frozenset(
    """say report believe think estimate expect allege understand suspect know claim
    rumour rumor put confirm consider fear"""
    .split()
)

# Nouns that name a report rather than a person: "according to a report by X".
REPORT_NOUNS = frozenset(
    """report reports statement statements assessment assessments findings finding
    study survey estimate estimates data analysis document documents media press
    account accounts sources source briefing footage reporting
    publication publications coverage news article interview memo letter dossier cable
    filing leaflet""".split()
)
# Vague sources, kept as speaker_text when no named source is given.
VAGUE_SOURCES = frozenset(
    """reports media press sources officials observers analysts experts witnesses
    rumours rumors publications""".split()
)

HEDGE_WORDS = frozenset(
    """may might could likely unlikely probably possibly perhaps reportedly allegedly
    apparently seemingly presumably supposedly suspected alleged purported purportedly
    appear appears appeared seem seems seemed possible potential potentially
    would""".split()
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
    """mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister
    general gen lt colonel col major maj captain capt admiral adm sergeant sgt commander
    comrade chancellor secretary senator sen rep representative governor gov mayor judge
    justice ambassador king queen prince princess sheikh pope rev reverend father bishop
    marshal chief deputy defense defence foreign interior state spokesperson spokesman
    spokeswoman leader head director chairman chairwoman chair envoy""".split()
)

# Role nouns that refer back to a person already named: "the expert doubts".
ROLE_NOUNS = frozenset(
    """expert analyst professor researcher scientist chemist engineer official minister
    spokesperson spokesman spokeswoman president general commander lawyer economist
    historian journalist reporter correspondent author writer officer diplomat ambassador
    source witness resident activist politician lawmaker senator chancellor leader
    director chief head fellow scholar academic specialist adviser advisor consultant
    doctor physician mayor governor secretary minister envoy observer
    manager executive ceo chairman chairwoman founder owner inspector investigator
    prosecutor judge official representative""".split()
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
    """company firm group operator manufacturer union hospital inspectorate ministry agency
    police council municipality newspaper paper alliance government department service office
    authority authorities embassy army military court committee party commission bank
    university institute school club team regulator watchdog board corporation""".split()
)
COMPANY_NOUNS = frozenset({"company", "firm", "group", "operator", "manufacturer", "corporation"})
# People speaking for a body: "a company spokeswoman", "union officials".
PROXY_NOUNS = frozenset(
    """spokesperson spokesman spokeswoman official officials representative representatives
    source sources statement""".split()
)
