"""Vocabulary of the quantity extractor: counted nouns, units and currencies.

Split out of :mod:`claimledger.extract.quantities` so that the word lists, and
the code that reads and normalises the unit written after a figure, live apart
from the scanning and the qualifier logic.  It holds the ``\\h`` regex helper
and character classes the quantity modules share; the counted-noun, time-unit,
currency and measure tables; the patterns built from them; and the helpers that
normalise them: ``_unit_after`` finds the counted noun after a figure,
``_code_for`` and ``_currency_word`` turn currency codes and words into ISO
codes.  The underscore names are internal to the quantity extractor: only
``quantities.py`` and ``quantity_qualifiers.py`` import them.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------
# Character classes
# --------------------------------------------------------------------------

_H = r"[^\S\n]"  # horizontal white space (also no-break, thin and narrow spaces)


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile a pattern in which ``\\h`` stands for one horizontal space character."""
    return re.compile(pattern.replace("\\h", _H), flags)


_JOIN = "-\u2010\u2011"  # hyphens that join a word to a number ("Su-27", "155-mm")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # range dashes
_APOS = "'\u2019\u2018\u02bc"

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Counted nouns: people first, then things a news figure counts.
PEOPLE_NOUNS = _words(
    """
    soldiers soldier troops troop servicemen serviceman servicemembers servicewomen
    personnel fighters fighter militants militant combatants combatant workers worker
    men man women woman children child kids boys girls babies infants people persons
    person civilians civilian residents resident refugees refugee volunteers volunteer
    officers officer casualties casualty deaths death dead injured wounded killed
    missing prisoners prisoner detainees detainee hostages hostage migrants migrant
    evacuees displaced protesters protestors demonstrators voters voter citizens
    citizen inhabitants victims victim patients patient doctors nurses journalists
    journalist reporters students pupils teachers employees employee staff members
    member mercenaries mercenary conscripts conscript recruits recruit reservists
    police policemen guards sailors marines pilots commanders generals diplomats
    delegates lawmakers legislators senators deputies ministers officials official
    experts scientists engineers specialists advisers advisors instructors
    survivors survivor defectors defector deserters pows pensioners veterans families
    households fans spectators participants passengers crew crews crewmen tourists
    visitors users subscribers customers applicants asylum-seekers seekers medics
    paramedics rescuers firefighters miners farmers settlers colonists snipers
    """
)
THING_NOUNS = _words(
    """
    tanks tank vehicles vehicle drones drone missiles missile rockets rocket shells
    shell rounds munitions bombs bomb grenades aircraft jets jet planes plane warplanes
    fighters helicopters helicopter ships ship vessels vessel boats submarines guns
    howitzers artillery launchers systems weapons rifles warheads mines attacks attack
    strikes strike airstrikes sorties raids villages village towns town cities
    settlements buildings homes houses apartments schools hospitals barrels doses cases
    votes seats jobs countries nations states units brigades battalions divisions
    regiments companies firms banks sanctions incidents shots bullets cartridges
    projectiles interceptors satellites trucks lorries trains cars buses containers
    tonnes tons acres hectares items pieces parcels packages deliveries shipments
    flights refinery refineries plants factories bridges roads checkpoints positions
    trenches bases camps sites targets objects documents pages signatures petitions
    complaints arrests detentions executions sentences lawsuits charges deals
    agreements contracts projects programmes programs loans grants pledges
    """
)
# Time spans, normalised to a plural.
TIME_UNITS: dict[str, str] = {
    "second": "seconds",
    "seconds": "seconds",
    "secs": "seconds",
    "minute": "minutes",
    "minutes": "minutes",
    "mins": "minutes",
    "hour": "hours",
    "hours": "hours",
    "hrs": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
    "yrs": "years",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
    "year-old": "years",
    "years-old": "years",
}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnas": "UAH",
    "hryvnya": "UAH",
    "hryvnyas": "UAH",
    "won": "KRW",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "rupees": "INR",
    "shekel": "ILS",
    "shekels": "ILS",
    "lira": "TRY",
    "liras": "TRY",
    "zloty": "PLN",
    "zlotys": "PLN",
    "rand": "ZAR",
    "naira": "NGN",
    "tenge": "KZT",
    "lari": "GEL",
    "dram": "AMD",
    "drams": "AMD",
    "manat": "AZN",
    "leu": "MDL",
    "lei": "RON",
    "forint": "HUF",
    "forints": "HUF",
    "koruna": "CZK",
    "dinar": "dinar",
    "dinars": "dinar",
    "riyal": "SAR",
    "riyals": "SAR",
    "dirham": "AED",
    "dirhams": "AED",
}
# "Canadian dollars", "North Korean won", "pounds sterling".
_CURRENCY_BY_MODIFIER: dict[tuple[str, str], str] = {
    ("canadian", "USD"): "CAD",
    ("australian", "USD"): "AUD",
    ("hong", "USD"): "HKD",
    ("zealand", "USD"): "NZD",
    ("singapore", "USD"): "SGD",
    ("taiwan", "USD"): "TWD",
    ("taiwanese", "USD"): "TWD",
    ("north", "KRW"): "KPW",
    ("belarusian", "RUB"): "BYN",
    ("swiss", "francs"): "CHF",
    ("egyptian", "GBP"): "EGP",
}
_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₴": "UAH",
    "₩": "KRW",
    "₹": "INR",
    "₪": "ILS",
    "₺": "TRY",
    "₦": "NGN",
}
# Letters glued in front of "$".
_DOLLAR_PREFIX: dict[str, str] = {
    "US": "USD",
    "U.S.": "USD",
    "C": "CAD",
    "CA": "CAD",
    "CAN": "CAD",
    "A": "AUD",
    "AU": "AUD",
    "NZ": "NZD",
    "HK": "HKD",
    "S": "SGD",
    "SG": "SGD",
    "R": "BRL",
    "NT": "TWD",
    "MX": "MXN",
}
ISO_CODES = _words(
    """
    USD EUR GBP RUB UAH KRW KPW CNY RMB JPY INR CHF ILS TRY PLN CAD AUD NZD HKD SGD BRL
    TWD MXN ZAR NGN KZT GEL AMD AZN MDL RON HUF CZK SEK NOK DKK SAR AED IRR BYN
    """
)

