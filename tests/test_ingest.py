"""Every input format through `Ledger.add` and the CLI, and every way an input can be bad."""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from pathlib import Path

import pytest

from claimledger.cli import cli
from claimledger.ledger import Ledger
from claimledger.models import AddOptions, Document

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
NO_ANALYZE = AddOptions(analyze=False)

FERRY_FIRST = "Ferry crews on the Kestrel Bay crossing walked off the job at dawn on Monday"
FERRY_LAST = "conciliation service in Harlow."
WATER_FIRST = "Water levels at the Greyling Moor reservoir have fallen"
LIBRARY_FIRST = "The town library in Ashcombe will stay open on Sundays"
WIND_FIRST = "Engineers have finished installing the last of twenty-four turbines"
BRIDGE_FIRST = "Repairs to the old stone bridge at Pennock Mill"
ORCHESTRA_FIRST = "A community orchestra made up of pupils from eleven schools"

SKIP_LINE = re.compile(r"^claimledger: skipped (?P<origin>.+?): (?P<reason>.+)$")
SUMMARY_LINE = re.compile(
    r"^(\d+) added(?: \(\d+ marked near-duplicate\))?, (\d+) duplicates, (\d+) failed$"
)


def article(name: str) -> str:
    return (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")


def paragraphs_html(text: str) -> str:
    return "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def page(
    text: str, head: str = "", lang: str | None = "en", h1: str | None = None, tail: str = ""
) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    heading = f"<h1>{html.escape(h1)}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html>\n<html{lang_attr}><head><meta charset="utf-8">{head}</head>\n'
        '<body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>\n'
        f"<main><article>{heading}\n{paragraphs_html(text)}\n</article></main>\n"
        f"<footer><p>Contact the newsroom</p>{tail}</footer></body></html>\n"
    )


META_HEAD = """
<title>Ferry crews strike on Kestrel Bay crossing | Kestrel Bay Herald</title>
<meta property="og:title" content="Ferry crews strike on Kestrel Bay crossing">
<meta property="og:site_name" content="Kestrel Bay Herald">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-11-04T07:45:00+00:00">
<meta name="author" content="Oriel Thamesby">
<link rel="canonical" href="https://kestrelbay-herald.example/news/ferry-crews-strike">
"""


def only(ledger: Ledger) -> Document:
    docs = ledger.documents()
    assert len(docs) == 1, [d.origin for d in docs]
    return docs[0]


def by_origin(ledger: Ledger) -> dict[str, Document]:
    return {d.origin: d for d in ledger.documents()}


def cli_add(runner, db_path: Path, *args: str, input: str | bytes | None = None):
    return runner.invoke(
        cli, ["--db", str(db_path), "-q", "add", "--no-analyze", *args], input=input
    )


# -- one file per format -------------------------------------------------------


def test_txt(ledger: Ledger, write_file) -> None:
    path = write_file("ferry.txt", article("ferry_strike"))
    result = ledger.add(str(path), NO_ANALYZE)
    assert result.summary() == "1 added, 0 duplicates, 0 failed"
    doc = only(ledger)
    assert doc.id == result.added[0]
    assert doc.origin == str(path)
    assert doc.format == "text"
    assert doc.text.startswith(FERRY_FIRST)
    assert doc.text.endswith(FERRY_LAST)
    assert "\n\n" in doc.text, "paragraphs are kept"
    assert doc.language == "en"
    assert doc.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.published is None and doc.outlet is None


def test_md(ledger: Ledger, write_file) -> None:
    body = article("wind_farm").replace("Northcurrent Energy", "**Northcurrent Energy**")
    path = write_file("turbines.md", "# Last turbine installed at Selsey Flats\n\n" + body)
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert doc.format == "text"
    assert doc.title == "Last turbine installed at Selsey Flats"
    assert WIND_FIRST in doc.text
    assert "The developer, Northcurrent Energy, said" in doc.text
    assert "**" not in doc.text and "# " not in doc.text


