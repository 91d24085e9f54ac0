"""The read-only web UI: pages, the JSON API, search, pagination, safety with hostile text."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

from starlette.testclient import TestClient  # noqa: E402

from claimledger.demo import sample_dir  # noqa: E402
from claimledger.ledger import Ledger  # noqa: E402
from claimledger.web.app import SECURITY_HEADERS, create_app  # noqa: E402
from claimledger.web.textview import (  # noqa: E402
    http_url,
    marked_parts,
    paragraph_around,
    paragraphs_with_claims,
    query_string,
)

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    inputs = sorted(str(p) for p in sample_dir().iterdir() if p.is_file() and p.name != "README.md")
    inputs += sorted(str(p) for p in HOSTILE.glob("*.json"))
    with Ledger(path) as ledger:
        result = ledger.add(inputs)
    assert result.ok, result.failed
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def ids(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    out = {
        "claim": q(
            "SELECT id FROM claims WHERE quantities != '[]' AND speaker IS NOT NULL LIMIT 1"
        ),
        "proposition": q("SELECT id FROM propositions ORDER BY n_docs DESC, id LIMIT 1"),
        "merged": q("SELECT old FROM proposition_merges ORDER BY old LIMIT 1"),
        "disputed": q("SELECT id FROM propositions WHERE status = 'disputed' LIMIT 1"),
        "entity": q(
            "SELECT speaker FROM claims WHERE speaker IS NOT NULL"
            " GROUP BY speaker ORDER BY count(*) DESC LIMIT 1"
        ),
        "document": q("SELECT id FROM documents WHERE outlet = 'Meridian Wire' LIMIT 1"),
        "hostile_doc": q("SELECT id FROM documents WHERE url = 'javascript:alert(1)'"),
    }
    conn.close()
    return out


def page(client: TestClient, path: str, status: int = 200) -> str:
    r = client.get(path)
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    if status == 200:
        assert r.headers["content-type"].startswith("text/html")
    assert 'href="/"' in r.text  # every page links back to the overview
    return r.text


def api(client: TestClient, path: str, status: int = 200) -> Any:
    r = client.get(path)
    assert r.status_code == status, (path, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# -- pages --------------------------------------------------------------------------


def test_overview(client: TestClient, db: Path) -> None:
    html = page(client, "/")
    assert "Ledger overview" in html
    assert 'action="/search"' in html and '<label for="home-q">' in html
    for link in ("/documents", "/entities", "/propositions", "/coverage"):
        assert f'href="{link}"' in html
    data = api(client, "/api")
    assert data == api(client, "/api/overview")
    counts = data["counts"]
    conn = sqlite3.connect(db)
    n_docs, n_claims = conn.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims)"
    ).fetchone()
    conn.close()
    assert counts["documents"] == n_docs >= 16 and counts["claims"] == n_claims > 100
    assert counts["outlets"] >= 7
    assert counts["entities"] > 10 and counts["disputed"] >= 1
    assert set(counts) >= {"propositions", "updated", "propositions_by_status"}


def test_claim_page_highlights_sentence_in_its_paragraph(client: TestClient, ids: dict) -> None:
    claim = api(client, f"/api/claims/{ids['claim']}")
    c, para = claim["claim"], claim["paragraph"]
    assert para["mark"] == c["text"]
    assert set(claim) >= {"claim", "document", "proposition", "paragraph", "relations"}
    html = page(client, f"/claims/{ids['claim']}")
    from markupsafe import escape

    assert f'<mark id="hl">{escape(c["text"])}</mark>' in html
    assert f'href="/entities/{c["speaker"]}"' in html
    assert f'href="/documents/{c["doc"]}"' in html
    if c["proposition"]:
        assert f'href="/propositions/{c["proposition"]}"' in html
    assert '<h2 id="fig-h">Figures</h2>' in html and c["quantities"][0]["text"] in html
    # a unique id prefix works too
    assert client.get(f"/claims/{ids['claim'][:10]}").status_code == 200


def test_proposition_pages(client: TestClient, ids: dict) -> None:
    html = page(client, "/propositions")
    assert f'href="/propositions/{ids["proposition"]}"' in html
    data = api(client, "/api/propositions?status=disputed")
    assert data["items"] and {p["status"] for p in data["items"]} == {"disputed"}
    assert set(data) >= {"items", "statuses", "paging", "filters"}
    p = api(client, f"/api/propositions/{ids['disputed']}")
    assert set(p) >= {"label", "status", "figures", "relations", "timeline", "claims"}
    html = page(client, f"/propositions/{ids['disputed']}")
    for heading in ("Figures", "Relations", "Status over time", "Claims ("):
        assert heading in html
    assert "contradicts" in html
    for c in p["claims"]:
        assert f'href="/claims/{c["id"]}#hl"' in html


def test_a_merged_propositions_old_link_shows_the_one_that_took_it_in(
    client: TestClient, ids: dict
) -> None:
    p = api(client, f"/api/propositions/{ids['merged']}")
    assert p["merged_from"] == ids["merged"] and p["id"] != ids["merged"]
    html = page(client, f"/propositions/{ids['merged']}")
    assert f"Proposition {ids['merged']} was merged into this one" in html


def test_entity_pages(client: TestClient, ids: dict) -> None:
    html = page(client, "/entities")
    data = api(client, "/api/entities")
    top = data["items"][0]
    assert top["claims"] >= data["items"][-1]["claims"]
    assert f'href="/entities/{top["id"]}"' in html
    e = api(client, f"/api/entities/{top['id']}")
    assert set(e) >= {"name", "type", "aliases", "attributes", "conflicts", "stands_for",
                      "represented_by", "claims", "documents"}  # fmt: skip
    assert e["claims"] and e["paging"]["total"] == top["claims"]
    html = page(client, f"/entities/{top['id']}")
    assert "Also called" in html and "Attributes" in html
    # by a name as well as by id
    assert api(client, "/api/entities/Anneli Sorsby")["name"] == "Anneli Sorsby"
    typed = api(client, "/api/entities?type=ORG")
    assert typed["items"] and {x["type"] for x in typed["items"]} == {"ORG"}


def test_document_pages(client: TestClient, ids: dict) -> None:
    html = page(client, "/documents")
    assert f'href="/documents/{ids["document"]}"' in html
    listing = api(client, "/api/documents?outlet=Meridian+Wire")
    assert listing["items"] and {d["outlet"] for d in listing["items"]} == {"Meridian Wire"}
    d = api(client, f"/api/documents/{ids['document']}")
    assert set(d) >= {"document", "paragraphs", "claims", "duplicates"}
    assert d["document"]["text"]
    html = page(client, f"/documents/{ids['document']}")
    for c in d["claims"]:
        assert f'href="/claims/{c["id"]}#hl"' in html
    assert html.count("<p>") >= len(d["paragraphs"])
    assert 'rel="noopener noreferrer nofollow"' in html  # its https URL is a link


def test_coverage(client: TestClient) -> None:
    html = page(client, "/coverage")
    assert '<table class="matrix">' in html and "Carried by one outlet only" in html
    data = api(client, "/api/coverage")
    assert data["outlets"] and data["matrix"] and data["single_outlet"]
    row = data["matrix"][0]
    assert set(row["outlets"]) == set(data["outlets"])
    assert all(p["n_outlets"] <= 1 for p in data["single_outlet"])


# -- search ---------------------------------------------------------------------------


def test_search_claims_and_documents(client: TestClient) -> None:
    data = api(client, "/api/search?q=ammonia")
    assert data["error"] is None and data["claims"]
    for c in data["claims"]:
        assert any(m and t.lower().startswith("ammonia") for t, m in c["highlight"])
    assert data["documents"]["items"] and data["documents"]["total"] >= 5
    html = page(client, "/search?q=ammonia")
    assert "<mark>ammonia</mark>" in html.lower()
    assert 'value="ammonia"' in html


def test_search_paginates(client: TestClient) -> None:
    first = api(client, "/api/search")
    assert len(first["claims"]) == 50 and first["paging"]["has_next"]
    assert not first["paging"]["has_prev"] and first["paging"]["total"] > 100
    second = api(client, "/api/search?page=2")
    assert second["paging"]["first"] == 51 and second["paging"]["has_prev"]
    assert not {c["id"] for c in first["claims"]} & {c["id"] for c in second["claims"]}
    total = first["paging"]["total"]
    last = api(client, f"/api/search?page={(total - 1) // 50 + 1}")
    assert not last["paging"]["has_next"] and last["paging"]["last"] == total
    html = page(client, "/search?page=2")
    assert 'rel="next" href="/search?page=3"' in html and 'rel="prev" href="/search?"' in html
    assert api(client, "/api/search?page=banana")["paging"]["page"] == 1


def test_facets_narrow_results(client: TestClient) -> None:
    everything = api(client, "/api/search")
    facets = everything["facets"]
    assert {f["value"] for f in facets["modality"]} >= {"asserted", "denied"}
    denied = next(f for f in facets["modality"] if f["value"] == "denied")
    narrowed = api(client, "/api/search?modality=denied")
    assert narrowed["paging"]["total"] == denied["count"] < everything["paging"]["total"]
    assert {c["modality"] for c in narrowed["claims"]} == {"denied"}
    # facet links add the filter to the current ones
    html = page(client, "/search?q=ammonia")
    assert re.search(r'href="/search\?q=ammonia&amp;[^"]*modality=denied"', html)
    outlet = facets["outlet"][0]
    by_outlet = api(client, "/api/search?" + query_string({}, outlet=outlet["value"])[1:])
    assert {c["outlet"] for c in by_outlet["claims"]} == {outlet["value"]}
    speaker = facets["speaker"][0]
    by_speaker = api(client, f"/api/search?speaker={speaker['value']}")
    assert by_speaker["paging"]["total"] == speaker["count"]
    assert {c["speaker"] for c in by_speaker["claims"]} == {speaker["value"]}
    assert by_speaker["speaker_name"] == speaker["label"]
    status = api(client, "/api/search?status=disputed")
    assert status["claims"] and {c["status"] for c in status["claims"]} == {"disputed"}


def test_date_range_filter(client: TestClient) -> None:
    data = api(client, "/api/search?from=2025-03-12&to=2025-03-13")
    days = {c["published"][:10] for c in data["claims"]}
    assert days and days <= {"2025-03-12", "2025-03-13"}
    assert data["facets"]["dates"]["min"] >= "2025-03-12"
    assert api(client, "/api/search?from=2030-01-01")["claims"] == []
    bad = api(client, "/api/search?from=yesterday", 400)
    assert "date" in bad["error"]


@pytest.mark.parametrize("q", ['"unbalanced', "AND OR", "title:fire", "(((", "NEAR("])
def test_malformed_query_is_a_message_not_a_500(client: TestClient, q: str) -> None:
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200
    assert 'class="error" role="alert"' in r.text and "could not be understood" in r.text
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 400 and "could not be understood" in r.json()["error"]


def test_unknown_speaker_is_a_message(client: TestClient) -> None:
    r = client.get("/search?speaker=Nobody+Atall")
    assert r.status_code == 200 and "No single speaker matches" in r.text


# -- errors, headers, read-only ------------------------------------------------------


@pytest.mark.parametrize("kind", ["claims", "propositions", "entities", "documents"])
def test_unknown_ids_are_404(client: TestClient, kind: str) -> None:
    html = page(client, f"/{kind}/zzzz-no-such-id", 404)
    assert "Not found" in html
    body = api(client, f"/api/{kind}/zzzz-no-such-id", 404)
    assert body["status"] == 404 and body["error"]


def test_unknown_path_and_method(client: TestClient) -> None:
    assert "Not found" in page(client, "/no/such/page", 404)
    assert api(client, "/api/nothing", 404)["status"] == 404
    r = client.post("/search")
    assert r.status_code == 405 and "GET" in r.headers["allow"]


@pytest.mark.parametrize("path", ["/", "/api", "/search?q=%22x", "/api/search?q=%22x",
                                  "/static/style.css", "/claims/nope", "/api/claims/nope"])  # fmt: skip
def test_security_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    for k, v in SECURITY_HEADERS.items():
        assert r.headers[k] == v
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_static_css_is_served(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")


def test_the_ledger_is_never_written(db: Path, client: TestClient, ids: dict) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for path in ("/", "/search?q=fire", f"/claims/{ids['claim']}", "/entities", "/coverage"):
        client.get(path)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_missing_ledger_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        create_app(str(tmp_path / "nope.db"))


def test_cli_serve(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from claimledger.cli import cli

    runner = CliRunner()
    res = runner.invoke(cli, ["--db", str(tmp_path / "missing.db"), "serve"])
    assert res.exit_code != 0 and "no ledger at" in res.output
    calls: list[tuple[Any, dict]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    res = runner.invoke(cli, ["--db", str(db), "serve", "--port", "8899"])
    assert res.exit_code == 0, res.output
    assert "http://127.0.0.1:8899/" in res.output
    app, kw = calls[0]
    assert kw == {"host": "127.0.0.1", "port": 8899, "log_level": "warning"}
    assert TestClient(app, base_url="http://127.0.0.1").get("/").status_code == 200


# -- hostile text -----------------------------------------------------------------------


class _Tags(HTMLParser):
    """Every start tag and attribute the way a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "body", "a", "header", "nav", "ul", "ol", "li",
    "form", "label", "input", "button", "main", "footer", "p", "h1", "h2", "h3", "section",
    "dl", "dt", "dd", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "mark", "blockquote", "figure", "figcaption", "aside", "select", "option", "code", "strong",
    "br",
}  # fmt: skip


