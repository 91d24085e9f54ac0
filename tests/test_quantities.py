"""Tests for claimledger.extract.quantities: figures, qualifiers, units, non-figures.

All sentences are made up for these tests.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract import quantities as qmod
from claimledger.extract.numbers import parse_digits, parse_number_words
from claimledger.extract.quantities import QuantityExtractor, find_quantities
from claimledger.models import Quantity

# (text, value, low, high, unit, qualifier) for every figure found, in order.
Row = tuple[str, float | None, float | None, float | None, str | None, str | None]


def rows(text: str, start: int = 0, end: int | None = None) -> list[Row]:
    return [
        (q.text, q.value, q.low, q.high, q.unit, q.qualifier)
        for q in find_quantities(text, start, end)
    ]


def one(text: str, value, unit=None, qualifier=None) -> Row:
    return (text, value, None, None, unit, qualifier)


def rng(text: str, low, high, unit=None) -> Row:
    return (text, None, low, high, unit, "range")


def vague(text: str, low, unit=None) -> Row:
    return (text, None, low, None, unit, "approx")


CASES: dict[str, tuple[str, list[Row]]] = {
    # --- qualifiers --------------------------------------------------------
    "up_to": (
        "The ministry said up to 8,000 Ruritanian soldiers could cross the river.",
        [one("up to 8,000 Ruritanian soldiers", 8000.0, "soldiers", "up_to")],
    ),
    "as_many_as": (
        "As many as 45 fighters were captured near the dam.",
        [one("As many as 45 fighters", 45.0, "fighters", "up_to")],
    ),
    "as_much_as": (
        "A bonus can be as much as $15,000 for each recruit.",
        [one("as much as $15,000", 15000.0, "USD", "up_to")],
    ),
    "around": (
        "Around 2,300 troops remained at the base.",
        [one("Around 2,300 troops", 2300.0, "troops", "approx")],
    ),
    "about_some_nearly_almost": (
        "About 40 workers, some 600 residents, nearly 90 officers and almost 15 pilots left.",
        [
            one("About 40 workers", 40.0, "workers", "approx"),
            one("some 600 residents", 600.0, "residents", "approx"),
            one("nearly 90 officers", 90.0, "officers", "approx"),
            one("almost 15 pilots", 15.0, "pilots", "approx"),
        ],
    ),
    "approximately_roughly_estimated_tilde": (
        "Approximately 70 civilians, roughly 250 refugees, an estimated 4,000 people and ~30 medics.",
        [
            one("Approximately 70 civilians", 70.0, "civilians", "approx"),
            one("roughly 250 refugees", 250.0, "refugees", "approx"),
            one("an estimated 4,000 people", 4000.0, "people", "approx"),
            one("~30 medics", 30.0, "medics", "approx"),
        ],
    ),
    "close_to": (
        "Close to 900 volunteers signed up.",
        [one("Close to 900 volunteers", 900.0, "volunteers", "approx")],
    ),
    "more_than_is_at_least": (
        "More than 1,100 servicemen were sent east.",
        [one("More than 1,100 servicemen", 1100.0, "servicemen", "at_least")],
    ),
    "over_above_excess": (
        "Over 300 casualties, above 20 percent and in excess of $4 million were reported.",
        [
            one("Over 300 casualties", 300.0, "casualties", "at_least"),
            one("above 20 percent", 20.0, "percent", "at_least"),
            one("in excess of $4 million", 4_000_000.0, "USD", "at_least"),
        ],
    ),
    "at_least": (
        "At least 17 people were killed in the blast.",
        [one("At least 17 people", 17.0, "people", "at_least")],
    ),
    "at_most_family": (
        "At most 50 guards, no more than 12 doctors, fewer than 9 nurses, less than 3% "
        "and under 5 days.",
        [
            one("At most 50 guards", 50.0, "guards", "at_most"),
            one("no more than 12 doctors", 12.0, "doctors", "at_most"),
            one("fewer than 9 nurses", 9.0, "nurses", "at_most"),
            one("less than 3%", 3.0, "percent", "at_most"),
            one("under 5 days", 5.0, "days", "at_most"),
        ],
    ),
    "negated_more_than": (
        "The unit did not deploy more than 400 soldiers to the front.",
        [one("more than 400 soldiers", 400.0, "soldiers", "at_most")],
    ),
    "over_a_thousand": (
        "Over a thousand of these troops came from the east.",
        [one("Over a thousand", 1000.0, None, "at_least")],
    ),
    "post_qualifiers": (
        "500 or more people, 80 soldiers or so, 200+ drones and 30-odd tanks.",
        [
            one("500 or more people", 500.0, "people", "at_least"),
            one("80 soldiers or so", 80.0, "soldiers", "approx"),
            one("200+ drones", 200.0, "drones", "at_least"),
            one("30-odd tanks", 30.0, "tanks", "approx"),
        ],
    ),
    # --- ranges --------------------------------------------------------------
    "between_and": (
        "Between 250 and 400 residents were evacuated.",
        [rng("Between 250 and 400 residents", 250.0, 400.0, "residents")],
    ),
    "x_to_y": (
        "The offensive may take 3 to 5 weeks.",
        [rng("3 to 5 weeks", 3.0, 5.0, "weeks")],
    ),
    "x_dash_y": (
        "Each drone costs 20,000-35,000 and flies 7–10 km.",
        [rng("20,000-35,000", 20000.0, 35000.0), rng("7–10 km", 7.0, 10.0, "km")],
    ),
    "from_x_to_y": (
        "Estimates run from 600 to 900 fighters.",
        [rng("from 600 to 900 fighters", 600.0, 900.0, "fighters")],
    ),
    "anywhere_between_to": (
        "The force has been put at anywhere between 2,000 to 9,000, officials said.",
        [rng("anywhere between 2,000 to 9,000", 2000.0, 9000.0)],
    ),
    "word_range": (
        "The talks could last two or three days.",
        [rng("two or three days", 2.0, 3.0, "days")],
    ),
    "one_in_a_range": (
        "It takes one to two weeks.",
        [rng("one to two weeks", 1.0, 2.0, "weeks")],
    ),
    "shared_scale": (
        "Damage is put at 1-2 million people displaced and between 3 and 4 billion.",
        [
            rng("1-2 million people", 1e6, 2e6, "people"),
            rng("between 3 and 4 billion", 3e9, 4e9),
        ],
    ),
    "percent_range": (
        "Support fell to 30-35% and later to 20 to 25 percent.",
        [rng("30-35%", 30.0, 35.0, "percent"), rng("20 to 25 percent", 20.0, 25.0, "percent")],
    ),
    # --- currencies -----------------------------------------------------------
    "dollars_and_euros_in_brackets": (
        "A driver is paid $3,000 (€2760) a month plus a bonus.",
        [one("$3,000", 3000.0, "USD"), one("€2760", 2760.0, "EUR")],
    ),
    "currency_range": (
        "Salaries of $40,000-90,000 a year were offered.",
        [rng("$40,000-90,000", 40000.0, 90000.0, "USD")],
    ),
    "currency_scale": (
        "Pledges reached $15 billion, £3.5bn, €700m and ¥2 trillion.",
        [
            one("$15 billion", 1.5e10, "USD"),
            one("£3.5bn", 3.5e9, "GBP"),
            one("€700m", 7e8, "EUR"),
            one("¥2 trillion", 2e12, "JPY"),
        ],
    ),
    "currency_prefixes": (
        "They paid US$1,200, C$80, USD 300 and 450 EUR.",
        [
            one("US$1,200", 1200.0, "USD"),
            one("C$80", 80.0, "CAD"),
            one("USD 300", 300.0, "USD"),
            one("450 EUR", 450.0, "EUR"),
        ],
    ),
    "currency_words": (
        "Fines of 2,000 dollars, 900 euros, 5,000 rubles, 70,000 won and 1,500 hryvnias.",
        [
            one("2,000 dollars", 2000.0, "USD"),
            one("900 euros", 900.0, "EUR"),
            one("5,000 rubles", 5000.0, "RUB"),
            one("70,000 won", 70000.0, "KRW"),
            one("1,500 hryvnias", 1500.0, "UAH"),
        ],
    ),
    "currency_word_with_modifier": (
        "The deal is worth 3 billion Canadian dollars and 40 US dollars per unit.",
        [
            one("3 billion Canadian dollars", 3e9, "CAD"),
            one("40 US dollars", 40.0, "USD"),
        ],
    ),
    "between_currencies": (
        "Losses were between $1 billion and $2 billion.",
        [rng("between $1 billion and $2 billion", 1e9, 2e9, "USD")],
    ),
    "currency_shared_scale": (
        "The port needs $2-3bn.",
        [rng("$2-3bn", 2e9, 3e9, "USD")],
    ),
    "currency_symbol_after": (
        "A ticket costs 40€ or 300 ₴.",
        [one("40€", 40.0, "EUR"), one("300 ₴", 300.0, "UAH")],
    ),
    "year_like_with_currency": (
        "The fee is $1999 and the grant €2050.",
        [one("$1999", 1999.0, "USD"), one("€2050", 2050.0, "EUR")],
    ),
    # --- numbers ------------------------------------------------------------
    "decimal_comma_with_scale": (
        "The region needs 3,5 million more workers.",
        [one("3,5 million more workers", 3_500_000.0, "workers")],
    ),
    "thousands_comma": (
        "It sent 1,750 troops.",
        [one("1,750 troops", 1750.0, "troops")],
    ),
    "thousands_space_and_nbsp": (
        "They counted 14 000 voters and 9\u00a0500 ballots and 2\u202f300 observers.",
        [
            one("14 000 voters", 14000.0, "voters"),
            one("9\u00a0500 ballots", 9500.0, "ballots"),
            one("2\u202f300 observers", 2300.0, "observers"),
        ],
    ),
    "decimals": (
        "Growth was 2.5 percent and 0.75% in the second half.",
        [one("2.5 percent", 2.5, "percent"), one("0.75%", 0.75, "percent")],
    ),
    "scale_words": (
        "Some 2.4 million people and 6 thousand families and 1.5m refugees.",
        [
            one("Some 2.4 million people", 2.4e6, "people", "approx"),
            one("6 thousand families", 6000.0, "families"),
            one("1.5m refugees", 1.5e6, "refugees"),
        ],
    ),
    "number_words": (
        "Three soldiers, twelve tanks, twenty-five villages, a hundred and fifty men.",
        [
            one("Three soldiers", 3.0, "soldiers"),
            one("twelve tanks", 12.0, "tanks"),
            one("twenty-five villages", 25.0, "villages"),
            one("a hundred and fifty men", 150.0, "men"),
        ],
    ),
    "a_thousand_half_a_million_dozen": (
        "A thousand volunteers, half a million people and a dozen drones.",
        [
            one("A thousand volunteers", 1000.0, "volunteers"),
            one("half a million people", 500_000.0, "people"),
            one("a dozen drones", 12.0, "drones"),
        ],
    ),
    "and_a_half": (
        "The siege lasted two and a half years.",
        [one("two and a half years", 2.5, "years")],
    ),
    "one_before_people_noun": (
        "One civilian was injured.",
        [one("One civilian", 1.0, "civilian")],
    ),
    "zero": (
        "There were zero casualties.",
        [one("zero casualties", 0.0, "casualties")],
    ),
    "year_like_with_unit_noun": (
        "The army moved 2000 troops and 1900 vehicles.",
        [one("2000 troops", 2000.0, "troops"), one("1900 vehicles", 1900.0, "vehicles")],
    ),
    # --- units --------------------------------------------------------------
    "adjectives_before_noun": (
        "Roughly 12,000 heavily armed Ruritanian marines landed.",
        [one("Roughly 12,000 heavily armed Ruritanian marines", 12000.0, "marines", "approx")],
    ),
    "people_nouns_keep_plural": (
        "Officials counted 45 dead, 120 wounded and 16 detainees.",
        [
            one("45 dead", 45.0, "dead"),
            one("120 wounded", 120.0, "wounded"),
            one("16 detainees", 16.0, "detainees"),
        ],
    ),
    "calibre_is_separate": (
        "The factory made 320,000 152 mm shells last year.",
        [one("320,000", 320000.0, "shells"), one("152 mm", 152.0, "mm")],
    ),
    "calibre_glued_and_hyphen": (
        "A 120-mm mortar and 7.62mm rounds.",
        [one("120-mm", 120.0, "mm"), one("7.62mm", 7.62, "mm")],
    ),
    "compound_noun": (
        "They fired 300 artillery shells and 40 police officers watched.",
        [
            one("300 artillery shells", 300.0, "shells"),
            one("40 police officers", 40.0, "officers"),
        ],
    ),
    "lengths": (
        "The column moved 40 km, then 12 miles, then 800 metres, then 3 kilometres.",
        [
            one("40 km", 40.0, "km"),
            one("12 miles", 12.0, "miles"),
            one("800 metres", 800.0, "m"),
            one("3 kilometres", 3.0, "km"),
        ],
    ),
    "percent_forms": (
        "Turnout was 61% or 61 percent or 61 per cent, up 4 percentage points.",
        [
            one("61%", 61.0, "percent"),
            one("61 percent", 61.0, "percent"),
            one("61 per cent", 61.0, "percent"),
            one("4 percentage points", 4.0, "percentage points"),
        ],
    ),
    "durations": (
        "He served for three years, then 18 months, then six weeks.",
        [
            one("three years", 3.0, "years"),
            one("18 months", 18.0, "months"),
            one("six weeks", 6.0, "weeks"),
        ],
    ),
    "hyphen_compounds": (
        "A 20-day truce, a 14-year-old boy and a 27-member bloc.",
        [
            one("20-day", 20.0, "days"),
            one("14-year-old", 14.0, "years"),
            one("27-member", 27.0, "member"),
        ],
    ),
    "strong": (
        "A 3,000-strong brigade arrived.",
        [one("3,000-strong brigade", 3000.0, "brigade")],
    ),
    "unknown_plural_noun": (
        "The storm destroyed 140 greenhouses.",
        [one("140 greenhouses", 140.0, "greenhouses")],
    ),
    "no_noun": (
        "Of these, 600 were said to be engineers.",
        [one("600", 600.0)],
    ),
    "missing_space_after_noun": (
        "It wants up to 5,000 soldiersfor the war.",
        [one("up to 5,000 soldiers", 5000.0, "soldiers", "up_to")],
    ),
    # --- vague magnitudes and fractions ------------------------------------------
    "hundreds_of": (
        "Hundreds of residents and thousands of protesters gathered.",
        [
            vague("Hundreds of residents", 100.0, "residents"),
            vague("thousands of protesters", 1000.0, "protesters"),
        ],
    ),
    "tens_of_thousands": (
        "Tens of thousands of people fled; dozens were hurt; several hundred stayed.",
        [
            vague("Tens of thousands of people", 10000.0, "people"),
            vague("dozens", 12.0),
            vague("several hundred", 100.0),
        ],
    ),
    "half_of_that": (
        "If the state keeps half of that sum, it earns a lot.",
        [one("half", 0.5, "fraction")],
    ),
    "qualified_fractions": (
        "More than half of the 900 soldiers and nearly a third of the budget.",
        [
            one("More than half", 450.0, "soldiers", "at_least"),  # half of the 900 named in it
            one("900 soldiers", 900.0, "soldiers"),
            one("nearly a third", 1 / 3, "fraction", "approx"),
        ],
    ),
    "half_of_that_scales_the_figure_before": (
        "The fund holds 2,5 million euros.\nRoughly half of that has been paid.",
        [
            one("2,5 million euros", 2_500_000.0, "EUR"),
            one("Roughly half", 1_250_000.0, "EUR", "approx"),
        ],
    ),
    "more_than_half_of_them": (
        "It records 412 drone impacts, more than half of them in May.",
        [
            one("412 drone impacts", 412.0, "impacts"),
            one("more than half", 206.0, "impacts", "at_least"),
        ],
    ),
    "more_than_twice_that": (
        "The network said about 140 operations were postponed. Nurses put it at more than twice that.",
        [
            one("about 140 operations", 140.0, "operations", "approx"),
            one("more than twice that", 280.0, "operations", "at_least"),
        ],
    ),
    "twice_that_with_no_figure_before_is_nothing": (
        "Nurses say the real number is twice that.",
        [],
    ),
    "one_in_five_and_two_thirds": (
        "One in five voters and two-thirds of members agreed.",
        [one("One in five", 0.2, "fraction"), one("two-thirds", 2 / 3, "fraction")],
    ),
    # --- unicode ------------------------------------------------------------
    "curly_quotes_and_em_dash_range": (
        "“We lost 40 tanks,” he said — 300—400 more were damaged.",
        [one("40 tanks", 40.0, "tanks"), rng("300—400", 300.0, 400.0)],
    ),
}


@pytest.mark.parametrize("key", sorted(CASES))
def test_cases(key: str) -> None:
    text, expected = CASES[key]
    got = rows(text)
    assert len(got) == len(expected), got
    for g, e in zip(got, expected, strict=True):
        assert g[0] == e[0], got
        assert g[1] == pytest.approx(e[1]) if e[1] is not None else g[1] is None, got
        assert g[2] == pytest.approx(e[2]) if e[2] is not None else g[2] is None, got
        assert g[3] == pytest.approx(e[3]) if e[3] is not None else g[3] is None, got
        assert g[4:] == e[4:], got


# Sentences that hold no figure at all.
NOT_QUANTITIES = {
    "ordinal_formations": "The 47th Mechanized Brigade and the Third Guards Army held the line.",
    "first_second": "It was the first time and the second attempt, on the 2nd try.",
    "model_numbers": "They used S-300, Su-34, F-35, MiG-31 and M2 Bradley vehicles.",
    "model_numbers_spaced": "Crews trained on Leopard 2 tanks and Boeing 737 jets.",
    "model_glued": "The 2S19 howitzer and 9M723 missile and a 5G mast.",
    "years": "In 2019 and again in 2021 the plan changed.",
    "year_ranges": "The war of 1914-1918 and the period 1961-89 and 2010–2012.",
    "year_range_words": "Between 2015 and 2017, and from 2018 to 2020, little changed.",
    "decades_centuries": "In the 1980s, the '70s and the 19th century.",
    "dates": "On March 3, 2022, on 14 July and by Sept. 9 it was over.",
    "day_ranges": "The summit runs June 4-6 and the fair 12 to 15 May.",
    "times": "At 17:45, at 6 p.m., at 9am and at 0500 GMT the sirens sounded.",
    "phone": "Call +44 20 7946 0958 or 555-201-7788 or (020) 7946 0000.",
    "urls_and_email": "See https://example.org/2024/06/18/report-300 or write to desk42@example.com.",
    "footnotes": "The claim was disputed.[12] Officials denied it.3",
    "numeric_dates": "Filed on 2024-06-18 and again on 18/06/2024.",
    "labels": "Under Article 5 and Resolution 2231, see No. 10 and page 12.",
    "bare_one": "One thing is clear: no one expected it, and one of them left.",
    "a_alone": "A soldier said a village was hit.",
    "capitalised_number_word_name": "The Group of Seven met.",
    "first_half": "In the first half of the year and the other half of the city.",
    "a_third_country": "They moved to a third country in the third quarter.",
    "around_year": "The tradition dates back to around 1900.",
    "slash_numbers": "The service runs 24/7 and the 2023/24 season ended.",
    "idiom_word_number": "It was a one-sided, two-way affair.",
}


@pytest.mark.parametrize("key", sorted(NOT_QUANTITIES))
def test_not_quantities(key: str) -> None:
    text = NOT_QUANTITIES[key]
    assert rows(text) == []


# Sentences with figures next to things that must not be read as figures.
@pytest.mark.parametrize(
    ("text", "expected_texts"),
    [
        ("In 2023 the 12th Brigade lost 40 tanks.", ["40 tanks"]),
        ("On October 9, 1,200 people marched.", ["1,200 people"]),
        ("By 2030, S-500 systems will cost $5 billion.", ["$5 billion"]),
        ("At 10:30 a convoy of 35 trucks left.", ["35 trucks"]),
        ("Since 1991, 3 million people have left.", ["3 million people"]),
        ("He was born in 1960 and has 4 children.", ["4 children"]),
        ("Visit www.example.com/page-7 for 20 photos.", ["20 photos"]),
    ],
)
def test_figures_beside_non_figures(text: str, expected_texts: list[str]) -> None:
    assert [r[0] for r in rows(text)] == expected_texts


def test_offsets_are_absolute_and_window_is_respected() -> None:
    text = "Intro with 5 tanks. Then up to 7,000 soldiers came. Outro with 9 jets."
    start = text.index("Then")
    end = text.index("Outro")
    qs = find_quantities(text, start, end)
    assert [q.text for q in qs] == ["up to 7,000 soldiers"]
    q = qs[0]
    assert text[q.start : q.end] == q.text
    assert q.start == text.index("up to")


def test_window_cuts_a_figure_short() -> None:
    text = "Exactly 12,000 soldiers."
    # only "12,0" is inside the window: it must not be read as 12,000
    qs = find_quantities(text, 0, text.index(",") + 2)
    assert all(q.value != 12000.0 for q in qs)
    assert all(q.end <= text.index(",") + 2 for q in qs)


def test_empty_and_odd_windows() -> None:
    assert find_quantities("") == []
    assert find_quantities("40 tanks", 5, 2) == []
    assert find_quantities("40 tanks", 100) == []
    assert [q.text for q in find_quantities("40 tanks", -8)] == ["40 tanks"]


def test_results_do_not_overlap_and_are_ordered() -> None:
    text = (
        "Up to 3,000 troops, between 10 and 20 km, $5-6bn, half of them, "
        "thousands of people, 500 155 mm shells and 40% of 1,200 voters."
    )
    qs = find_quantities(text)
    assert len(qs) >= 8
    for a, b in zip(qs, qs[1:], strict=False):
        assert a.end <= b.start


def test_quantity_objects() -> None:
    (q,) = find_quantities("roughly 40 km")
    assert isinstance(q, Quantity)
    assert q.to_dict() == {
        "text": "roughly 40 km",
        "start": 0,
        "end": 13,
        "value": 40.0,
        "low": None,
        "high": None,
        "unit": "km",
        "qualifier": "approx",
    }


def test_extractor_class_and_registry() -> None:
    from claimledger.registry import stages

    factory = stages.get("claimledger.extract.quantities.v1")
    extractor = factory()
    assert isinstance(extractor, QuantityExtractor)
    text = "xx 300 drones"
    assert [q.text for q in extractor.find(text)] == ["300 drones"]
    assert [q.start for q in extractor.find(text, 3)] == [3]
    assert extractor.find(text, 0, 3) == []


def test_public_function_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(s: str) -> list[Quantity]:
        raise RuntimeError("bug")

    monkeypatch.setattr(qmod, "_scan", boom)
    assert find_quantities("40 tanks") == []


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("12,000", "12000"),
        ("12 000", "12000"),
        ("1,234.5", "1234.5"),
        ("2,5", "2.5"),
        ("1.500.000", "1500000"),
        ("1,50,000", "150000"),
        ("7", "7"),
    ],
)
def test_parse_digits(raw: str, value: str) -> None:
    from decimal import Decimal

    assert parse_digits(raw) == Decimal(value)


def test_parse_digits_rejects_junk() -> None:
    assert parse_digits("") is None
    assert parse_digits("1,2,3") is None
    assert parse_digits("abc") is None


@pytest.mark.parametrize(
    ("words", "value", "used"),
    [
        ("three", 3, 1),
        ("twenty five", 25, 2),
        ("a hundred and fifty soldiers", 150, 4),
        ("two thousand and three", 2003, 4),
        ("three hundred thousand", 300000, 3),
        ("half a million", 500000, 3),
        ("one and a half million", 1500000, 5),
        ("half a dozen", 6, 3),
        ("twelve hundred", 1200, 2),
        ("one two", 1, 1),
    ],
)
def test_parse_number_words(words: str, value: int, used: int) -> None:
    got = parse_number_words(words.split())
    assert got is not None
    assert got[0] == value
    assert got[1] == used


def test_parse_number_words_rejects() -> None:
    assert parse_number_words(["a"]) is None
    assert parse_number_words(["hundred"]) is None
    assert parse_number_words(["and", "three"]) is None


_PIECES = st.sampled_from(
    list("0123456789 ,.-–—$€£%:/()[]+~'’\n\u00a0\u202fabcmkstndAMPS")
    + [
        "million", "between", " and ", " to ", "up to ", "half", "one", "thousand",
        "hundreds of", "soldiers", "June ", "mm", " per cent", "-year-old", "a ", "US",
        " or more", "-strong", "2024", "12,000", "S-", "more than ", "not ", "of ",
    ]
)  # fmt: skip
_NEWSISH = st.lists(_PIECES, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(st.text(max_size=120), _NEWSISH),
    start=st.integers(-150, 150),
    end=st.one_of(st.none(), st.integers(-150, 150)),
)
def test_never_raises_and_offsets_hold(text: str, start: int, end: int | None) -> None:
    # the strict form has no safety net, so a bug shows up here as an exception
    qs = qmod._find_quantities_strict(text, start, end)
    lo, hi, _ = slice(start, end).indices(len(text))
    last_end = lo
    for q in qs:
        assert q.text == text[q.start : q.end]
        assert lo <= q.start < q.end <= hi
        assert q.start >= last_end
        last_end = q.end
        assert q.qualifier in (None, "up_to", "at_least", "at_most", "approx", "range")
        if q.qualifier == "range":
            assert q.value is None and q.low is not None and q.high is not None
            assert q.low <= q.high
    assert find_quantities(text, start, end) == qs


def test_no_pathological_slowdown() -> None:
    nasty = [
        "1," * 5000,
        "12 000 " * 3000,
        "one and " * 3000,
        "-1-2-3" * 3000,
        "between " * 3000 + "1",
        "a " * 5000 + "hundred",
        "$" * 5000 + "5",
    ]
    t0 = time.perf_counter()
    for s in nasty:
        find_quantities(s)
    assert time.perf_counter() - t0 < 10.0


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Police revised the death toll from 14 to 13 on Thursday.", [14, 13]),
        ("The union's injury count has climbed from 31 to 34.", [31, 34]),
        ("The number of missing fell from about 60 to 38.", [60, 38]),
    ],
)
def test_a_changed_figure_is_two_figures_not_a_range(text: str, values: list[int]) -> None:
    got = find_quantities(text)
    assert [q.value for q in got] == values and all(q.qualifier != "range" for q in got)


def test_from_to_without_a_change_is_still_a_range() -> None:
    got = find_quantities("Estimates run from 40 to 60 people.")
    assert len(got) == 1 and (got[0].low, got[0].high) == (40, 60)
