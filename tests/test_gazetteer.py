"""Tests for the general-knowledge gazetteer (claimledger.link.gazetteer)."""

from __future__ import annotations

import pytest

from claimledger.link.gazetteer import (
    ACRONYMS,
    CAPITALS,
    COUNTRIES,
    COUNTRY_ALIASES,
    DEMONYMS,
    GOVERNMENT_BODY_NOUNS,
    SEATS,
    country_for,
    demonym_country,
    expand_acronym,
)

# --------------------------------------------------------------------------
# Table shape


def test_tables_are_consistent() -> None:
    countries = set(COUNTRIES)
    assert len(countries) == len(COUNTRIES) >= 197
    for table in (CAPITALS, SEATS, DEMONYMS, COUNTRY_ALIASES):
        assert all(k == k.lower() and k == k.strip() for k in table)
        assert set(table.values()) <= countries
    assert all(k == k.upper() for k in ACRONYMS)
    assert all(k == k.lower() for k in GOVERNMENT_BODY_NOUNS)


def test_coverage() -> None:
    assert len(set(CAPITALS.values())) >= 190
    assert len(set(DEMONYMS.values())) >= 150
    assert len(ACRONYMS) >= 60
    # every canonical name maps to itself
    assert all(COUNTRY_ALIASES[c.lower()] == c for c in COUNTRIES)


def test_no_conflicts_between_tables() -> None:
    seen: dict[str, str] = {}
    for table in (CAPITALS, SEATS, COUNTRY_ALIASES):
        for key, country in table.items():
            assert seen.setdefault(key, country) == country, key


# --------------------------------------------------------------------------
# country_for


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Moscow", "Russia"),
        ("Pyongyang", "North Korea"),
        ("Seoul", "South Korea"),
        ("Washington", "United States"),
        ("London", "United Kingdom"),
        ("Beijing", "China"),
        ("Berlin", "Germany"),
        ("Paris", "France"),
        ("Taipei", "Taiwan"),
        ("Jerusalem", "Israel"),
        ("Ramallah", "Palestine"),
        ("Malé", "Maldives"),
        ("St. George\u2019s", "Grenada"),
        ("the Kremlin", "Russia"),
        ("Kremlin", "Russia"),
        ("The White House", "United States"),
        ("the Pentagon", "United States"),
        ("Downing Street", "United Kingdom"),
        ("the Élysée", "France"),
        ("Elysee", "France"),
        ("the Blue House", "South Korea"),
        ("Zhongnanhai", "China"),
        ("Bankova", "Ukraine"),
        ("the Verkhovna Rada", "Ukraine"),
        ("State Duma", "Russia"),
        ("Knesset", "Israel"),
        ("US", "United States"),
        ("U.S.", "United States"),
        ("the United States", "United States"),
        ("America", "United States"),
        ("Britain", "United Kingdom"),
        ("DPRK", "North Korea"),
        ("the Republic of Korea", "South Korea"),
        ("Russian Federation", "Russia"),
        ("People\u2019s Republic of China", "China"),
        ("Türkiye", "Turkey"),
        ("the Netherlands", "Netherlands"),
        ("the Gambia", "Gambia"),
        ("  north   korea ", "North Korea"),
        ("Moscow's", "Russia"),
    ],
)
def test_country_for(name: str, country: str) -> None:
    assert country_for(name) == country


@pytest.mark.parametrize(
    "name",
    ["Springfield", "", "Korea", "Male", "Victoria", "Donetsk", "Russian", "the", "NATO"],
)
def test_country_for_negative(name: str) -> None:
    assert country_for(name) is None


# --------------------------------------------------------------------------
# demonym_country


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("the Russian authorities", "Russia"),
        ("Ukrainian military intelligence", "Ukraine"),
        ("the North Korean leadership", "North Korea"),
        ("South Korean officials", "South Korea"),
        ("the Russian Defence Ministry", "Russia"),
        ("the Russian Ministry of Defence", "Russia"),
        ("American diplomats", "United States"),
        ("US officials", "United States"),
        ("U.S. forces", "United States"),
        ("British Foreign Office officials", "United Kingdom"),
        ("the Chinese side", "China"),
        ("Polish troops", "Poland"),
        ("the Saudi Arabian government", "Saudi Arabia"),
        ("South Sudanese army", "South Sudan"),
        ("Papua New Guinean police", "Papua New Guinea"),
        ("the Russian embassy,", "Russia"),
        ("the Romanian air force", "Romania"),
    ],
)
def test_demonym_country(phrase: str, country: str) -> None:
    assert demonym_country(phrase) == country


@pytest.mark.parametrize(
    "phrase",
    [
        "Russian novel",
        "the Russian novel about government",
        "Russian",
        "Korean officials",
        "pro-Russian forces",
        "Russian-backed forces",
        "Russia's military",
        "us officials",
        "Russian and Ukrainian officials",
        "the authorities",
        "",
    ],
)
def test_demonym_country_negative(phrase: str) -> None:
    assert demonym_country(phrase) is None


# --------------------------------------------------------------------------
# expand_acronym


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("NATO", "North Atlantic Treaty Organization"),
        ("Nato", "North Atlantic Treaty Organization"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("IAEA", "International Atomic Energy Agency"),
        ("NIS", "National Intelligence Service"),
        ("GUR", "Main Intelligence Directorate"),
        ("SBU", "Security Service of Ukraine"),
        ("KPA", "Korean People's Army"),
        ("KCNA", "Korean Central News Agency"),
        ("AP", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("DW", "Deutsche Welle"),
        (" G7 ", "Group of Seven"),
    ],
)
def test_expand_acronym(short: str, long: str) -> None:
    assert expand_acronym(short) == long


@pytest.mark.parametrize("short", ["who", "XYZ", "", "Springfield"])
def test_expand_acronym_negative(short: str) -> None:
    assert expand_acronym(short) is None