# Canonical names for measure units written after a number.
_MEASURE_CANON: list[tuple[str, str | None]] = [
    (r"(?:square|sq\.?)\h+(?:kilomet(?:re|er)s?|km)|km2|km²|sq\.?km", "km2"),
    (r"(?:square|sq\.?)\h+(?:miles?|mi)", "sq miles"),
    (r"(?:square|sq\.?)\h+(?:metres?|meters?|m)|m2|m²", "m2"),
    (r"(?:cubic\h+(?:metres?|meters?)|m3|m³)", "m3"),
    (r"km/h|kph|kmh|kilomet(?:re|er)s\h+(?:per|an)\h+hour", "km/h"),
    (r"mph|miles\h+(?:per|an)\h+hour", "mph"),
    (r"kilomet(?:re|er)s?|kms?", "km"),
    (r"millimet(?:re|er)s?|mm", "mm"),
    (r"centimet(?:re|er)s?|cm", "cm"),
    (r"metres?|meters?|m", "m"),
    (r"miles?|mi", "miles"),
    (r"nautical\h+miles?", "nautical miles"),
    (r"feet|foot|ft", "feet"),
    (r"inch(?:es)?", "inches"),
    (r"kilo(?:gram)?s?|kg", "kg"),
    (r"grams?|g", "g"),
    (r"tonnes?|tons?", "tonnes"),
    (r"hectares?|ha", "hectares"),
    (r"acres?", "acres"),
    (r"lit(?:re|er)s?", "litres"),
    (r"knots?", "knots"),
    (r"megatons?|megatonnes?", "megatons"),
    (r"kilotons?|kilotonnes?", "kilotons"),
    (r"°\h?C|degrees\h+(?:Celsius|centigrade)", "°C"),
    (r"°\h?F|degrees\h+Fahrenheit", "°F"),
    (r"degrees?|°", "degrees"),
    (r"[kMGT]Wh", None),  # kept as written
    (r"[kMGT]W", None),
    (r"bcm", "bcm"),
    (r"h", "hours"),
    (r"calibre|caliber", "mm"),
]
_PERCENT_CANON: list[tuple[str, str]] = [
    (r"percentage\h+points?|pp|ppts?", "percentage points"),
    (r"basis\h+points?|bps|bp", "basis points"),
    (r"%|percent|per\h?cent|pct|pc", "percent"),
]

