"""The bundled demo: the sample corpus in, a ledger, an export and a briefing out."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from claimledger.ledger import Ledger
from claimledger.models import AddOptions, AddResult


@dataclass
class DemoResult:
    db: Path
    export: Path
    add: AddResult
    outputs: dict[str, Path] = field(default_factory=dict)


def sample_dir() -> Path:
    """The folder of the bundled sample corpus (fictional, written by the project)."""
    return Path(str(resources.files("claimledger") / "sample"))


def run_demo(out_dir: str | Path, options: AddOptions | None = None) -> DemoResult:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "claimledger.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    inputs = sorted(str(p) for p in sample_dir().iterdir() if p.is_file() and p.name != "README.md")
    with Ledger(db) as ledger:
        result = ledger.add(inputs, options or AddOptions())
        export = out / "export.json"
        with export.open("w", encoding="utf-8") as fp:
            ledger.export_to(fp, "json")
        outputs: dict[str, Path] = {}
        try:
            from claimledger.report import write_report
        except ImportError:
            pass
        else:
            for name in ("briefing.md", "briefing.html"):
                outputs[name] = write_report(ledger, out / name)
    return DemoResult(db=db, export=export, add=result, outputs=outputs)
