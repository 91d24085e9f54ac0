"""The entity layer end to end: linking, stand-for links, attributes, corrections, export.

Every article here is written for these tests; people, outlets and bodies are fictional
(capitals and countries are real, as general knowledge).  One ledger is built per module
and copied for the tests that change it, so spaCy loads once.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from claimledger.cli import cli
from claimledger.ledger import Ledger

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def article(title: str, byline: str, date: str, *paras: str) -> str:
    return f"{title}\n\nBy {byline}\n\n{date}\n\n" + "\n\n".join(paras) + "\n"


# fmt: off
ARTICLES: dict[str, str] = {
    # one person under transliteration variants, and his bare surname
    "glacier.txt": article(
        "Glacier melt threatens valley towns", "Tove Lindqvist", "March 3, 2025",
        "Pavel Ostrovsky, a glaciologist at the Fjordvik Institute, said the ice sheet above "
        "Brennick had lost a fifth of its mass since 2010.",
        "\u201cThe valley has perhaps ten years before the summer floods become routine,\u201d "
        "Ostrovsky said.",
    ),
    "thaw.txt": article(
        "Scientists warn of faster thaw", "Henrik Dale", "March 5, 2025",
        "Pavel Ostrovskyy told reporters on Tuesday that the ice above Brennick was thinning "
        "faster than the models predicted.",
        "\u201cWe measured a loss of two metres in one season,\u201d Pavel Ostrovskyy said.",
    ),
    "moraine.txt": article(
        "Moraine survey resumes", "Henrik Dale", "March 9, 2025",
        "\u201cThe moraine is moving a metre a year,\u201d Ostrovsky said on Friday.",
    ),
    # two people sharing a surname; a bare surname that could be either
    "port.txt": article(
        "Port dispute deepens", "Ingrid Moe", "April 2, 2025",
        "Anna Berg, a lawyer for the dockworkers, said the port owners had broken the contract.",
        "Carl Berg, the finance director of the port, said every wage had been paid on time.",
        "\u201cWe will not reopen the talks,\u201d Berg said on Friday.",
    ),
    "port_talks.txt": article(
        "Talks stall at the port", "Ingrid Moe", "April 4, 2025",
        "\u201cNobody is talking to us,\u201d Berg said on Monday.",
    ),
    "clinic.txt": article(
        "Clinic wards full", "Tove Lindqvist", "April 8, 2025",
        "Kim Soo-min, a nurse at Brennick General Hospital, said the ward was full.",
        "South Korean Defence Minister Cho Hyun-woo said army medics would help.",
    ),
    "school.txt": article(
        "School closes early", "Henrik Dale", "April 9, 2025",
        "Kim Soo-jin, a teacher in Brennick, said the school had closed for the week.",
    ),
    # an acronym defined in the text, used later and in another document
    "harbour.txt": article(
        "Water levels fall in the harbour", "Ingrid Moe", "May 6, 2025",
        "The Harbour Water Authority (HWA) said on Monday that reservoir levels had fallen to "
        "forty percent.",
        "HWA said it would ban hosepipes from June.",
    ),
    "hosepipe.txt": article(
        "Hosepipe ban confirmed", "Henrik Dale", "May 9, 2025",
        "HWA said on Thursday that the ban would start at midnight.",
    ),
    # capitals and government bodies standing for a country
    "drills.txt": article(
        "Naval drills planned", "Henrik Dale", "May 8, 2025",
        "Oslo said the drills would not affect fishing.",
        "Kyiv insisted that more air defence was needed.",
        "The Norwegian government said the exercise was routine.",
    ),
    # attributes from appositions and titles, disagreeing across sources
    "flood.txt": article(
        "Flood study questioned", "Tove Lindqvist", "June 1, 2025",
        "Mira Solberg, a hydrologist at Kettle University, said the river would crest on "
        "Thursday.",
        "Defence Minister Jan Holm said the army would help with sandbags.",
    ),
    "defences.txt": article(
        "Flood defences hold", "Henrik Dale", "June 4, 2025",
        "Mira Solberg, a hydrologist at Kettle Polytechnic, said the barriers had worked.",
        "Norwegian engineer Jan Holm said the pumps ran all night.",
    ),
}
# fmt: on


@dataclass
class Corpus:
    db: Path
    data: Path
    docs: dict[str, str]  # file name -> document id
    export: dict[str, Any]
    tmp: Path
    copies: list[Path] = field(default_factory=list)

    def copy(self, name: str) -> Path:
        """A private copy of the module's ledger for a test that changes it."""
        out = self.tmp / f"{name}-{len(self.copies)}.db"
        shutil.copy(self.db, out)
        self.copies.append(out)
        return out

    def entity_of(self, alias: str, type_: str | None = None) -> dict[str, Any]:
        hits = [
            e
            for e in self.export["entities"]
            if alias in e["aliases"] and (type_ is None or e["type"] == type_)
        ]
        assert len(hits) == 1, f"{alias!r} is an alias of {len(hits)} entities: {hits}"
        return hits[0]

    def claims_of_doc(self, name: str) -> list[dict[str, Any]]:
        return [c for c in self.export["claims"] if c["doc"] == self.docs[name]]

    def claim(self, name: str, starts: str) -> dict[str, Any]:
        hits = [c for c in self.claims_of_doc(name) if c["text"].startswith(starts)]
        assert len(hits) == 1, [c["text"] for c in self.claims_of_doc(name)]
        return hits[0]


