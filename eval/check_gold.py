"""Check gold annotations against the raw files of their corpus (sample or seeds).

Usage:  python eval/check_gold.py [GOLD_JSON] [CORPUS_DIR]

Without CORPUS_DIR the corpus follows the gold file's "corpus" field:
"sample" is src/claimledger/sample, "seeds" is ../shared/corpus/seeds beside
the repository (the real articles, which are never copied into the project).

Standard library only, and deliberately independent of claimledger's own
parsers: each file is read raw and each document's "body" is found crudely:

* .txt / .md          the whole file
* .html               everything after </head> (so <title> and meta tags do not count)
* .jsonl (FILE#n)     the n-th record's "text" (or "html") field, JSON-decoded
* .xml / .rss (FILE#n) the n-th <item>'s <content:encoded> (or <description>)

It asserts, for every claim, that the anchor occurs exactly once in the body
and has at most 8 words, and that each quantity and date text occurs in the
same line (paragraph) as the anchor; plus the schema rules of eval/GOLD.md.
For the seed corpus it also checks the copy rule: meta carries `title_prefix`
(at most 8 words, the start of one of the first lines) instead of `title`, no
annotated text is longer than 8 words, and the gold file shares no run of
COPY_RUN words with an article; and the optional "aliases" map.
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
CORPORA = {"sample": DEFAULT_CORPUS, "seeds": ROOT.parent / "shared" / "corpus" / "seeds"}
# Corpora whose text must not be copied into the repository (see eval/GOLD.md).
COPY_PROTECTED = {"seeds"}
MAX_WORDS = 8  # anchors, title prefixes, quantity and date texts
COPY_RUN = 9  # a run of this many words shared with an article counts as copied

KINDS = {"direct_quote", "indirect", "according_to", "assertion"}
MODALITIES = {"asserted", "hedged", "speculative", "denied", "question"}
QUALIFIERS = {None, "up_to", "at_least", "at_most", "approx", "range"}
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
_ISO = r"\d{4}(-\d{2}(-\d{2})?)?"
DATE_RE = re.compile(rf"^{_ISO}(/{_ISO})?$")  # a date, or an ISO interval START/END
PUBLISHED_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")


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
            A = "{http://www.w3.org/2005/Atom}"
            if root.tag == A + "feed":  # Atom: entries in order, body = <content>
                feed_title = root.findtext(A + "title") or ""
                for n, e in enumerate(root.iter(A + "entry"), 1):
                    body = e.findtext(A + "content") or e.findtext(A + "summary") or ""
                    head = " ".join(
                        filter(
                            None,
                            [
                                e.findtext(A + "title"),
                                e.findtext(A + "author/" + A + "name"),
                                e.findtext(A + "published"),
                            ],
                        )
                    )
                    out[f"{path.name}#{n}"] = (body, f"{feed_title}\n{head}\n{body}")
                continue
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


def words(text: str) -> list[str]:
    """Word tokens as ../shared/tools/seedcopy.py counts them."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def n_words(text: str, protected: bool) -> int:
    """Whitespace words; for a copy-protected corpus also seedcopy's tokens ("12,000" is two)."""
    return max(len(text.split()), len(words(text)) if protected else 0)


def copied_runs(gold: dict, bodies: dict[str, tuple[str, str]], n: int = COPY_RUN) -> list[str]:
    """Runs of n words that the serialised gold shares with a corpus document."""
    grams: dict[str, str] = {}
    for key, (_, raw) in bodies.items():
        w = words(raw)
        for i in range(len(w) - n + 1):
            grams.setdefault(" ".join(w[i : i + n]), key)
    w = words(json.dumps(gold, ensure_ascii=False, indent=1))
    hits = []
    for i in range(len(w) - n + 1):
        g = " ".join(w[i : i + n])
        if g in grams:
            hits.append(f"gold: copies a run of {n} words from {grams[g]}: {g!r}")
    return hits


def title_start(raw: str, prefix: str, lines: int = 6) -> bool:
    """True when one of the first non-empty lines starts with prefix (markup stripped)."""
    heads = [ln.strip().lstrip("#*> ").strip() for ln in raw.splitlines() if ln.strip()]
    return any(h.startswith(prefix) for h in heads[:lines])


