"""Small hostile HTTP servers on 127.0.0.1: each route writes its own raw response.

A route is a function ``(handler) -> None`` that writes status line, headers and body
itself, so it can lie about lengths, stack encodings, drip bytes or link forever.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class EvilServer:
    base: str
    routes: dict[str, Handler]
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)


@contextlib.contextmanager
def evil_server() -> Iterator[EvilServer]:
    routes: dict[str, Handler] = {}
    srv: EvilServer

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            srv.hits.append(self.path)
            handler = routes.get(self.path.split("?")[0])
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
                if handler is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                handler(self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), H)
    server.daemon_threads = True
    srv = EvilServer(f"http://127.0.0.1:{server.server_address[1]}", routes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        server.shutdown()
        server.server_close()


def body(data: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> Handler:
    def h(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        for k, v in headers.items():
            req.send_header(k.replace("_", "-"), v)
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    return h


def gzip_bomb(layers: int, size: int) -> bytes:
    """``size`` zero bytes gzipped ``layers`` times: a few KB that expand enormously."""
    data = b"\0" * size
    for _ in range(layers):
        data = gzip.compress(data, compresslevel=9)
    return data


def drip(data: bytes, every: float, ctype: str = "text/html; charset=utf-8") -> Handler:
    """Headers at once, then the body one byte every ``every`` seconds."""

    def h(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        for i in range(len(data)):
            req.wfile.write(data[i : i + 1])
            req.wfile.flush()
            time.sleep(every)

    return h


def slow_headers(every: float) -> Handler:
    """A status line, then one header byte every ``every`` seconds, forever."""

    def h(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        req.wfile.flush()
        for _ in range(10_000):
            req.wfile.write(b"a")
            req.wfile.flush()
            time.sleep(every)

    return h
