"""From what the user names to raw inputs: files, folders, globs, stdin, URLs.

Each input is checked before anything is parsed (size, binary content,
encoding), and every problem becomes one plain-language reason.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimledger.models import RawInput

TEXT_EXT = {".txt", ".text", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
FEED_EXT = {".rss", ".atom", ".xml"}
KNOWN_EXT = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT


class InputError(Exception):
    """An input that cannot be read; the message is the reason shown to the user."""


@dataclass(frozen=True)
class Source:
    """One thing to read: a file path, a URL, or stdin ("-")."""

    origin: str
    kind: str  # "file", "url", "stdin"


def is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def expand(inputs: list[str], recursive: bool = True) -> tuple[list[Source], list[tuple[str, str]]]:
    """Resolve inputs to sources; returns (sources, [(input, reason)] for bad names)."""
    sources: list[Source] = []
    bad: list[tuple[str, str]] = []
    seen: set[str] = set()

    def push(src: Source) -> None:
        if src.origin not in seen:
            seen.add(src.origin)
            sources.append(src)

    for item in inputs:
        if item == "-":
            push(Source("-", "stdin"))
        elif is_url(item):
            push(Source(item, "url"))
        elif os.path.isdir(item):
            files = sorted(_walk(Path(item), recursive))
            if not files:
                bad.append((item, "folder holds no files"))
            for f in files:
                push(Source(str(f), "file"))
        elif os.path.exists(item):
            push(Source(item, "file"))
        elif any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            hits = [m for m in matches if os.path.isfile(m)]
            for m in matches:
                if os.path.isdir(m):
                    hits += [str(f) for f in sorted(_walk(Path(m), recursive))]
            if not hits:
                bad.append((item, "pattern matches no files"))
            for h in hits:
                push(Source(h, "file"))
        else:
            bad.append((item, "no such file, folder or URL"))
    return sources, bad


def _walk(folder: Path, recursive: bool) -> Iterator[Path]:
    it = folder.rglob("*") if recursive else folder.glob("*")
    for p in it:
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        if p.is_file():
            yield p


def read_source(src: Source, max_bytes: int) -> RawInput:
    """Read a file or stdin within the size cap."""
    if src.kind == "stdin":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"too large (over {max_bytes} bytes)")
        return RawInput(origin="-", data=data)
    path = Path(src.origin)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"too large ({size} bytes > {max_bytes}; see --max-bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return RawInput(origin=src.origin, data=data, format=format_from_name(path.name))


def format_from_name(name: str) -> str | None:
    ext = Path(name.lower()).suffix
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in FEED_EXT:
        return "feed"
    return None


def format_from_content_type(ctype: str | None) -> str | None:
    if not ctype:
        return None
    if "html" in ctype:
        return "html"
    if "rss" in ctype or "atom" in ctype or ctype.endswith("/xml"):
        return "feed"
    if "ndjson" in ctype or "jsonl" in ctype:
        return "jsonl"
    if "json" in ctype:
        return "json"
    if ctype.startswith("text/"):
        return "text"
    return None


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; it carries a BOM
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not head:
        return False
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head) > 0.05


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOMs, UTF-8, the declared charset, then a careful guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("undecodable bytes (bad UTF-16)") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is not None and best.chaos < 0.1 and best.coherence > 0.3:
        encoding = best.encoding
        # Windows-1252 is by far the commonest legacy encoding of Western text; on a
        # tie with a rarer code page, prefer it.
        for m in results:
            if (
                "cp1252" in m.could_be_from_charset
                and m.chaos <= best.chaos
                and m.coherence >= best.coherence
            ):
                encoding = "cp1252"
                break
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError("undecodable bytes: not UTF-8 and no reliable encoding found")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
