"""URLs and feeds fetched from a local HTTP server (127.0.0.1 only, nothing external)."""

from __future__ import annotations

import html
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimledger.cli import cli
from claimledger.ingest.fetch import USER_AGENT
from claimledger.ledger import Ledger
from claimledger.models import AddOptions, AddResult, Document

pytestmark = pytest.mark.network

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
NO_ANALYZE = AddOptions(analyze=False)

FERRY_FIRST = "Ferry crews on the Kestrel Bay crossing walked off the job at dawn on Monday"
LIBRARY_FIRST = "The town library in Ashcombe will stay open on Sundays"
WIND_FIRST = "Engineers have finished installing the last of twenty-four turbines"
BRIDGE_FIRST = "Repairs to the old stone bridge at Pennock Mill"
ORCHESTRA_FIRST = "A community orchestra made up of pupils from eleven schools"

META_HEAD = """
<title>Ferry crews strike on Kestrel Bay crossing | Kestrel Bay Herald</title>
<meta property="og:title" content="Ferry crews strike on Kestrel Bay crossing">
<meta property="og:site_name" content="Kestrel Bay Herald">
<meta property="article:published_time" content="2024-11-04T07:45:00+00:00">
<meta name="author" content="Oriel Thamesby">
<link rel="canonical" href="https://kestrelbay-herald.example/news/ferry-crews-strike">
"""


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def paragraphs_html(text: str) -> str:
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def page(text: str, head: str = "<title>Local news</title>") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">{head}</head>\n'
        f"<body><main><article>\n{paragraphs_html(text)}\n</article></main></body></html>\n"
    )


def add(ledger: Ledger, url: str | list[str], **kw: object) -> AddResult:
    return ledger.add(url, NO_ANALYZE, **kw)


def only(ledger: Ledger) -> Document:
    docs = ledger.documents()
    assert len(docs) == 1, [d.origin for d in docs]
    return docs[0]


def one_failure(result: AddResult, origin: str) -> str:
    assert result.added == [], result.added
    assert len(result.failed) == 1, result.failed
    assert result.failed[0].origin == origin
    return result.failed[0].reason


# -- single pages -----------------------------------------------------------------


def test_html_article_url(ledger: Ledger, http_server) -> None:
    url = http_server.add("/news/ferry-crews-strike", page(article("ferry_strike"), META_HEAD))
    result = add(ledger, url)
    assert result.summary() == "1 added, 0 duplicates, 0 failed", result.failed
    doc = only(ledger)
    assert doc.origin == url
    assert doc.format == "html"
    # where it was fetched from; what the page says of itself is kept beside it
    assert doc.url == url
    assert doc.canonical_url == "https://kestrelbay-herald.example/news/ferry-crews-strike"
    assert doc.title == "Ferry crews strike on Kestrel Bay crossing"
    assert doc.outlet == "Kestrel Bay Herald"
    assert doc.author == "Oriel Thamesby"
    assert doc.published is not None and doc.published.startswith("2024-11-04")
    assert FERRY_FIRST in doc.text
    assert http_server.hits == ["/news/ferry-crews-strike"]


def test_plain_text_url(ledger: Ledger, http_server) -> None:
    url = http_server.add(
        "/wire/library.txt", article("library"), content_type="text/plain; charset=utf-8"
    )
    assert len(add(ledger, url).added) == 1
    doc = only(ledger)
    assert doc.format == "text" and doc.origin == url
    assert doc.text.startswith(LIBRARY_FIRST)


def test_redirect_chain(ledger: Ledger, http_server) -> None:
    final = http_server.add("/2025/02/library-sundays", page(article("library")))
    http_server.add("/story/4471", status=301, headers={"Location": final})
    first = http_server.add("/s/lib", status=302, headers={"Location": "/story/4471"})
    result = add(ledger, first)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert doc.origin == first
    assert doc.url == final, "without a canonical link the final URL is the document's URL"
    assert LIBRARY_FIRST in doc.text
    assert http_server.hits == ["/s/lib", "/story/4471", "/2025/02/library-sundays"]


