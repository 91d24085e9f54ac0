"""Fit the question pair model (src/claimledger/compare/question_weights.json).

    .venv/bin/python eval/fit_questions.py [--check]

The model is a logistic regression over the pair features of ``compare/questions.py``,
fitted on the gold question groups of the project's own corpora only: the bundled sample
and the fictional holdouts (eval/holdout*), every pair of gold members of one corpus.
Real articles (the seeds, PolNeAR) are never fitted on; they are where it is measured.
Classes are weighted to balance, with a small L2 penalty; leave-one-corpus-out figures
are printed so that the fit can be judged before it is written.  ``--check`` prints
them without writing.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
OUT = HERE.parent / "src" / "claimledger" / "compare" / "question_weights.json"
OWN = ["sample"] + [f"holdout{s}" for s in ["", "2", "3", "4", "5", "6", "7", "8"]]


def corpus_pairs(name: str, folder: Path) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every pair of gold members of one corpus."""
    from gate import proposition_groups  # type: ignore[import-not-found]

    from claimledger.compare import store as cstore
    from claimledger.compare.questions import feature_tensor, make_member
    from claimledger.compare.stance import stance_of
    from claimledger.ledger import Ledger

    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "f.db") as led:
        inputs = sorted(str(p) for p in folder.iterdir() if p.is_file() and p.name != "README.md")
        led.add(inputs)
        conn = led.conn
        rows = conn.execute(
            "SELECT c.id, c.doc, c.start, c.\"end\", c.seq, d.text, d.origin FROM claims c"
            " JOIN documents d ON d.id = c.doc JOIN claim_vectors v ON v.claim = c.id"
            " ORDER BY COALESCE(d.published, '9999'), c.id"
        ).fetchall()
        ids = [r[0] for r in rows]
        views = cstore.claim_views(conn, ids)
        vec = cstore.load_vectors(conn, ids)
        top = cstore.load_vectors(conn, ids, column="topic")
        members = [make_member(views[r[0]], vec[r[0]], top.get(r[0]), int(r[4]),
                               stance_of(views[r[0]])[0]) for r in rows]  # fmt: skip
        index = {r[0]: k for k, r in enumerate(rows)}
        gold: dict[int, int] = {}
        for gi, g in enumerate(proposition_groups(name)):
            for m in g["members"]:
                for r in rows:
                    if Path(r[6].split("#")[0]).name != m["doc"] and not r[6].endswith(m["doc"]):
                        continue
                    pos = r[5].find(m["anchor"])
                    if pos >= 0 and r[2] <= pos and pos + len(m["anchor"]) <= r[3]:
                        gold.setdefault(index[r[0]], gi)
        F = feature_tensor(members)
    keys = sorted(gold)
    X, y = [], []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            X.append(F[a, b])
            y.append(gold[a] == gold[b])
    return np.array(X, dtype=np.float64), np.array(y, dtype=np.float64)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 4000) -> np.ndarray:
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    pos = max(y.mean(), 1e-9)
    sw = np.where(y > 0, 0.5 / pos, 0.5 / (1 - pos))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-Xb @ w))
        w -= 0.5 * (Xb.T @ ((p - y) * sw) / len(y) + l2 * np.r_[w[:-1], 0])
    return w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="print the figures, write nothing")
    args = ap.parse_args(argv)
    from gate import corpora  # type: ignore[import-not-found]

    from claimledger.compare.questions import FEATURES

    found = corpora()
    data = {n: corpus_pairs(n, found[n]) for n in OWN if n in found}
    for n, (X, y) in data.items():
        others = [m for m in data if m != n]
        w = fit(np.vstack([data[m][0] for m in others]), np.concatenate([data[m][1] for m in others]))
        p = 1 / (1 + np.exp(-(np.hstack([X, np.ones((len(X), 1))]) @ w)))
        for t in (0.5, 0.75, 0.9):
            tp = float(((p >= t) & (y > 0)).sum())
            pred, pos = float((p >= t).sum()), float((y > 0).sum())
            print(f"  {n:10} t={t}: pair precision {tp / max(pred, 1):.3f} recall {tp / max(pos, 1):.3f}")
    w = fit(np.vstack([d[0] for d in data.values()]), np.concatenate([d[1] for d in data.values()]))
    out = {
        "about": "question pair model of compare/questions.py; written by eval/fit_questions.py",
        "fitted_on": sorted(data),
        "pairs": int(sum(len(d[1]) for d in data.values())),
        "weights": {f: round(float(v), 4) for f, v in zip(FEATURES, w[:-1], strict=True)},
        "bias": round(float(w[-1]), 4),
    }
    print(json.dumps(out, indent=2))
    if not args.check:
        OUT.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
