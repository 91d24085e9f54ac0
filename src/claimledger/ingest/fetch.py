"""Fetching the URLs and feeds the user names, and nothing else.

Limits guard the ledger against hostile or broken servers: a total deadline per
URL (not per read: a server sending a byte a second cannot hold a run), a size
cap counted on the decompressed bytes as they stream (a 5 KB gzip bomb never
becomes 2 GB), one content encoding at most, a redirect limit, a content-type
check, a request budget per run and a visited set, so that no feed can make the
run fetch forever.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

import httpx

from claimledger import __version__
from claimledger.models import RawInput

USER_AGENT = f"claimledger/{__version__} (news claim ledger; fetches only URLs its user names)"
ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
)


ENCODINGS = ("gzip", "x-gzip", "deflate")
_CHUNK = 1 << 16


class FetchError(Exception):
    """A URL could not be fetched; the message says why in plain words."""


class AlreadyFetched(FetchError):
    """This run has fetched the URL before: a feed that links to itself, or two feeds
    that carry one article."""


@dataclass
class FetchOptions:
    timeout: float = 20.0  # seconds per URL, from connect to last byte
    max_bytes: int = 20 * 1024 * 1024  # decompressed
    max_redirects: int = 5
    max_requests: int = 5000  # per run


class _Deadline:
    """Shuts the connections of one fetch down when its time is up, so that a blocked
    read returns at once; the sockets come from httpcore's trace events."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self._lock:
                    self._socks.append(sock)
                    if self.expired:
                        self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _Decoder:
    """Decompresses one body, never more than ``limit`` bytes, whatever the ratio."""

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.z: Any = None
        if encoding in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.z = zlib.decompressobj()
        self._deflate = encoding == "deflate"

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.z is None:
            yield self._count(data)
            return
        buf = data
        while buf:
            try:
                out = self.z.decompress(buf, _CHUNK)
            except zlib.error as exc:
                if self._deflate and self.size == 0:  # raw deflate, without the zlib header
                    self.z, self._deflate = zlib.decompressobj(-zlib.MAX_WBITS), False
                    continue
                raise FetchError(f"corrupt compressed body: {exc}") from None
            yield self._count(out)
            buf = self.z.unconsumed_tail

    def flush(self) -> bytes:
        return self._count(self.z.flush(_CHUNK)) if self.z is not None else b""

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(f"too large (over {self.limit} bytes once decompressed)")
        return data


class Fetcher:
    """One shared HTTP client for a run (connection reuse, one set of limits)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client: httpx.Client | None = None
        self.visited: set[str] = set()  # URLs fetched this run, without fragments
        self.requests = 0

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.options.timeout,
                follow_redirects=True,
                max_redirects=self.options.max_redirects,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": ", ".join(ACCEPTED_TYPES),
                    "Accept-Encoding": "gzip, deflate",
                },
                trust_env=False,
                # a fresh connection per URL: the deadline needs the socket of each fetch
                limits=httpx.Limits(max_keepalive_connections=0),
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> RawInput:
        """GET one URL within the limits; raise FetchError with a clear reason."""
        opts = self.options
        key = urldefrag(url)[0]
        if key in self.visited:
            raise AlreadyFetched("already fetched in this run")
        if self.requests >= opts.max_requests:
            raise FetchError(
                f"request budget spent: {self.requests} requests this run (see --max-requests)"
            )
        self.visited.add(key)
        self.requests += 1
        deadline = _Deadline(opts.timeout)
        try:
            return self._get(url, deadline)
        except httpx.TooManyRedirects:
            raise FetchError(f"too many redirects (limit {opts.max_redirects})") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {opts.timeout:g}s (see --timeout)") from None
        except httpx.HTTPError as exc:
            if deadline.expired:
                raise FetchError(f"timed out after {opts.timeout:g}s (see --timeout)") from None
            raise FetchError(f"cannot connect: {exc.__class__.__name__}: {exc}") from None
        finally:
            deadline.cancel()

    def _get(self, url: str, deadline: _Deadline) -> RawInput:
        opts = self.options
        with self.client.stream("GET", url, extensions={"trace": deadline.trace}) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(ACCEPTED_TYPES):
                raise FetchError(f"unsupported content type {ctype!r}")
            codings = [
                c.strip().lower()
                for c in resp.headers.get("content-encoding", "").split(",")
                if c.strip() and c.strip().lower() != "identity"
            ]
            if len(codings) > 1:
                raise FetchError(f"stacked content encodings refused: {', '.join(codings)}")
            if codings and codings[0] not in ENCODINGS:
                raise FetchError(f"unsupported content encoding {codings[0]!r}")
            declared = resp.headers.get("content-length")
            if not codings and declared and declared.isdigit() and int(declared) > opts.max_bytes:
                raise FetchError(f"too large ({int(declared)} bytes > {opts.max_bytes})")
            decoder = _Decoder(codings[0] if codings else "identity", opts.max_bytes)
            chunks: list[bytes] = []
            for raw in resp.iter_raw():
                if deadline.expired:
                    raise FetchError(f"timed out after {opts.timeout:g}s (see --timeout)")
                chunks.extend(decoder.feed(raw))
            chunks.append(decoder.flush())
            if deadline.expired:
                raise FetchError(f"timed out after {opts.timeout:g}s (see --timeout)")
            final_url = str(resp.url)
            charset = resp.charset_encoding
        meta = {"charset": charset} if charset else {}
        return RawInput(
            origin=url, data=b"".join(chunks), url=final_url, content_type=ctype or None, meta=meta
        )
