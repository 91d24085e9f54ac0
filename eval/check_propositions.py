"""Check the proposition gold (eval/gold/propositions.json) against the raw corpus files.

Usage:  python eval/check_propositions.py [PROPOSITIONS_JSON]
        python eval/check_propositions.py eval/gold/propositions_holdouts.json

Standard library only, independent of claimledger's parsers.  For every group it asserts:

* ``corpus`` is "sample" (src/claimledger/sample), "seeds" (../shared/corpus/seeds) or one of
  a fictional holdout, "holdout", "holdout2", ... (each folder eval/holdout*), and ``label`` is a
  non-empty string;
* 2 to 8 members, from at least 2 different documents (``FILE`` or ``FILE#n``; the records
  of a JSON-lines file and the items of a feed are different documents);
* each anchor has at most 8 words (for the seeds also counted as ../shared/tools/seedcopy.py
  counts them, where "12,000" is two) and occurs exactly once in the document's raw file,
  the whole file for a container (JSONL, RSS), where it must also lie inside record / item n;
* no claim (doc and anchor) is a member of two groups: the product puts a claim in one
  proposition;
* relations: ``a`` and ``b`` are valid, different member indices of members in different
  documents, ``type`` is one of updates, contradicts, corroborates, repeats, elaborates;
  for ``updates`` the ``a`` document is not published after the ``b`` document where the claim
  gold (eval/gold/sample.json, seeds.json, holdoutN.json) gives both dates;
* the file shares no run of 9 words with a seed article (the rule of seedcopy.py).

Prints counts per corpus, exits 1 and lists every problem when anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "eval" / "gold" / "propositions.json"
HOLDOUTS = tuple(
    sorted(
        (p.name for p in (ROOT / "eval").glob("holdout*") if p.is_dir()),
        key=lambda n: (len(n), n),
    )
)
CORPORA = {
    "sample": ROOT / "src" / "claimledger" / "sample",
    "seeds": ROOT.parent / "shared" / "corpus" / "seeds",
    **{h: ROOT / "eval" / h for h in HOLDOUTS},
}
CLAIM_GOLD = {
    "sample": ROOT / "eval" / "gold" / "sample.json",
    "seeds": ROOT / "eval" / "gold" / "seeds.json",
    **{h: ROOT / "eval" / "gold" / f"{h}.json" for h in HOLDOUTS},
}
COPY_PROTECTED = {"seeds"}
MAX_WORDS = 8
MIN_MEMBERS, MAX_MEMBERS = 2, 8
COPY_RUN = 9
TYPES = {"updates", "contradicts", "corroborates", "repeats", "elaborates"}
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"


def words(text: str) -> list[str]:
    """Word tokens as ../shared/tools/seedcopy.py counts them."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def record(path: Path, raw: str, n: int) -> str | None:
    """Body of record / item n (1-based) of a container file, None if there is none."""
    if path.suffix.lower() == ".jsonl":
        recs = [json.loads(line) for line in raw.splitlines() if line.strip()]
        if 1 <= n <= len(recs):
            return recs[n - 1].get("text") or recs[n - 1].get("html") or ""
        return None
    if path.suffix.lower() in (".xml", ".rss"):
        root = ET.fromstring(raw)
        A = "{http://www.w3.org/2005/Atom}"
        if root.tag == A + "feed":
            items = list(root.iter(A + "entry"))
            if 1 <= n <= len(items):
                return items[n - 1].findtext(A + "content") or ""
            return None
        items = list(root.iter("item"))
        if 1 <= n <= len(items):
            it = items[n - 1]
            return it.findtext(CONTENT_NS) or it.findtext("description") or ""
        return None
    return None


def published_dates(corpus: str) -> dict[str, str]:
    path = CLAIM_GOLD.get(corpus)
    if not path or not path.exists():
        return {}
    docs = json.loads(path.read_text(encoding="utf-8")).get("documents", {})
    return {k: (v.get("meta") or {}).get("published") or "" for k, v in docs.items()}


def gold_anchors(corpus: str) -> set[tuple[str, str]]:
    path = CLAIM_GOLD.get(corpus)
    if not path or not path.exists():
        return set()
    docs = json.loads(path.read_text(encoding="utf-8")).get("documents", {})
    return {(k, c["anchor"]) for k, v in docs.items() for c in v.get("claims", [])}


def copied_runs(text: str, corpus_dir: Path, n: int = COPY_RUN) -> list[str]:
    grams: dict[str, str] = {}
    for p in sorted(corpus_dir.glob("*.txt")):
        w = words(p.read_text(errors="replace"))
        for i in range(len(w) - n + 1):
            grams.setdefault(" ".join(w[i : i + n]), p.name)
    w = words(text)
    return [
        f"copies a run of {n} words from {grams[' '.join(w[i : i + n])]}: {' '.join(w[i : i + n])!r}"
        for i in range(len(w) - n + 1)
        if " ".join(w[i : i + n]) in grams
    ]