def _write(folder: Path, articles: dict[str, str]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def _doc_ids(led: Ledger) -> dict[str, str]:
    return {Path(d.origin).name: d.id for d in led.documents()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    tmp = tmp_path_factory.mktemp("entities")
    data = tmp / "articles"
    paths = _write(data, ARTICLES)
    db = tmp / "ledger.db"
    with Ledger(db) as led:
        res = led.add(paths)
        assert res.ok and len(res.added) == len(ARTICLES), res.summary()
        docs, export = _doc_ids(led), led.export()
    # closed, so the file holds everything (no write-ahead log left) and copies are whole
    return Corpus(db, data, docs, export, tmp)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Ledger]]:
    """A new ledger with articles added one at a time, in the order given."""
    opened: list[Ledger] = []
    root = tmp_path_factory.mktemp("fresh")

    def _make(*texts: str) -> Ledger:
        n = len(opened)
        led = Ledger(root / f"l{n}.db")
        opened.append(led)
        for i, text in enumerate(texts):
            path = _write(root / f"a{n}", {f"{i:02d}.txt": text})[0]
            res = led.add([path])
            assert res.ok and res.added, res.summary()
        return led

    yield _make
    for led in opened:
        led.close()


def roots(led: Ledger, *names: str) -> list[str]:
    return [led.entity(n)["id"] for n in names]


# -- one person under several spellings ------------------------------------------------------


def test_transliteration_variants_are_one_person(corpus: Corpus) -> None:
    e = corpus.entity_of("Pavel Ostrovskyy", "PERSON")
    assert {"Pavel Ostrovsky", "Pavel Ostrovskyy", "Ostrovsky"} <= set(e["aliases"])
    # exactly one person carries any spelling of the name
    ostro = [
        x
        for x in corpus.export["entities"]
        if x["type"] == "PERSON" and any("Ostrovsk" in a for a in x["aliases"])
    ]
    assert [x["id"] for x in ostro] == [e["id"]]
    # every claim he makes in both documents ("Ostrovsky said" included) points at him
    said = [
        c
        for n in ("glacier.txt", "thaw.txt")
        for c in corpus.claims_of_doc(n)
        if c["speaker_text"] and "Ostrovsk" in c["speaker_text"]
    ]
    assert sorted(c["speaker_text"] for c in said) == [
        "Ostrovsky",
        "Pavel Ostrovsky",
        "Pavel Ostrovskyy",
        "Pavel Ostrovskyy",
    ]
    assert {c["speaker"] for c in said} == {e["id"]}
    with Ledger(corpus.db) as led:
        shown = led.entity("Pavel Ostrovsky")
    assert shown["id"] == e["id"]
    assert {c["id"] for c in said} <= {c["id"] for c in shown["claims"]}


@pytest.mark.xfail(
    strict=True,
    reason="a bare surname alone in a document is tagged ORG by spaCy ('Ostrovsky said'), and "
    "linking joins bare surnames only to PERSON rows, so it never reaches Pavel Ostrovsky",
)
def test_surname_only_document_joins_the_full_name(corpus: Corpus) -> None:
    c = corpus.claim("moraine.txt", "\u201cThe moraine")
    assert c["speaker_text"] == "Ostrovsky"
    assert c["speaker"] == corpus.entity_of("Pavel Ostrovsky", "PERSON")["id"]


# -- two people sharing a surname ---------------------------------------------------------------


