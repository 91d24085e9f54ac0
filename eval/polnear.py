"""PolNeAR articles as the ledger receives them: JSON records with their metadata.

The corpus keeps each article's publisher, date and author in ``metadata.tsv``, beside a
text file whose first line is the headline.  A newsroom's archive export looks like this
too, so the evaluation feeds the articles as JSON lines (title, text, published, outlet,
author), never guessing a date from a file name.  Nothing of the text is copied into the
repository: the records are written to a temporary file for one run.
"""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
POLNEAR = HERE.parent.parent / "shared" / "corpus" / "polnear"
STORIES = HERE / "gold" / "stories_polnear.json"


def metadata() -> dict[str, dict[str, str]]:
    path = POLNEAR / "metadata.tsv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}


def record(path: Path, meta: dict[str, dict[str, str]]) -> dict[str, str | None]:
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    m = meta.get(path.stem, {})
    author = m.get("author") or None
    return {"title": head.strip(), "text": body.strip(), "published": m.get("publication_date"),
            "outlet": m.get("publisher"), "author": None if author == "None" else author,
            "source_file": path.name}  # fmt: skip


def stories() -> dict[str, dict[str, object]]:
    """The annotated stories: corpus name -> {"split", "docs", "label"}."""
    if not STORIES.is_file() or not POLNEAR.is_dir():
        return {}
    return {s["corpus"]: s for s in json.loads(STORIES.read_text(encoding="utf-8"))["stories"]}


def story_files(name: str, tmp: Path) -> list[Path]:
    """One JSON record per article of a story, in ``tmp``, each named after its text file
    (``<stem>.json``), so that gold naming ``<stem>.txt`` finds it."""
    s = stories()[name]
    meta = metadata()
    out = []
    for doc in s["docs"]:  # type: ignore[attr-defined]
        src = POLNEAR / str(s["split"]) / "text" / str(doc)
        dest = tmp / f"{src.stem}.json"
        dest.write_text(json.dumps(record(src, meta)), encoding="utf-8")
        out.append(dest)
    return out


def temp_story_files(name: str) -> tuple[tempfile.TemporaryDirectory[str], list[Path]]:
    tmp = tempfile.TemporaryDirectory()
    return tmp, story_files(name, Path(tmp.name))
