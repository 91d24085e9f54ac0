"""Fetching the URLs and feeds the user names, and nothing else.

Limits guard the ledger against hostile or broken servers: a timeout, a
size cap enforced while streaming, a redirect limit and a content-type check.
"""

from __future__ import annotations

from dataclasses import dataclass

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


class FetchError(Exception):
    """A URL could not be fetched; the message says why in plain words."""


@dataclass
class FetchOptions:
    timeout: float = 20.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5


class Fetcher:
    """One shared HTTP client for a run (connection reuse, one set of limits)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        self._client: httpx.Client | None = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.options.timeout,
                follow_redirects=True,
                max_redirects=self.options.max_redirects,
                headers={"User-Agent": USER_AGENT, "Accept": ", ".join(ACCEPTED_TYPES)},
                trust_env=False,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> RawInput:
        """GET one URL within the limits; raise FetchError with a clear reason."""
        opts = self.options
        try:
            with self.client.stream("GET", url) as resp:
                if resp.status_code >= 400:
                    raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                if ctype and not ctype.startswith(ACCEPTED_TYPES):
                    raise FetchError(f"unsupported content type {ctype!r}")
                declared = resp.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > opts.max_bytes:
                    raise FetchError(f"too large ({int(declared)} bytes > {opts.max_bytes})")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > opts.max_bytes:
                        raise FetchError(f"too large (over {opts.max_bytes} bytes)")
                    chunks.append(chunk)
                final_url = str(resp.url)
                charset = resp.charset_encoding
        except httpx.TooManyRedirects:
            raise FetchError(f"too many redirects (limit {opts.max_redirects})") from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {opts.timeout:g}s") from None
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot connect: {exc.__class__.__name__}: {exc}") from None
        meta = {"charset": charset} if charset else {}
        return RawInput(
            origin=url, data=b"".join(chunks), url=final_url, content_type=ctype or None, meta=meta
        )
