"""Benchmarks: throughput, memory, and ratios against a baseline measured in the same run.

    make bench            # or: python scripts/bench.py [--repeat N]

Extraction is compared with bare ``nlp.pipe`` over the same texts, so the ratio
says what the claim rules cost on top of the parser whatever the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def texts_for_bench(repeat: int) -> list[str]:
    from claimledger.demo import sample_dir
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions

    folders = [sample_dir()] + ([SEEDS] if SEEDS.is_dir() else [])
    with tempfile.TemporaryDirectory() as tmp, Ledger(Path(tmp) / "b.db") as led:
        for f in folders:
            led.add(
                [str(p) for p in f.iterdir() if p.name != "README.md"], AddOptions(analyze=False)
            )
        docs = led.documents()
    base = [d.text for d in docs]
    # vary each copy a little so nothing is cached by content
    return [f"{t}\n\nCopy {i}." for i in range(repeat) for t in base]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extraction(repeat: int) -> None:
    from claimledger.extract.pipeline import Analyzer, load_nlp
    from claimledger.models import Document

    texts = texts_for_bench(repeat)
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    list(nlp.pipe(texts[:4]))  # warm up
    analyzer = Analyzer()
    docs = [
        Document(origin=f"bench{i}", text=t, id=f"b{i}", published="2025-01-15")
        for i, t in enumerate(texts)
    ]

    rounds = 3
    bare, full = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=analyzer.batch_size))
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        claims = analyzer.prepare(docs)
        full.append(time.perf_counter() - t0)
    b, f = min(bare), min(full)
    n_claims = sum(len(c) for c in claims)
    print("extraction")
    print(f"  articles                 {len(texts)}  ({words} words, {n_claims} claims)")
    print(f"  bare nlp.pipe            {len(texts) / b:8.1f} articles/s  {words / b:10.0f} words/s")
    print(f"  full extraction          {len(texts) / f:8.1f} articles/s  {words / f:10.0f} words/s")
    print(f"  ratio full / bare        {f / b:8.2f}x  (target <= 1.30x)")


def bench_ingest(repeat: int) -> None:
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions

    texts = texts_for_bench(repeat)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"{i:05d}.txt").write_text(f"Bench article {i}\n\n{t}", encoding="utf-8")
        with Ledger(Path(tmp) / "i.db") as led:
            t0 = time.perf_counter()
            res = led.add([str(folder)], AddOptions(analyze=False))
            store = time.perf_counter() - t0
        with Ledger(Path(tmp) / "j.db") as led:
            t0 = time.perf_counter()
            led.add([str(folder)], AddOptions(analyze=True))
            full = time.perf_counter() - t0
    print("ingest (add)")
    print(f"  files                    {len(texts)}  ({len(res.added)} stored)")
    print(f"  store only               {len(texts) / store:8.1f} docs/s")
    print(f"  store + extraction       {len(texts) / full:8.1f} docs/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "8")))
    args = ap.parse_args()
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    bench_extraction(args.repeat)
    bench_ingest(max(1, args.repeat // 2))
    print(f"peak memory                {peak_mb():8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