def test_html_with_meta_tags(ledger: Ledger, write_file) -> None:
    src = page(article("ferry_strike"), META_HEAD, h1="Ferry crews strike on Kestrel Bay crossing")
    path = write_file("herald/ferry.html", src)
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert doc.format == "html"
    assert doc.origin == str(path)
    assert doc.title == "Ferry crews strike on Kestrel Bay crossing"
    assert doc.outlet == "Kestrel Bay Herald"
    assert doc.author == "Oriel Thamesby"
    assert doc.published is not None and doc.published.startswith("2024-11-04")
    assert doc.url == "https://kestrelbay-herald.example/news/ferry-crews-strike"
    assert doc.language == "en"
    assert FERRY_FIRST in doc.text and doc.text.rstrip().endswith(FERRY_LAST)
    assert "Contact the newsroom" not in doc.text, "page furniture is not article text"
    assert "<p>" not in doc.text


def test_html_lang_is_kept_when_text_is_too_short_to_detect(ledger: Ledger, write_file) -> None:
    src = page("Die Fähre fährt heute nicht.", "<title>Fähre</title>", lang="de")
    path = write_file("kurz.html", src)
    assert len(ledger.add(str(path), NO_ANALYZE).added) == 1
    assert only(ledger).language == "de"


def test_html_without_meta(ledger: Ledger, write_file) -> None:
    path = write_file("plain.html", page(article("library"), lang=None))
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert doc.format == "html"
    assert LIBRARY_FIRST in doc.text
    assert doc.outlet is None and doc.author is None and doc.published is None
    assert doc.url is None
    assert doc.language == "en"


JSON_RECORD = {
    "title": "Hosepipe ban for three districts",
    "text": article("reservoir"),
    "url": "https://orrin-valley-post.example/2024/08/15/hosepipe-ban",
    "published": "2024-08-15T16:00:00+01:00",
    "outlet": "Orrin Valley Post",
    "author": "Lena Marchbank",
}


def test_json_single_object(ledger: Ledger, write_file) -> None:
    path = write_file("record.json", json.dumps(JSON_RECORD))
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert doc.origin == str(path)
    assert doc.format == "json"
    assert doc.title == JSON_RECORD["title"]
    assert doc.url == JSON_RECORD["url"]
    assert doc.outlet == "Orrin Valley Post"
    assert doc.author == "Lena Marchbank"
    assert doc.published == "2024-08-15T16:00+01:00"
    assert WATER_FIRST in doc.text


def test_json_array(ledger: Ledger, write_file) -> None:
    records = [
        JSON_RECORD,
        {
            "headline": "Library keeps its Sunday hours",
            "html": f"<article>{paragraphs_html(article('library'))}</article>",
            "datePublished": "2024-09-20",
            "source": "Ashcombe Courier",
            "byline": ["Cara Ellingham", "Jon Pettifer"],
        },
    ]
    path = write_file("records.json", json.dumps(records))
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 2, result.failed
    docs = by_origin(ledger)
    assert set(docs) == {f"{path}#1", f"{path}#2"}
    assert WATER_FIRST in docs[f"{path}#1"].text
    lib = docs[f"{path}#2"]
    assert LIBRARY_FIRST in lib.text and "<p>" not in lib.text
    assert lib.title == "Library keeps its Sunday hours"
    assert lib.outlet == "Ashcombe Courier"
    assert lib.published == "2024-09-20"
    assert lib.author == "Cara Ellingham, Jon Pettifer"


def test_jsonl_with_a_malformed_line(ledger: Ledger, write_file) -> None:
    lines = [
        json.dumps({"title": "Bridge repairs delayed", "text": article("bridge_repair")}),
        '{"title": "Broken record", "text": "this line was cut off',
        "",
        json.dumps({"title": "Youth orchestra debut", "text": article("youth_orchestra")}),
    ]
    path = write_file("wire.jsonl", "\n".join(lines) + "\n")
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 2
    assert len(result.failed) == 1
    failure = result.failed[0]
    assert failure.origin == f"{path}#2"
    assert "line 2" in failure.reason and "malformed JSON" in failure.reason
    docs = by_origin(ledger)
    assert set(docs) == {f"{path}#1", f"{path}#3"}
    assert BRIDGE_FIRST in docs[f"{path}#1"].text
    assert ORCHESTRA_FIRST in docs[f"{path}#3"].text


# -- feeds given as files -----------------------------------------------------------


def rss(items: list[dict[str, str]], channel: str = "Tidewater Ledger") -> str:
    body = []
    for it in items:
        content = (
            f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>"
            if it.get("content")
            else ""
        )
        body.append(
            f"<item><title>{html.escape(it['title'])}</title><link>{it['link']}</link>"
            f"<guid>{it['link']}</guid><pubDate>{it.get('date', 'Mon, 04 Nov 2024 07:45:00 GMT')}</pubDate>"
            f"<dc:creator>{it.get('author', 'Staff')}</dc:creator>"
            f"<description>{html.escape(it.get('description', ''))}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f"<channel><title>{channel}</title><link>https://tidewater.example/</link>"
        "<description>News from the estuary towns</description>\n"
        + "\n".join(body)
        + "\n</channel></rss>\n"
    )


