"""Briefings: sections, citations on every line, self-contained HTML, hostile text escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import cli
from claimledger.demo import sample_dir
from claimledger.ledger import Ledger

HOSTILE = """Harbour Gazette <script>alert(1)</script> special

By Mira <img src=x onerror=alert(2)> Solberg

March 3, 2025

The mayor said that 4,000 people <script>alert(3)</script> had left the east quarter on Friday.

"Nobody was harmed <svg onload=alert(4)>," the police chief, Anna Berg, told the Harbour Gazette.

The union claimed that "><img src=x onerror=alert(5)> 31 people were treated in hospital.
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("report")
    (tmp / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    with Ledger(tmp / "r.db") as led:
        led.add([str(p) for p in sample_dir().iterdir()])
        led.add([str(tmp / "hostile.txt")], outlet="Evil <script>alert(9)</script> News")
    runner = CliRunner()
    out = {}
    for suffix in ("md", "html"):
        path = tmp / f"briefing.{suffix}"
        res = runner.invoke(cli, ["--db", str(tmp / "r.db"), "report", "-o", str(path)])
        assert res.exit_code == 0, res.output
        out[suffix] = path.read_text(encoding="utf-8")
    return out


def test_markdown_has_every_section(reports: dict[str, str]) -> None:
    md = reports["md"]
    for heading in ("## Overview", "## Disputed propositions", "## Updated propositions", "## Timeline",
                    "## Entities whose attributes differ between sources", "## Coverage", "## Methods",
                    "## Sources"):  # fmt: skip
        assert heading in md


def test_every_cited_claim_has_a_source_entry(reports: dict[str, str]) -> None:
    md = reports["md"]
    cited = set(re.findall(r"\]\(#(c[0-9a-f]{15})\)", md))
    anchors = set(re.findall(r'<a id="(c[0-9a-f]{15})"></a>', md))
    assert cited, "the briefing cites claims"
    assert cited <= anchors


def test_every_table_row_cites_its_sentence(reports: dict[str, str]) -> None:
    rows = [ln for ln in reports["md"].splitlines() if ln.startswith("| ") and "“" in ln]
    assert rows
    assert all(re.search(r"\]\(#c[0-9a-f]{15}\)", ln) for ln in rows)


def test_html_is_self_contained_with_two_pictures(reports: dict[str, str]) -> None:
    html = reports["html"]
    assert html.count("<svg") >= 2
    assert "<script" not in html.replace("&lt;script", "")
    assert not re.search(
        r'(src|href)="(https?:)?//', html.replace('href="https://', "").replace('href="http://', "")
    )
    assert "<link " not in html  # no external stylesheet


def test_hostile_text_is_escaped(reports: dict[str, str]) -> None:
    for text in reports.values():
        assert "<script>alert" not in text
        assert "<img src=x" not in text
        assert "<svg onload" not in text
    assert (
        "&lt;script&gt;alert(9)&lt;/script&gt;" in reports["html"]
    )  # the outlet, listed in the overview


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "x.db"), "report", "-o", str(tmp_path / "b.pdf")]
    )
    assert res.exit_code == 2 and ".md or .html" in res.output


def test_a_citation_without_outlet_names_the_page_title() -> None:
    from claimledger.report.data import Citation

    c = Citation(
        "c1", "d" * 16, None, None, "Chemist doubts the company's sensors", None, "s", "p", 0, 1
    )
    assert c.source == "“Chemist doubts the company's sensors”" and c.date == "undated"
    assert (
        Citation("c1", "abcdef0123", None, None, None, None, "s", "p", 0, 1).source
        == "document abcdef01"
    )
    assert (
        Citation("c1", "d", "Harbour Gazette", "2025-03-08", "T", None, "s", "p", 0, 1).source
        == "Harbour Gazette"
    )