# Words that end a noun search: function words, verbs and the like.
_STOP = _words(
    """
    a an the of in on at to from by with for as into onto over under than then that
    which who whom whose this these those there here and or but nor so yet if when
    while where after before since until during per each every all both some any no
    not most less least many much few several other others another such same own
    was were is are be been being am has have had having do does did will would shall
    should can could may might must said says say told according reported reportedly
    allegedly who's it its it's he she they we you i me him her them us my your our
    their his hers theirs ours yours mine also only just even still already again
    about around roughly nearly almost approximately up down out off away back across
    between among against toward towards through throughout via within without
    including excluding plus minus times percent per cent last next first second
    third year-on-year dozen dozens scores hundred hundreds thousand thousands million
    millions billion billions half
    """
)
# People nouns that are adjectives after a noun ("people displaced").
_STATES = _words("dead missing displaced injured wounded killed")
# Third-person verbs that look like plurals ("one soldier dies").
_VERB_S = _words(
    """
    dies lives remains claims reports faces seems appears looks means needs wants gets
    makes takes gives sees knows shows stands falls rises tells serves works fights
    continues returns waits stays leaves arrives
    """
)
_ADJ_SUFFIXES = (
    "ed", "al", "ic", "ive", "ous", "ful", "less", "an", "ian", "ese", "ish", "ary",
    "ent", "ant", "ile", "ly", "ing", "ern", "ior", "ist", "ite",
)  # fmt: skip
_ADJECTIVES = _words(
    """
    new old young elite special foreign regular active armed enemy government combat
    battle ground frontline heavy light ballistic cruise main local senior junior
    ethnic total further extra innocent unarmed fresh raw rough full short long big
    small large huge vast own top low high key major minor unmanned kamikaze attack
    air sea land naval army navy police security border assault infantry tank
    artillery rocket missile drone fighter military paramilitary allied other
    additional more killer suicide anti-tank anti-aircraft air-defence air-defense
    defence defense long-range short-range medium-range mid-range surface-to-air
    """
)
_PEOPLE_OR_THING = PEOPLE_NOUNS | THING_NOUNS
_COUNT_NOUNS = _PEOPLE_OR_THING | frozenset(TIME_UNITS)

# --------------------------------------------------------------------------
# Patterns built from the tables
# --------------------------------------------------------------------------

_UNIT_ALTS: list[tuple[str, str | None]] = _PERCENT_CANON + _MEASURE_CANON
_CORE_UNIT_RE = _rx(
    r"(?P<sp>\h?)(?:"
    + "|".join(f"(?P<u{i}>{pat})" for i, (pat, _c) in enumerate(_UNIT_ALTS))
    + r")(?![A-Za-z0-9²³])",
    re.I,
)
_CURRENCY_SUFFIX_RE = _rx(
    r"\h?(?:(?P<sym>[€£$¥₽₴₩₹₪₺₦])|(?P<code>" + "|".join(sorted(ISO_CODES)) + r")\b)"
)
_CURRENCY_CODE_BEFORE_RE = _rx(
    r"(?<![A-Za-z])(?P<code>" + "|".join(sorted(ISO_CODES)) + r"|Rs\.?)\h?$"
)
_DOLLAR_LETTERS_RE = _rx(r"(?<![A-Za-z.])(US|U\.S\.|CAN|CA|C|AU|A|NZ|HK|SG|S|R|NT|MX)$")
# The next word: "U.S.", "North", "long-range", "o'clock"
_WORD_AFTER_RE = _rx(
    r"(?P<sp>\h+)(?P<w>(?:[A-Z]\.){2,}|[^\W\d_][^\W_]*(?:[-\u2010\u2011'\u2019\u2018\u02bc]"
    r"[^\W\d_][^\W_]*)*)(?![0-9])"
)
_CALIBRE_RE = _rx(
    r"\h+[0-9]{2,3}(?:\.[0-9]+)?(?:\h?|[" + _JOIN + r"])(?:mm|millimet(?:re|er)s?"
    r"|calibre|caliber)\b"
)
_STERLING_RE = _rx(r"\h+sterling\b", re.I)


# --------------------------------------------------------------------------
# Reading units and currencies
# --------------------------------------------------------------------------


def _code_for(code: str) -> str:
    code = code.rstrip(".")
    if code == "Rs":
        return "INR"
    if code == "RMB":
        return "CNY"
    return code


