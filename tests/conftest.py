"""Shared fixtures: a fresh ledger, a temp data dir, a local HTTP server, the seeds."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from claimledger.extract.pipeline import Analyzer
from claimledger.extract.store import Claim
from claimledger.ledger import Ledger
from claimledger.models import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SCHEMA = SHARED / "contract" / "export.schema.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def ledger(db_path: Path) -> Iterator[Ledger]:
    with Ledger(db_path) as led:
        yield led


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/corpus/seeds is not present (only in development checkouts)")
    return SEEDS


@pytest.fixture
def schema() -> dict:
    import json

    if not SCHEMA.is_file():
        pytest.skip("../shared/contract/export.schema.json is not present")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


# -- a local HTTP server: no external network in tests ------------------------


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class LocalServer:
    base: str
    routes: dict[str, Route]
    hits: list[str]

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **kw: object) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **kw)  # type: ignore[arg-type]
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A threaded HTTP server on 127.0.0.1 serving whatever routes a test adds."""
    routes: dict[str, Route] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            import time

            hits.append(self.path)
            route = routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            if route.delay:
                time.sleep(route.delay)
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for k, v in route.headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", routes, hits)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def write_file(data_dir: Path) -> Callable[..., Path]:
    def _write(name: str, content: str | bytes) -> Path:
        p = data_dir / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write


# -- extraction on short invented articles (spaCy loaded once per run) --------


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    a = Analyzer()
    _ = a.nlp  # load spaCy once for the module
    return a


@pytest.fixture(scope="session")
def extract(analyzer: Analyzer) -> Any:
    def _claims(
        text: str,
        title: str | None = None,
        published: str | None = "2025-03-10",
        outlet: str = "Test Outlet",
    ) -> list[Claim]:
        doc = Document(
            origin="t", text=text, id="d1", title=title, published=published, outlet=outlet
        )
        out = analyzer.claims(doc, analyzer.nlp(text))
        for c in out:  # the contract: every claim's text is the document's text at its offsets
            assert c.text == text[c.start : c.end]
        return out

    return _claims