def atom(entries: list[dict[str, str]], title: str = "Orrin Valley Post") -> str:
    body = []
    for e in entries:
        body.append(
            f'<entry><title>{html.escape(e["title"])}</title><link href="{e["link"]}"/>'
            f"<id>{e['link']}</id><updated>{e['date']}</updated><published>{e['date']}</published>"
            f"<author><name>{e['author']}</name></author>"
            f'<content type="html">{html.escape(e["content"])}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:example:orrin</id><updated>2025-02-03T12:00:00Z</updated>\n"
        + "\n".join(body)
        + "\n</feed>\n"
    )


@pytest.mark.network
def test_rss_file_with_full_content_is_not_fetched(ledger: Ledger, write_file, http_server) -> None:
    # the links point at the local server: any fetch would show up in its hits
    feed = rss(
        [
            {
                "title": "Ferry crews walk out",
                "link": http_server.url("/ferry"),
                "author": "Oriel Thamesby",
                "description": "Commuters face a long way round.",
                "content": paragraphs_html(article("ferry_strike")),
            },
            {
                "title": "Hosepipe ban announced",
                "link": http_server.url("/water"),
                "date": "Thu, 15 Aug 2024 16:00:00 GMT",
                "author": "Lena Marchbank",
                "description": "The reservoir is at a record low.",
                "content": paragraphs_html(article("reservoir")),
            },
        ]
    )
    path = write_file("tidewater.rss", feed)
    result = ledger.add(str(path), NO_ANALYZE)
    assert result.summary() == "2 added, 0 duplicates, 0 failed", result.failed
    assert http_server.hits == []
    docs = {d.url: d for d in ledger.documents()}
    ferry = docs[http_server.url("/ferry")]
    water = docs[http_server.url("/water")]
    # an entry used as the feed carries it is FEED#n; only a fetched article is its URL
    assert ferry.origin == f"{path}#1" and water.origin == f"{path}#2"
    for doc in (ferry, water):
        assert doc.format == "feed"
        assert doc.outlet == "Tidewater Ledger"
    assert ferry.title == "Ferry crews walk out"
    assert ferry.author == "Oriel Thamesby"
    assert ferry.published == "2024-11-04T07:45"
    assert FERRY_FIRST in ferry.text and ferry.text.endswith(FERRY_LAST)
    assert water.published == "2024-08-15T16:00"
    assert WATER_FIRST in water.text


def test_atom_file(ledger: Ledger, write_file) -> None:
    feed = atom(
        [
            {
                "title": "Library keeps Sunday opening",
                "link": "https://orrin-valley-post.example/news/library-sundays",
                "date": "2025-02-03T11:00:00Z",
                "author": "Cara Ellingham",
                "content": paragraphs_html(article("library")),
            },
            {
                "title": "Last turbine in place at Selsey Flats",
                "link": "https://orrin-valley-post.example/news/selsey-flats",
                "date": "2025-02-01T09:30:00Z",
                "author": "Jon Pettifer",
                "content": paragraphs_html(article("wind_farm")),
            },
        ]
    )
    path = write_file("orrin.atom", feed)
    result = ledger.add(str(path), NO_ANALYZE, follow_feeds=False)
    assert len(result.added) == 2, result.failed
    docs = {d.url: d for d in ledger.documents()}
    lib = docs["https://orrin-valley-post.example/news/library-sundays"]
    wind = docs["https://orrin-valley-post.example/news/selsey-flats"]
    assert (lib.origin, wind.origin) == (f"{path}#1", f"{path}#2")
    assert lib.format == wind.format == "feed"
    assert lib.outlet == wind.outlet == "Orrin Valley Post"
    assert lib.title == "Library keeps Sunday opening"
    assert lib.author == "Cara Ellingham"
    assert lib.published == "2025-02-03T11:00"
    assert LIBRARY_FIRST in lib.text
    assert WIND_FIRST in wind.text and wind.published == "2025-02-01T09:30"


# -- folders, globs, stdin ----------------------------------------------------------