def _count_noun_follows(s: str, pos: int) -> bool:
    for _ in range(3):
        w = _WORD_AFTER_RE.match(s, pos)
        if w is None:
            return False
        word = w.group("w").lower()
        if word in _PEOPLE_OR_THING or word == "of":
            return True
        if word in _STOP:
            return False
        pos = w.end()
    return False


def _unit_after(s: str, pos: int, any_noun: bool = False) -> tuple[str | None, int, bool, bool]:
    """The counted noun after a figure, allowing up to three modifiers before it.

    Returns (unit, end of the noun, whether the quantity's text may stretch to
    the noun, whether the noun is a known one).  A calibre between a count and
    its noun ("550,000 155 mm shells") is skipped; the noun is then not adjacent.
    ``any_noun`` accepts any lower-case word as the noun ("a 1,500-strong force").
    """
    adjacent = True
    cal = _CALIBRE_RE.match(s, pos)
    if cal is not None:
        pos = cal.end()
        adjacent = False
    mods: list[str] = []
    seen: list[tuple[str, int]] = []
    p = pos
    for k in range(4):
        w = _WORD_AFTER_RE.match(s, p)
        if w is None:
            break
        word = w.group("w")
        low = word.lower()
        p = w.end()
        if low in CURRENCY_WORDS or low in ("pounds", "pound", "francs", "franc"):
            code = _currency_word(low, mods, s, p)
            if code is not None:
                st = _STERLING_RE.match(s, p)
                if st is not None:
                    p = st.end()
                return code, p, adjacent, True
        if low in _PEOPLE_OR_THING:
            # a noun used as a modifier: "artillery shells", "drone attacks"
            nxt = _WORD_AFTER_RE.match(s, p)
            if nxt is not None:
                nlow = nxt.group("w").lower()
                if (
                    nlow in _PEOPLE_OR_THING and not nlow.endswith("ed") and nlow not in _STATES
                ) or (
                    not low.endswith("s")
                    and nlow.islower()
                    and nlow not in _VERB_S
                    and _plural_like(nlow)
                ):
                    return nlow, nxt.end(), adjacent, True
            return low, p, adjacent, True
        glued = _split_glued(low)  # "soldiersfor": a missing space
        if glued is not None:
            return glued, p - (len(low) - len(glued)), adjacent, True
        if low in TIME_UNITS:
            return TIME_UNITS[low], p, adjacent, True
        if low in _STOP and not _is_acronym(word):
            break
        seen.append((word, p))
        if k < 3 and _is_modifier(word):
            mods.append(low)
            continue
        break
    # Not a known noun: a plural right after the figure or after one modifier.
    for word, endp in seen[:2]:
        low = word.lower()
        if _plural_like(word) or (any_noun and word.isalpha() and word.islower()):
            return low, endp, adjacent, False
        if not _is_modifier(word):
            break
    return None, pos, adjacent, False


def _split_glued(low: str) -> str | None:
    """The counted noun at the start of two words run together ("soldiersfor")."""
    if len(low) < 7:
        return None
    for i in range(4, len(low) - 1):
        if low[:i] in _PEOPLE_OR_THING and low[i:] in _STOP:
            return low[:i]
    return None


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.replace(".", "").isupper()


def _currency_word(low: str, mods: list[str], s: str, p: int) -> str | None:
    if low.startswith("pound"):
        if _STERLING_RE.match(s, p) or "british" in mods or "egyptian" in mods:
            return "EGP" if "egyptian" in mods else "GBP"
        return None
    if low.startswith("franc"):
        return "CHF" if "swiss" in mods else None
    code = CURRENCY_WORDS[low]
    for mod in mods:
        alt = _CURRENCY_BY_MODIFIER.get((mod, code))
        if alt is not None:
            return alt
    return code


def _is_modifier(word: str) -> bool:
    low = word.lower()
    if _is_acronym(word):
        return True  # "US", "U.S.", "NATO"
    if low in _STOP:
        return False
    if word[:1].isupper():
        return True
    if low in _ADJECTIVES or "-" in low:
        return True
    return low.endswith(_ADJ_SUFFIXES) and len(low) > 3


def _plural_like(word: str) -> bool:
    """A lower-case plural noun ("homes"), or a plural demonym ("Ukrainians")."""
    if len(word) < 4 or not word.isalpha():
        return False
    if not word.islower():
        return word[0].isupper() and word[1:].islower() and word.endswith("ans")
    if word in _STOP:
        return False
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ous", "ics"))