def test_shared_surname_stays_two_people(corpus: Corpus) -> None:
    anna = corpus.entity_of("Anna Berg", "PERSON")
    carl = corpus.entity_of("Carl Berg", "PERSON")
    assert anna["id"] != carl["id"]
    assert "Carl Berg" not in anna["aliases"] and "Anna Berg" not in carl["aliases"]
    # the bare "Berg" (in both port documents) could be either: it joins neither
    assert "Berg" not in anna["aliases"] and "Berg" not in carl["aliases"]
    berg = [c for n in ("port.txt", "port_talks.txt") for c in corpus.claims_of_doc(n)]
    bare = [c for c in berg if c["speaker_text"] == "Berg"]
    assert len(bare) == 2
    assert not {c["speaker"] for c in bare} & {anna["id"], carl["id"]}
    assert corpus.claim("port.txt", "Anna Berg")["speaker"] == anna["id"]
    assert corpus.claim("port.txt", "Carl Berg")["speaker"] == carl["id"]


def test_two_kims_with_different_given_names_are_two_people(corpus: Corpus) -> None:
    a = corpus.entity_of("Kim Soo-min", "PERSON")
    b = corpus.entity_of("Kim Soo-jin", "PERSON")
    assert a["id"] != b["id"]
    assert corpus.claim("clinic.txt", "Kim Soo-min")["speaker"] == a["id"]
    assert corpus.claim("school.txt", "Kim Soo-jin")["speaker"] == b["id"]


@pytest.mark.xfail(
    strict=True,
    reason="a bare surname seen before any full name joins the first full name that fits, "
    "and stays there when a second person with that surname arrives later",
)
def test_bare_surname_is_unmerged_when_a_second_full_name_arrives(fresh) -> None:
    led = fresh(
        ARTICLES["port_talks.txt"],  # "Berg said" first, nobody to stand for yet
        article(
            "Dockworkers sue",
            "Ingrid Moe",
            "April 5, 2025",
            "Anna Berg, a lawyer for the dockworkers, said the owners had broken the contract.",
        ),
        article(
            "Owners reply",
            "Henrik Dale",
            "April 6, 2025",
            "Carl Berg, the finance director of the port, said every wage was paid on time.",
        ),
    )
    anna, carl, berg = roots(led, "Anna Berg", "Carl Berg", "Berg")
    assert anna != carl
    assert berg not in {anna, carl}


# -- acronyms -----------------------------------------------------------------------------------


def test_acronym_defined_in_text_is_one_body(corpus: Corpus) -> None:
    e = corpus.entity_of("Harbour Water Authority", "ORG")
    assert "HWA" in e["aliases"]
    assert e["name"] == "Harbour Water Authority"  # the long form names the body
    # in the defining document and in another one that only says "HWA"
    for name, starts in [
        ("harbour.txt", "The Harbour Water Authority (HWA)"),
        ("harbour.txt", "HWA said it would"),
        ("hosepipe.txt", "HWA said on Thursday"),
    ]:
        assert corpus.claim(name, starts)["speaker"] == e["id"], (name, starts)
    assert not [x for x in corpus.export["entities"] if x["name"] == "HWA"]


DEFINES_HWA = article(
    "Water levels fall",
    "Ingrid Moe",
    "May 6, 2025",
    "The Harbour Water Authority (HWA) said on Monday that reservoir levels had fallen.",
)
USES_HWA = article(
    "Ban confirmed",
    "Henrik Dale",
    "May 9, 2025",
    "HWA said on Thursday that the ban would start at midnight.",
)


@pytest.mark.parametrize("order", ["definition first", "acronym first"])
def test_acronym_defined_in_another_document_either_order(fresh, order: str) -> None:
    texts = [DEFINES_HWA, USES_HWA]
    led = fresh(*(texts if order == "definition first" else texts[::-1]))
    long_, short = roots(led, "Harbour Water Authority", "HWA")
    assert long_ == short
    e = led.entity("HWA")
    assert e["name"] == "Harbour Water Authority"
    assert {"HWA", "Harbour Water Authority"} <= set(e["aliases"])
    assert len(e["claims"]) == 2


NATO_LONG = article(
    "Alliance plans drills",
    "Henrik Dale",
    "May 8, 2025",
    "The North Atlantic Treaty Organization said on Monday that the drills were defensive.",
)
NATO_SHORT = article(
    "Drills begin",
    "Ingrid Moe",
    "May 12, 2025",
    "NATO said on Thursday that naval drills would begin in July.",
)


