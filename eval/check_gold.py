"""Check the gold annotations against the raw files of the bundled sample corpus.

Usage:  python eval/check_gold.py [GOLD_JSON] [CORPUS_DIR]

Standard library only, and deliberately independent of claimledger's own
parsers: each file is read raw and each document's "body" is found crudely:

* .txt / .md          the whole file
* .html               everything after </head> (so <title> and meta tags do not count)
* .jsonl (FILE#n)     the n-th record's "text" (or "html") field, JSON-decoded
* .xml / .rss (FILE#n) the n-th <item>'s <content:encoded> (or <description>)

It asserts, for every claim, that the anchor occurs exactly once in the body
and has at most 8 words, and that each quantity and date text occurs in the
same line (paragraph) as the anchor; plus the schema rules of eval/GOLD.md.
Exits 1 and lists every problem when anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / "eval" / "gold" / "sample.json"
DEFAULT_CORPUS = ROOT / "src" / "claimledger" / "sample"

KINDS = {"direct_quote", "indirect", "according_to", "assertion"}
MODALITIES = {"asserted", "hedged", "speculative", "denied", "question"}
QUALIFIERS = {None, "up_to", "at_least", "at_most", "approx", "range"}
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def load_bodies(corpus: Path) -> dict[str, tuple[str, str]]:
    """Map document key -> (body, raw text the metadata should be found in)."""
    out: dict[str, tuple[str, str]] = {}
    for path in sorted(corpus.iterdir()):
        if not path.is_file() or path.name == "README.md":
            continue
        raw = path.read_text(encoding="utf-8")
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            n = 0
            for line in raw.splitlines():
                if not line.strip():
                    continue
                n += 1
                rec = json.loads(line)
                body = rec.get("text") or rec.get("html") or ""
                out[f"{path.name}#{n}"] = (body, json.dumps(rec, ensure_ascii=False))
        elif suffix in (".xml", ".rss"):
            root = ET.fromstring(raw)
            channel_title = root.findtext("channel/title") or ""
            for n, item in enumerate(root.iter("item"), 1):
                body = item.findtext(CONTENT_NS) or item.findtext("description") or ""
                head = " ".join((el.text or "") for el in item if el.tag != CONTENT_NS)
                out[f"{path.name}#{n}"] = (body, f"{channel_title}\n{head}\n{body}")
        elif suffix in (".html", ".htm"):
            _, sep, after = raw.partition("</head>")
            out[path.name] = (after if sep else raw, raw)
        else:
            out[path.name] = (raw, raw)
    return out


def line_of(body: str, anchor: str) -> str:
    i = body.find(anchor)
    start = body.rfind("\n", 0, i) + 1
    end = body.find("\n", i + len(anchor))
    return body[start : end if end != -1 else len(body)]


def check(gold: dict, bodies: dict[str, tuple[str, str]]) -> tuple[list[str], dict[str, int]]:
    problems: list[str] = []
    stats = {"documents": 0, "claims": 0, "quantities": 0, "dates": 0}
    if gold.get("version") != 1:
        problems.append("gold: version must be 1")
    docs = gold.get("documents", {})
    for key in sorted(set(bodies) - set(docs)):
        problems.append(f"{key}: corpus document has no gold entry")
    for key, doc in docs.items():
        where = key
        if key not in bodies:
            problems.append(f"{where}: no such file/record in the corpus")
            continue
        stats["documents"] += 1
        body, raw = bodies[key]
        meta = doc.get("meta", {})
        for field in ("outlet", "title", "author", "published"):
            if field not in meta:
                problems.append(f"{where}: meta lacks {field!r}")
        for field in ("outlet", "title", "author"):
            v = meta.get(field)
            if v and v not in raw:
                problems.append(f"{where}: meta {field} {v!r} not found in the file")
        pub = meta.get("published")
        if pub is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pub):
            problems.append(f"{where}: meta published {pub!r} is not YYYY-MM-DD")
        seen: set[str] = set()
        for i, c in enumerate(doc.get("claims", []), 1):
            stats["claims"] += 1
            cw = f"{where} claim {i}"
            anchor = c.get("anchor", "")
            if anchor in seen:
                problems.append(f"{cw}: anchor {anchor!r} used twice")
            seen.add(anchor)
            n = body.count(anchor) if anchor else 0
            if n != 1:
                problems.append(f"{cw}: anchor {anchor!r} occurs {n} times in the body (want 1)")
                continue
            if len(anchor.split()) > 8:
                problems.append(f"{cw}: anchor {anchor!r} has more than 8 words")
            if c.get("kind") not in KINDS:
                problems.append(f"{cw}: bad kind {c.get('kind')!r}")
            if c.get("modality") not in MODALITIES:
                problems.append(f"{cw}: bad modality {c.get('modality')!r}")
            if c.get("kind") == "assertion" and c.get("speaker") is not None:
                problems.append(f"{cw}: an assertion has speaker null")
            if c.get("kind") != "assertion" and not c.get("speaker"):
                problems.append(f"{cw}: an attributed claim needs a speaker")
            if not isinstance(c.get("via", []), list):
                problems.append(f"{cw}: via must be a list")
            para = line_of(body, anchor)
            for q in c.get("quantities", []):
                stats["quantities"] += 1
                if q.get("text") not in para:
                    problems.append(
                        f"{cw}: quantity text {q.get('text')!r} not in the anchor's paragraph"
                    )
                if q.get("qualifier") not in QUALIFIERS:
                    problems.append(f"{cw}: bad qualifier {q.get('qualifier')!r}")
                if q.get("qualifier") == "range":
                    if q.get("value") is not None or q.get("low") is None or q.get("high") is None:
                        problems.append(f"{cw}: a range has value null and both low and high")
                    elif q["low"] > q["high"]:
                        problems.append(f"{cw}: range low > high")
                elif not isinstance(q.get("value"), (int, float)):
                    problems.append(f"{cw}: quantity {q.get('text')!r} needs a numeric value")
                if not q.get("unit"):
                    problems.append(f"{cw}: quantity {q.get('text')!r} needs a unit")
            for d in c.get("dates", []):
                stats["dates"] += 1
                if d.get("text") not in para:
                    problems.append(
                        f"{cw}: date text {d.get('text')!r} not in the anchor's paragraph"
                    )
                v = d.get("value")
                if v is not None and not DATE_RE.match(v):
                    problems.append(f"{cw}: date value {v!r} is not ISO 8601 YYYY[-MM[-DD]]")
                if v is None and pub is not None and not re.search(r"\d{4}", d.get("text", "")):
                    problems.append(f"{cw}: relative date {d.get('text')!r} left unresolved")
    return problems, stats


def main(argv: list[str]) -> int:
    gold_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    corpus = Path(argv[2]) if len(argv) > 2 else DEFAULT_CORPUS
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    problems, stats = check(gold, load_bodies(corpus))
    for p in problems:
        print(p)
    summary = ", ".join(f"{v} {k}" for k, v in stats.items())
    if problems:
        print(f"FAILED: {len(problems)} problem(s); {summary}")
        return 1
    print(f"OK: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
