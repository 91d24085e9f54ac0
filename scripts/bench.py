"""Benchmarks: throughput, memory, and ratios against a baseline measured in the same run.

    make bench            # or: python scripts/bench.py [--repeat N]

Extraction is compared with bare ``nlp.pipe`` over the same texts, so the ratio
says what the claim rules cost on top of the parser whatever the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
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
    analyzer = Analyzer(compare=False)
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
        analyses = analyzer.prepare(docs)
        full.append(time.perf_counter() - t0)
    b, f = min(bare), min(full)
    n_claims = sum(len(a.claims) for a in analyses)
    print("extraction")
    print(f"  articles                 {len(texts)}  ({words} words, {n_claims} claims)")
    print(f"  bare nlp.pipe            {len(texts) / b:8.1f} articles/s  {words / b:10.0f} words/s")
    print(f"  full extraction          {len(texts) / f:8.1f} articles/s  {words / f:10.0f} words/s")
    print(f"  ratio full / bare        {f / b:8.2f}x  (target <= 1.30x)")


def long_text(n: int) -> str:
    """About ``n`` characters of the sample corpus's own articles, one after another."""
    from claimledger.demo import sample_dir

    parts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.txt"))]
    parts += [p.read_text(encoding="utf-8") for p in sorted(sample_dir().glob("*.md"))]
    out: list[str] = []
    size, k = 0, 0
    while size < n:
        t = f"Part {k}.\n\n{parts[k % len(parts)]}"
        out.append(t)
        size += len(t) + 2
        k += 1
    return "\n\n".join(out)[:n].rsplit("\n", 1)[0]


def bench_length(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)) -> None:
    """Extraction cost per 10k characters as one document grows: flat when linear."""
    from claimledger.extract.pipeline import Analyzer
    from claimledger.models import Document

    analyzer = Analyzer(compare=False)
    analyzer.time_budget = None
    analyzer.prepare([Document(origin="w", text=long_text(3_000), id="w")])  # warm up
    cost: dict[int, float] = {}
    print("document length (extraction of one document, sections of 100k characters)")
    for n in sizes:
        text = long_text(n)
        doc = Document(origin=f"len{n}", text=text, id=f"len{n}", published="2025-01-15")
        t0 = time.perf_counter()
        claims = len(analyzer.prepare([doc])[0].claims)
        cost[n] = time.perf_counter() - t0
        print(
            f"  {len(text):>9} characters      {cost[n]:8.2f} s   {cost[n] / len(text) * 1e4:6.3f} s"
            f" per 10k characters  ({claims} claims)"
        )
    if 100_000 in cost and 1_000_000 in cost:
        print(
            f"  ratio 1M / 100k          {cost[1_000_000] / cost[100_000]:8.2f}x  (target <= 12x)"
        )


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


