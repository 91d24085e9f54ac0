"""Fuzzing the parsers, the cleaner and extraction: whatever the bytes, no exception
escapes; every part of an input becomes a document, a failure or a note.

Each property runs a bounded number of examples, so the whole file takes about a
minute in CI; ``CLAIMLEDGER_FUZZ=N`` multiplies the examples for a longer hunt.
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.extract.pipeline import Analyzer
from claimledger.ingest.cleaner import TextCleaner
from claimledger.ingest.feeds import parse_feed, repair_char_refs
from claimledger.ingest.formats import Parser, normalise_date, sniff
from claimledger.ingest.sources import InputError, decode_with_note
from claimledger.models import DocumentIn, Failure, Note, RawInput
from claimledger.registry import Config

SCALE = int(os.environ.get("CLAIMLEDGER_FUZZ", "1"))
PARSER = Parser(Config())
CLEANER = TextCleaner()
FUZZ = settings(
    max_examples=150 * SCALE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = ["the", "minister", "said", "that", "3,000", "troops", "had", "arrived", "in", "May", "according", "to", "officials", "“We", "deny", "it,”", "she", "told", "reporters", ".", ",", ";", ":", "(", ")", "[", "]", "—", "–", "-", "'", '"', "?", "!", "\n", "\n\n"]  # fmt: skip
PROSE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=200).map(" ".join)
TEXT = st.one_of(PROSE, st.text(max_size=400), st.text(alphabet="([{<&#;)]}>\"'\n ", max_size=3000))
REFS = st.one_of(
    st.integers(0, 2**40).map(lambda n: f"&#{n};"),
    st.integers(0, 2**40).map(lambda n: f"&#x{n:x};"),
    st.sampled_from(["&amp;", "&bogus;", "&#;", "&#x;", "&", "<![CDATA[", "]]>", "<!--", "\0"]),
)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=40)),
    lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ["title", "headline", "url", "link", "published", "date", "datePublished",
          "outlet", "source", "site_name", "author", "byline", "text", "body", "html"]  # fmt: skip


def check(items: list[Any]) -> None:
    for item in items:
        assert isinstance(item, (DocumentIn, Failure, Note)), item
        if isinstance(item, DocumentIn):
            assert isinstance(item.text, str) and item.text.strip()
            for f in ("title", "url", "outlet", "author", "published"):
                v = getattr(item, f)
                assert v is None or isinstance(v, str), (f, v)


def parse(data: bytes, fmt: str | None) -> list[Any]:
    return list(PARSER.parse(RawInput(origin="fuzz", data=data, format=fmt)))


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([None, "text", "html", "json", "jsonl", "feed"]))
def test_any_bytes_in_any_format(data: bytes, fmt: str | None) -> None:
    check(parse(data, fmt))


@FUZZ
@given(st.lists(st.one_of(TEXT, REFS), max_size=30).map("".join))
def test_feeds_with_hostile_entries(junk: str) -> None:
    items = "".join(
        f"<item><title>Entry {i} {junk if i == 1 else ''}</title><link>https://x.example/{i}</link>"
        f"<description>{'Words of an article here. ' * 30}{junk if i == 2 else ''}</description></item>"
        for i in range(3)
    )
    data = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    got = parse(data.encode("utf-8", "surrogatepass"), "feed")
    check(got)
    assert sum(isinstance(g, DocumentIn) for g in got) >= 1  # entry 0 always stands


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=8), max_size=5))
def test_json_records_of_any_shape(records: list[dict[str, Any]]) -> None:
    lines = []
    for r in records:
        try:
            lines.append(json.dumps(r))
        except (ValueError, TypeError):
            continue
    check(parse("\n".join(lines).encode(), "jsonl"))
    check(parse(json.dumps(lines).encode(), "json"))


@FUZZ
@given(st.integers(1, 60_000), st.sampled_from(["[", '{"a":', '[{"b":']))
def test_deeply_nested_json(depth: int, opener: str) -> None:
    closer = {"[": "]", '{"a":': "}", '[{"b":': "}]"}[opener]
    line = opener * depth + "1" + closer * depth
    check(parse((line + "\n" + json.dumps({"text": "A fine record " * 5})).encode(), "jsonl"))


@FUZZ
@given(st.binary(max_size=3000))
def test_decoding_any_bytes(data: bytes) -> None:
    try:
        text, note = decode_with_note(data)
    except InputError:
        return
    assert isinstance(text, str) and (note is None or isinstance(note, str))


@FUZZ
@given(st.binary(max_size=3000))
def test_char_ref_repair_and_feed_parser(data: bytes) -> None:
    fixed, n = repair_char_refs(data)
    assert n >= 0 and isinstance(fixed, bytes)
    try:
        parse_feed(fixed)
    except Exception as exc:  # FeedError only
        assert exc.__class__.__name__ == "FeedError", exc


@FUZZ
@given(st.one_of(TEXT, st.text(max_size=60)))
def test_dates_and_sniffing(text: str) -> None:
    v = normalise_date(text)
    assert v is None or isinstance(v, str)
    assert sniff(RawInput(origin="x", data=text.encode("utf-8", "replace")), text) in {
        "text", "html", "json", "jsonl", "feed"}  # fmt: skip


@FUZZ
@given(TEXT)
def test_the_cleaner(text: str) -> None:
    for cleaned in (CLEANER.clean(text), CLEANER.clean_body(text)):
        assert isinstance(cleaned.text, str)


_ANALYZER: list[Analyzer] = []


def analyzer() -> Analyzer:
    if not _ANALYZER:
        a = Analyzer(compare=False)
        a.time_budget = None
        _ANALYZER.append(a)
    return _ANALYZER[0]


@settings(max_examples=60 * SCALE, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(TEXT, st.one_of(st.none(), st.sampled_from(["2025-03-01", "2025"])))
def test_extraction_keeps_offsets_on_any_text(text: str, published: str | None) -> None:
    from claimledger.models import Document

    a = analyzer()
    if not text.strip():
        return
    doc = Document(origin="f", text=text, id="f", language="en", published=published,
                   title=text.split("\n", 1)[0] or None)  # fmt: skip
    got = a.analyse(doc, a.nlp(text))
    for c in got.claims:
        assert text[c.start : c.end] == c.text
        for q in c.quantities:
            assert text[q.start : q.end] == q.text
        for d in c.dates:
            assert text[d.start : d.end] == d.text
    for m in got.entities.mentions:
        assert text[m.start : m.end] == m.text
