"""The read-only web UI: routes, templates, error pages and security headers.

``create_app(db_path)`` returns a Starlette app that opens the ledger
read-only, with a new SQLite connection per request, and never writes.  Each
page has a JSON twin under ``/api`` built from the same view function.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from claimledger.store.db import StoreError, connect
from claimledger.web import views
from claimledger.web.textview import http_url, number, query_string, seg, short, value_range

HERE = Path(__file__).resolve().parent
log = logging.getLogger("claimledger.web")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
        " object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

View = Callable[[sqlite3.Connection, Any, Any], dict[str, Any]]

# (path, view, template); each also answers JSON at "/api" + path
PAGES: list[tuple[str, View, str]] = [
    ("/", views.overview, "index.html"),
    ("/search", views.search, "search.html"),
    ("/claims/{id}", views.claim, "claim.html"),
    ("/propositions", views.propositions, "propositions.html"),
    ("/propositions/{id}", views.proposition, "proposition.html"),
    ("/entities", views.entities, "entities.html"),
    ("/entities/{id}", views.entity, "entity.html"),
    ("/documents", views.documents, "documents.html"),
    ("/documents/{id}", views.document, "document.html"),
    ("/coverage", views.coverage, "coverage.html"),
]


class SafeJSONResponse(JSONResponse):
    """JSON with ``<``, ``>`` and ``&`` written as \\u escapes, so that no body (not even
    JSON) ever carries markup from an article, whatever a client makes of it."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        for ch, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
            text = text.replace(ch, esc)
        return text.encode("utf-8")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pages, JSON, static, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers[k] = v
            await send(message)

        await self.app(scope, receive, send_with_headers)


LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def host_names(bound: str) -> Sequence[str] | None:
    """The Host header values a UI bound to ``bound`` answers; None: any (an interface
    open to the network is reached by names the server cannot know)."""
    if bound in ("0.0.0.0", "::", ""):
        return None
    names = [bound.strip("[]").lower()]
    if names[0] in LOCAL_HOSTS:
        names = list(LOCAL_HOSTS)
    return names


def host_of(header: str) -> str:
    """The host part of a Host header: "[::1]:8765" -> "::1", "Local:80" -> "local"."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


class TrustedHost:
    """Answers only requests whose Host header names the server (as Datasette and Jupyter
    do): a page on another site that rebinds its DNS name to 127.0.0.1 would otherwise
    read the whole ledger through the reader's browser."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str] | None) -> None:
        self.app = app
        self.allowed = {a.lower() for a in allowed} if allowed is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.allowed is not None:
            headers = dict(scope.get("headers") or [])
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                resp = Response("Invalid Host header.\n", status_code=400,
                                media_type="text/plain", headers=SECURITY_HEADERS)  # fmt: skip
                await resp(scope, receive, send)
                return
        await self.app(scope, receive, send)


def make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(seg=seg, num=number, short=short, http_url=http_url)
    env.globals.update(qs=query_string, value_range=value_range)
    return env


REQUIRED_TABLES = {
    "documents", "documents_fts", "claims", "claims_fts", "entities", "entity_aliases",
    "mentions", "entity_attributes", "entity_links", "propositions", "relations",
}  # fmt: skip


def check_ledger(db_path: str) -> None:
    """Refuse a missing file, or a ledger older than the tables the UI reads."""
    if not Path(db_path).is_file():
        raise FileNotFoundError(f"no ledger at {db_path}")
    conn = connect(db_path, readonly=True)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error as exc:
        raise StoreError(f"{db_path} is not a claimledger ledger: {exc}") from exc
    finally:
        conn.close()
    missing = sorted(REQUIRED_TABLES - have)
    if missing:
        raise StoreError(
            f"{db_path} lacks tables {', '.join(missing)}: it is not a ledger, or an old one;"
            " run any claimledger command on it once (e.g. `claimledger --db PATH docs list`)"
            " to upgrade it, then serve again"
        )


def create_app(db_path: str, allowed_hosts: Sequence[str] | None = LOCAL_HOSTS) -> Starlette:
    """A read-only web UI over the ledger at ``db_path``, answering only requests whose
    Host header is one of ``allowed_hosts`` (None: any)."""
    db_path = str(db_path)
    check_ledger(db_path)
    env = make_env()

    @contextmanager
    def readonly() -> Iterator[sqlite3.Connection]:
        conn = connect(db_path, readonly=True)
        try:
            conn.execute("PRAGMA query_only = ON")
            yield conn
        finally:
            conn.close()

    def render(request: Request, template: str, http_status: int = 200, **ctx: Any) -> Response:
        html = env.get_template(template).render(path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=http_status)

    def error(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api"):
            return SafeJSONResponse({"error": message, "status": status}, status_code=status)
        return render(request, "error.html", status, status_code=status, message=message)

    def endpoint(view: View, template: str | None) -> Callable[[Request], Response]:
        # a plain function: Starlette runs it in its thread pool, one connection each
        def handle(request: Request) -> Response:
            try:
                with readonly() as conn:
                    data = view(conn, request.path_params, request.query_params)
            except views.NotFound as exc:
                return error(request, 404, str(exc))
            except (sqlite3.Error, StoreError):
                log.exception("ledger query failed on %s", request.url.path)
                return error(request, 500, "The ledger could not be read; see the server log.")
            if template is None:
                status = 400 if data.get("error") else 200
                return SafeJSONResponse(data, status_code=status)
            return render(request, template, **data)

        return handle

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = "No such page." if exc.status_code == 404 else str(exc.detail)
        resp = error(request, exc.status_code, message)
        resp.headers.update(exc.headers or {})  # e.g. Allow on a 405
        return resp

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s", request.url.path, exc_info=exc)
        resp = error(request, 500, "Something went wrong; see the server log.")
        resp.headers.update(SECURITY_HEADERS)  # this handler runs outside the middleware
        return resp

    routes: list[Route | Mount] = []
    for path, view, template in PAGES:
        routes.append(Route(path, endpoint(view, template), methods=["GET"]))
        api = "/api" if path == "/" else "/api" + path
        routes.append(Route(api, endpoint(view, None), methods=["GET"]))
    routes.append(Route("/api/overview", endpoint(views.overview, None), methods=["GET"]))
    routes.append(Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"))
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHost, allowed=allowed_hosts), Middleware(SecurityHeaders)],
        exception_handlers={HTTPException: http_error, 500: server_error},
    )
    app.state.db_path = db_path
    return app