def test_redirect_loop_fails(ledger: Ledger, http_server) -> None:
    a = http_server.add("/loop/a", status=302, headers={"Location": "/loop/b"})
    http_server.add("/loop/b", status=302, headers={"Location": "/loop/a"})
    reason = one_failure(add(ledger, a), a)
    assert "too many redirects" in reason
    assert len(http_server.hits) <= 7, "the redirect limit must stop the loop"


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors(ledger: Ledger, http_server, status: int) -> None:
    if status == 404:
        url = http_server.url("/no/such/story")
    else:
        url = http_server.add("/broken", "<h1>oops</h1>", status=500)
    reason = one_failure(add(ledger, url), url)
    assert f"HTTP {status}" in reason


def test_non_text_content_type(ledger: Ledger, http_server) -> None:
    url = http_server.add("/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    reason = one_failure(add(ledger, url), url)
    assert "unsupported content type" in reason and "image/png" in reason


def test_oversize_body(ledger: Ledger, http_server) -> None:
    body = page(article("ferry_strike") + "\n\n" + "More paragraphs follow. " * 2000)
    url = http_server.add("/long-read", body)
    reason = one_failure(add(ledger, url, max_bytes=10_000), url)
    assert "too large" in reason


def test_slow_server_times_out(runner, db_path: Path, http_server) -> None:
    url = http_server.add("/slow", page(article("library")), delay=3.0)
    res = runner.invoke(
        cli, ["--db", str(db_path), "-q", "add", "--no-analyze", "--timeout", "0.5", url]
    )
    assert res.exit_code == 1, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"claimledger: skipped {url}: ")
    assert "timed out" in lines[0]
    assert lines[1] == "0 added, 0 duplicates, 1 failed"


def test_unreachable_port(ledger: Ledger) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    reason = one_failure(add(ledger, url, timeout=5.0), url)
    assert "cannot connect" in reason


# -- request headers and streamed bodies: a server of our own -----------------------------


class _Recorder:
    def __init__(self) -> None:
        self.headers: list[dict[str, str]] = []
        self.base = ""