def check(path: Path) -> tuple[list[str], dict]:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    problems: list[str] = []
    if data.get("version") != 1:
        problems.append("version must be 1")
    groups = data.get("groups")
    if not isinstance(groups, list) or not groups:
        return problems + ["groups must be a non-empty list"], {}
    raw_cache: dict[Path, str] = {}
    dates = {c: published_dates(c) for c in CORPORA}
    in_gold = {c: gold_anchors(c) for c in CORPORA}
    seen: dict[tuple[str, str, str], int] = {}
    stats: dict[str, Counter] = {}
    for gi, g in enumerate(groups):
        where = f"group {gi}"
        corpus = g.get("corpus")
        if corpus not in CORPORA:
            problems.append(f"{where}: unknown corpus {corpus!r}")
            continue
        st = stats.setdefault(corpus, Counter())
        st["groups"] += 1
        label = g.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{where}: label must be a non-empty string")
        where = f"group {gi} ({label})"
        members = g.get("members") or []
        if not MIN_MEMBERS <= len(members) <= MAX_MEMBERS:
            problems.append(
                f"{where}: {len(members)} members, expected {MIN_MEMBERS}-{MAX_MEMBERS}"
            )
        docs = []
        for mi, m in enumerate(members):
            doc, anchor = m.get("doc"), m.get("anchor")
            docs.append(doc)
            st["members"] += 1
            if not isinstance(doc, str) or not isinstance(anchor, str) or not anchor.strip():
                problems.append(f"{where} member {mi}: doc and anchor must be non-empty strings")
                continue
            st["gold_anchor"] += (doc, anchor) in in_gold[corpus]
            key = (corpus, doc, anchor)
            if key in seen:
                problems.append(
                    f"{where} member {mi}: {doc} {anchor!r} is already a member of group {seen[key]}"
                )
            seen[key] = gi
            nw = max(len(anchor.split()), len(words(anchor)) if corpus in COPY_PROTECTED else 0)
            if nw > MAX_WORDS:
                problems.append(
                    f"{where} member {mi}: anchor has {nw} words (max {MAX_WORDS}): {anchor!r}"
                )
            fname, _, n = doc.partition("#")
            fpath = CORPORA[corpus] / fname
            if not fpath.is_file():
                problems.append(f"{where} member {mi}: no file {fname} in the {corpus} corpus")
                continue
            if fpath not in raw_cache:
                raw_cache[fpath] = fpath.read_text(encoding="utf-8", errors="replace")
            raw = raw_cache[fpath]
            count = raw.count(anchor)
            if count != 1:
                problems.append(
                    f"{where} member {mi}: anchor occurs {count} times in {fname}: {anchor!r}"
                )
            if n:
                body = record(fpath, raw, int(n)) if n.isdigit() else None
                if body is None:
                    problems.append(f"{where} member {mi}: {fname} has no record or item {n!r}")
                elif anchor not in body:
                    problems.append(f"{where} member {mi}: anchor is not inside {doc}: {anchor!r}")
            elif fpath.suffix.lower() in (".jsonl", ".xml", ".rss"):
                problems.append(f"{where} member {mi}: container file needs FILE#n, got {doc!r}")
        if len(set(docs)) < 2:
            problems.append(
                f"{where}: members come from {len(set(docs))} document(s), need at least 2"
            )
        for ri, r in enumerate(g.get("relations") or []):
            a, b, t = r.get("a"), r.get("b"), r.get("type")
            if t not in TYPES:
                problems.append(f"{where} relation {ri}: unknown type {t!r}")
            else:
                st[t] += 1
            if not (
                isinstance(a, int)
                and isinstance(b, int)
                and 0 <= a < len(members)
                and 0 <= b < len(members)
            ):
                problems.append(f"{where} relation {ri}: a={a!r}, b={b!r} are not member indices")
                continue
            if a == b:
                problems.append(f"{where} relation {ri}: a and b are the same member")
            if docs[a] == docs[b]:
                problems.append(
                    f"{where} relation {ri}: members {a} and {b} are in the same document"
                )
            if "note" in r and not isinstance(r["note"], str):
                problems.append(f"{where} relation {ri}: note must be a string")
            if t == "updates":
                da, db = dates[corpus].get(docs[a], ""), dates[corpus].get(docs[b], "")
                if da and db and da[:10] > db[:10]:
                    problems.append(
                        f"{where} relation {ri}: updates, but a ({da[:10]}) is later than b ({db[:10]})"
                    )
    if any(g.get("corpus") in COPY_PROTECTED for g in groups):
        for c in COPY_PROTECTED:
            problems += [f"{path.name}: {h}" for h in copied_runs(text, CORPORA[c])]
    return problems, stats


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    problems, stats = check(path)
    for corpus, st in sorted(stats.items()):
        rel = ", ".join(f"{t} {st[t]}" for t in sorted(TYPES) if st[t])
        print(
            f"{corpus}: {st['groups']} groups, {st['members']} members "
            f"({st['gold_anchor']} with a claim-gold anchor), relations: {rel or 'none'}"
        )
    for p in problems:
        print("PROBLEM:", p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