@pytest.mark.parametrize(
    "order",
    [
        "long form first",
        pytest.param(
            "acronym first",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a long form arriving after its general-list acronym is never linked: "
                "_link_body looks up only text-defined acronyms for a long form",
            ),
        ),
    ],
)
def test_general_acronym_and_its_long_form_are_one_body(fresh, order: str) -> None:
    texts = [NATO_LONG, NATO_SHORT]
    led = fresh(*(texts if order == "long form first" else texts[::-1]))
    long_, short = roots(led, "North Atlantic Treaty Organization", "NATO")
    assert long_ == short
    e = led.entity("NATO")
    assert {"NATO", "North Atlantic Treaty Organization"} <= set(e["aliases"])
    assert len(e["claims"]) == 2


@pytest.mark.xfail(
    strict=True,
    reason="one acronym defined for two different bodies in two documents is one entity row "
    "('hwa'), so both long forms join it and the two bodies merge",
)
def test_one_acronym_for_two_bodies_in_two_documents_stays_two(fresh) -> None:
    led = fresh(
        article(
            "Water levels fall",
            "Ingrid Moe",
            "May 6, 2025",
            "The Harbour Water Authority (HWA) said on Monday that reservoir levels had fallen.",
            "HWA said it would ban hosepipes.",
        ),
        article(
            "Fleece prices double",
            "Henrik Dale",
            "May 7, 2025",
            "The Highland Wool Association (HWA) said on Tuesday that fleece prices had doubled.",
            "HWA said farmers would benefit.",
        ),
    )
    water, wool = roots(led, "Harbour Water Authority", "Highland Wool Association")
    assert water != wool


def test_acronym_of_a_name_with_an_apostrophe(fresh) -> None:
    led = fresh(
        article(
            "Rents frozen",
            "Henrik Dale",
            "May 7, 2025",
            "The Kettle People's Council (KPC) said on Tuesday that rents would be frozen.",
            "KPC said the freeze would last a year.",
        )
    )
    long_, short = roots(led, "Kettle People's Council", "KPC")
    assert long_ == short


# -- stand-for: a capital speaks for a government -------------------------------------------------


@pytest.mark.parametrize(
    ("speaker", "starts", "country"),
    [
        ("Oslo", "Oslo said", "Norway"),
        ("Kyiv", "Kyiv insisted", "Ukraine"),
        ("Norwegian government", "The Norwegian government said", "Norway"),
    ],
)
def test_stand_for_links_without_merging(
    corpus: Corpus, speaker: str, starts: str, country: str
) -> None:
    claim = corpus.claim("drills.txt", starts)
    rep = next(e for e in corpus.export["entities"] if e["id"] == claim["speaker"])
    assert rep["name"] == speaker
    with Ledger(corpus.db) as led:
        target = led.entity(country)
        own = led.entity(rep["id"])
    assert target["name"] == country and target["type"] == "GPE"
    assert rep["id"] != target["id"]  # linked, not merged
    assert [s["id"] for s in rep["stands_for"]] == [target["id"]]
    assert speaker not in target["aliases"]
    assert rep["id"] in {r["id"] for r in target["represented_by"]}
    through = [c for c in target["claims"] if c["id"] == claim["id"]]
    assert len(through) == 1 and through[0]["through"] == rep["id"]
    # on its own page the claim is the capital's, not "through" anyone
    assert [c["through"] for c in own["claims"] if c["id"] == claim["id"]] == [None]
    assert own["represented_by"] == []


def test_stand_for_targets_are_exported(corpus: Corpus) -> None:
    ids = {e["id"] for e in corpus.export["entities"]}
    targets = {s["id"] for e in corpus.export["entities"] for s in e["stands_for"]}
    assert targets and targets <= ids


def test_a_capital_is_one_entity(corpus: Corpus) -> None:
    assert len([e for e in corpus.export["entities"] if e["name"] == "Oslo"]) == 1
    with Ledger(corpus.db) as led:
        assert led.entity("Oslo")["name"] == "Oslo"
        assert [r["name"] for r in led.entity("Norway")["represented_by"]].count("Oslo") == 1


# -- attributes and conflicts ----------------------------------------------------------------


def _attrs(e: dict[str, Any], key: str) -> set[tuple[str, str]]:
    return {(a["value"], a["doc"]) for a in e["attributes"] if a["key"] == key}


