"""Find the figures a news sentence carries: counts, money, percentages, ranges.

Plain rule and regular-expression code, no model: it runs on every sentence of
every article, so it has to be fast, and it never raises (an unexpected error
is logged and gives ``[]``).

``find_quantities(text, start=0, end=None)`` looks only at ``text[start:end]``
and returns :class:`~claimledger.models.Quantity` objects with absolute
offsets; ``q.text == text[q.start:q.end]`` always holds and results never
overlap.  A quantity's text covers the figure together with its qualifier
words ("up to", "between ... and"), its currency sign or scale word, and its
unit noun when the unit follows the figure with at most three modifiers in
between ("12,000 Estavian soldiers").

Decisions, in one place:

* **Qualifiers.**  ``at_least``: over, above, more than, greater than, in
  excess of, at least, upwards of, no fewer/less than, a minimum of, "500 or
  more", "500+", "500-plus".  "More than" is treated as ``at_least`` (strictly
  it is a lower bound that excludes the figure; we do not keep that nuance).
  ``at_most``: at most, no/not more than, fewer/less than, under, below, a
  maximum of, "500 or fewer"; "more than" with a negation shortly before it
  ("did not send more than 500") is ``at_most`` too.  ``up_to``: up to, as
  many/much as.  ``approx``: about, around, approximately, roughly, some,
  nearly, almost, (an) estimated, close to, circa, ~, "500 or so", "500-odd".
* **Ranges** ("between 300 and 500", "300 to 500", "300-500", "from 300 to
  500", "anywhere between 300 to 500", "two or three") give ``value=None``,
  ``low``/``high`` (ordered) and ``qualifier="range"``.  A scale, currency or
  unit written on one end applies to both ("$1-2bn" is 1e9..2e9 USD).
* **Vague magnitudes** ("dozens", "hundreds of", "thousands", "tens of
  thousands", "several hundred", "a few thousand", "scores of") are kept with
  ``value=None`` and ``qualifier="approx"``; ``low`` carries the order of
  magnitude the word names (12 for "dozens", 100 for "hundreds", 10,000 for
  "tens of thousands") as a floor, ``high`` is None.
* **Fractions** ("half of that", "more than half", "a third of", "two-thirds",
  "one in five") are relative figures: ``value`` is the fraction (0.5,
  0.333..., 0.2), ``unit="fraction"``; the qualifier slot works as usual
  ("nearly half" -> approx).  The thing it is a fraction of is not part of it.
  "Half a million" is a plain 500,000.
* **Number words**: "three", "twenty-five", "a hundred", "a thousand", "two
  and a half", "half a million", "a dozen".  A bare "one" (and "a", "an") is
  not a quantity ("one thing is clear"); "one" counts inside a larger number,
  in a range ("one or two") and right before a people noun ("one soldier").
  Number words written with a capital in mid-sentence ("Group of Seven") are
  names and are skipped.
* **Numerals**: "12,000", "12 000" (any space), "2.5", "1.500.000",
  "1,50,000"; a comma before exactly three digits is a thousands separator,
  before one or two digits a decimal comma ("2,5 million" = 2,500,000).
  Signs are not read ("-5" is 5).  Scale words and abbreviations: thousand,
  million, billion, trillion, lakh, crore, bn, mn, mln, tn, and "k" glued to
  the number ("10k").  "m" means million after a currency ("$5m") or glued
  before a counted noun ("1.5m people"); otherwise it is metres ("a 5m wall").
* **Currencies** give ISO codes as the unit: $ -> USD (also US$, C$ -> CAD, A$
  -> AUD, HK$, NZ$, S$, R$ -> BRL, NT$ -> TWD), EUR, GBP, ¥ -> JPY, ₽, ₴, ₩, ₹,
  ₪, ₺, the codes themselves, and the words dollars, euros, rubles/roubles,
  hryvnias, won, yen, yuan, rupees, pounds sterling, shekels, lira, zloty...
  ("Canadian dollars" -> CAD).  "$2,000 (€1850) a month" gives two
  quantities; rate words ("a month") are not part of the unit.
* **Units** are the noun after the figure, lower-cased as written for counted
  things ("soldiers", "troops", "shells", "homes"), normalised for measures
  (km, miles, m, mm, km2, kg, tonnes, percent, percentage points, ...) and
  time spans (seconds ... years, decades; "a 20-day truce" -> "days").  A
  calibre between a count and its noun is its own quantity: "550,000 155 mm
  shells" gives 550,000 "shells" (text "550,000") and 155 "mm".
* **Not quantities**: ordinals ("2nd", "105th", "first"), names with numbers
  ("S-400", "Su-27", "F-16", "M1 Abrams", "Leopard 2", "Article 5", "No. 10",
  "2S19"), years ("2023", "in 2024", "1950-1953", "1945-91", "the 1970s",
  "'90s"), days of the month next to a month name ("June 18, 2024", "18
  June"), times ("17:12", "5 p.m.", "0600 GMT"), phone numbers, numbers in
  URLs and e-mail addresses, numeric dates, footnote markers ("[3]",
  "said.3").  A four-digit number from 1800 to 2100 without separators is a
  year unless it carries a currency, a percent sign or measure, or a known
  counted noun follows ("2000 troops", "$2000").
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from decimal import Decimal

from claimledger.extract.numbers import SCALE_WORDS, parse_digits, parse_number_words
from claimledger.models import Quantity
from claimledger.registry import register

log = logging.getLogger(__name__)

__all__ = ["QuantityExtractor", "find_quantities", "make_quantities"]

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

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Capitalised words after which a number is a label or a model, not a figure.
_LABELS = _words(
    """
    Article Art Resolution Section Sec Chapter Clause Paragraph Para Amendment Rule
    Route Highway Road Street Flight Unit Room Building Block Gate Level Phase Stage
    Page Vol Volume Issue No Nos Number Platform Terminal Track Line Act Title Part
    Annex Protocol Regulation Bill Directive Decree Order Item Exhibit Figure Fig Table
    Model Version Season Episode Round Group Category Class Grade Type Mark Mk Zone
    Sector Camp Base Hill Lot Case File Verse Day Week Formula Windows Apollo Minsk
    Covid COVID Leopard Challenger Patriot Boeing Airbus Tu Su Mig MiG Ka Mi Il An
    Yak Kh Iskander Tochka Shahed Geran Lancet Orlan Tornado Grad Uragan Smerch
    Tor Buk Pantsir Kalibr Zircon Kinzhal Sarmat Bulava Topol Yars Oniks Storm Point
    Hangar Lane Ward District Precinct Region Oblast Lot Pier Dock Berth Bay Exit
    """
)
_LABELS_ANYCASE = _words(
    """
    article art. resolution section sec. chapter clause paragraph para. amendment page
    p. pp. vol. no. nos. route highway flight platform terminal gate phase verse
    """
)
# Capitalised words that may stand before a figure (weekdays, sentence openers).
_CAP_OK = _words(
    """
    monday tuesday wednesday thursday friday saturday sunday the these those all
    another only just some about around roughly approximately nearly almost over
    under below above between from to and or with of in on at by for since until
    up more less fewer at least estimated an a some around circa its their his her
    our your my killing killed wounding injuring leaving including among
    """
)

# --------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------

_DIGITS_RE = _rx(
    r"(?<![0-9])(?:"
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?![0-9])"
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
    r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f\u2007][0-9]{3}(?![0-9])(?!\h?(?:mm|millimet)|[-\u2010\u2011]mm))+(?:\.[0-9]+)?(?![0-9])"
    r"|[0-9]{1,3},[0-9]{1,2}(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?"
    r")"
)

_NUM_WORDS = sorted(
    _words(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
        seventy eighty ninety hundred thousand million billion trillion dozen"""
    ),
    key=lambda w: (-len(w), w),
)
_NW = "(?:" + "|".join(_NUM_WORDS) + ")"
_WORDS_RE = _rx(
    r"(?i)\b(?=[zotfsenhmbda])(?:(?:an?|half\h+an?)\h+(?:hundred|thousand|million|billion"
    r"|trillion|dozen)|" + _NW + r")\b"
    r"(?:(?:\h+|[-\u2010\u2011])(?:(?:and\h+(?:a\h+half|" + _NW + r"))"
    r"|" + _NW + r")\b)*"
)
_WORD_TOKEN_RE = _rx(r"[A-Za-z]+")

