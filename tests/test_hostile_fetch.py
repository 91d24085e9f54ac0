"""Hostile servers: decompression bombs, drip-fed bodies, feeds that never end, spoofed
canonical links.  Every server is a local one on 127.0.0.1 (tests/evil.py)."""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from claimledger.cli import cli
from claimledger.ledger import Ledger
from claimledger.models import AddOptions, AddResult
from evil import EvilServer, body, drip, evil_server, gzip_bomb, slow_headers

pytestmark = pytest.mark.network

NO_ANALYZE = AddOptions(analyze=False)
RSS = "application/rss+xml; charset=utf-8"
ARTICLE = (
    "The ferry company said on Monday that the crossing would reopen next week. "
    "Its spokeswoman, Ada Pellow, said the repairs had cost about 40,000 euros. "
)


@pytest.fixture
def evil() -> Iterator[EvilServer]:
    with evil_server() as srv:
        yield srv


def page(text: str, head: str = "<title>Ferry news</title>") -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
        f"<body><article>{paras}</article></body></html>"
    ).encode()


def rss(links: list[str], title: str = "Ferry feed") -> bytes:
    items = "".join(
        f"<item><title>Entry {i}</title><link>{html.escape(u)}</link>"
        f"<description>A short teaser.</description></item>"
        for i, u in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{items}</channel></rss>"
    ).encode()


def add(ledger: Ledger, url: str, **kw: object) -> AddResult:
    return ledger.add(url, NO_ANALYZE, **kw)


# -- 9: decompression bombs ----------------------------------------------------------


def test_stacked_gzip_bomb_is_refused_without_blowing_up_memory(ledger: Ledger, evil) -> None:
    bomb = gzip_bomb(2, 2_000_000_000)  # ~4.7 KB on the wire, 2 GB inside
    assert len(bomb) < 10_000
    url = evil.route("/bomb", body(bomb, Content_Encoding="gzip, gzip"))
    before = psutil.Process().memory_info().rss
    result = add(ledger, url)
    assert result.added == []
    assert "stacked content encodings" in result.failed[0].reason
    assert psutil.Process().memory_info().rss - before < 200_000_000


def test_single_gzip_bomb_stops_at_the_cap_as_it_streams(ledger: Ledger, evil) -> None:
    bomb = gzip_bomb(1, 500_000_000)  # ~500 KB that is 500 MB of zeros
    url = evil.route("/bomb1", body(bomb, Content_Encoding="gzip"))
    before = psutil.Process().memory_info().rss
    result = add(ledger, url, max_bytes=1_000_000)
    assert "once decompressed" in result.failed[0].reason
    assert psutil.Process().memory_info().rss - before < 100_000_000


def test_a_gzipped_article_is_read(ledger: Ledger, evil) -> None:
    import gzip

    url = evil.route("/gz", body(gzip.compress(page(ARTICLE)), Content_Encoding="gzip"))
    result = add(ledger, url)
    assert result.ok and len(result.added) == 1, result.failed
    assert "Ada Pellow" in ledger.documents()[0].text


def test_an_unknown_content_encoding_is_refused(ledger: Ledger, evil) -> None:
    url = evil.route("/br", body(page(ARTICLE), Content_Encoding="br"))
    assert "unsupported content encoding" in add(ledger, url).failed[0].reason


# -- 10: --timeout is a deadline per URL ---------------------------------------------


def test_a_drip_fed_body_is_cut_at_the_deadline(runner, db_path: Path, evil) -> None:
    url = evil.route("/drip", drip(page(ARTICLE) * 3, every=0.2))
    t = time.monotonic()
    res = runner.invoke(cli, ["--db", str(db_path), "-q", "add", "--no-analyze",
                              "--timeout", "1.5", url])  # fmt: skip
    assert time.monotonic() - t < 8, "the deadline is per URL, not per read"
    assert res.exit_code == 1
    assert "timed out after 1.5s" in res.stderr


def test_headers_sent_a_byte_at_a_time_are_cut_at_the_deadline(ledger: Ledger, evil) -> None:
    url = evil.route("/slowhead", slow_headers(every=0.2))
    t = time.monotonic()
    result = add(ledger, url, timeout=1.5)
    assert time.monotonic() - t < 8
    assert "timed out" in result.failed[0].reason


# -- 11: feed following has limits -----------------------------------------------------


def test_a_self_linking_feed_is_read_once(ledger: Ledger, evil) -> None:
    url = evil.url("/feed")
    evil.route("/feed", body(rss([url, url + "#again"]), RSS))
    result = add(ledger, url)
    assert evil.hits == ["/feed"]
    assert any("already fetched in this run" in n.message for n in result.notes)


def test_a_tree_of_feeds_stops_at_the_depth_limit(ledger: Ledger, evil) -> None:
    def feed_at(path: str, level: int) -> None:
        kids = [f"{path}{k}" for k in "ab"] if level < 8 else []
        evil.route(path, body(rss([evil.url(k) for k in kids]), RSS))
        for k in kids:
            feed_at(k, level + 1)

    feed_at("/t", 0)
    result = add(ledger, evil.url("/t"), max_feed_depth=2)
    assert len(evil.hits) <= 1 + 2 + 4, len(evil.hits)
    assert any("see --max-feed-depth" in f.reason for f in result.failed)


def test_a_huge_feed_is_read_up_to_the_item_cap(ledger: Ledger, evil) -> None:
    links = [evil.url(f"/a/{i}") for i in range(10_000)]
    evil.route("/big", body(rss(links), RSS))
    for i in range(30):
        evil.route(f"/a/{i}", body(page(f"Story {i}. " + ARTICLE)))
    result = add(ledger, evil.url("/big"), max_feed_items=25)
    assert len(evil.hits) == 26
    assert len(result.added) == 25
    assert any("has 10000 entries; read the first 25" in n.message for n in result.notes)


def test_the_request_budget_ends_the_run_with_a_line(runner, db_path: Path, evil) -> None:
    links = [evil.url(f"/a/{i}") for i in range(20)]
    evil.route("/feed", body(rss(links), RSS))
    for i in range(20):
        evil.route(f"/a/{i}", body(page(f"Story {i}. " + ARTICLE)))
    res = runner.invoke(cli, ["--db", str(db_path), "-q", "add", "--no-analyze",
                              "--max-requests", "6", evil.url("/feed")])  # fmt: skip
    assert len(evil.hits) == 6
    assert "request budget spent: 6 requests this run (see --max-requests)" in res.stderr
    assert "5 added" in res.stderr


# -- 12: the stored URL is the one fetched ---------------------------------------------


def test_a_canonical_link_cannot_replace_the_fetched_url(ledger: Ledger, evil) -> None:
    head = '<title>Ferry</title><link rel="canonical" href="https://trusted.example/story">'
    url = evil.route("/story", body(page(ARTICLE, head)))
    assert add(ledger, url).ok
    doc = ledger.documents()[0]
    assert doc.url == url and doc.origin == url
    assert doc.canonical_url == "https://trusted.example/story"
    exported = ledger.export()["documents"][0]
    assert exported["url"] == url and exported["canonical_url"] == "https://trusted.example/story"