def test_affiliations_disagree_across_sources(corpus: Corpus) -> None:
    e = corpus.entity_of("Mira Solberg", "PERSON")
    flood, defences = corpus.docs["flood.txt"], corpus.docs["defences.txt"]
    assert _attrs(e, "affiliation") == {
        ("Kettle University", flood),
        ("Kettle Polytechnic", defences),
    }
    assert _attrs(e, "role") == {("hydrologist", flood), ("hydrologist", defences)}
    conflicts = {c["key"]: c for c in e["conflicts"]}
    assert set(conflicts) == {"affiliation"}  # the role agrees
    values = {v["value"]: v["docs"] for v in conflicts["affiliation"]["values"]}
    assert values == {"Kettle University": [flood], "Kettle Polytechnic": [defences]}


def test_title_gives_role_and_demonym_gives_nationality(corpus: Corpus) -> None:
    e = corpus.entity_of("Jan Holm", "PERSON")
    flood, defences = corpus.docs["flood.txt"], corpus.docs["defences.txt"]
    assert ("Defence Minister", flood) in _attrs(e, "role")
    assert ("engineer", defences) in _attrs(e, "role")
    assert _attrs(e, "nationality") == {("Norwegian", defences)}
    assert not _attrs(e, "affiliation")
    # one person, with both claims
    assert corpus.claim("flood.txt", "Defence Minister")["speaker"] == e["id"]
    assert corpus.claim("defences.txt", "Norwegian engineer")["speaker"] == e["id"]


def _offsets_ok(corpus: Corpus, e: dict[str, Any]) -> None:
    texts = {d["id"]: d["text"] for d in corpus.export["documents"]}
    assert e["attributes"]
    for a in e["attributes"]:
        assert texts[a["doc"]][a["start"] : a["end"]] == a["value"], a


@pytest.mark.parametrize("name", ["Mira Solberg", "Jan Holm", "Kim Soo-min"])
def test_attribute_offsets_point_at_the_value(corpus: Corpus, name: str) -> None:
    _offsets_ok(corpus, corpus.entity_of(name, "PERSON"))


@pytest.mark.xfail(
    strict=True,
    reason="_affiliation strips a leading 'the ' from the value but keeps the entity's "
    "offsets, so the span reads 'the Fjordvik Institute'",
)
def test_attribute_offsets_after_a_leading_article(corpus: Corpus) -> None:
    e = corpus.entity_of("Pavel Ostrovskyy", "PERSON")
    assert ("Fjordvik Institute", corpus.docs["glacier.txt"]) in _attrs(e, "affiliation")
    _offsets_ok(corpus, e)


def test_two_word_demonym_is_the_nationality(corpus: Corpus) -> None:
    e = corpus.entity_of("Cho Hyun-woo", "PERSON")
    assert _attrs(e, "nationality") == {("South Korean", corpus.docs["clinic.txt"])}


# -- user corrections through the CLI --------------------------------------------------------------


