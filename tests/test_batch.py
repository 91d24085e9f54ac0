"""Many files at once: exact counts, idempotent re-adds, and a kill in the middle of a run."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimledger.ledger import Ledger
from claimledger.models import AddOptions

# -- generated articles: distinct enough that MinHash never pairs them -------------------


def _words(s: str) -> list[str]:
    return s.split()


FIRST = _words("""Alder Brisa Caius Delphine Emrys Fenna Gideon Halla Ivo Jessamy Kit Liesel Marek Nell
Osric Perpetua Quentin Rosalind Silas Tamsin Ulric Verity Wystan Ysolde Zebedee Anouk Bram Cerys
Dorian Elowen""")
LAST = _words("""Ashdown Blackwood Carrow Dunleavy Eskdale Fairweather Gorringe Hollis Inchbald Jessop
Kilbride Lockhart Merriman Northcott Ormerod Pryce Quarrie Rookwood Stanhope Trelawny Underhill
Vosper Whitlock Yarwood Zouch Abernethy Bellamy Cradock Dimmock Eldridge""")
PLACES = _words("""Amberley Brackenmoor Coldharbour Dunmere Eastwick Fallowfield Gorsehill Hartsford
Ivybridge Kettlewick Longmarsh Millbeck Netherby Oakhanger Pellworth Rushmere Saltcote Thornaby
Wrenfield Yarrowby Ashbourne Bramblecombe Cinderford Dovecote Elmsworth Foxholes Glenrothe Hawkridge
Larkhill Moorend""")
ROLES = [
    "the harbour master", "a county councillor", "the head of the fire service",
    "a local shopkeeper", "a school governor", "a retired nurse", "the parish clerk",
    "a bus driver", "the lifeboat coxswain", "an allotment holder", "the town archivist",
    "a youth worker", "the chair of the residents' association", "a market trader",
    "the district surveyor", "a church warden", "a ferry pilot", "the swimming coach",
]  # fmt: skip
TOPICS = [
    "the new cycle lane", "the flood barrier", "the market hall roof", "the night bus service",
    "the outdoor swimming pool", "the car park charges", "the village green", "the recycling centre",
    "the river footpath", "the old bandstand", "the community orchard", "the level crossing",
    "the lifeboat station", "the tidal lagoon scheme", "the school crossing patrol",
    "the closed post office", "the harbour wall", "the skate park", "the bypass junction",
    "the public toilets", "the library van", "the allotment waiting list", "the sea defences",
    "the weekly farmers market",
]  # fmt: skip
CHANGES = _words("risen fallen doubled halved slipped jumped recovered shrunk grown dropped")
MONTHS = _words("""January February March April May June July August September October November
December""")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
ORGS = [
    "the Coastal Trust", "Harbour Watch", "the Ramblers' Circle", "the Chamber of Trade",
    "the Tenants' Forum", "Friends of the Green", "the Cycling Alliance", "the Civic Society",
    "the Lifeboat Guild", "the Water Board", "the Rail Users' Group", "the Heritage Panel",
]  # fmt: skip
ACTIONS = [
    "lodge a formal objection", "ask for an independent survey", "hold a public vigil",
    "publish its own traffic count", "write to the minister", "start a petition",
    "request the full costings", "call for a delay", "back the plan in principle",
    "commission a legal opinion",
]  # fmt: skip
PROBLEMS = [
    "cracked supports", "blocked drains", "loose railings", "rotten beams",
    "corroded bolts", "subsided paving stones", "leaking joints", "faulty lamps",
]  # fmt: skip
OUTCOMES = [
    "close for good", "run out of money", "be sold off", "flood again", "fall into disrepair",
    "be scaled back", "lose its grant", "be moved elsewhere",
]  # fmt: skip
SEASONS = ["the autumn", "the winter", "next spring", "the summer holidays", "the end of the year"]

TEMPLATES = [
    "{person}, {role} in {place}, said {topic} had {change} by {n} percent since {month}.",
    "On {day}, {n} residents of {place} gathered beside {topic} to hear {person} speak.",
    "{person} told a packed meeting in {place} that {topic} would cost {n} thousand pounds.",
    "Figures published in {month} showed {n} complaints about {topic} from {place} alone.",
    "{Role} {person} warned that {topic} could {outcome} before {season}.",
    "Families in {place} have now waited {n} weeks for a ruling on {topic}.",
    "A spokesperson for {org} said members would {action} on {day}.",
    "{person} added that {n} volunteers from {place} had offered to help with {topic}.",
    "Engineers sent by {org} inspected {topic} on {day} and found {n} {problem}.",
    "The next hearing about {topic} is due in {place} on {day} {n} {month}.",
    "{org_cap} has asked {person} to explain why {topic} in {place} was left for {n} months.",
    "In {month}, {person} from {place} counted {n} {problem} along {topic}.",
]


def make_article(rng: random.Random, i: int) -> tuple[str, str]:
    """(title, body) for article ``i``: fourteen sentences in four paragraphs."""

    def slot() -> dict[str, object]:
        role = rng.choice(ROLES)
        org = rng.choice(ORGS)
        return {
            "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "role": role,
            "Role": role[0].upper() + role[1:],
            "place": rng.choice(PLACES),
            "topic": rng.choice(TOPICS),
            "change": rng.choice(CHANGES),
            "n": rng.randint(2, 980),
            "month": rng.choice(MONTHS),
            "day": rng.choice(DAYS),
            "org": org,
            "org_cap": org[0].upper() + org[1:],
            "action": rng.choice(ACTIONS),
            "problem": rng.choice(PROBLEMS),
            "outcome": rng.choice(OUTCOMES),
            "season": rng.choice(SEASONS),
        }

    sentences = [rng.choice(TEMPLATES).format(**slot()) for _ in range(13)]
    sentences.insert(rng.randint(1, 12), f"The case file is numbered {marker(i)} at the town hall.")
    paras = [" ".join(sentences[k : k + 4]) for k in range(0, 14, 4)]
    s = slot()
    title = f"Row over {str(s['topic']).removeprefix('the ')} in {s['place']} ({i})"
    return title, "\n\n".join(paras)


def marker(i: int) -> str:
    """A word that only article ``i`` contains."""
    return f"ref{i:04d}qz"


def html_page(title: str, body: str) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><article>\n{paras}\n</article></main></body></html>\n"
    )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
MAX_BYTES = 16_000


def build_corpus(root: Path) -> dict[str, object]:
    """200 files: 150 good, 10 exact copies of good ones, 40 bad (one failure each)."""
    rng = random.Random(20250610)
    good: dict[str, int] = {}  # path -> article number
    for i in range(150):
        title, body = make_article(rng, i)
        if i < 100:
            name, data = f"a-good-{i:03d}.txt", body
        elif i < 120:
            name, data = f"a-good-{i:03d}.md", f"# {title}\n\n{body}\n"
        elif i < 135:
            name, data = f"a-good-{i:03d}.html", html_page(title, body)
        else:
            name = f"a-good-{i:03d}.json"
            data = json.dumps({"title": title, "text": body, "outlet": "Estuary Weekly"})
        sub = root / ("news" if i % 3 else "news/older")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(data, encoding="utf-8")
        good[str(sub / name)] = i

    dups: list[str] = []
    originals = [p for p in sorted(good) if p.endswith(".txt")][:10]
    for k, src in enumerate(originals):
        dst = root / "news" / f"b-copy-{k:02d}.txt"
        dst.write_bytes(Path(src).read_bytes())
        dups.append(str(dst))

    bad_dir = root / "news" / "incoming"
    bad_dir.mkdir(parents=True)
    bad: dict[str, str] = {}

    def put(name: str, data: bytes | str, reason: str) -> None:
        p = bad_dir / name
        if isinstance(data, str):
            data = data.encode("utf-8")
        p.write_bytes(data)
        bad[str(p)] = reason

    for k in range(8):
        put(
            f"c-image-{k}.png" if k % 2 else f"c-image-{k}.txt",
            PNG + bytes(rng.randrange(256) for _ in range(300)),
            "binary",
        )
    for k in range(4):
        put(f"c-empty-{k}.txt", b"", "empty")
        put(f"c-blank-{k}.md", " \n\t\n" * (k + 1), "empty")
    for k in range(6):
        put(f"c-huge-{k}.txt", "A long, long report. " * 1000, "too large")
    for k in range(6):
        put(
            f"c-broken-{k}.json",
            '{"title": "Cut off", "text": "The council met' + "," * k,
            "malformed JSON",
        )
    for k in range(4):
        name = f"c-broken-{k}.jsonl"
        put(name, '{"title": "No closing brace", "text": "gone\n', "malformed JSON")
        bad[f"{bad_dir / name}#1"] = bad.pop(str(bad_dir / name))
    for k in range(4):
        put(
            f"c-feed-{k}.xml",
            f'<rss version="2.0"><channel><title>Wire {k}</channel></rss>',
            "malformed feed",
        )
    for k in range(4):
        noise = bytes(random.Random(k).randrange(0x80, 0x100) for _ in range(500))
        put(f"c-noise-{k}.txt", noise, "undecodable")

    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) == 200
    assert len(good) == 150 and len(dups) == 10 and len(bad) == 40
    return {"good": good, "dups": dups, "bad": bad}


def test_folder_of_200_mixed_files(ledger: Ledger, data_dir: Path) -> None:
    corpus = build_corpus(data_dir / "batch")
    good: dict[str, int] = corpus["good"]  # type: ignore[assignment]
    dups: list[str] = corpus["dups"]  # type: ignore[assignment]
    bad: dict[str, str] = corpus["bad"]  # type: ignore[assignment]
    opts = AddOptions(analyze=False, max_bytes=MAX_BYTES)

    result = ledger.add(str(data_dir / "batch"), opts)
    failed = {f.origin: f.reason for f in result.failed}
    assert set(failed) == set(bad), set(failed) ^ set(bad)
    for origin, reason in failed.items():
        assert bad[origin] in reason, (origin, reason)
    assert len(result.failed) == 40
    assert sorted(result.duplicates) == sorted(dups)
    assert result.near_duplicates == [], "generated articles must not look alike"
    assert len(result.added) == 150
    assert result.summary() == "150 added, 10 duplicates, 40 failed"

    docs = ledger.documents()
    assert len(docs) == 150
    assert {d.origin for d in docs} == set(good)
    assert all(d.duplicate_of is None for d in docs)
    for origin, i in good.items():
        hits = ledger.search(marker(i))
        assert [d.origin for d, _ in hits] == [origin], (origin, [d.origin for d, _ in hits])
    by_format = {}
    for d in docs:
        by_format[d.format] = by_format.get(d.format, 0) + 1
    assert by_format == {"text": 120, "html": 15, "json": 15}

    again = ledger.add(str(data_dir / "batch"), opts)
    assert again.added == []
    assert len(again.duplicates) == 160
    assert len(again.failed) == 40
    assert again.summary() == "0 added, 160 duplicates, 40 failed"
    assert len(ledger.documents()) == 150


# -- a kill in the middle of a run ------------------------------------------------------

CRASH_SCRIPT = textwrap.dedent(
    """
    import sys, time
    import claimledger.ingest.pipeline as pipeline
    from claimledger.ledger import Ledger
    from claimledger.models import AddOptions

    def slow_after_insert(doc_id):
        print("inserted", doc_id, flush=True)
        time.sleep(0.2)

    pipeline._after_insert = slow_after_insert
    with Ledger(sys.argv[1]) as ledger:
        print("ready", flush=True)
        result = ledger.add(sys.argv[2], AddOptions(analyze=False))
    print("finished", result.summary(), flush=True)
    """
)


def _check_consistent(db: Path, sources: dict[str, str]) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        docs = conn.execute("SELECT * FROM documents ORDER BY rowid").fetchall()
        n = len(docs)
        assert conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0] == n
        # the FTS shadow table holds one row per indexed document
        assert conn.execute("SELECT count(*) FROM documents_fts_docsize").fetchone()[0] == n
        assert conn.execute("SELECT count(*) FROM minhash").fetchone()[0] == n
        per_doc = conn.execute(
            "SELECT doc_id, count(*) FROM minhash_bands GROUP BY doc_id"
        ).fetchall()
        assert len(per_doc) == n and all(c == 16 for _, c in per_doc)
        assert (
            conn.execute(
                "SELECT count(*) FROM minhash m LEFT JOIN documents d ON d.id = m.doc_id"
                " WHERE d.id IS NULL"
            ).fetchone()[0]
            == 0
        )
        for d in docs:
            assert d["origin"] in sources
            assert d["text"] == sources[d["origin"]], f"{d['origin']} is stored incomplete"
            hits = conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?",
                (f'"{d["origin"].rsplit("-", 1)[-1].split(".")[0]}"',),
            ).fetchall()
            assert hits, d["origin"]
        return docs
    finally:
        conn.close()


@pytest.mark.timeout(120)
def test_kill_mid_run_leaves_whole_documents(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    rng = random.Random(7)
    sources: dict[str, str] = {}
    for i in range(40):
        _, body = make_article(rng, 1000 + i)
        body = body + f"\n\nFiled under tag{i:02d}xw."
        p = folder / f"story-tag{i:02d}xw.txt"
        p.write_text(body, encoding="utf-8")
        sources[str(p)] = body
    db = tmp_path / "crash.db"

    proc = subprocess.Popen(
        [sys.executable, "-c", CRASH_SCRIPT, str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    inserted: list[str] = []
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", (line, proc.stderr.read() if proc.stderr else "")
        # the 4th announcement means: three transactions committed, the 4th is open
        while len(inserted) < 4:
            line = proc.stdout.readline()
            assert line.startswith("inserted "), (line, proc.stderr.read() if proc.stderr else "")
            inserted.append(line.split()[1])
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    docs = _check_consistent(db, sources)
    stored = [d["id"] for d in docs]
    assert 0 < len(stored) < 40
    assert stored == inserted[:-1], "committed documents stay, the open one is rolled back"

    with Ledger(db) as ledger:
        result = ledger.add(str(folder), AddOptions(analyze=False))
        assert result.failed == []
        assert len(result.added) == 40 - len(stored)
        assert len(result.duplicates) == len(stored)
        assert len(ledger.documents()) == 40
    docs = _check_consistent(db, sources)
    assert {d["origin"] for d in docs} == set(sources)