def assert_safe_html(body: str, where: str) -> None:
    low = body.lower()
    assert "<script>alert" not in low, where
    assert 'href="javascript:' not in low, where
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", low), where  # onerror=, onload=, ...
    parser = _Tags()
    parser.feed(body)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, (where, tag)
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", (where, tag, name)
            if name in ("href", "src", "action"):
                v = (value or "").strip()
                ok = v.startswith(("/", "#", "?", "https://", "http://")) or v == "data:,"
                assert ok and not v.startswith("//"), (where, tag, name, v)


def test_hostile_text_is_escaped_everywhere(client: TestClient, ids: dict) -> None:
    seeds = ["/", "/documents", "/entities", "/propositions", "/coverage", "/search",
             "/search?q=alert", "/search?q=svg+OR+script", "/search?q=dam&modality=denied",
             f"/documents/{ids['hostile_doc']}"]  # fmt: skip
    seen: set[str] = set()
    queue = list(seeds)
    while queue and len(seen) < 900:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code)
        assert_safe_html(r.text, path)
        for href in re.findall(r'href="(/[^"?#]*)', r.text):
            if href.startswith(("/static", "/api")) or href in seen:
                continue
            queue.append(href)
    # the crawl reached every document, claim, entity and proposition page
    assert {p.split("/")[1] for p in seen} >= {"documents", "claims", "entities", "propositions"}
    assert len(seen) > 300, len(seen)
    doc = client.get(f"/documents/{ids['hostile_doc']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc
    assert "Ada &lt;img src=x onerror=alert(1)&gt; Quill" in doc
    assert '<span class="url-text">javascript:alert(1)</span>' in doc
    svg = client.get("/search?q=svg").text
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in svg


def test_hostile_text_in_json_is_data_not_markup(client: TestClient, ids: dict) -> None:
    r = client.get(f"/api/documents/{ids['hostile_doc']}")
    assert r.status_code == 200
    assert "<" not in r.text and ">" not in r.text  # written as \\u003c / \\u003e
    doc = json.loads(r.text)["document"]
    assert doc["title"] == "Dam <script>alert(1)</script> is safe, says mayor"
    assert doc["url"] == "javascript:alert(1)"
    for path in ("/api/search?q=alert", "/api/documents", "/api/coverage", "/api"):
        body = client.get(path).text
        assert "<script" not in body and "<svg" not in body and "<img" not in body


def test_unsafe_urls_are_never_links(client: TestClient) -> None:
    items = api(client, "/api/documents")["items"]
    hostile = [d for d in items if re.search(r"\bdam\b", (d["title"] or "").lower())]
    assert len(hostile) == 3
    for d in hostile:
        full = api(client, f"/api/documents/{d['id']}")["document"]
        html = page(client, f"/documents/{d['id']}")
        assert full["url"] and full["url"] not in re.findall(r'href="([^"]*)"', html)
        assert 'rel="noopener noreferrer nofollow"' not in html  # no outside link at all
        assert '<span class="url-text">' in html


# -- the text helpers ------------------------------------------------------------------------


def test_paragraph_around_and_segments() -> None:
    text = "Title\n\nFirst sentence. Second <b>one</b>.\n\nLast para."
    s = text.index("Second")
    e = text.index(".\n\nLast") + 1
    p = paragraph_around(text, s, e)
    assert (
        p["before"] == "First sentence. " and p["mark"] == "Second <b>one</b>." and p["after"] == ""
    )
    paras = paragraphs_with_claims(text, [(s, e, "c1"), (0, 5, "c0"), (s + 2, e, "overlap")])
    assert [[(x["text"], x["claim"]) for x in para] for para in paras] == [
        [("Title", "c0")],
        [("First sentence. ", None), ("Second <b>one</b>.", "c1")],
        [("Last para.", None)],
    ]
    assert paragraph_around(text, -5, 10**6)["mark"] == text  # offsets are clamped


def test_url_and_marker_helpers() -> None:
    assert http_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x",
                "https://x.example/\"><script>", "//evil.example", "http://a b", None):  # fmt: skip
        assert http_url(bad) is None, bad
    assert marked_parts("a \x02b\x03 c") == [["a ", False], ["b", True], [" c", False]]
    assert query_string({"q": "a&b", "x": ""}, page=2) == "?q=a%26b&page=2"