_VAGUE_RE = _rx(
    r"(?i)\b(?=[thsdam])(?:"
    r"(?P<pre>tens|hundreds)\h+of\h+(?P<base1>thousands|millions|billions)"
    r"|(?P<scores>scores)(?=\h+of\b)"
    r"|(?P<sev>several|a\h+few|a\h+couple(?:\h+of)?|many|a\h+handful\h+of)\h+(?P<sc1>dozen|hundred|thousand|million|billion)"
    r"(?:\h+(?P<sc2>thousand|million|billion))?(?!s)"
    r"|(?P<base2>dozens|hundreds|thousands|millions|billions|trillions)"
    r")\b"
)
_VAGUE_LOW = {
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "hundreds": 100,
    "hundred": 100,
    "thousands": 10**3,
    "thousand": 10**3,
    "millions": 10**6,
    "million": 10**6,
    "billions": 10**9,
    "billion": 10**9,
    "trillions": 10**12,
    "tens": 10,
}

_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twenty": 20,
    "hundred": 100,
}
_DENOMS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
_SMALLW = "(?:a|an|one|two|three|four|five|six|seven|eight|nine)"
_DENW = "(?:thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)"
_INW = "(?:one|two|three|four|five|six|seven|eight|nine|ten|[0-9]{1,2})"
_INDEN = "(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|[0-9]{1,3})"
_FRACTION_RE = _rx(
    r"(?i)\b(?=[hatfsenoHATFSENO0-9])(?:"
    r"(?P<half>half)"
    r"|(?P<num>" + _SMALLW + r")(?:\h+|[-\u2010\u2011])(?P<den>" + _DENW + r")"
    r"|(?P<n2>" + _INW + r")\h+(?:in|out\h+of)\h+(?:every\h+)?(?P<d2>" + _INDEN + r")"
    r")\b"
)
_HALF_NEXT_RE = _rx(
    r"\h+(?:of|the|their|its|his|her|our|your|all|them|those|these|that|this)\b", re.I
)
_HALF_PREV_BAD_RE = _rx(
    r"(?i)\b(?:first|second|other|the|a|an|and|latter|former|last|next|top|bottom|"
    r"upper|lower|back|front|one|second-half|first-half)\h*$"
)

