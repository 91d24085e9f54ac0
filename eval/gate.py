"""Quality gate: score extraction against gold annotations; fail when a figure drops.

    python eval/gate.py                 # every corpus whose files are present
    python eval/gate.py --update        # re-pin floors at the current figures
    python eval/gate.py --corpus holdout3 --errors   # one corpus, every mismatch

Corpora: ``sample`` (the bundled fictional corpus, always present), ``seeds``
(../shared/corpus/seeds, development checkouts only) and every ``eval/holdout*``
folder with gold in ``eval/gold/<folder>.json``: fictional stories written as
untuned holdouts (see each folder's README).  Proposition gold is read from
``eval/gold/propositions*.json``.  Floors live in ``eval/floors.json``; a figure below its
floor fails the gate.

Matching is by anchor: a predicted claim matches a gold claim when its span
contains the gold anchor.  Attribution counts a match only when the speaker
is right too (the same entity name, or both the document's own voice, or both
an unnamed vague source).  Quantities and dates match by overlapping text and
equal value.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLOORS = HERE / "floors.json"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
# fictional articles written as untuned holdouts, one invented story a folder
# (eval/holdout*/README.md), each scored when its gold eval/gold/<folder>.json exists


def corpora() -> dict[str, Path]:
    from claimledger.demo import sample_dir

    out = {"sample": sample_dir()}
    if SEEDS.is_dir() and (HERE / "gold" / "seeds.json").is_file():
        out["seeds"] = SEEDS
    for folder in sorted(HERE.glob("holdout*"), key=lambda p: (len(p.name), p.name)):
        if folder.is_dir() and (HERE / "gold" / f"{folder.name}.json").is_file():
            out[folder.name] = folder
    return out


def proposition_groups(name: str) -> list[dict[str, Any]]:
    """Gold proposition groups of one corpus, from propositions.json and propositions_*.json."""
    groups: list[dict[str, Any]] = []
    for f in sorted((HERE / "gold").glob("propositions*.json")):
        groups += [
            g for g in json.loads(f.read_text(encoding="utf-8"))["groups"] if g["corpus"] == name
        ]
    return groups


def _key(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[’']s\b", "", s.lower())
    words = re.findall(r"[a-z0-9]+", s)
    return " ".join(w for w in words if w not in {"the", "a", "an", "of", "and"})


def speaker_match(
    gold: str | None,
    pred: dict[str, Any],
    aliases: dict[str, list[str]],
    entities: dict[str, dict[str, Any]] | None = None,
) -> bool:
    ent = (entities or {}).get(pred.get("speaker") or "")
    if ent is not None and gold is not None and not gold[:1].islower():
        # as an outside evaluator would: the speaker entity's name or any of its aliases
        forms = {_key(gold), *(_key(a) for a in aliases.get(gold, []))}
        names = {_key(ent["name"]), *(_key(a) for a in ent.get("aliases", []))}
        if forms & names:
            return True
    name = pred.get("speaker_name")
    if gold is None:
        return name is None and pred["kind"] == "assertion"
    if gold[:1].islower():  # an unnamed, vague source ("reports", "residents")
        if name is None:
            return pred["kind"] != "assertion"
        return _overlap(_key(gold), _key(name))
    if name is None:
        return False
    forms = {_key(gold), *(_key(a) for a in aliases.get(gold, []))}
    k = _key(name)
    return any(k == f or _overlap(k, f) for f in forms)


def _overlap(a: str, b: str) -> bool:
    """One name's words within the other's ('police' ~ 'varrow district police')."""
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def figures(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass
class Score:
    attribution: Counts = field(default_factory=Counts)
    span: Counts = field(default_factory=Counts)
    quantities: Counts = field(default_factory=Counts)
    dates: Counts = field(default_factory=Counts)
    meta: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)

    prop_groups: int = 0
    prop_groups_together: int = 0
    prop_pairs: int = 0
    prop_pairs_together: int = 0
    prop_foreign_pairs: int = 0
    prop_foreign_together: int = 0
    rel_expected: dict[str, int] = field(default_factory=dict)
    rel_found: dict[str, int] = field(default_factory=dict)
    repeats_as_corroboration: int = 0
    entity_groups: int = 0
    entity_groups_whole: int = 0
    wrong_merges: int = 0

    def figures(self) -> dict[str, float]:
        out = {}
        for name in ("attribution", "span", "quantities", "dates", "meta"):
            for k, v in getattr(self, name).figures().items():
                out[f"{name}_{k}"] = v
        if self.prop_groups:
            out["proposition_groups_together"] = round(
                self.prop_groups_together / self.prop_groups, 4
            )
            out["proposition_pair_recall"] = round(
                self.prop_pairs_together / max(1, self.prop_pairs), 4
            )
            out["proposition_pair_purity"] = round(
                1 - self.prop_foreign_together / max(1, self.prop_foreign_pairs), 4
            )
            for t, n in sorted(self.rel_expected.items()):
                out[f"relation_{t}_recall"] = round(self.rel_found.get(t, 0) / n, 4)
            out["repeats_counted_as_corroboration_neg"] = -float(self.repeats_as_corroboration)
        if self.entity_groups:
            out["entity_groups_whole"] = round(self.entity_groups_whole / self.entity_groups, 4)
            # a ceiling, not a floor: stored negated so that "below the floor" means worse
            out["entity_wrong_merges_neg"] = -float(self.wrong_merges)
        return out


def _find_doc(docs: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    for d in docs:
        if d["origin"].endswith("/" + key) or d["origin"] == key:
            return d
    stem = Path(key).stem  # a PolNeAR text given as a JSON record of the same name
    for d in docs:
        if Path(d["origin"]).stem == stem:
            return d
    return None


def _val_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return str(a) == str(b)


def score(export: dict[str, Any], gold: dict[str, Any]) -> Score:
    sc = Score()
    aliases = gold.get("aliases", {})
    entities = {e["id"]: e for e in export.get("entities", [])}
    claims_by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in export["claims"]:
        claims_by_doc.setdefault(c["doc"], []).append(c)
    for key, g in gold["documents"].items():
        doc = _find_doc(export["documents"], key)
        if doc is None:
            sc.errors.append(f"{key}: document not found in the export")
            n = len(g["claims"])
            sc.attribution.fn += n
            sc.span.fn += n
            continue
        text = doc["text"]
        preds = claims_by_doc.get(doc["id"], [])
        for field_name in ("outlet", "author", "published"):
            if field_name in g.get("meta", {}):
                want, got = g["meta"][field_name], doc.get(field_name)
                if field_name == "published" and got:
                    got = got[: len(want)] if want else got
                if _key(want) == _key(got):
                    sc.meta.tp += 1
                else:
                    sc.meta.fn += 1
                    sc.errors.append(f"{key}: meta {field_name} {got!r} != {want!r}")
        matched_pred: set[str] = set()
        good_pred: set[str] = set()
        gold_spans: list[tuple[int, int]] = []
        for gc in g["claims"]:
            pos = text.find(gc["anchor"])
            if pos < 0:
                sc.errors.append(f"{key}: anchor not in stored text: {gc['anchor']!r}")
                sc.attribution.fn += 1
                sc.span.fn += 1
                continue
            a, b = pos, pos + len(gc["anchor"])
            gold_spans.append((a, b))
            hits = [p for p in preds if p["start"] <= a and b <= p["end"]]
            if not hits:
                sc.span.fn += 1
                sc.attribution.fn += 1
                sc.errors.append(f"{key}: no claim covers {gc['anchor']!r}")
            else:
                sc.span.tp += 1
                matched_pred.update(p["id"] for p in hits)
                if any(speaker_match(gc["speaker"], p, aliases, entities) for p in hits):
                    sc.attribution.tp += 1
                    good_pred.update(
                        p["id"] for p in hits if speaker_match(gc["speaker"], p, aliases, entities)
                    )
                else:
                    sc.attribution.fn += 1
                    got = [(p.get("speaker_name"), p["kind"]) for p in hits]
                    sc.errors.append(
                        f"{key}: speaker for {gc['anchor']!r}: {got} != {gc['speaker']!r}"
                    )
            # quantities and dates: gold items found among predictions overlapping their text
            for kind, counts in (("quantities", sc.quantities), ("dates", sc.dates)):
                for gq in gc.get(kind, []):
                    occ = _occurrences(text, gq["text"], a)
                    found = False
                    for p in preds:
                        for pq in p[kind]:
                            ps, pe = _pred_span(text, pq, p)
                            if any(ps < oe and os_ < pe for os_, oe in occ) and _item_eq(
                                kind, gq, pq
                            ):
                                found = True
                    if found:
                        counts.tp += 1
                    else:
                        counts.fn += 1
                        sc.errors.append(
                            f"{key}: {kind[:-1]} {gq['text']!r}={gq.get('value')} not found"
                        )
        # precision: attributed predictions that match no gold claim with that speaker
        title = doc.get("title") or ""
        for p in preds:
            if title and p["start"] == 0 and text.startswith(title) and p["end"] <= len(title) + 1:
                continue  # headlines are not annotated in the gold files
            covers_gold = any(p["start"] <= a and b <= p["end"] for a, b in gold_spans)
            scored = p.get("speaker_name") is not None or (p["kind"] != "assertion" and covers_gold)
            if scored and p["id"] not in good_pred:
                sc.attribution.fp += 1
                if covers_gold or p.get("speaker_name"):
                    sc.errors.append(
                        f"{key}: extra/wrong attribution {p.get('speaker_name')!r}: {p['text'][:70]!r}"
                    )
            if p["id"] not in matched_pred and p.get("speaker_name") is not None:
                sc.span.fp += 1
            if covers_gold:
                for kind, counts in (("quantities", sc.quantities), ("dates", sc.dates)):
                    gold_items = [gq for gc in g["claims"] for gq in gc.get(kind, [])]
                    for pq in p[kind]:
                        if not any(_item_eq(kind, gq, pq) for gq in gold_items):
                            counts.fp += 1
    _score_entities(export, gold, sc)
    return sc


def score_propositions(export: dict[str, Any], groups: list[dict[str, Any]], sc: Score) -> None:
    """Gold groups of claims a careful reader puts together, and the relations among them."""
    claims_by_doc: dict[str, list[dict[str, Any]]] = {}
    for c in export["claims"]:
        claims_by_doc.setdefault(c["doc"], []).append(c)
    rel = {(r["a"], r["b"]): r["type"] for r in export["relations"]}
    rel.update({(r["b"], r["a"]): r["type"] for r in export["relations"]})
    placed: list[list[dict[str, Any] | None]] = []
    for g in groups:
        row: list[dict[str, Any] | None] = []
        for m in g["members"]:
            doc = _find_doc(export["documents"], m["doc"])
            hit = None
            if doc is not None:
                pos = doc["text"].find(m["anchor"])
                if pos >= 0:
                    hit = next((c for c in claims_by_doc.get(doc["id"], [])
                                if c["start"] <= pos and pos + len(m["anchor"]) <= c["end"]), None)  # fmt: skip
            row.append(hit)
        placed.append(row)
        found = [c for c in row if c is not None]
        if len(found) < 2:
            continue
        sc.prop_groups += 1
        props = {c["proposition"] for c in found}
        if len(props) == 1 and None not in props:
            sc.prop_groups_together += 1
        else:
            sc.errors.append(
                f"proposition group split: {g.get('label', '')[:60]!r} over {len(props)} propositions"
            )
        for i, a in enumerate(found):
            for b in found[i + 1 :]:
                sc.prop_pairs += 1
                sc.prop_pairs_together += int(
                    a["proposition"] is not None and a["proposition"] == b["proposition"]
                )
        for r in g.get("relations", []):
            a, b = row[r["a"]], row[r["b"]]
            if a is None or b is None:
                continue
            t = r["type"]
            sc.rel_expected[t] = sc.rel_expected.get(t, 0) + 1
            got = rel.get((a["id"], b["id"]))
            if got == t:
                sc.rel_found[t] = sc.rel_found.get(t, 0) + 1
            else:
                sc.errors.append(f"relation {t} expected, got {got}: {g.get('label', '')[:50]!r}")
            if t == "repeats" and got == "corroborates":
                sc.repeats_as_corroboration += 1
    # purity: claims from different gold groups should not share a proposition
    flat = [(gi, c) for gi, row in enumerate(placed) for c in row if c is not None]
    for i, (ga, a) in enumerate(flat):
        for gb, b in flat[i + 1 :]:
            if ga != gb:
                sc.prop_foreign_pairs += 1
                if a["proposition"] is not None and a["proposition"] == b["proposition"]:
                    sc.prop_foreign_together += 1


def _score_entities(export: dict[str, Any], gold: dict[str, Any], sc: Score) -> None:
    """Alias groups that should be one entity, and entities that wrongly join two."""
    aliases = gold.get("aliases", {})
    names = {c["speaker"] for d in gold["documents"].values() for c in d["claims"]
             if c.get("speaker") and c["speaker"][:1].isupper()}  # fmt: skip
    names |= set(aliases)
    entities = export.get("entities", [])
    forms_of = {e["id"]: {_key(a) for a in [e["name"], *e.get("aliases", [])]} for e in entities}
    # a capital or body that stands for another entity counts with it for grouping
    effective = {k: set(v) for k, v in forms_of.items()}
    for e in entities:
        for sf in e.get("stands_for", []):
            if sf["id"] in effective:
                effective[sf["id"]] |= forms_of[e["id"]]
    for name in names:
        forms = {_key(name), *(_key(a) for a in aliases.get(name, []))}
        holders = {eid for eid, fs in forms_of.items() if fs & forms}
        if not holders:
            continue
        sc.entity_groups += 1
        if any(
            forms & effective[h] == forms & set().union(*(forms_of[x] for x in holders))
            for h in holders
        ):
            sc.entity_groups_whole += 1
        else:
            sc.errors.append(f"entity group split: {name!r} over {len(holders)} entities")
    person_forms = {n: {_key(n), *(_key(a) for a in aliases.get(n, []))} for n in names}
    for e in entities:
        fs = forms_of[e["id"]]
        hit = [n for n, f in person_forms.items() if f & fs]
        if len(hit) > 1:
            sc.wrong_merges += 1
            sc.errors.append(f"wrong merge: entity {e['name']!r} holds {hit}")


def _occurrences(text: str, needle: str, near: int) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _pred_span(text: str, item: dict[str, Any], claim: dict[str, Any]) -> tuple[int, int]:
    if "start" in item and "end" in item:
        return item["start"], item["end"]
    i = text.find(item["text"], claim["start"])
    return (i, i + len(item["text"])) if i >= 0 else (-1, -1)


def _item_eq(kind: str, g: dict[str, Any], p: dict[str, Any]) -> bool:
    if kind == "dates":
        want = g.get("value")
        if isinstance(want, str) and "/" in want:  # an interval is matched by its start
            want = want.split("/")[0]
        return _val_eq(want, p.get("value"))
    if g.get("value") is None:
        return _val_eq(g.get("low"), p.get("low")) and _val_eq(g.get("high"), p.get("high"))
    return _val_eq(g.get("value"), p.get("value"))


def run_corpus(name: str, folder: Path) -> Score:
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions

    gold = json.loads((HERE / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    inputs = sorted(str(p) for p in folder.iterdir() if p.is_file() and p.name != "README.md")
    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "eval.db") as ledger:
        ledger.add(inputs, AddOptions())
        export = ledger.export()
    sc = score(export, gold)
    groups = proposition_groups(name)
    if groups:
        score_propositions(export, groups, sc)
    return sc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--update", action="store_true", help="pin floors at the current figures")
    ap.add_argument("--errors", action="store_true", help="list every mismatch")
    ap.add_argument("--corpus", action="append", help="score only this corpus (repeatable)")
    args = ap.parse_args(argv)
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    failed = False
    for name, folder in corpora().items():
        if args.corpus and name not in args.corpus:
            continue
        sc = run_corpus(name, folder)
        figs = sc.figures()
        print(f"[{name}]")
        for k, v in figs.items():
            floor = floors.get(name, {}).get(k)
            mark = ""
            if floor is not None and v + 1e-9 < floor:
                mark, failed = f"  BELOW FLOOR {floor}", True
            print(f"  {k:24} {v:.3f}{mark}")
        if args.errors:
            for e in sc.errors:
                print("   -", e)
        if args.update:
            floors[name] = {k: round(v - 0.005, 3) for k, v in figs.items()}
    if args.update:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n")
        print(f"floors written to {FLOORS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