def synthetic_ledger(path: Path, n_claims: int, seed: int = 7) -> None:
    """A ledger with ``n_claims`` synthetic claims, vectors, propositions and entities."""
    import hashlib
    import random

    import numpy as np

    from claimledger.store.db import connect

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    words = [
        "troops",
        "ministry",
        "border",
        "report",
        "official",
        "minister",
        "army",
        "village",
        "strike",
        "convoy",
        "aid",
        "talks",
        "ceasefire",
        "drone",
        "shelling",
        "evacuation",
        "plant",
        "leak",
        "memo",
        "court",
        "vote",
        "budget",
        "fund",
        "deal",
        "port",
        "bridge",
        "election",
        "council",
        "police",
        "hospital",
        "union",
        "company",
        "inspectorate",
        "estimate",
        "figure",
    ]
    names = [
        "Anna Berg",
        "Carl Holm",
        "Mira Solberg",
        "Jan Ek",
        "Ola Strand",
        "Eva Lund",
        "Nils Dahl",
    ]
    conn = connect(path)
    per_doc = 20
    n_docs = n_claims // per_doc
    conn.execute("BEGIN")
    for d in range(n_docs):
        doc_id = hashlib.sha1(f"doc{d}".encode()).hexdigest()[:16]
        conn.execute(
            "INSERT INTO documents(id, origin, outlet, title, published, language, text, added_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (doc_id, f"synthetic/{d}.txt", f"Outlet {d % 40}", f"Report {d}",
             f"2024-{1 + d % 12:02d}-{1 + d % 28:02d}", "en", "synthetic", "2024-01-01T00:00:00"),
        )  # fmt: skip
        for k in range(per_doc):
            cid = hashlib.sha1(f"{doc_id}:{k}".encode()).hexdigest()[:15]
            text = " ".join(rng.choice(words) for _ in range(14)) + "."
            prop = f"p{rng.randrange(n_claims // 3):015d}"
            conn.execute(
                'INSERT INTO claims(id, doc, seq, start, "end", text, content, speaker_name, kind,'
                " modality, extractor, proposition) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                ("c" + cid, doc_id, k, 0, len(text), text, text, rng.choice(names), "indirect",
                 "asserted", "bench", prop),
            )  # fmt: skip
            v = nrng.standard_normal(384).astype(np.float32)
            v /= np.linalg.norm(v)
            conn.execute("INSERT INTO claim_vectors(claim, vec) VALUES (?, ?)",
                         ("c" + cid, v.astype(np.float16).tobytes()))  # fmt: skip
    for p in range(n_claims // 3):
        v = nrng.standard_normal(384).astype(np.float32)
        conn.execute(
            "INSERT INTO propositions(id, label, status, centroid, n_claims, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            (f"p{p:015d}", "synthetic", "single_source", (v / np.linalg.norm(v)).tobytes(), 3, "x"),
        )
    conn.execute("COMMIT")
    conn.close()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def _serve(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``claimledger serve`` in a second process on a free loopback port."""
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("claimledger")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "claimledger"]
    proc = subprocess.Popen(
        [*cmd, "--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(base + "/", timeout=2)
            return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the web server did not start")


def _web_latencies(db: Path, rounds: int) -> dict[str, list[float]]:
    """Time search, proposition, claim and list pages over HTTP from this process."""
    import random
    import sqlite3

    import httpx

    conn = sqlite3.connect(db)
    props = [
        r[0]
        for r in conn.execute("SELECT id FROM propositions ORDER BY random() LIMIT ?", (rounds,))
    ]
    claims = [
        r[0] for r in conn.execute("SELECT id FROM claims ORDER BY random() LIMIT ?", (rounds,))
    ]
    conn.close()
    rng = random.Random(3)
    queries = [
        "troops",
        "ministry border",
        "ammonia",
        "convoy AND drone",
        "evacuation",
        "fire",
        "estimate",
    ]
    paths = {
        "search": [f"/search?q={rng.choice(queries)}" for _ in range(rounds)],
        "search, outlet facet": [
            f"/search?q={rng.choice(queries)}&outlet=Outlet+{rng.randrange(40)}"
            for _ in range(rounds)
        ],  # fmt: skip
        "proposition page": [f"/propositions/{p}" for p in props],
        "claim page": [f"/claims/{c}" for c in claims],
        "claims list, page 50": ["/claims?page=50" for _ in range(rounds)],
        "proposition API": [f"/api/propositions/{p}" for p in props],
    }
    proc, base = _serve(db)
    out: dict[str, list[float]] = {}
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            client.get("/")
            for name, urls in paths.items():
                times = []
                for u in urls:
                    t0 = time.perf_counter()
                    r = client.get(u)
                    times.append(time.perf_counter() - t0)
                    if r.status_code != 200 and not (r.status_code == 404 and "page=" in u):
                        raise RuntimeError(f"{u}: HTTP {r.status_code}")
                out[name] = times
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return out


def bench_web(small: Path, big: Path, n_claims: int, rounds: int = 60) -> None:
    """p50/p95 page latency over loopback from a second process, sample ledger vs ``n_claims``."""
    base = _web_latencies(small, rounds)
    large = _web_latencies(big, rounds)
    print(f"web UI over loopback ({rounds} requests per page, server in a second process)")
    print(f"  {'page':24} {'sample p95':>11} {'large p50':>10} {'large p95':>10} {'ratio p95':>10}")
    for name in large:
        b95 = _percentile(base[name], 0.95) * 1000
        l50 = _percentile(large[name], 0.5) * 1000
        l95 = _percentile(large[name], 0.95) * 1000
        print(f"  {name:24} {b95:9.1f}ms {l50:8.1f}ms {l95:8.1f}ms {l95 / max(b95, 1e-6):9.2f}x")
    print(f"  ledger of {n_claims} claims; target p95 < 300 ms for search and proposition pages")


def bench_scale(n_claims: int) -> None:
    """Adding one article to an empty ledger and to one with ``n_claims`` claims."""
    from claimledger.demo import sample_dir
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions

    files = sorted(p for p in sample_dir().iterdir() if p.suffix == ".txt")
    warm, target = str(files[0]), str(files[1])
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.db"
        t0 = time.perf_counter()
        synthetic_ledger(big, n_claims)
        build = time.perf_counter() - t0
        for label, path in (("empty", Path(tmp) / "empty.db"), (f"{n_claims} claims", big)):
            with Ledger(path) as led:
                led.add([warm], AddOptions())  # models loaded, caches warm
                t0 = time.perf_counter()
                led.add([target], AddOptions())
                results[label] = time.perf_counter() - t0
        small = Path(tmp) / "sample.db"
        with Ledger(small) as led:
            led.add([str(p) for p in sample_dir().iterdir() if p.name != "README.md"], AddOptions())
        _print_scale(build, n_claims, results)
        bench_web(small, big, n_claims)


def _print_scale(build: float, n_claims: int, results: dict[str, float]) -> None:
    e, b = results["empty"], results[f"{n_claims} claims"]
    print(f"scale (synthetic ledger built in {build:.0f}s)")
    print(f"  add one article, empty ledger          {e * 1000:8.0f} ms")
    print(f"  add one article, {n_claims:>7} claims        {b * 1000:8.0f} ms")
    print(f"  ratio                                  {b / e:8.2f}x  (target <= 3x)")


def bench_embedding() -> None:
    """onnxruntime against the numpy reference (and torch, if installed) on the same texts."""
    import numpy as np

    from claimledger.compare import minilm

    texts = [t[:400] for t in texts_for_bench(1)][:64]
    rows = []
    onnx = minilm.OnnxMiniLM()
    ref = None
    for name, emb in (("onnxruntime", onnx), ("numpy", minilm.NumpyMiniLM())):
        emb.embed(texts[:4])
        t0 = time.perf_counter()
        v = emb.embed(texts)
        dt = time.perf_counter() - t0
        ref = v if ref is None else ref
        rows.append((name, len(texts) / dt, float(np.abs(v - ref).max())))
    print("embedding (all-MiniLM-L6-v2)")
    for name, rate, diff in rows:
        print(f"  {name:12} {rate:8.1f} texts/s   max |diff| vs onnxruntime {diff:.1e}")
    for pkg in ("onnxruntime", "onnx", "torch"):
        size = _package_mb(pkg)
        print(f"  installed size of {pkg:12} {size if size is not None else 'not installed':>8} MB")


def _package_mb(name: str) -> str | None:
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0])
    total = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
    return f"{total / 1e6:.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "8")))
    ap.add_argument("--claims", type=int, default=int(os.environ.get("BENCH_CLAIMS", "100000")))
    args = ap.parse_args()
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus")
    bench_extraction(args.repeat)
    bench_length()
    bench_ingest(max(1, args.repeat // 2))
    bench_embedding()
    bench_scale(args.claims)
    print(f"peak memory                {peak_mb():8.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