# Things that hide numbers: URLs, e-mail, phone numbers, numeric dates, footnotes.
# Each is only run when a cheap test says it may match.
_URL_RE = _rx(r"(?:https?://|ftp://|www\.)[^\s<>\"']+")
_EMAIL_RE = _rx(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PLUS_PHONE_RE = _rx(r"\+[0-9]{1,3}(?:[ .\-]?\(?[0-9]{1,4}\)?){2,5}(?![0-9])")
_PAREN_RE = _rx(r"\(0?[0-9]{2,4}\)[ .\-]?[0-9]{3,4}[ .\-]?[0-9]{3,4}(?![0-9])|\([0-9]{1,2}\)")
_FOOTNOTE_RE = _rx(r"\[[0-9]{1,3}\]")
_DIGIT_MASK_RE = _rx(
    r"(?<![0-9])(?=[0-9])(?:"
    r"[0-9]{3}[.\-][0-9]{3}[.\-][0-9]{4}"  # 555-123-4567
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"  # 2024-06-18
    r"|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}"  # 18/06/2024
    r")(?![0-9])"
)


def _masks(s: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _DIGIT_MASK_RE.finditer(s)]
    if "://" in s or "www." in s:
        spans.extend((m.start(), m.end()) for m in _URL_RE.finditer(s))
    if "@" in s:
        spans.extend((m.start(), m.end()) for m in _EMAIL_RE.finditer(s))
    if "+" in s:
        spans.extend((m.start(), m.end()) for m in _PLUS_PHONE_RE.finditer(s))
    if "(" in s:
        spans.extend((m.start(), m.end()) for m in _PAREN_RE.finditer(s))
    if "[" in s:
        spans.extend((m.start(), m.end()) for m in _FOOTNOTE_RE.finditer(s))
    spans.sort()
    # merge overlaps so that one bisect answers "is this inside a mask?"
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


_GLUED_RE = _rx(r"[A-Za-z][A-Za-z0-9]*")
_GLUED_SCALES = {"k", "K", "m", "mn", "mln", "bn", "b", "bln", "tn", "trn", "M", "B", "Bn"}
_GLUED_SKIP = {"st", "nd", "rd", "th", "s", "am", "pm", "AM", "PM", "x", "X", "G"}

_SCALE_RE = _rx(
    r"\h*(?P<w>hundred|thousand|million|billion|trillion|lakhs?|crores?|bn|mn|mln|bln|tn"
    r"|trn|m|k)\b(?![" + _JOIN + r"](?:[a-z]))",
    re.I,
)
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
_COMPOUND_RE = _rx(
    r"[" + _JOIN + r"](?P<w>[A-Za-z]+)(?:[" + _JOIN + r"](?P<w2>[A-Za-z]+))?(?![A-Za-z0-9])"
)
_TIME_AFTER_RE = _rx(
    r"\h*(?:a\.m\.?|p\.m\.?|am\b|pm\b|GMT\b|UTC\b|BST\b|CET\b|CEST\b|EET\b|EEST\b|EST\b|"
    r"EDT\b|PST\b|PDT\b|MSK\b|Zulu\b|local\h+time|o['\u2019]clock)",
    re.I,
)
_MONTH_AFTER_RE = _rx(r"\h+(?:of\h+)?" + _MONTH + r"(?![A-Za-z])")
_MONTH_BEFORE_RE = _rx(r"(?<![A-Za-z])" + _MONTH + r"\h+(?:the\h+)?$|(?<![A-Za-z])" + _MONTH + r"$")
# The next word: "U.S.", "North", "long-range", "o'clock"
_WORD_AFTER_RE = _rx(
    r"(?P<sp>\h+)(?P<w>(?:[A-Z]\.){2,}|[^\W\d_][^\W_]*(?:[-\u2010\u2011'\u2019\u2018\u02bc]"
    r"[^\W\d_][^\W_]*)*)(?![0-9])"
)
_CALIBRE_RE = _rx(
    r"\h+[0-9]{2,3}(?:\.[0-9]+)?(?:\h?|[" + _JOIN + r"])(?:mm|millimet(?:re|er)s?"
    r"|calibre|caliber)\b"
)
_POST_QUAL_RE = _rx(
    r"(?:\h+or\h+(?P<more>more|above|greater|higher)\b"
    r"|\h+or\h+(?P<less>fewer|less|under|below)\b"
    r"|\h+or\h+(?P<so>so|thereabouts)\b"
    r"|(?P<plus>\+(?![0-9])))",
    re.I,
)
# Qualifier words right before a figure; searched with ``$`` at the figure's
# start, so the leftmost (longest) phrase wins: "no more than" over "more than".
_QUAL_RE = _rx(
    r"""(?ix)(?<![A-Za-z])(?:
      (?P<between> (?:(?:anywhere|somewhere)\h+)? between )
    | (?P<from> (?:(?:anywhere|somewhere)\h+)? from )
    | (?P<at_most>
          (?:no|not)\h+(?:more|greater|higher|larger)\h+than
        | at\h+(?:the\h+)?most | a\h+maximum\h+of | up\h+to\h+a\h+maximum\h+of
        | (?:(?:just|slightly|well|far|a\h+little|a\h+bit)\h+)?
          (?:under | below | (?:fewer|less|lower)\h+than)
        | not\h+exceeding | no\h+higher\h+than )
    | (?P<up_to> up\h+to | as\h+(?:many|much|high|large)\h+as )
    | (?P<at_least>
          (?:(?:just|slightly|well|far|a\h+little|a\h+bit|much|considerably
              |significantly|substantially)\h+)?
          (?:over | above | (?:more|greater|higher)\h+than)
        | in\h+excess\h+of | at\h+least | upwards\h+of | no\h+(?:fewer|less)\h+than
        | not\h+less\h+than | a\h+minimum\h+of | north\h+of | exceeding )
    | (?P<approx>
          about | around | approximately | approx\.? | roughly | some | nearly | almost
        | (?:an\h+)?estimated(?:\h+at)? | close\h+to | circa | ca\. | c\.
        | just\h+about | more\h+or\h+less | approaching | (?:an?\h+)?approximate(?:ly)?
        | ~ )
    )\h*$"""
)
_NEGATION_RE = _rx(r"(?i)(?:\bnot|n['\u2019]t|\bnever)(?:\h+[\w'\u2019-]+){0,3}\h*$")
_CAP_WORD_BEFORE_RE = _rx(r"(?<![\w.])([A-Z][\w'\u2019.]*)\h+$")
_LABEL_ANYCASE_RE = _rx(
    r"(?i)(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(_LABELS_ANYCASE)) + r")\h*$"
)
_CURRENCY_CODE_BEFORE_RE = _rx(
    r"(?<![A-Za-z])(?P<code>" + "|".join(sorted(ISO_CODES)) + r"|Rs\.?)\h?$"
)
_DOLLAR_LETTERS_RE = _rx(r"(?<![A-Za-z.])(US|U\.S\.|CAN|CA|C|AU|A|NZ|HK|SG|S|R|NT|MX)$")
_SENT_START_RE = _rx(r"(?:^|[.!?:;\"\u201c\u201d(\[\n\u2014\u2013-])\h*$")