def check_aliases(gold: dict, bodies: dict[str, tuple[str, str]]) -> list[str]:
    aliases = gold.get("aliases", {})
    if not isinstance(aliases, dict):
        return ["gold: aliases must map a canonical name to a list of variants"]
    problems = []
    variants: set[str] = set()
    everything = "\n".join(raw for _, raw in bodies.values())
    for canon, alts in aliases.items():
        if not isinstance(alts, list) or not all(isinstance(a, str) for a in alts):
            problems.append(f"aliases: {canon!r} needs a list of variant names")
            continue
        for a in alts:
            if a == canon or a in aliases:
                problems.append(f"aliases: variant {a!r} is also a canonical name")
            if a not in everything:
                problems.append(f"aliases: variant {a!r} of {canon!r} does not occur in the corpus")
            variants.add(a)
    for key, doc in gold.get("documents", {}).items():
        for i, c in enumerate(doc.get("claims", []), 1):
            for name in [c.get("speaker"), *c.get("via", [])]:
                if name in variants:
                    problems.append(
                        f"{key} claim {i}: {name!r} is a variant; use its canonical name"
                    )
    return problems


def check(gold: dict, bodies: dict[str, tuple[str, str]]) -> tuple[list[str], dict[str, int]]:
    problems: list[str] = []
    stats = {"documents": 0, "claims": 0, "quantities": 0, "dates": 0, "attributed": 0}
    if gold.get("version") != 1:
        problems.append("gold: version must be 1")
    protected = gold.get("corpus") in COPY_PROTECTED
    if protected:
        problems += copied_runs(gold, bodies)
    problems += check_aliases(gold, bodies)
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
        # A copy-protected corpus stores only the headline's first words.
        title = "title_prefix" if protected else "title"
        for field in ("outlet", title, "author", "published"):
            if field not in meta:
                problems.append(f"{where}: meta lacks {field!r}")
        if protected and "title" in meta:
            problems.append(f"{where}: meta stores 'title_prefix', never the full 'title'")
        for field in ("outlet", title, "author"):
            v = meta.get(field)
            if v and v not in raw:
                problems.append(f"{where}: meta {field} {v!r} not found in the file")
        prefix = meta.get("title_prefix")
        if prefix:
            if n_words(prefix, protected) > MAX_WORDS:
                problems.append(f"{where}: title_prefix has more than {MAX_WORDS} words")
            if not title_start(raw, prefix):
                problems.append(f"{where}: title_prefix {prefix!r} does not start a first line")
        pub = meta.get("published")
        if pub is not None and not PUBLISHED_RE.match(pub):
            problems.append(f"{where}: meta published {pub!r} is not YYYY-MM-DD[THH:MM]")
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
            if n_words(anchor, protected) > MAX_WORDS:
                problems.append(f"{cw}: anchor {anchor!r} has more than {MAX_WORDS} words")
            if c.get("kind") not in KINDS:
                problems.append(f"{cw}: bad kind {c.get('kind')!r}")
            if c.get("modality") not in MODALITIES:
                problems.append(f"{cw}: bad modality {c.get('modality')!r}")
            if c.get("kind") == "assertion" and c.get("speaker") is not None:
                problems.append(f"{cw}: an assertion has speaker null")
            if c.get("kind") != "assertion" and not c.get("speaker"):
                problems.append(f"{cw}: an attributed claim needs a speaker")
            if c.get("kind") != "assertion":
                stats["attributed"] += 1
            if not isinstance(c.get("via", []), list):
                problems.append(f"{cw}: via must be a list")
            para = line_of(body, anchor)
            for q in c.get("quantities", []):
                stats["quantities"] += 1
                if protected and n_words(str(q.get("text")), True) > MAX_WORDS:
                    problems.append(f"{cw}: quantity text {q.get('text')!r} is too long")
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
                if protected and n_words(str(d.get("text")), True) > MAX_WORDS:
                    problems.append(f"{cw}: date text {d.get('text')!r} is too long")
                if d.get("text") not in para:
                    problems.append(
                        f"{cw}: date text {d.get('text')!r} not in the anchor's paragraph"
                    )
                v = d.get("value")
                if v is not None and not DATE_RE.match(v):
                    problems.append(
                        f"{cw}: date value {v!r} is not ISO 8601 YYYY[-MM[-DD]] or START/END"
                    )
                if v is None and pub is not None and not re.search(r"\d{4}", d.get("text", "")):
                    problems.append(f"{cw}: relative date {d.get('text')!r} left unresolved")
    return problems, stats


def main(argv: list[str]) -> int:
    gold_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GOLD
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    corpus = Path(argv[2]) if len(argv) > 2 else CORPORA.get(gold.get("corpus"), DEFAULT_CORPUS)
    if not corpus.is_dir():
        print(f"FAILED: corpus directory {corpus} not found")
        return 1
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