@pytest.fixture
def recording_server() -> Iterator[_Recorder]:
    """Serves an article at /article, records request headers; /endless streams with no length."""
    rec = _Recorder()
    body = page(article("wind_farm")).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:  # noqa: N802
            rec.headers.append({k.lower(): v for k, v in self.headers.items()})
            if self.path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(200):
                        self.wfile.write(b"<p>" + b"spindrift " * 100 + b"</p>\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rec.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()


def test_user_agent_names_claimledger(ledger: Ledger, recording_server: _Recorder) -> None:
    result = add(ledger, recording_server.base + "/article")
    assert len(result.added) == 1, result.failed
    assert len(recording_server.headers) == 1
    ua = recording_server.headers[0].get("user-agent", "")
    assert ua == USER_AGENT
    assert ua.lower().startswith("claimledger/")
    assert WIND_FIRST in only(ledger).text


def test_oversize_stream_without_content_length(
    ledger: Ledger, recording_server: _Recorder
) -> None:
    url = recording_server.base + "/endless"
    reason = one_failure(add(ledger, url, max_bytes=20_000), url)
    assert "too large" in reason


# -- feeds by URL ---------------------------------------------------------------------


def rss(items: list[tuple[str, str, str]], channel: str = "Pennock Valley Times") -> str:
    """items: (title, link, short description)."""
    body = "\n".join(
        f"<item><title>{html.escape(t)}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 10 Jun 2025 08:00:00 GMT</pubDate><dc:creator>Mara Quenby</dc:creator>"
        f"<description>{html.escape(d)}</description></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{channel}</title><link>https://pennock.example/</link>"
        f"<description>Valley news</description>\n{body}\n</channel></rss>\n"
    )


RSS_TYPE = "application/rss+xml; charset=utf-8"


def test_rss_url_teasers_fetch_linked_articles(ledger: Ledger, http_server) -> None:
    bridge = http_server.add("/news/bridge-repairs", page(article("bridge_repair")))
    band = http_server.add("/news/orchestra-debut", page(article("youth_orchestra")))
    feed = http_server.add(
        "/feed.xml",
        rss(
            [
                ("Bridge repairs delayed", bridge, "Divers found cracks in two river piers."),
                ("Youth orchestra's first concert", band, "Seven hundred came to listen."),
            ]
        ),
        content_type=RSS_TYPE,
    )
    result = add(ledger, feed)
    assert result.summary() == "2 added, 0 duplicates, 0 failed", result.failed
    assert http_server.hits[0] == "/feed.xml"
    assert sorted(http_server.hits[1:]) == ["/news/bridge-repairs", "/news/orchestra-debut"]
    docs = {d.origin: d for d in ledger.documents()}
    assert set(docs) == {bridge, band}
    b = docs[bridge]
    assert BRIDGE_FIRST in b.text, "the linked article is stored, not the teaser"
    assert "Divers found cracks in two river piers." not in b.text
    assert b.title == "Bridge repairs delayed"
    assert b.outlet == "Pennock Valley Times"
    assert b.author == "Mara Quenby"
    assert b.published == "2025-06-10T08:00"
    assert ORCHESTRA_FIRST in docs[band].text


def test_feed_entry_without_teaser_whose_link_404s(ledger: Ledger, http_server) -> None:
    bridge = http_server.add("/news/bridge-repairs", page(article("bridge_repair")))
    band = http_server.add("/news/orchestra-debut", page(article("youth_orchestra")))
    gone = http_server.url("/news/withdrawn-story")
    feed = http_server.add(
        "/feed.xml",
        rss([("Bridge", bridge, "Cracks found."), ("Gone", gone, ""), ("Band", band, "A debut.")]),
        content_type=RSS_TYPE,
    )
    result = add(ledger, feed)
    assert len(result.added) == 2
    assert len(result.failed) == 1
    assert result.failed[0].origin == gone
    assert "HTTP 404" in result.failed[0].reason
    assert {d.origin for d in ledger.documents()} == {bridge, band}


def test_feed_entry_with_teaser_whose_link_404s(ledger: Ledger, http_server) -> None:
    bridge = http_server.add("/news/bridge-repairs", page(article("bridge_repair")))
    band = http_server.add("/news/orchestra-debut", page(article("youth_orchestra")))
    gone = http_server.url("/news/withdrawn-story")
    feed = http_server.add(
        "/feed.xml",
        rss(
            [
                ("Bridge repairs delayed", bridge, "Divers found cracks in two river piers."),
                ("Story withdrawn", gone, "This teaser is all the feed says about the story."),
                ("Youth orchestra's first concert", band, "Seven hundred came to listen."),
            ]
        ),
        content_type=RSS_TYPE,
    )
    result = add(ledger, feed)
    assert [f.origin for f in result.failed] == [gone]
    assert "HTTP 404" in result.failed[0].reason
    assert len(result.added) == 2
    assert {d.origin for d in ledger.documents()} == {bridge, band}


def test_atom_feed_url(ledger: Ledger, http_server) -> None:
    entries = [
        ("Library keeps Sunday opening", "/atom/library", "library", "2025-02-03T11:00:00Z"),
        ("Last turbine in place", "/atom/turbines", "wind_farm", "2025-02-01T09:30:00Z"),
    ]
    body = "\n".join(
        f'<entry><title>{t}</title><link href="{http_server.url(p)}"/><id>{http_server.url(p)}</id>'
        f"<updated>{d}</updated><author><name>Cara Ellingham</name></author>"
        f'<content type="html">{html.escape(paragraphs_html(article(a)))}</content></entry>'
        for t, p, a, d in entries
    )
    feed = http_server.add(
        "/atom.xml",
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Orrin Valley Post</title><id>urn:example:orrin</id>"
        f"<updated>2025-02-03T12:00:00Z</updated>\n{body}\n</feed>\n",
        content_type="application/atom+xml",
    )
    result = add(ledger, feed)
    assert len(result.added) == 2, result.failed
    assert http_server.hits == ["/atom.xml"], "full-text entries need no fetch"
    docs = {d.url: d for d in ledger.documents()}
    lib = docs[http_server.url("/atom/library")]
    assert lib.origin == f"{feed}#1"
    assert lib.outlet == "Orrin Valley Post" and lib.author == "Cara Ellingham"
    assert lib.title == "Library keeps Sunday opening"
    assert lib.published == "2025-02-03T11:00"
    assert LIBRARY_FIRST in lib.text
    assert WIND_FIRST in docs[http_server.url("/atom/turbines")].text