@dataclass(slots=True)
class _Atom:
    """One figure before qualifiers and units are attached."""

    start: int  # incl. a currency sign in front
    nstart: int  # where the numeral itself starts
    nend: int  # where the numeral itself ends
    end: int  # end of the core: numeral + scale + glued unit/currency
    value: Decimal | None
    kind: str  # "digit", "word", "vague", "fraction"
    currency: str | None = None
    unit: str | None = None  # unit found in the core (currency, percent, measure)
    qualifier: str | None = None
    low: Decimal | None = None
    scaled: bool = False
    plain: bool = False  # digits only, no separator, decimal, scale or currency
    yearlike: bool = False
    weak: bool = False  # a bare "one"
    date: bool = False  # day of the month, time of day: kills a range too
    after_dash: bool = False  # "…-100": only valid as the second end of a range
    compound: str | None = None  # "-strong", "-year-old": word glued after a hyphen


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every figure in ``text[start:end]``, in order, with absolute offsets."""
    try:
        return _find_quantities_strict(text, start, end)
    except Exception:  # a safety net; the tests run the strict form without it
        log.exception("quantity extraction failed; no quantities for this span")
        return []


class QuantityExtractor:
    """The ``quantities`` pipeline stage."""

    name = "claimledger.extract.quantities.v1"

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
        return find_quantities(text, start, end)

    __call__ = find


@register("claimledger.extract.quantities.v1")
def make_quantities() -> QuantityExtractor:
    return QuantityExtractor()


# --------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------


def _find_quantities_strict(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    if not isinstance(text, str) or not text:
        return []
    lo, hi, _ = slice(start, end).indices(len(text))
    if hi <= lo:
        return []
    s = text[lo:hi]
    if not any(c.isdigit() for c in s) and not _has_number_word(s):
        return []
    out = [_shift(q, lo) for q in _scan(s)]
    return out


_QUICK_WORD_RE = _rx(
    r"(?i)" + _NW + r"|half|thirds?|quarters?|dozens|scores|hundreds|thousands|millions|billions"
)


def _has_number_word(s: str) -> bool:
    return _QUICK_WORD_RE.search(s) is not None


def _shift(q: Quantity, off: int) -> Quantity:
    if off:
        q.start += off
        q.end += off
    return q


def _scan(s: str) -> list[Quantity]:
    masks = _masks(s)
    mask_starts = [a for a, _ in masks]

    def masked(a: int, b: int) -> bool:
        i = bisect.bisect_right(mask_starts, b - 1) - 1
        return i >= 0 and masks[i][1] > a

    atoms: list[_Atom] = []
    for m in _DIGITS_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        a = _digit_atom(s, m)
        if a is not None:
            atoms.append(a)
    for m in _WORDS_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        atoms.extend(_word_atoms(s, m))
    for m in _VAGUE_RE.finditer(s):
        atoms.append(_vague_atom(s, m))
    for m in _FRACTION_RE.finditer(s):
        if masked(m.start(), m.end()):
            continue
        a = _fraction_atom(s, m)
        if a is not None:
            atoms.append(a)
    atoms = _resolve_overlaps(atoms)
    return _assemble(s, atoms)


def _resolve_overlaps(atoms: list[_Atom]) -> list[_Atom]:
    atoms.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[_Atom] = []
    for a in atoms:
        if kept and a.start < kept[-1].end:
            if (a.end - a.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = a
            continue
        kept.append(a)
    return kept


# ---- digit numerals --------------------------------------------------------


def _digit_atom(s: str, m: re.Match[str]) -> _Atom | None:
    a, b = m.start(), m.end()
    raw = m.group()
    n = len(s)
    prev = s[a - 1] if a > 0 else " "
    prev2 = s[a - 2] if a > 1 else " "
    after_dash = False
    # --- what stands right before the numeral
    currency: str | None = None
    cstart = a
    if prev and (prev.isalpha() or prev == "_"):
        code = _CURRENCY_CODE_BEFORE_RE.search(s, max(0, a - 5), a)
        if code is None:
            return None  # "M1", "G7", "MH17", "soldiers12"
        currency = _code_for(code.group("code"))
        cstart = code.start()
    elif prev in _JOIN:
        if prev2.isalpha() or prev2 in "/_":
            return None  # "Su-27", "S-400", "COVID-19"
        if prev2.isdigit():
            after_dash = True  # "50-100", "1945-91": the range code decides
    elif prev in "\u2012\u2013\u2014\u2015\u2212" and prev2.isdigit():
        after_dash = True
    elif prev in "/\\#@^:" or prev in _APOS:
        return None  # "24/7", "#3", "'90s", "17:12"
    elif prev in ".," and (prev2.isalnum() or prev2 in ')]"\u201d' + _APOS):
        return None  # footnote marker "said.3", list "1,2,3", version "v1.2"
    if currency is None:
        sym_pos = a - 1
        if sym_pos >= 0 and s[sym_pos] in _H_CHARS:
            sym_pos -= 1
        if sym_pos >= 0 and s[sym_pos] in _SYMBOLS:
            currency = _SYMBOLS[s[sym_pos]]
            cstart = sym_pos
            if s[sym_pos] == "$":
                lm = _DOLLAR_LETTERS_RE.search(s, max(0, sym_pos - 4), sym_pos)
                if lm is not None:
                    currency = _DOLLAR_PREFIX.get(lm.group(1), "USD")
                    cstart = lm.start()
            elif sym_pos > 0 and s[sym_pos - 1].isalpha():
                currency = None  # "A€3"? not a currency we know
                return None
        elif a >= 3:
            code = _CURRENCY_CODE_BEFORE_RE.search(s, max(0, a - 5), a)
            if code is not None and code.end() == a:
                currency = _code_for(code.group("code"))
                cstart = code.start()
    # --- what stands right after it
    if b < n:
        nxt = s[b]
        if nxt in ":/" and b + 1 < n and s[b + 1].isdigit():
            return None  # "17:12", "9/11", "2023/24"
        if nxt in ".," and b + 1 < n and s[b + 1].isdigit():
            return None  # "1.2.3", "1,2,3"
        if nxt in _APOS and b + 1 < n and s[b + 1] == "s":
            return None  # "1990's"
    value = parse_digits(raw)
    if value is None:
        return None
    digits_only = raw.isdigit()
    atom = _Atom(
        start=cstart,
        nstart=a,
        nend=b,
        end=b,
        value=value,
        kind="digit",
        currency=currency,
        unit=currency,
        after_dash=after_dash,
    )
    pos = b
    # glued letters: scale, unit, ordinal or model number
    g = _GLUED_RE.match(s, pos) if pos < n and s[pos].isalpha() else None
    if g is not None:
        word = g.group()
        if word in _GLUED_SKIP or word.lower() in ("st", "nd", "rd", "th", "am", "pm"):
            return None
        if word in _GLUED_SCALES:
            low = word.lower()
            if low == "m" and currency is None and not _count_noun_follows(s, g.end()):
                pass  # metres: the unit code below reads it
            elif low == "b" and currency is None:
                return None
            elif low == "k" and word == "K" and currency is None:
                return None  # "9K720"-style names are caught above; bare "5K" is odd
            else:
                atom.value = value * SCALE_WORDS[low]
                atom.scaled = True
                pos = g.end()
        if pos == b:
            cu = _CORE_UNIT_RE.match(s, pos)
            if cu is None or cu.group("sp"):
                return None  # "2S19", "9M723", "5G": names, not figures
    else:
        sc = _SCALE_RE.match(s, pos)
        if sc is not None:
            w = sc.group("w").lower()
            # "5 m" without a currency is five metres; "5 hundred" is left alone
            if not ((w in ("m", "k") and currency is None) or w == "hundred"):
                atom.value = value * SCALE_WORDS[w]
                atom.scaled = True
                pos = sc.end()
    atom.end = pos
    atom.plain = digits_only and not atom.scaled and currency is None
    if atom.plain and len(raw) == 4 and raw[0] != "0" and 1800 <= int(raw) <= 2100:
        atom.yearlike = True
    _core_suffix(s, atom)
    # --- dates and times
    if (
        atom.plain
        and atom.value is not None
        and atom.value <= 31
        and atom.unit is None
        and (_MONTH_BEFORE_RE.search(s, max(0, a - 14), a) or _MONTH_AFTER_RE.match(s, atom.end))
    ):
        atom.date = True  # "June 18", "18 June"
    if atom.unit is None and atom.currency is None and _TIME_AFTER_RE.match(s, atom.end):
        atom.date = True
    return atom


_H_CHARS = " \t\u00a0\u2009\u202f\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"


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


def _core_suffix(s: str, atom: _Atom) -> None:
    """Percent, measure units, hyphen compounds and trailing currency signs."""
    pos = atom.end
    n = len(s)
    if pos >= n:
        return
    if atom.currency is None:
        cu = _CORE_UNIT_RE.match(s, pos)
        if cu is not None:
            for i, (_pat, canon) in enumerate(_UNIT_ALTS):
                got = cu.group(f"u{i}")
                if got is not None:
                    atom.unit = canon if canon is not None else got
                    atom.end = cu.end()
                    break
        if atom.unit is None:
            cs = _CURRENCY_SUFFIX_RE.match(s, pos)
            if cs is not None:
                atom.currency = _SYMBOLS[cs.group("sym")] if cs.group("sym") else None
                if atom.currency is None:
                    atom.currency = _code_for(cs.group("code"))
                atom.unit = atom.currency
                atom.end = cs.end()
                atom.plain = False
                atom.yearlike = False
                return
    if atom.unit is None:
        cm = _COMPOUND_RE.match(s, atom.end)
        if cm is not None:
            _apply_compound(atom, cm)


def _apply_compound(atom: _Atom, cm: re.Match[str]) -> None:
    w = cm.group("w").lower()
    w2 = (cm.group("w2") or "").lower()
    if w == "odd" or w == "something" or w == "ish":
        atom.qualifier = "approx"
    elif w == "plus":
        atom.qualifier = "at_least"
    elif w == "strong":
        atom.compound = "strong"
    elif w in ("year", "years") and w2 == "old":
        atom.unit = "years"
    elif w in TIME_UNITS:
        atom.unit = TIME_UNITS[w]
    elif w in ("mm", "millimetre", "millimeter", "calibre", "caliber"):
        atom.unit = "mm"
    elif w in ("km", "kilometre", "kilometer"):
        atom.unit = "km"
    elif w in ("mile", "miles"):
        atom.unit = "miles"
    elif w in ("metre", "meter"):
        atom.unit = "m"
    elif w in ("percent", "per"):
        atom.unit = "percent"
    elif w in CURRENCY_WORDS:
        atom.unit = atom.currency = CURRENCY_WORDS[w]
    elif w in ("fold", "times"):
        atom.unit = "times"
    elif atom.kind == "word" and w not in _COUNT_NOUNS:
        atom.weak = True  # "two-way", "one-sided", "three-dimensional": idioms
        atom.value = None
        return
    elif atom.yearlike:
        return  # "a 2024-style ...": still a year
    else:
        atom.unit = w  # "a 10-point plan", "a 27-member bloc", "155-mm"
    atom.end = cm.end()
    atom.plain = False
    atom.yearlike = False


# ---- number words ----------------------------------------------------------


def _word_atoms(s: str, m: re.Match[str]) -> list[_Atom]:
    toks = [
        (t.group(), m.start() + t.start(), m.start() + t.end())
        for t in _WORD_TOKEN_RE.finditer(m.group())
    ]
    out: list[_Atom] = []
    i = 0
    while i < len(toks):
        if toks[i][0].lower() == "and":
            i += 1
            continue
        got = parse_number_words([t[0] for t in toks[i:]])
        if got is None:
            i += 1
            continue
        value, used = got
        first, last = toks[i], toks[i + used - 1]
        a, b = first[1], last[2]
        i += used
        prev = s[a - 1] if a > 0 else " "
        if prev.isalnum() or prev in _JOIN or (b < len(s) and s[b].isdigit()):
            continue
        word0 = first[0]
        if word0[0].isupper() and not _sentence_initial(s, a):
            continue  # "Group of Seven", "Ocean's Eleven"
        atom = _Atom(start=a, nstart=a, nend=b, end=b, value=value, kind="word")
        atom.weak = used == 1 and word0.lower() in ("one", "zero")
        _core_suffix(s, atom)
        if atom.value is None:
            continue
        if atom.unit is None and _WORD_TIME_RE.match(s, atom.end):
            continue  # "five o'clock", "ten p.m."
        out.append(atom)
    return out


_WORD_TIME_RE = _rx(r"\h*(?:o['\u2019]clock|[ap]\.m\.?|[ap]m\b)", re.I)


def _sentence_initial(s: str, a: int) -> bool:
    return _SENT_START_RE.search(s, max(0, a - 6), a) is not None


# ---- vague magnitudes and fractions -----------------------------------------


def _vague_atom(s: str, m: re.Match[str]) -> _Atom:
    g = m.groupdict()
    if g["base1"]:
        low = _VAGUE_LOW[g["pre"].lower()] * _VAGUE_LOW[g["base1"].lower()]
    elif g["scores"]:
        low = 20
    elif g["sev"]:
        low = _VAGUE_LOW[g["sc1"].lower()] * (_VAGUE_LOW[g["sc2"].lower()] if g["sc2"] else 1)
    else:
        low = _VAGUE_LOW[g["base2"].lower()]
    return _Atom(
        start=m.start(),
        nstart=m.start(),
        nend=m.end(),
        end=m.end(),
        value=None,
        kind="vague",
        qualifier="approx",
        low=Decimal(low),
    )


def _fraction_atom(s: str, m: re.Match[str]) -> _Atom | None:
    a, b = m.start(), m.end()
    if m.group("half"):
        before = s[max(0, a - 24) : a]
        if _HALF_PREV_BAD_RE.search(before):
            return None
        if not _HALF_NEXT_RE.match(s, b) and not _QUAL_RE.search(before):
            return None
        value = Decimal("0.5")
    elif m.group("den"):
        num = m.group("num").lower()
        den = _DENOMS[m.group("den").lower()]
        k = _SMALL[num]
        plural = m.group("den").lower().endswith("s")
        if k >= den or (k > 1) != plural:
            return None
        if not plural and not _OF_RE.match(s, b):
            return None  # "a third country", "the third quarter"
        value = Decimal(k) / Decimal(den)
    else:
        num_v = _small_value(m.group("n2"))
        den_v = _small_value(m.group("d2"))
        if num_v is None or den_v is None or not 0 < num_v < den_v:
            return None
        if a > 0 and (s[a - 1].isalnum() or s[a - 1] in ",."):
            return None
        value = Decimal(num_v) / Decimal(den_v)
    return _Atom(start=a, nstart=a, nend=b, end=b, value=value, kind="fraction", unit="fraction")


def _small_value(w: str) -> int | None:
    if w.isdigit():
        return int(w)
    w = w.lower()
    if w in _SMALL:
        return _SMALL[w]
    got = parse_number_words([w])
    return int(got[0]) if got else None


# ---- putting figures together ------------------------------------------------


def _assemble(s: str, atoms: list[_Atom]) -> list[Quantity]:
    out: list[Quantity] = []
    limit = 0  # a qualifier may not reach back into the previous figure
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < n else None
        if b is not None:
            conn = _range_connector(s, a, b, limit)
            if conn is not None and a.start >= limit:
                i += 2
                q = _make_range(s, a, b, conn, limit)
                if q is not None:
                    out.append(q)
                    limit = q.end
                continue
        i += 1
        if a.after_dash or a.date or a.start < limit:
            continue
        q = _make_single(s, a, limit)
        if q is not None:
            out.append(q)
            limit = q.end
    return out


_GAP_RE = _rx(
    r"\h*(?:(?P<dash>[" + _DASHES + r"])|(?P<to>to|through)|(?P<and>and)|(?P<or>or))\h*",
    re.I,
)


def _range_connector(s: str, a: _Atom, b: _Atom, limit: int) -> str | None:
    """How two neighbouring figures are linked, or None if they are not a range."""
    if a.kind in ("vague", "fraction") or b.kind in ("vague", "fraction"):
        return None
    if a.value is None or b.value is None or b.start - a.end > 12:
        return None
    if a.compound is not None or (a.qualifier is not None and a.kind == "digit"):
        return None  # "500-strong to", "500-odd or"
    m = _GAP_RE.fullmatch(s, a.end, b.start)
    if m is None:
        return None
    if m.group("dash"):
        return "dash"
    if m.group("and"):
        left = _QUAL_RE.search(s, max(limit, a.start - 40), a.start)
        return "and" if left is not None and left.lastgroup == "between" else None
    if m.group("or"):
        # "two or three days", "10 or 15 percent"; not "61% or 61 percent" (a restatement)
        if a.unit is not None or a.currency is not None or b.value <= a.value:
            return None
        return "or"
    if m.group("to") and (
        b.value < a.value or _CHANGE_RE.search(s, max(limit, a.start - 48), a.start)
    ):
        return None  # "revised the toll from 14 to 13", "rose from 31 to 34": two figures
    return "to"


# a figure that changed: "rose from 31 to 34", "revised ... from 14 to 13"
_CHANGE_RE = re.compile(
    r"\b(?:rose|risen|rises|rising|fell|fallen|falls|climbed|climbs|jumped|dropped|drops|"
    r"increased|decreased|raised|lowered|cut|revised|corrected|updated|grew|grown|doubled|"
    r"halved|went up|went down|gone up|gone down)\b[^.;:!?]*\bfrom\s+\S*$",
    re.I,
)


def _make_range(s: str, a: _Atom, b: _Atom, conn: str, limit: int) -> Quantity | None:
    if a.date or b.date:
        return None  # "June 18-20", "18 to 20 June", "9-11 p.m."
    lowv, highv = a.value, b.value
    assert lowv is not None and highv is not None
    ra, rb = s[a.nstart : a.nend], s[b.nstart : b.nend]
    # "1945-91", "150-60": the second end abbreviates the first
    if (
        conn == "dash"
        and a.plain
        and b.plain
        and a.kind == b.kind == "digit"
        and len(rb) < len(ra)
        and highv < lowv
    ):
        expanded = Decimal(ra[: len(ra) - len(rb)] + rb)
        if expanded > lowv:
            highv = expanded
    years = a.yearlike and b.plain and highv == int(highv) and 1800 <= highv <= 2100
    # a scale written on the second end only: "1-2 million", "between 2 and 3 billion"
    if b.scaled and not a.scaled and a.kind == b.kind == "digit" and a.unit in (None, a.currency):
        bare = parse_digits(rb)
        if bare and lowv < bare:
            lowv = lowv * (highv / bare)
    currency = a.currency or b.currency
    unit = b.unit or a.unit or currency
    end = b.end
    strong = unit is not None
    if unit is None or b.compound == "strong":
        u, uend, adjacent, known = _unit_after(s, end, any_noun=b.compound == "strong")
        if u is not None:
            unit = u
            strong = strong or known
            if adjacent:
                end = uend
    if years and not strong:
        return None  # "1950-1953", "2014 to 2022"
    pq = _POST_QUAL_RE.match(s, end)
    if pq is not None and pq.group("so"):
        end = pq.end()
    start = a.start
    left = _QUAL_RE.search(s, max(limit, start - 40), start)
    if left is not None and left.lastgroup in ("between", "from", "approx"):
        start = left.start()
    lo_, hi_ = (lowv, highv) if lowv <= highv else (highv, lowv)
    return Quantity(
        text=s[start:end],
        start=start,
        end=end,
        value=None,
        low=float(lo_),
        high=float(hi_),
        unit=unit,
        qualifier="range",
    )


def _make_single(s: str, a: _Atom, limit: int) -> Quantity | None:
    if a.kind in ("digit", "word"):
        if a.value is None:
            return None
        if a.plain and not a.yearlike and _is_label(s, a):
            return None  # "Article 5", "Leopard 2", "No. 10"
    unit = a.unit
    end = a.end
    qualifier = a.qualifier
    if a.kind in ("digit", "word"):
        pq = _POST_QUAL_RE.match(s, end)  # "500 or more soldiers", "500+"
        if pq is not None:
            qualifier = _post_qualifier(pq)
            end = pq.end()
    known = unit is not None
    if (unit is None and a.kind != "fraction") or a.compound == "strong":
        noun_at = end
        if a.kind == "vague":
            of = _OF_RE.match(s, end)
            if of is not None:
                noun_at = of.end()
        u, uend, adjacent, known_noun = _unit_after(s, noun_at, any_noun=a.compound == "strong")
        if u is not None:
            unit = u
            known = known or known_noun
            if adjacent:
                end = uend
                pq = _POST_QUAL_RE.match(s, end)  # "500 soldiers or more"
                if pq is not None and qualifier is None and not pq.group("plus"):
                    qualifier = _post_qualifier(pq)
                    end = pq.end()
    if a.yearlike and not known:
        return None  # "in 2024", "the 2022 invasion", "around 2000"
    if a.weak and unit not in PEOPLE_NOUNS:
        return None  # "one thing is clear"
    start = a.start
    left = _QUAL_RE.search(s, max(limit, start - 40), start)
    if left is not None and left.lastgroup not in ("between", "from"):
        kind = left.lastgroup
        if (
            kind == "at_least"
            and _MORE_THAN_RE.search(left.group())
            and _NEGATION_RE.search(s, max(limit, left.start() - 40), left.start())
        ):
            kind = "at_most"  # "did not send more than 500": an upper bound
        qualifier = kind
        start = left.start()
    if a.kind == "vague":
        return Quantity(
            text=s[start:end],
            start=start,
            end=end,
            value=None,
            low=float(a.low) if a.low is not None else None,
            high=None,
            unit=unit,
            qualifier="approx",
        )
    return Quantity(
        text=s[start:end],
        start=start,
        end=end,
        value=float(a.value) if a.value is not None else None,
        low=None,
        high=None,
        unit=unit,
        qualifier=qualifier,
    )


_OF_RE = _rx(r"\h+of\b", re.I)
_MORE_THAN_RE = _rx(r"(?i)(?:more|greater|higher)\h+than")
_STERLING_RE = _rx(r"\h+sterling\b", re.I)


def _is_label(s: str, a: _Atom) -> bool:
    """A bare number that names something: "Article 5", "Leopard 2", "No. 10"."""
    win_start = max(0, a.start - 24)
    if _LABEL_ANYCASE_RE.search(s, win_start, a.start):
        return True
    cw = _CAP_WORD_BEFORE_RE.search(s, win_start, a.start)
    if cw is None:
        return False
    bare = cw.group(1).rstrip(".")
    if bare in _LABELS:
        return True
    if bare.lower() in _CAP_OK or _sentence_initial(s, cw.start()):
        return False
    # A proper noun mid-sentence, then a bare number: a model or a name
    # ("Boeing 737 jets"), unless the text is in title case and a counted noun
    # follows ("Army Sends 300 Troops").
    nxt = _WORD_AFTER_RE.match(s, a.end)
    if nxt is None:
        return True
    w = nxt.group("w")
    return not (w[:1].isupper() and w.lower() in _COUNT_NOUNS)


def _post_qualifier(pq: re.Match[str]) -> str:
    if pq.group("more") or pq.group("plus"):
        return "at_least"
    if pq.group("less"):
        return "at_most"
    return "approx"


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