def test_folder_recursive_skips_hidden(ledger: Ledger, write_file, data_dir: Path) -> None:
    top = write_file("news/ferry.txt", article("ferry_strike"))
    deep = write_file("news/archive/2024/water.md", article("reservoir"))
    write_file("news/.draft.txt", article("library"))
    write_file("news/.git/notes.txt", article("wind_farm"))
    write_file("news/archive/.cache/copy.txt", article("bridge_repair"))
    result = ledger.add(str(data_dir / "news"), NO_ANALYZE)
    assert result.summary() == "2 added, 0 duplicates, 0 failed"
    assert set(by_origin(ledger)) == {str(top), str(deep)}


def test_folder_not_recursive(ledger: Ledger, write_file, data_dir: Path) -> None:
    top = write_file("news/ferry.txt", article("ferry_strike"))
    write_file("news/archive/water.txt", article("reservoir"))
    result = ledger.add(str(data_dir / "news"), NO_ANALYZE, recursive=False)
    assert len(result.added) == 1
    assert set(by_origin(ledger)) == {str(top)}


def test_glob_patterns(ledger: Ledger, write_file, data_dir: Path) -> None:
    one = write_file("g/one.txt", article("ferry_strike"))
    two = write_file("g/two.txt", article("reservoir"))
    write_file("g/three.md", article("library"))
    deep = write_file("g/sub/four.md", article("wind_farm"))
    result = ledger.add(str(data_dir / "g" / "*.txt"), NO_ANALYZE)
    assert len(result.added) == 2 and not result.failed
    assert set(by_origin(ledger)) == {str(one), str(two)}
    result = ledger.add(str(data_dir / "g" / "**" / "four.*"), NO_ANALYZE)
    assert len(result.added) == 1
    assert str(deep) in by_origin(ledger)


def test_stdin_via_cli(runner, db_path: Path) -> None:
    res = cli_add(runner, db_path, "-", input=article("bridge_repair"))
    assert res.exit_code == 0, res.output
    assert "1 added, 0 duplicates, 0 failed" in res.stderr
    with Ledger(db_path) as led:
        doc = only(led)
    assert doc.origin == "-"
    assert doc.text.startswith(BRIDGE_FIRST)


def test_cli_overrides(runner, db_path: Path, write_file) -> None:
    path = write_file("ferry.html", page(article("ferry_strike"), META_HEAD))
    res = cli_add(
        runner,
        db_path,
        "--outlet",
        "Estuary Weekly",
        "--published",
        "2024-11-05",
        "--title",
        "Crossing strike, day one",
        str(path),
    )
    assert res.exit_code == 0, res.output
    with Ledger(db_path) as led:
        doc = only(led)
    assert doc.outlet == "Estuary Weekly"
    assert doc.published == "2024-11-05"
    assert doc.title == "Crossing strike, day one"
    assert doc.author == "Oriel Thamesby", "fields not overridden keep their values"


def test_cli_bad_published_is_a_usage_error(runner, db_path: Path, write_file) -> None:
    path = write_file("ferry.txt", article("ferry_strike"))
    res = cli_add(runner, db_path, "--published", "last Tuesday-ish", str(path))
    assert res.exit_code == 2, res.output
    assert "--published" in res.stderr and "last Tuesday-ish" in res.stderr
    assert "Traceback" not in res.output
    with Ledger(db_path) as led:
        assert led.documents() == []


