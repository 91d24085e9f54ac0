"""From what the user names to raw inputs: files, folders, globs, stdin, URLs.

Each input is checked before anything is parsed (size, binary content,
encoding), and every problem becomes one plain-language reason.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import os
import stat
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
    # one canonical order, whatever the order the inputs were named in: grouping is
    # incremental, and "add A B" must build the same ledger as "add B A"
    sources.sort(key=lambda s: (s.kind != "stdin", s.origin))
    return sources, bad


def _walk(folder: Path, recursive: bool) -> Iterator[Path]:
    it = folder.rglob("*") if recursive else folder.glob("*")
    for p in it:
        rel = p.relative_to(folder).parts
        if any(part.startswith(".") for part in rel):
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        if p.is_file():
            yield p


def read_source(src: Source, max_bytes: int, timeout: float = 20.0) -> RawInput:
    """Read a file or stdin within the size cap, whatever kind of file it is.

    A regular file is refused by its size before it is read; anything else (stdin, a
    pipe, a FIFO, a device such as /dev/zero) is read in chunks up to the cap, and a
    FIFO with no writer is waited for at most ``timeout`` seconds, never forever."""
    if src.kind == "stdin":
        try:
            fd = sys.stdin.buffer.fileno()
        except (AttributeError, OSError, ValueError):  # a stream in memory (tests, embedding)
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError(f"too large (over {max_bytes} bytes; see --max-bytes)") from None
        else:
            data = _read_capped(fd, max_bytes, timeout)
        return RawInput(origin="-", data=data)
    path = Path(src.origin)
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder")
        if stat.S_ISREG(st.st_mode):
            if st.st_size > max_bytes:
                raise InputError(f"too large ({st.st_size} bytes > {max_bytes}; see --max-bytes)")
            with path.open("rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:  # it grew while we read it
                raise InputError(f"too large (over {max_bytes} bytes; see --max-bytes)")
        else:
            # O_NONBLOCK: opening a FIFO with no writer returns at once instead of hanging
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                data = _read_capped(fd, max_bytes, timeout)
            finally:
                os.close(fd)
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return RawInput(origin=src.origin, data=data, format=format_from_name(path.name))


def _read_capped(fd: int, max_bytes: int, timeout: float) -> bytes:
    """Read ``fd`` to its end, refusing more than ``max_bytes`` and giving up when no
    data arrives for ``timeout`` seconds."""
    import select

    chunks: list[bytes] = []
    size = 0
    blocking = os.get_blocking(fd)
    try:
        os.set_blocking(fd, False)
        while True:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                if size:
                    break  # a writer that went quiet: what came is the input
                raise InputError(f"no data arrived within {timeout:g}s")
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise InputError(f"too large (over {max_bytes} bytes; see --max-bytes)")
            chunks.append(chunk)
    finally:
        os.set_blocking(fd, blocking)
    return b"".join(chunks)


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
    if not head:
        return False
    nuls = head.count(b"\x00")
    if nuls:
        # UTF-16 text has NULs too; it carries a BOM.  A stray NUL or two in text is
        # junk to drop, not a sign of a binary file (those have them everywhere)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return False
        if nuls > max(2, len(head) // 200):
            return True
    ctrl = sum(1 for b in head if b < 9 or 13 < b < 32)
    return ctrl / len(head) > 0.05


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOMs, UTF-8, the declared charset, then a careful guess."""
    return decode_with_note(data, declared)[0]


def decode_with_note(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Bytes to text, and a note when the bytes had to be repaired.

    UTF-8 with a few stray Windows-1252 bytes (text pasted from two sources) is
    repaired byte by byte: decoding the whole file in a legacy code page would turn
    every correct "é" into "Ă©"."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise InputError("undecodable bytes (bad UTF-16)") from None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    mixed = repair_mixed(data)
    if mixed is not None:
        text, bad = mixed
        return text, (
            f"mixed encoding: {bad} byte{'s' if bad != 1 else ''} that are not UTF-8"
            " read as Windows-1252"
        )
    if declared:
        try:
            return data.decode(declared), None
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
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError("undecodable bytes: not UTF-8 and no reliable encoding found")


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("claimledger-cp1252", _cp1252_bytes)


def repair_mixed(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with stray legacy bytes, decoded with those bytes read as Windows-1252, and
    the number of bytes repaired; None when the bytes are not mostly UTF-8.

    It counts as UTF-8 when it has a valid three-byte sequence (curly quotes, dashes: a
    legacy code page does not make them by chance), or at least as many valid
    multi-byte characters as stray bytes."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) >= 0x80 and ch != "\ufffd")
    long_seq = any(ord(ch) >= 0x800 and ch != "\ufffd" for ch in text)
    if stray <= 0 or not (long_seq or wide >= stray):
        return None
    fixed = data.decode("utf-8", errors="claimledger-cp1252")
    return fixed, stray


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