def run(runner: CliRunner, db: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--db", str(db), "-q", *args])


def ok(runner: CliRunner, db: Path, *args: str) -> Result:
    res = run(runner, db, *args)
    assert res.exit_code == 0, (args, res.output, res.exception)
    return res


def listing(runner: CliRunner, db: Path) -> list[dict[str, Any]]:
    return json.loads(ok(runner, db, "entities", "list", "--json", "--limit", "1000").stdout)


def shown(runner: CliRunner, db: Path, ref: str) -> dict[str, Any]:
    return json.loads(ok(runner, db, "entities", "show", ref, "--json").stdout)


def test_cli_merge_survives_reanalysis(corpus: Corpus, runner: CliRunner) -> None:
    db = corpus.copy("merge")
    anna, carl = shown(runner, db, "Anna Berg"), shown(runner, db, "Carl Berg")
    assert anna["id"] != carl["id"]
    ok(runner, db, "entities", "merge", anna["id"], carl["id"])
    for step in ("merged", "re-analysed"):
        merged = shown(runner, db, "Carl Berg")
        assert merged["id"] == shown(runner, db, "Anna Berg")["id"] == anna["id"], step
        assert {"Anna Berg", "Carl Berg"} <= set(merged["aliases"]), step
        assert len(merged["claims"]) == len(anna["claims"]) + len(carl["claims"]), step
        names = [e["name"] for e in listing(runner, db)]
        assert "Anna Berg" in names and "Carl Berg" not in names, step
        if step == "merged":
            ok(runner, db, "analyze", "--all")


def test_cli_split_survives_reanalysis_and_new_documents(corpus: Corpus, runner: CliRunner) -> None:
    db = corpus.copy("split")
    whole = shown(runner, db, "Pavel Ostrovsky")
    assert shown(runner, db, "Pavel Ostrovskyy")["id"] == whole["id"]
    # split off the spelling that is not the cluster's root (see the xfail below for the root)
    other = next(n for n in ("Pavel Ostrovsky", "Pavel Ostrovskyy") if n != whole["name"])
    ok(runner, db, "entities", "split", whole["id"], "--alias", other)

    def check(step: str) -> None:
        a, b = shown(runner, db, "Pavel Ostrovsky"), shown(runner, db, "Pavel Ostrovskyy")
        assert a["id"] != b["id"], step
        assert "Pavel Ostrovskyy" not in a["aliases"], step
        assert "Pavel Ostrovsky" not in b["aliases"], step
        # (the surname-only moraine.txt may sit on either side; glacier and thaw may not mix)
        glacier, thaw = corpus.docs["glacier.txt"], corpus.docs["thaw.txt"]
        a_docs, b_docs = {c["doc"] for c in a["claims"]}, {c["doc"] for c in b["claims"]}
        assert glacier in a_docs and thaw not in a_docs, step
        assert thaw in b_docs and glacier not in b_docs, step
        people = {e["name"] for e in listing(runner, db) if e["type"] == "PERSON"}
        assert {"Pavel Ostrovsky", "Pavel Ostrovskyy"} <= people, step

    check("split")
    ok(runner, db, "analyze", "--all")
    check("re-analysed")
    # a third spelling arriving later may join one of them, but cannot rejoin the two
    path = _write(
        corpus.tmp / "split-new",
        {
            "third.txt": article(
                "Ice cores shipped",
                "Ingrid Moe",
                "March 20, 2025",
                "Pavel Ostrowski said the ice cores had reached the laboratory.",
            )
        },
    )[0]
    ok(runner, db, "add", path)
    check("new spelling added")


def test_cli_split_off_the_root_name(corpus: Corpus, runner: CliRunner) -> None:
    db = corpus.copy("split-root")
    ok(runner, db, "entities", "merge", "Anna Berg", "Carl Berg")
    root = shown(runner, db, "Carl Berg")["id"]
    assert shown(runner, db, "Anna Berg")["id"] == root
    ok(runner, db, "entities", "split", root, "--alias", "Anna Berg")
    assert shown(runner, db, "Anna Berg")["id"] != shown(runner, db, "Carl Berg")["id"]
    ok(runner, db, "analyze", "--all")
    assert shown(runner, db, "Anna Berg")["id"] != shown(runner, db, "Carl Berg")["id"]


def test_split_reports_each_detached_id_once(corpus: Corpus) -> None:
    with Ledger(corpus.copy("split-ids")) as led:
        led.merge_entities("Anna Berg", "Carl Berg")
        ids = led.split_entity("Anna Berg", ["Carl Berg"])
        assert len(ids) == len(set(ids)) == 1


def test_cli_rename_survives_reanalysis(corpus: Corpus, runner: CliRunner) -> None:
    db = corpus.copy("rename")
    eid = shown(runner, db, "Mira Solberg")["id"]
    ok(runner, db, "entities", "rename", eid, "Mira Solberg-Aas")
    for step in ("renamed", "re-analysed"):
        out = ok(runner, db, "entities", "show", "Mira Solberg").stdout
        assert out.splitlines()[0] == f"Mira Solberg-Aas  [PERSON]  {eid}", step
        d = shown(runner, db, eid)
        assert d["name"] == "Mira Solberg-Aas", step
        assert {"Mira Solberg-Aas", "Mira Solberg"} <= set(d["aliases"]), step
        assert len(d["claims"]) == 2, step
        names = [e["name"] for e in listing(runner, db)]
        assert "Mira Solberg-Aas" in names and "Mira Solberg" not in names, step
        if step == "renamed":
            ok(runner, db, "analyze", "--all")
    export = json.loads(ok(runner, db, "export", "--format", "json").stdout)
    e = next(x for x in export["entities"] if x["id"] == eid)
    assert e["name"] == "Mira Solberg-Aas" and "Mira Solberg-Aas" in e["aliases"]


def test_cli_show_finds_the_new_name(corpus: Corpus, runner: CliRunner) -> None:
    db = corpus.copy("rename-find")
    eid = shown(runner, db, "Mira Solberg")["id"]
    ok(runner, db, "entities", "rename", eid, "Mira Solberg-Aas")
    assert shown(runner, db, "Mira Solberg-Aas")["id"] == eid


@pytest.mark.parametrize(
    "args",
    [
        ("entities", "show", "Nobody Atall"),
        ("entities", "show", "e0000000000000ff"),
        ("entities", "merge", "Nobody Atall", "Anna Berg"),
        ("entities", "merge", "Anna Berg", "e0000000000000ff"),
        ("entities", "split", "e0000000000000ff", "--alias", "Anna Berg"),
        ("entities", "split", "Anna Berg", "--alias", "Nobody Atall"),
        ("entities", "rename", "Nobody Atall", "Someone"),
    ],
)
def test_cli_unknown_entities_are_errors_not_tracebacks(
    corpus: Corpus, runner: CliRunner, args: tuple[str, ...]
) -> None:
    db = corpus.copy("unknown")
    before = listing(runner, db)
    res = run(runner, db, *args)
    assert res.exit_code == 1, res.output
    assert isinstance(res.exception, SystemExit)  # a message, not a traceback
    assert "Error:" in res.output and "Traceback" not in res.output
    assert "Nobody Atall" in res.output or "e0000000000000ff" in res.output
    assert listing(runner, db) == before  # nothing changed


def test_cli_ambiguous_name_asks_for_an_id(fresh, runner: CliRunner) -> None:
    led = fresh(
        article(
            "Dockworkers sue",
            "Ingrid Moe",
            "April 5, 2025",
            "Anna Berg, a lawyer for the dockworkers, said the owners had broken the contract.",
            "\u201cThey will pay,\u201d Berg said.",
        ),
        article(
            "Owners reply",
            "Henrik Dale",
            "April 6, 2025",
            "Carl Berg, the finance director of the port, said every wage was paid on time.",
            "\u201cWe owe nothing,\u201d Berg said.",
        ),
    )
    led.close()
    db = Path(led.path)
    # each document's "Berg" is its own Berg: the surname is an alias of both people
    anna, carl = shown(runner, db, "Anna Berg"), shown(runner, db, "Carl Berg")
    assert anna["id"] != carl["id"]
    assert "Berg" in anna["aliases"] and "Berg" in carl["aliases"]
    res = run(runner, db, "entities", "show", "Berg")
    assert res.exit_code == 1 and "matches 2 entities; use an id" in res.output
    assert isinstance(res.exception, SystemExit)


def test_cli_list_table_and_json(corpus: Corpus, runner: CliRunner) -> None:
    out = ok(runner, corpus.db, "entities").stdout  # the default command is list
    header = out.splitlines()[0].split()
    assert header == ["id", "type", "name", "aliases", "claims"]
    pavel = corpus.entity_of("Pavel Ostrovsky")
    row = next(line for line in out.splitlines() if line.startswith(pavel["id"]))
    assert row.split()[-1] == str(pavel["claims"])
    rows = listing(runner, corpus.db)
    by_id = {r["id"]: r for r in rows}
    assert by_id[pavel["id"]]["claims"] == pavel["claims"]
    assert by_id[pavel["id"]]["aliases"] == len(pavel["aliases"])
    # most quoted first
    counts = [r["claims"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    people = json.loads(ok(runner, corpus.db, "entities", "--type", "PERSON", "--json").stdout)
    assert people and {r["type"] for r in people} == {"PERSON"}


def test_cli_show_by_name(corpus: Corpus, runner: CliRunner) -> None:
    out = ok(runner, corpus.db, "entities", "show", "Mira Solberg").stdout
    assert out.startswith("Mira Solberg  [PERSON]")
    assert "affiliation: Kettle University" in out
    assert "sources disagree on affiliation" in out
    d = shown(runner, corpus.db, "Mira Solberg")
    assert d["id"] == corpus.entity_of("Mira Solberg")["id"]
    assert len(d["claims"]) == 2
    # an alias and an id prefix find the same entity
    pavel = corpus.entity_of("Pavel Ostrovskyy", "PERSON")["id"]
    assert shown(runner, corpus.db, "Pavel Ostrovskyy")["id"] == pavel
    eid = d["id"]
    assert shown(runner, corpus.db, eid[:8])["id"] == eid


# -- export --------------------------------------------------------------------------------------


def test_export_entities_follow_the_contract(
    corpus: Corpus, runner: CliRunner, schema: dict
) -> None:
    import jsonschema

    data = json.loads(ok(runner, corpus.db, "export", "--format", "json").stdout)
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(data))
    assert errors == [], [e.message for e in errors[:5]]
    ents = {e["id"]: e for e in data["entities"]}
    assert len(ents) == len(data["entities"])  # ids are unique
    docs = {d["id"] for d in data["documents"]}
    speakers = [c["speaker"] for c in data["claims"]]
    assert any(speakers)
    assert all(s is None or s in ents for s in speakers)
    for e in data["entities"]:
        assert e["name"] in e["aliases"], e
        for a in e["attributes"]:
            assert {"key", "value", "doc"} <= set(a) and a["doc"] in docs, a
    # the validator itself can say no
    bad = dict(data, entities=[{k: v for k, v in data["entities"][0].items() if k != "aliases"}])
    assert list(validator.iter_errors(bad))


# -- the seed corpus --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/corpus/seeds is not present (only in development checkouts)")
    with Ledger(tmp_path_factory.mktemp("seeds") / "seeds.db") as led:
        res = led.add(sorted(str(p) for p in SEEDS.glob("*.txt")))
        assert res.ok, res.summary()
        return led.export()


def test_seeds_one_expert_under_two_spellings(seeds_dir: Path, seeds_export: dict) -> None:
    people = [e for e in seeds_export["entities"] if e["type"] == "PERSON"]
    both = [e for e in people if {"Andrei Lankov", "Andrey Lankov"} <= set(e["aliases"])]
    assert len(both) == 1
    # no other person carries the surname
    assert [e["id"] for e in people if any("Lankov" in a for a in e["aliases"])] == [both[0]["id"]]
    conflicts = {c["key"]: c["values"] for c in both[0]["conflicts"]}
    universities = {v["value"] for v in conflicts["affiliation"]}
    assert {"Kookmin University", "Kunming University"} <= universities
    docs = {d for v in conflicts["affiliation"] for d in v["docs"]}
    assert len(docs) >= 2


def test_seeds_two_kims_are_two_people(seeds_dir: Path, seeds_export: dict) -> None:
    people = [e for e in seeds_export["entities"] if e["type"] == "PERSON"]

    def owner(alias: str) -> str:
        hits = [e["id"] for e in people if alias in e["aliases"]]
        assert len(hits) == 1, (alias, hits)
        return hits[0]

    assert owner("Kim Jong Un") != owner("Kim Jong-hyun")


def test_one_name_tagged_person_and_body_is_one_entity(tmp_path: Path) -> None:
    from claimledger.link import store as lstore
    from claimledger.link.resolve import link
    from claimledger.store.db import connect, transaction

    conn = connect(tmp_path / "t.db")
    with transaction(conn):
        org, _ = lstore.ensure(conn, "Kessel Agrotech", "ORG")
        person, _ = lstore.ensure(conn, "Kessel Agrotech", "PERSON")
        link(conn, [org, person])
    assert lstore.root_of(conn, org) == lstore.root_of(conn, person)
    single, _ = lstore.ensure(conn, "Kessel", "PERSON")
    body, _ = lstore.ensure(conn, "Kessel", "ORG")
    with transaction(conn):
        link(conn, [single, body])
    assert lstore.root_of(conn, single) != lstore.root_of(conn, body)  # one word: too ambiguous


def test_a_name_ending_in_a_body_word_stays_a_body_when_merged(tmp_path: Path) -> None:
    from claimledger.link import store as lstore
    from claimledger.link.resolve import link
    from claimledger.store.db import connect, transaction

    conn = connect(tmp_path / "t.db")
    with transaction(conn):
        person, _ = lstore.ensure(conn, "Quarry Water", "PERSON")
        conn.execute(
            "INSERT INTO documents(id, origin, text, added_at) VALUES ('d', 'x', 't', 'now')"
        )
        for i in range(3):  # the tagger said "person" more often
            conn.execute(
                'INSERT INTO mentions(doc, start, "end", text, label, entity_id) VALUES (?,?,?,?,?,?)',
                ("d", i, i + 1, "Quarry Water", "PERSON", person),
            )
        body, _ = lstore.ensure(conn, "Quarry Water", "ORG")
        link(conn, [person, body])
    root = lstore.root_of(conn, person)
    assert root == lstore.root_of(conn, body) == body
