"""The UI answers only its own host names; exports are safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from claimledger.cli import cli  # noqa: E402
from claimledger.ledger import Ledger  # noqa: E402
from claimledger.models import AddOptions  # noqa: E402
from claimledger.web.app import create_app, host_names, host_of  # noqa: E402

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0"]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "l.db"
    recs = [
        {"title": f, "outlet": f, "author": f, "published": "2025-01-0" + str(i + 1),
         "text": f"{f} The harbour master said the quay would reopen on Monday after repairs."}
        for i, f in enumerate(FORMULAS)
    ]  # fmt: skip
    src = tmp_path / "evil.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    with Ledger(path) as led:
        assert led.add([str(src)], AddOptions()).ok
    return path


# -- 13: Host header ------------------------------------------------------------------


@pytest.mark.parametrize("host", ["attacker.example", "127.0.0.1.evil.example", "localhost.:80"])
def test_a_foreign_host_header_gets_400(db: Path, host: str) -> None:
    client = TestClient(create_app(str(db)), base_url="http://127.0.0.1:8765")
    for path in ("/api/documents", "/", "/static/style.css", "/static"):
        r = client.get(path, headers={"Host": host}, follow_redirects=False)
        assert r.status_code == 400, (path, r.status_code)
        assert host not in r.text and host not in r.headers.get("location", "")


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST"])
def test_the_bound_names_are_answered(db: Path, host: str) -> None:
    client = TestClient(create_app(str(db)), base_url="http://127.0.0.1:8765")
    assert client.get("/api/documents", headers={"Host": host}).status_code == 200


def test_host_parsing() -> None:
    assert host_of("[::1]:8765") == "::1"
    assert host_of("Example.ORG:80") == "example.org"
    assert host_of("::1") == "::1"
    assert set(host_names("127.0.0.1") or []) == {"127.0.0.1", "localhost", "::1"}
    assert host_names("0.0.0.0") is None
    assert host_names("ledger.lan") == ["ledger.lan"]


def test_serve_on_every_interface_warns_and_allow_host_adds_a_name(
    runner: Any, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    res = runner.invoke(cli, ["--db", str(db), "serve", "--host", "0.0.0.0"])
    assert res.exit_code == 0 and "no authentication" in res.stderr
    res = runner.invoke(cli, ["--db", str(db), "serve", "--allow-host", "ledger.lan"])
    assert "no authentication" not in res.stderr
    client = TestClient(calls[-1], base_url="http://127.0.0.1")
    assert client.get("/api", headers={"Host": "ledger.lan"}).status_code == 200
    assert client.get("/api", headers={"Host": "attacker.example"}).status_code == 400


# -- 14: CSV formula injection ------------------------------------------------------------


def test_export_csv_cells_never_start_a_formula(runner: Any, db: Path) -> None:
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "csv"])
    assert res.exit_code == 0
    rows = list(csv.reader(io.StringIO(res.stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert any(c == "'" + FORMULAS[0] for c in cells) or any(
        c.startswith("'=HYPERLINK") for c in cells
    )


@pytest.mark.parametrize("cmd", [["docs", "--csv"], ["claims", "--csv"]])
def test_listing_csv_cells_never_start_a_formula(runner: Any, db: Path, cmd: list[str]) -> None:
    res = runner.invoke(cli, ["--db", str(db), *cmd])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    bad = [c for row in rows[1:] for c in row if c[:1] in ("=", "+", "-", "@")]
    assert len(rows) > 1 and not bad, bad


def test_numbers_stay_numbers_in_csv(runner: Any, db: Path) -> None:
    from claimledger.store.export import spreadsheet_safe

    assert spreadsheet_safe("-2+3") == "'-2+3"
    assert spreadsheet_safe("Harbour") == "Harbour"
    res = runner.invoke(cli, ["--db", str(db), "export", "--format", "csv"])
    header, *rows = list(csv.reader(io.StringIO(res.stdout)))
    start = header.index("start")
    assert all(r[start].isdigit() for r in rows)
