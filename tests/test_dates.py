"""Tests for the rule-based date finder (claimledger.extract.dates)."""

from __future__ import annotations

import datetime as dt
import re
import time
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.extract import dates as dates_mod
from claimledger.extract.dates import DateExtractor, find_dates, make_dates

# A Monday.
ANCHOR = dt.date(2024, 10, 21)


def triples(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str | None, str | None]]:
    return [(d.text, d.value, d.precision) for d in find_dates(text, anchor)]


# --------------------------------------------------------------------------
# Absolute dates (the anchor only matters where the year is missing)

ABSOLUTE = [
    (
        "The pact was signed on June 18, 2024, after two days of talks.",
        [("June 18, 2024", "2024-06-18", "day")],
    ),
    ("Envoys met on 18 June 2024 in a guarded hall.", [("18 June 2024", "2024-06-18", "day")]),
    ("Posted Oct 19, 2024 17:12 by the night desk.", [("Oct 19, 2024", "2024-10-19", "day")]),
    ("The filing is dated 2024-10-21 in the register.", [("2024-10-21", "2024-10-21", "day")]),
    ("Logged at 2024-10-21T08:30:00Z by the server.", [("2024-10-21", "2024-10-21", "day")]),
    ("The memo dated 21.10.2024 was leaked.", [("21.10.2024", "2024-10-21", "day")]),
    ("A second memo, dated 2.5.2024, followed.", [("2.5.2024", "2024-05-02", "day")]),
    ("Sept. 5, 2024 was a quiet day at the port.", [("Sept. 5, 2024", "2024-09-05", "day")]),
    ("The blast on 5th of May 2023 shook the town.", [("5th of May 2023", "2023-05-05", "day")]),
    ("Monday, April 28, 2025 edition", [("Monday, April 28, 2025", "2025-04-28", "day")]),
    ("Sun, 20 Oct 2024 10:00:00 +0000", [("Sun, 20 Oct 2024", "2024-10-20", "day")]),
    ("OCTOBER 21, 2024 - FRONT PAGE", [("OCTOBER 21, 2024", "2024-10-21", "day")]),
    ("Talks ran June 18-19, 2024 without a deal.", [("June 18-19, 2024", "2024-06-18", "day")]),
    ("Leaders met in June 2024 to seal the deal.", [("June 2024", "2024-06", "month")]),
    ("Sales dipped in Oct. 2023 and recovered.", [("Oct. 2023", "2023-10", "month")]),
    (
        "At the beginning of October 2024 a new unit formed.",
        [("the beginning of October 2024", "2024-10", "month")],
    ),
    ("Prices spiked in mid-October 2022.", [("mid-October 2022", "2022-10", "month")]),
    ("Crops failed from June to August 2023.", [("June to August 2023", "2023-06", "month")]),
    ("The cold lasted December-February 2024.", [("December-February 2024", "2023-12", "month")]),
    ("As early as 2023, analysts warned of a deal.", [("2023", "2023", "year")]),
    ("Exports have grown since 2022, a trader said.", [("2022", "2022", "year")]),
    ("Back in 1985 he studied abroad.", [("1985", "1985", "year")]),
    ("Trade stretches back to at least 2022.", [("2022", "2022", "year")]),
    ("Output fell between 2020 and 2022.", [("2020", "2020", "year"), ("2022", "2022", "year")]),
    ("The call-up in autumn 2022 emptied factories.", [("autumn 2022", "2022", "year")]),
    ("Spring 2025 brought new offers.", [("Spring 2025", "2025", "year")]),
    ("A deal could come by mid-2024.", [("mid-2024", "2024", "year")]),
    ("Growth slowed in the first half of 2024.", [("the first half of 2024", "2024", "year")]),
    ("Q3 2024 results beat forecasts.", [("Q3 2024", "2024", "year")]),
    ("The war of 1950-1953 never formally ended.", [("1950-1953", "1950", "year")]),
    ("Under the old regime, 1945-91, files were sealed.", [("1945-91", "1945", "year")]),
    ("The 2023-24 winter was harsh.", [("2023-24", "2023", "year")]),
    ("Ties were warm in the 1970s and 1980s.", [("1970s", None, None), ("1980s", None, None)]),
    ("Rates peaked in the mid-1990s.", [("mid-1990s", None, None)]),
    ("Music from the '90s played.", [("'90s", None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE)
def test_absolute(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE)
def test_absolute_values_do_not_need_the_anchor(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert triples(text, None) == expected


# --------------------------------------------------------------------------
# Dates that need the anchor (2024-10-21, a Monday)

ANCHORED = [
    # a day without a year: latest year within two months after the anchor's month
    ("The law takes effect on December 4.", [("December 4", "2024-12-04", "day")]),
    ("Inspectors came on January 10.", [("January 10", "2024-01-10", "day")]),
    ("The vote was set for Oct 30.", [("Oct 30", "2024-10-30", "day")]),
    ("On April 26, a general spoke.", [("April 26", "2024-04-26", "day")]),
    # bare months need a trigger word; same two-month window
    ("Troops arrived in June, officials said.", [("June", "2024-06", "month")]),
    ("A summit is planned in December.", [("December", "2024-12", "month")]),
    ("Snow closed the pass in January.", [("January", "2024-01", "month")]),
    ("Supplies ran low in May.", [("May", "2024-05", "month")]),
    (
        "Shelling resumed in March and April.",
        [("March", "2024-03", "month"), ("April", "2024-04", "month")],
    ),
    (
        "Shelling resumed in April and May.",
        [("April", "2024-04", "month"), ("May", "2024-05", "month")],
    ),
    ("Elections are due in early November.", [("early November", "2024-11", "month")]),
    ("Fighting eased in late October.", [("late October", "2024-10", "month")]),
    ("Talks stalled at the end of September.", [("the end of September", "2024-09", "month")]),
    ("Earlier in October, the envoy left.", [("Earlier in October", "2024-10", "month")]),
    ("More is expected later in November.", [("later in November", "2024-11", "month")]),
    ("They met in June of this year.", [("June of this year", "2024-06", "month")]),
    ("They met in June last year.", [("June last year", "2023-06", "month")]),
    ("The plant shut last June.", [("last June", "2024-06", "month")]),
    ("The plant shut last October.", [("last October", "2023-10", "month")]),
    ("The plant reopens next June.", [("next June", "2025-06", "month")]),
    ("Crops failed between June and August.", [("June and August", "2024-06", "month")]),
    # deictic words
    ("The minister resigned today.", [("today", "2024-10-21", "day")]),
    ("The minister resigned yesterday.", [("yesterday", "2024-10-20", "day")]),
    ("The minister resigns tomorrow.", [("tomorrow", "2024-10-22", "day")]),
    ("Sirens sounded last night.", [("last night", "2024-10-20", "day")]),
    ("It rained the day before yesterday.", [("the day before yesterday", "2024-10-19", "day")]),
    # weekdays
    ("Officials confirmed it on Wednesday.", [("Wednesday", "2024-10-16", "day")]),
    ("Officials confirmed it last Wednesday.", [("last Wednesday", "2024-10-16", "day")]),
    ("Officials will confirm it this Wednesday.", [("this Wednesday", "2024-10-23", "day")]),
    ("A report came out last Friday.", [("last Friday", "2024-10-18", "day")]),
    ("A report comes out next Monday.", [("next Monday", "2024-10-28", "day")]),
    ("A report came out on Monday.", [("Monday", "2024-10-21", "day")]),
    ("A report came out last Monday.", [("last Monday", "2024-10-14", "day")]),
    ("Friday's raid killed two.", [("Friday", "2024-10-18", "day")]),
    ("Saturday night saw heavy shelling.", [("Saturday night", "2024-10-19", "day")]),
    # weeks, months, years
    ("Drones struck twice last week.", [("last week", "2024-10", "month")]),
    ("The summit opens this week.", [("this week", "2024-10", "month")]),
    ("Prices rose last month.", [("last month", "2024-09", "month")]),
    ("Prices rose earlier this month.", [("earlier this month", "2024-10", "month")]),
    ("Prices may rise next month.", [("next month", "2024-11", "month")]),
    ("The treaty was ratified this year.", [("this year", "2024", "year")]),
    ("The treaty was drafted last year.", [("last year", "2023", "year")]),
    ("The treaty was drafted late last year.", [("late last year", "2023", "year")]),
    ("Troops may leave next year.", [("next year", "2025", "year")]),
    ("The dam broke last summer.", [("last summer", "2024", "year")]),
    # "ago"
    ("The convoy left three days ago.", [("three days ago", "2024-10-18", "day")]),
    ("The convoy left 3 days ago.", [("3 days ago", "2024-10-18", "day")]),
    ("The convoy left two weeks ago.", [("two weeks ago", "2024-10-07", "day")]),
    ("The convoy left six months ago.", [("six months ago", "2024-04", "month")]),
    ("The convoy left a year ago.", [("a year ago", "2023", "year")]),
    ("The road was built two decades ago.", [("two decades ago", "2004", "year")]),
]


@pytest.mark.parametrize(("text", "expected"), ANCHORED)
def test_anchored(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(("text", "expected"), ANCHORED)
def test_without_anchor_relative_dates_have_no_value(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert triples(text, None) == [(t, None, None) for t, _, _ in expected]


def test_mixed_sentence_without_anchor() -> None:
    text = "He spoke last Friday about the 2024-10-21 memo and the events of June 2024."
    assert triples(text, None) == [
        ("last Friday", None, None),
        ("2024-10-21", "2024-10-21", "day"),
        ("June 2024", "2024-06", "month"),
    ]


@pytest.mark.parametrize(
    ("anchor", "text", "expected"),
    [
        # the Monday-Sunday week lies in one month: month precision
        (dt.date(2024, 10, 2), "last week", ("last week", "2024-09", "month")),
        # the week straddles two months of one year: year precision
        (dt.date(2024, 10, 1), "this week", ("this week", "2024", "year")),
        # the week straddles two years: no value
        (dt.date(2025, 1, 1), "this week", ("this week", None, None)),
        (dt.date(2024, 1, 15), "last month", ("last month", "2023-12", "month")),
        # no year and February 29: walk back to a leap year
        (dt.date(2025, 3, 1), "on February 29", ("February 29", "2024-02-29", "day")),
        # an anchor on a Sunday
        (dt.date(2024, 10, 20), "on Sunday", ("Sunday", "2024-10-20", "day")),
        (dt.date(2024, 10, 20), "last Sunday", ("last Sunday", "2024-10-13", "day")),
        # the year window moves with the anchor
        (dt.date(2025, 1, 10), "on December 4", ("December 4", "2024-12-04", "day")),
        (dt.date(2024, 11, 15), "in January", ("January", "2025-01", "month")),
        # the anchor may be a datetime or an ISO string
        (dt.datetime(2024, 10, 21, 23, 59), "yesterday", ("yesterday", "2024-10-20", "day")),
    ],
)
def test_anchor_edge_cases(
    anchor: dt.date, text: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert triples(text, anchor) == [expected]


def test_string_anchor_is_read_as_iso() -> None:
    assert triples("yesterday", "2024-10-21") == [("yesterday", "2024-10-20", "day")]  # type: ignore[arg-type]
    assert triples("yesterday", "not a date") == [("yesterday", None, None)]  # type: ignore[arg-type]


def test_future_months_setting() -> None:
    assert make_dates(future_months=0).find("on December 4", ANCHOR)[0].value == "2023-12-04"
    assert make_dates().find("on December 4", ANCHOR)[0].value == "2024-12-04"


# --------------------------------------------------------------------------
# Things that are not dates

NOT_DATES = [
    "They fired 155 mm shells at the bridge.",
    "About 12,000 soldiers were sent.",
    "The S-400 battery moved north.",
    "The 105th division was seen.",
    "The alarm went off at 17:12 sharp.",
    "Russia may benefit from the deal.",
    "They may go home soon.",
    "Russia May Benefit From The Deal",
    "May God protect them, she said.",
    "Crowds planned a march on the capital.",
    "The Long March is a famous story.",
    "Warfare changed in the 21st century.",
    "A recruit earns $2,000 a month.",
    "The bonus was large (€1850) for a private.",
    "Such things were normal a couple of hundred years ago.",
    "Officials recently said talks would resume soon.",
    "Costs rose in recent months.",
    "Nobody knew at the time.",
    "It was the last year of the war.",
    "Help will arrive over the next week.",
    "Russia Today carried the story.",
    "Stores opened early on Good Friday.",
    "Aid reached them in 2000 villages.",
    "They counted 1200-1300 shells.",
    "The 9/11 attacks changed policy.",
    "Room 2024 was locked.",
    "The date 31.02.2024 does not exist.",
    "Nor does June 31, 2024.",
    "June Carter sang there.",
    "Version 2024.10 ships soon.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert triples(text) == []


# --------------------------------------------------------------------------
# Offsets, slices, odd characters, odd input

PARAGRAPH = (
    "Ministers met on June 18, 2024 in the capital. "
    "A week later the deal was sealed. "
    "Officials said on Wednesday that troops left three days ago."
)


def test_offsets_are_absolute_and_text_matches() -> None:
    refs = find_dates(PARAGRAPH, ANCHOR)
    assert [d.text for d in refs] == ["June 18, 2024", "Wednesday", "three days ago"]
    for d in refs:
        assert PARAGRAPH[d.start : d.end] == d.text
    assert refs[0].start == PARAGRAPH.index("June 18")


def test_only_the_slice_is_searched() -> None:
    s = PARAGRAPH.index("Officials")
    refs = find_dates(PARAGRAPH, ANCHOR, s)
    assert [(d.text, d.start) for d in refs] == [
        ("Wednesday", PARAGRAPH.index("Wednesday")),
        ("three days ago", PARAGRAPH.index("three days ago")),
    ]
    e = PARAGRAPH.index(" in the capital")
    assert [d.text for d in find_dates(PARAGRAPH, ANCHOR, 0, e)] == ["June 18, 2024"]
    # a slice that cuts the date short finds only what lies inside it
    cut = PARAGRAPH.index(", 2024")
    assert [(d.text, d.value) for d in find_dates(PARAGRAPH, ANCHOR, 0, cut)] == [
        ("June 18", "2024-06-18")
    ]


@pytest.mark.parametrize(("start", "end"), [(50, 10), (-5, 0), (10_000, None), (0, -3)])
def test_empty_or_clamped_slices(start: int, end: int | None) -> None:
    assert find_dates(PARAGRAPH, ANCHOR, start, end) == []


def test_slice_bounds_are_clamped() -> None:
    assert find_dates(PARAGRAPH, ANCHOR, -100, 10**9) == find_dates(PARAGRAPH, ANCHOR)


def test_non_breaking_spaces_and_unicode_dashes() -> None:
    text = "Signed June\u00a018,\u00a02024; the 1950\u20131953 war; the 2014\u201415 season; the \u201990s."
    got = triples(text)
    assert got == [
        ("June\u00a018,\u00a02024", "2024-06-18", "day"),
        ("1950\u20131953", "1950", "year"),
        ("2014\u201415", "2014", "year"),
        ("\u201990s", None, None),
    ]
    for d in find_dates(text, ANCHOR):
        assert text[d.start : d.end] == d.text


def test_line_break_inside_a_date() -> None:
    assert triples("signed on June\n18, 2024 by both") == [("June\n18, 2024", "2024-06-18", "day")]
    assert triples("signed in June\n\n18 delegates came") == [("June", "2024-06", "month")]


@pytest.mark.parametrize("bad", [None, b"June 18, 2024", 42, ""])
def test_bad_input_never_raises(bad: object) -> None:
    assert find_dates(bad, ANCHOR) == []  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "anchor", [dt.date.min, dt.date.max, dt.date(1, 1, 7), dt.date(9999, 12, 25)]
)
def test_extreme_anchors_never_raise(anchor: dt.date) -> None:
    text = "last week, next month, next year, next Monday, tomorrow, in December, 9 years ago"
    for d in find_dates(text, anchor):
        assert (d.value is None) == (d.precision is None)


# --------------------------------------------------------------------------
# The stage object and its registration


def test_extractor_matches_function() -> None:
    assert DateExtractor().find(PARAGRAPH, ANCHOR, 5) == find_dates(PARAGRAPH, ANCHOR, 5)


def test_registered_under_versioned_name() -> None:
    from claimledger.registry import stages

    factory = stages.get("claimledger.extract.dates.v1")
    assert factory is make_dates
    assert isinstance(factory(), DateExtractor)


# --------------------------------------------------------------------------
# Properties

FRAGMENTS = [
    "June", "May", "March", "Oct.", "Sept", "18", "4", "29", "2024", "1999", "91", "1970s",
    "'90s", ",", ", ", " ", "  ", "    ", "     ", "\t", "\u00a0", "\u2013", "-", ".", ":", "/", "'", "\u2019", "\n",
    "last", "next", "this", "the", "in", "on", "since", "of", "early", "mid-", "mid", "late",
    "Friday", "Monday", "week", "month", "year", "today", "yesterday", "ago", "three", "a",
    "days", "autumn", "spring", "Q3", "12,000", "17:12", "T", "st", "th", "$", "€", "s",
]  # fmt: skip

texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40).map(
    "".join
)
anchors = st.one_of(st.none(), st.dates())
VALUE_FORMS = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    anchor=anchors,
    start=st.integers(-5, 300),
    end=st.one_of(st.none(), st.integers(-5, 300)),
)
def test_never_raises_and_offsets_are_consistent(
    text: str, anchor: dt.date | None, start: int, end: int | None
) -> None:
    refs = find_dates(text, anchor, start, end)
    lo = min(max(start, 0), len(text))
    hi = len(text) if end is None else min(max(end, 0), len(text))
    last_end = lo
    for d in refs:
        assert lo <= d.start < d.end <= hi
        assert d.start >= last_end  # in text order, no overlaps
        last_end = d.end
        assert text[d.start : d.end] == d.text
        assert (d.value is None) == (d.precision is None)
        if d.value is not None:
            assert d.precision in VALUE_FORMS
            assert VALUE_FORMS[d.precision].fullmatch(d.value)


@settings(max_examples=200, deadline=None)
@given(prefix=texts, middle=texts, suffix=texts, anchor=anchors)
def test_a_slice_reads_like_a_text_of_its_own(
    prefix: str, middle: str, suffix: str, anchor: dt.date | None
) -> None:
    whole = prefix + middle + suffix
    got = find_dates(whole, anchor, len(prefix), len(prefix) + len(middle))
    alone = find_dates(middle, anchor)
    shift = len(prefix)
    assert [(d.start - shift, d.end - shift, d.value, d.precision) for d in got] == [
        (d.start, d.end, d.value, d.precision) for d in alone
    ]


@settings(max_examples=200, deadline=None)
@given(text=texts, anchor=st.dates())
def test_the_anchor_changes_values_not_spans(text: str, anchor: dt.date) -> None:
    with_anchor = find_dates(text, anchor)
    without = find_dates(text, None)
    assert [(d.start, d.end) for d in with_anchor] == [(d.start, d.end) for d in without]
    for a, b in zip(with_anchor, without, strict=True):
        if b.value is not None:  # an absolute date: the same with any anchor
            assert (a.value, a.precision) == (b.value, b.precision)


@settings(max_examples=200, deadline=None)
@given(text=texts, anchor=anchors)
def test_windowed_search_equals_a_full_scan(text: str, anchor: dt.date | None) -> None:
    fast = find_dates(text, anchor)
    with mock.patch.object(dates_mod, "_windows", lambda gate, sub: [(0, len(sub))]):
        slow = find_dates(text, anchor)
    assert fast == slow


LONGEST_FORMS = [
    "Wednesday,    21st  -  22nd    of    September,    2024",
    "the    second    half    of    September    2024",
    "the    fourth    quarter    of    2024",
    "early    autumn    of    2024",
    "September    21st  -  22nd,    2024",
    "September    through    November,    2024",
    "September    of    next    year",
    "the    day    before    yesterday",
    "earlier    this    summer",
    "twenty    decades    ago",
    "coming    Wednesday    afternoon",
    "1950    -    1953",
]


@pytest.mark.parametrize("text", LONGEST_FORMS)
def test_longest_forms_are_whole_with_windows(text: str) -> None:
    refs = find_dates("x " * 40 + text + " y" * 40, ANCHOR)
    assert [d.text for d in refs] == [text]


def test_a_window_too_small_loses_matches_but_never_cuts_one_short() -> None:
    rx, before, _after = dates_mod._GATES["mon"]
    small = dict(dates_mod._GATES, mon=(rx, before, 9))  # ends inside "September 21"
    with mock.patch.object(dates_mod, "_GATES", small):
        got = triples("Troops left in September 21, 2024 was the date.")
    assert ("September 2", "2024-09-02", "day") not in got
    assert got == [("September", "2024-09", "month")]


def test_the_longest_overlapping_match_wins() -> None:
    # "last Sunday" starts first, but the explicit date is longer
    assert triples("The vote was held last Sunday, October 20, 2024.") == [
        ("Sunday, October 20, 2024", "2024-10-20", "day")
    ]


def test_whitespace_runs_are_bounded() -> None:
    assert triples("June    18, 2024") == [("June    18, 2024", "2024-06-18", "day")]
    assert triples("June     18, 2024") == []


# --------------------------------------------------------------------------
# Speed: the finder runs on every sentence of every article


def test_speed_on_a_long_text() -> None:
    sentence = (
        "Officials said on Wednesday that 1,200 troops crossed the river in early November, "
        "while 155 mm shells bought in 2023 were moved three days ago. "
    )
    text = sentence * (200_000 // len(sentence))
    t0 = time.perf_counter()
    refs = find_dates(text, ANCHOR)
    elapsed = time.perf_counter() - t0
    assert len(refs) == 4 * (200_000 // len(sentence))
    assert elapsed < 2.0, f"{len(text) / elapsed:,.0f} chars/s is too slow"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # anchor: Friday 2025-05-09
        ("The volunteers said they would publish their list on Monday.", "2025-05-12"),
        ("Police said on Monday that the toll had risen.", "2025-05-05"),
        ("The inquiry would report by September, the governor said.", "2025-09"),
        ("The governor said in March that the bridge was safe.", "2025-03"),
        ("She said on Monday the report would be published.", "2025-05-05"),
    ],
)
def test_a_future_clause_looks_ahead_and_a_past_one_back(text: str, value: str) -> None:
    got = find_dates(text, dt.date(2025, 5, 9))
    assert got and got[0].value == value, got