# -- bad inputs ------------------------------------------------------------------------

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xfc\xff\xff?\x03\x03\x03\x00\x00\x00\xff\xff\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def test_bad_inputs_each_give_one_line(runner, db_path: Path, write_file, data_dir: Path) -> None:
    good_txt = write_file("good/ferry.txt", article("ferry_strike"))
    good_html = write_file("good/library.html", page(article("library")))
    bad_jsonl = write_file(
        "bad/mixed.jsonl",
        json.dumps({"title": "Bridge repairs delayed", "text": article("bridge_repair")})
        + "\n{oops\n",
    )
    undecodable = bytes(random.Random(3).randrange(0x80, 0x100) for _ in range(400))
    bad = {
        write_file("bad/pixel.png", PNG): "binary",
        write_file("bad/empty.txt", b""): "empty",
        write_file("bad/blank.txt", "   \n\t\n  \n"): "empty",
        write_file("bad/nbsp.txt", "\u00a0\u3000\n\u2003\n"): "only whitespace",
        write_file("bad/garbled.txt", undecodable): "undecodable",
        write_file("bad/huge.txt", ("The tide came in. " * 400)): "too large",
        write_file("bad/broken.json", '{"title": "Half a record", "text": '): "malformed JSON",
        write_file("bad/broken.xml", '<rss version="2.0"><channel><title>Wire</channel></rss>'): (
            "malformed feed"
        ),
    }
    expected = {str(p): reason for p, reason in bad.items()}
    missing = str(data_dir / "bad" / "no-such-file.txt")
    pattern = str(data_dir / "bad" / "nothing-*.html")
    expected[missing] = "no such file"
    expected[pattern] = "pattern matches no files"
    expected[f"{bad_jsonl}#2"] = "malformed JSON on line 2"

    inputs = [str(good_txt), *map(str, bad), missing, pattern, str(bad_jsonl), str(good_html)]
    res = cli_add(runner, db_path, "--max-bytes", "4000", *inputs)
    assert res.exit_code == 1, res.output
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    skips = [SKIP_LINE.match(ln) for ln in lines[:-1]]
    assert all(skips), lines
    got = {m["origin"]: m["reason"] for m in skips if m}
    assert len(skips) == len(got) == len(expected), lines
    assert set(got) == set(expected)
    for origin, reason in got.items():
        assert expected[origin] in reason, (origin, reason)
    assert "see --max-bytes" in got[str(data_dir / "bad" / "huge.txt")]
    assert lines[-1] == f"3 added, 0 duplicates, {len(expected)} failed"
    assert "Traceback" not in res.output

    with Ledger(db_path) as led:
        origins = set(by_origin(led))
    assert origins == {str(good_txt), str(good_html), f"{bad_jsonl}#1"}


def test_undecodable_bytes_reason(ledger: Ledger, write_file) -> None:
    noise = bytes(random.Random(11).randrange(0x80, 0x100) for _ in range(2000))
    path = write_file("noise.txt", noise)
    result = ledger.add(str(path), NO_ANALYZE)
    assert result.added == []
    assert len(result.failed) == 1
    assert result.failed[0].origin == str(path)
    assert re.search(r"undecodable|binary", result.failed[0].reason)


def test_legacy_encoding_is_decoded(ledger: Ledger, write_file) -> None:
    text = (
        article("library")
        .replace("children's", "children\u2019s")
        .replace("sea adventure", "\u201csea adventure\u201d")
    )
    path = write_file("cp1252.txt", text.encode("cp1252"))
    result = ledger.add(str(path), NO_ANALYZE)
    assert len(result.added) == 1, result.failed
    doc = only(ledger)
    assert "children\u2019s story sessions" in doc.text
    assert "\u201csea adventure\u201d" in doc.text


def test_short_windows_1252_text_is_decoded(ledger: Ledger, write_file) -> None:
    text = (
        "Le café du port a rouvert ses portes après les travaux. Les habitués étaient ravis, "
        "a déclaré la gérante Hélène Marchetti."
    )
    path = write_file("cafe.txt", text.encode("cp1252"))
    assert len(ledger.add(str(path), NO_ANALYZE).added) == 1
    assert only(ledger).text == text


# -- dates trafilatura must not invent ---------------------------------------------------


def test_html_without_any_date_gets_none(ledger: Ledger, write_file) -> None:
    src = page(
        article("library"),
        '<title>Library keeps Sunday hours</title><meta property="og:site_name" content="Ashcombe Courier">'
        '<link rel="canonical" href="https://ashcombe-courier.example/2021/library-sundays">',
        tail="<p>\u00a9 2021 Ashcombe Courier. All rights reserved.</p>",
    )
    path = write_file("nodate.html", src)
    assert len(ledger.add(str(path), NO_ANALYZE).added) == 1
    doc = only(ledger)
    assert doc.published is None
    assert doc.outlet == "Ashcombe Courier"


def test_html_with_only_a_future_date_gets_none(ledger: Ledger, write_file) -> None:
    head = (
        "<title>Selsey Flats turbines complete</title>"
        '<meta property="article:published_time" content="2099-06-01T10:00:00Z">'
        '<meta name="date" content="2099-06-01">'
    )
    body = article("wind_farm") + "\n\nThis article was published on June 1, 2099."
    path = write_file("future.html", page(body, head))
    assert len(ledger.add(str(path), NO_ANALYZE).added) == 1
    assert only(ledger).published is None
