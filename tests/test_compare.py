"""Cross-source comparison: figures, relations, status, embeddings, grouping end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from claimledger.compare.figures import conflict, figure, figures_of, stage_of, unit_family
from claimledger.compare.relate import classify, status
from claims_helpers import view

FIXTURES = Path(__file__).parent / "fixtures"


def q(value=None, unit="people", qualifier=None, text="", low=None, high=None) -> dict:
    return {
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "text": text,
        "low": low,
        "high": high,
    }


# -- figures -------------------------------------------------------------------


def test_unit_families() -> None:
    assert unit_family("soldiers") == unit_family("troops") == "people"
    assert unit_family("USD") == "money:USD"
    assert unit_family("USD") != unit_family("EUR")
    assert unit_family(None) is None


def test_planned_arrived_and_revised_figures_are_not_a_contradiction() -> None:
    planned = figure(
        q(12000, "soldiers", "up_to", "up to 12,000"),
        "The capital plans to send up to 12,000 soldiers.",
    )
    arrived = figure(
        q(1500, "soldiers", None, "1,500"), "Of these, 1,500 have already arrived at the port."
    )
    revised = figure(
        q(3000, "soldiers", "approx", "roughly 3,000"),
        "The agency later raised its estimate to roughly 3,000 soldiers.",
    )
    assert (planned.stage, arrived.stage, revised.stage) == ("planned", "arrived", "revised")
    assert conflict(planned, arrived) is None
    assert conflict(arrived, revised) is None
    assert conflict(planned, revised) is None


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        (q(17, text="17"), q(31, text="31"), True),
        (
            q(1200, qualifier="approx", text="about 1,200"),
            q(1300, qualifier="approx", text="about 1,300"),
            False,
        ),
        (q(4000, qualifier="up_to", text="up to 4,000"), q(2140, text="2,140"), False),
        (q(2500, qualifier="at_least", text="at least 2,500"), q(2140, text="2,140"), True),
        (
            q(None, qualifier="range", low=300, high=500, text="300 to 500"),
            q(400, text="400"),
            False,
        ),
        (
            q(None, qualifier="range", low=300, high=500, text="300 to 500"),
            q(900, text="900"),
            True,
        ),
        (q(17, text="17"), q(17, unit="USD", text="$17"), False),
    ],
)
def test_conflicting_figures(a: dict, b: dict, clash: bool) -> None:
    fa = figure(a, f"The hospital said {a['text']} people were treated.")
    fb = figure(b, f"The union said {b['text']} people were treated.")
    assert (conflict(fa, fb) is not None) is clash


def test_figures_of_different_things_in_one_sentence_are_not_compared() -> None:
    sent = "The inspectorate counted 2,140 people evacuated and 19 people injured."
    figs = figures_of([q(2140, text="2,140"), q(19, text="19")], sent)
    other = figures_of([q(31, text="31")], "The union said 31 people were injured.")
    assert conflict(figs[0], other[0]) is None  # evacuated vs injured
    assert conflict(figs[1], other[0]) is not None  # injured vs injured


def test_stage_of_up_to_is_planned() -> None:
    assert stage_of("Anything at all.", {"qualifier": "up_to"}) == "planned"


# -- relations -----------------------------------------------------------------


def test_later_official_confirmation_updates_earlier_denial() -> None:
    a = view(
        "a",
        "The government does not officially confirm the deployment.",
        modality="denied",
        published="2024-10-19",
    )
    b = view(
        "b",
        "The government officially confirmed the deployment on Saturday.",
        doc="d2",
        published="2025-04-28",
    )
    assert classify(a, b)[0] == "updates"


def test_two_outlets_relaying_one_speaker_repeat_rather_than_corroborate() -> None:
    a = view("a", "The dam will hold.", speaker="e-solberg")
    b = view("b", "The dam will hold, she said.", doc="d2", speaker="e-solberg", outlet="Outlet B")
    got = classify(a, b)
    assert got[0] == "repeats" and "not independent" in got[1]


def test_relay_through_intermediary_is_a_repeat() -> None:
    a = view("a", "The agency says 3,000 soldiers arrived.", speaker="e-agency")
    b = view("b", "The minister, citing the agency, says 3,000 soldiers arrived.", doc="d2", speaker="e-minister",
             via=["e-agency"])  # fmt: skip
    assert classify(a, b)[0] == "repeats"


def test_independent_sources_corroborate_and_opposite_polarity_contradicts() -> None:
    a = view("a", "The valve was corroded.", speaker="e-inspectorate")
    b = view("b", "The valve was corroded.", doc="d2", speaker="e-union")
    c = view("c", "The valve was not corroded.", doc="d3", speaker="e-company", modality="denied")
    assert classify(a, b)[0] == "corroborates"
    assert classify(a, c)[0] == "contradicts"


def test_incompatible_figures_contradict_with_a_reason() -> None:
    a = view(
        "a",
        "The hospital said 17 people were treated.",
        speaker="e-h",
        quantities=[q(17, text="17")],
    )
    b = view(
        "b",
        "The union said 31 people were treated.",
        doc="d2",
        speaker="e-u",
        quantities=[q(31, text="31")],
    )
    typ, why = classify(a, b)
    assert typ == "contradicts" and "17" in why and "31" in why


def test_questions_relate_to_nothing() -> None:
    a = view("a", "Will the dam hold?", modality="question")
    assert classify(a, view("b", "The dam will hold.", doc="d2")) is None


@pytest.mark.parametrize(
    ("types", "sources", "expected"),
    [
        ([], 1, "single_source"),
        (["repeats"], 1, "single_source"),
        (["corroborates"], 2, "corroborated"),
        (["contradicts", "corroborates"], 3, "disputed"),
        (["updates"], 2, "updated"),
        (["updates", "contradicts"], 3, "mixed"),
    ],
)
def test_status(types: list[str], sources: int, expected: str) -> None:
    assert status(types, sources) == expected


# -- embeddings ----------------------------------------------------------------


def test_onnx_embeddings_match_the_sentence_transformers_reference() -> None:
    """Equal quality: the graph built here reproduces the reference embeddings."""
    from claimledger.compare.minilm import NumpyMiniLM, OnnxMiniLM

    ref = json.loads((FIXTURES / "minilm_reference.json").read_text())
    want = np.array(ref["embeddings"], dtype=np.float32)
    got = OnnxMiniLM().embed(ref["texts"])
    assert np.abs(got - want).max() < 1e-4
    assert np.abs(NumpyMiniLM().embed(ref["texts"][:2]) - want[:2]).max() < 1e-4
    sims = got @ got.T
    assert sims[0, 1] > 0.6 > sims[0, 3]  # paraphrases close, unrelated far


def test_later_official_body_updates_an_earlier_negative_statement() -> None:
    a = view("a", "The company said no gas escaped from the plant.", speaker="Acme Chemicals",
             published="2025-03-09")  # fmt: skip
    b = view("b", "The safety inspectorate said 300 kg of gas escaped from the plant.", doc="d2",
             speaker="National Safety Inspectorate", published="2025-03-18")  # fmt: skip
    got = classify(a, b)
    assert got is not None and got[0] == "updates", got
    assert "official" in got[1]
    # the same pair the other way round in time is no update
    a2 = view("a", a.text, speaker="Acme Chemicals", published="2025-03-20")
    assert classify(b, a2) is None or classify(b, a2)[0] != "updates"  # type: ignore[index]


def test_a_source_retracting_its_own_statement_updates_it() -> None:
    a = view("a", "Nothing toxic left the site, the chief executive said.", speaker="Ann Holm",
             published="2025-03-09")  # fmt: skip
    b = view("b", "We were wrong about the leak, and I apologise.", doc="d2", speaker="Ann Holm",
             published="2025-03-18")  # fmt: skip
    got = classify(a, b)
    assert got is not None and got[0] == "updates" and "revised" in got[1], got


def test_same_speaker_saying_more_later_is_no_revision() -> None:
    a = view("a", "The union said the assurances were worth nothing until an inspection.",
             speaker="Karl Berg", published="2025-03-10")  # fmt: skip
    b = view("b", "The union said the memo confirmed what workers had said for months.", doc="d2",
             speaker="Karl Berg", published="2025-03-12")  # fmt: skip
    got = classify(a, b)
    assert got is None or got[0] != "updates", got


def test_negative_wording_alone_is_not_a_contradiction() -> None:
    # two independent experts: "will not last" and "doubts it will last" say the same
    a = view("a", "The alliance will not last beyond the war, an analyst said.", speaker="Eva Lund")
    b = view("b", "The partnership is only meant to last until the war ends.", doc="d2",
             speaker="Jan Ek", published="2025-03-11")  # fmt: skip
    got = classify(a, b)
    assert got is not None and got[0] == "corroborates", got


def test_stance_reads_negation_in_what_is_said() -> None:
    assert view("a", "Officials said no troops crossed the border.").stance == -1
    assert view("a", "Officials said troops crossed the border.").stance == 1
    assert view("a", "Did troops cross?", modality="question").stance == 0


# -- end to end ----------------------------------------------------------------


def test_sample_corpus_propositions_relations_and_views(tmp_path: Path) -> None:
    from claimledger.demo import sample_dir
    from claimledger.ledger import Ledger

    with Ledger(tmp_path / "s.db") as led:
        led.add([str(p) for p in sample_dir().iterdir()])
        props = led.propositions(min_docs=2)
        assert props, "some propositions span several documents"
        assert {p["status"] for p in props} <= {
            "single_source",
            "corroborated",
            "disputed",
            "updated",
            "mixed",
        }
        ex = led.export()
        claim_ids = {c["id"] for c in ex["claims"]}
        assert all(
            r["a"] in claim_ids and r["b"] in claim_ids and r["why"] for r in ex["relations"]
        )
        assert all(c["proposition"] is None or c["proposition"] in {p["id"] for p in ex["propositions"]}
                   for c in ex["claims"])  # fmt: skip
        detail = led.proposition(props[0]["id"])
        assert detail and detail["claims"] and detail["timeline"]
        assert all(f["claim"] in claim_ids for f in detail["figures"])
        cov = led.coverage()
        assert cov["outlets"] and cov["matrix"]
        tl = led.timeline()
        assert tl == sorted(tl, key=lambda r: (r["date"] or "9999", r["published"] or "9999"))
        # adding the same files again changes nothing
        before = len(ex["propositions"])
        led.add([str(p) for p in sample_dir().iterdir()])
        assert len(led.export()["propositions"]) == before


def test_syndicated_copy_joins_the_original_propositions_as_repeats(tmp_path: Path) -> None:
    from claimledger.ledger import Ledger

    body = (
        "The port authority said on Monday that 40 ships were stuck outside the harbour.\n\n"
        "Harbour pilot Jonas Berg said the queue had not been this long since the storm of 2019.\n\n"
        "The authority expects the queue to clear by the end of the week, a spokesman added."
    )
    (tmp_path / "a.txt").write_text("Ships queue outside Varrow port\n\n" + body, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ships queue outside Varrow port (wire copy)\n\n" + body,
                                    encoding="utf-8")  # fmt: skip
    with Ledger(tmp_path / "l.db") as led:
        led.add([str(tmp_path / "a.txt")])
        led.add([str(tmp_path / "b.txt")])
        ex = led.export()
    docs = {d["id"]: d for d in ex["documents"]}
    copy = next(d for d in docs.values() if d.get("duplicate_of"))
    copied = [c for c in ex["claims"] if c["doc"] == copy["id"]]
    originals = {c["text"]: c for c in ex["claims"] if c["doc"] == copy["duplicate_of"]}
    pairs = [(c, originals[c["text"]]) for c in copied if c["text"] in originals]
    assert pairs
    for c, o in pairs:
        assert c["proposition"] and c["proposition"] == o["proposition"]
    types = {r["type"] for r in ex["relations"]}
    assert "repeats" in types and "corroborates" not in types


def test_average_link_grouper_is_the_default_and_v1_v2_stay_registered() -> None:
    from claimledger.compare.group import EmbeddingGrouper, LinkageGrouper
    from claimledger.compare.linkage import AverageLinkGrouper
    from claimledger.registry import Config, get

    assert isinstance(Config().make("group"), AverageLinkGrouper)
    assert isinstance(get("claimledger.compare.group.v2")(), LinkageGrouper)
    assert type(get("claimledger.compare.group.v1")()) is EmbeddingGrouper


def test_same_position_said_two_ways_is_no_contradiction() -> None:
    a = view("a", "Acme Chemicals insisted that no gas escaped from the plant.", speaker="Acme")
    b = view("b", "Acme Chemicals denied that any gas had escaped from the plant.", doc="d2",
             speaker="Acme", modality="denied", published="2025-03-11")  # fmt: skip
    got = classify(a, b)
    assert got is not None and got[0] == "repeats", got


def test_durations_and_loosely_related_figures_do_not_clash() -> None:
    a = view("a", "Two days after the fire, officials still disagree.", quantities=[q(2, "days")])
    b = view("b", "For eleven days the company said nothing.", doc="d2", published="2025-03-21",
             quantities=[q(11, "days")])  # fmt: skip
    assert classify(a, b) is None or classify(a, b)[0] != "contradicts"  # type: ignore[index]
    c = view(
        "c",
        "Hundreds of families left their homes overnight.",
        quantities=[q(100, "families", "approx")],
    )
    d = view("d", "The hospital said it had treated 17 people.", doc="d2", quantities=[q(17)])
    assert classify(c, d, sim=0.3, related=0.55) is None
    e = view("e", "The union says 31 people needed treatment.", quantities=[q(31)])
    assert classify(e, d, sim=0.3, related=0.55)[0] == "contradicts"  # type: ignore[index]


def test_negation_in_a_concession_does_not_flip_the_stance() -> None:
    v = view("a", "A chemist believes gas probably did escape, despite the company's insistence "
                  "that nothing left the site.", speaker="Ilse Marten", modality="hedged")  # fmt: skip
    assert v.stance == 1
    denial = view("b", "The company denied that any gas had escaped.", doc="d2",
                  speaker="Acme", modality="denied")  # fmt: skip
    got = classify(denial, v, sim=0.7, related=0.55)
    assert got is not None and got[0] == "contradicts", got


def test_opposite_positions_on_loosely_related_points_are_not_corroboration() -> None:
    a = view("a", "The inspectorate found no evidence that the memo was forged.", speaker="Inspectorate",
             modality="denied")  # fmt: skip
    b = view(
        "b", "A leaked memo warned managers about a corroded valve.", doc="d2", speaker="Union"
    )
    got = classify(a, b, sim=0.6, related=0.55)
    assert got is None or got[0] not in {"corroborates", "contradicts"}, got


# -- one source told two ways, revised figures, late confirmations ------------------------------


@pytest.mark.parametrize(
    ("short", "full"),
    [("nurses' association", "Skelby Nurses' Association"), ("agency", "health agency")],
    ids=["name-ends-with-noun", "head-noun"],
)
def test_one_body_named_two_ways_repeats(short: str, full: str) -> None:
    a = view(
        "a", f"Nurses at the Hollin clinic worked 16-hour shifts, the {short} said.", speaker=short
    )
    b = view("b", f"The {full} said nurses at the Hollin clinic worked 16-hour shifts.", doc="d2",
             speaker=full, outlet="Outlet B")  # fmt: skip
    for x, y in ((a, b), (b, a)):
        got = classify(x, y)
        assert got is not None and got[0] == "repeats", got
        assert "named two ways" in got[1]


def test_two_different_agencies_still_corroborate() -> None:
    a = view(
        "a", "The wells near Brackley are safe, the water agency said.", speaker="water agency"
    )
    b = view("b", "The health agency said the wells near Brackley are safe.", doc="d2",
             speaker="health agency", outlet="Outlet B")  # fmt: skip
    got = classify(a, b)
    assert got is not None and got[0] == "corroborates", got


def test_a_claim_citing_the_others_named_source_repeats_it() -> None:
    a = view("a", "At least 19 people died in the landslide, according to the count kept by "
                  "Orrin Mountain Rescue.")  # fmt: skip
    b = view("b", "Orrin Mountain Rescue said at least 19 people died in the landslide.", doc="d2",
             speaker="Orrin Mountain Rescue", outlet="Outlet B")  # fmt: skip
    assert a.speaker_name is None
    for x, y in ((a, b), (b, a)):
        got = classify(x, y)
        assert got is not None and got[0] == "repeats", got
        assert "cites Orrin Mountain Rescue" in got[1]
    unnamed = view("c", "At least 19 people died in the landslide, according to the count kept "
                        "by volunteers.", speaker="volunteers")  # fmt: skip
    assert classify(unnamed, b)[0] == "corroborates"  # type: ignore[index]


def test_the_same_source_giving_a_new_figure_later_updates_it() -> None:
    a = view("a", "More than 120 people were evacuated from Skelby, the fire service said.",
             speaker="Skelby Fire Service", published="2025-03-10",
             quantities=[q(120, qualifier="at_least", text="More than 120")])  # fmt: skip
    b = view("b", "More than 150 people have now been evacuated from Skelby, the fire service said.",
             doc="d2", speaker="Skelby Fire Service", published="2025-03-12",
             quantities=[q(150, qualifier="at_least", text="More than 150")])  # fmt: skip
    fa, fb = figures_of(a.quantities, a.text)[0], figures_of(b.quantities, b.text)[0]
    assert conflict(fa, fb) is None  # both can hold: no contradiction to revise
    got = classify(a, b)
    assert got is not None and got[0] == "updates", got
    assert "revised" in got[1] and "120" in got[1] and "150" in got[1]
    # the earlier figure after the later one is no update
    got = classify(b, a)
    assert got is not None and got[0] != "updates", got


@pytest.mark.parametrize(("sim", "updates"), [(0.35, True), (0.2, False)])
def test_a_later_official_confirmation_updates_a_denial_below_related(
    sim: float, updates: bool
) -> None:
    a = view("a", "The ministry did not confirm that the Skelby ferry had been requisitioned.",
             modality="denied", published="2025-01-05")  # fmt: skip
    b = view("b", "The ministry officially confirmed the requisition of the ferry in March.",
             doc="d2", published="2025-03-20")  # fmt: skip
    got = classify(a, b, sim=sim, related=0.55)
    assert (got is not None and got[0] == "updates") is updates, got
    if updates:
        assert "confirms what was denied" in got[1]  # type: ignore[index]


@pytest.mark.parametrize(
    ("speaker", "updates"),
    [("Ilse Marten", True), (None, False)],
    ids=["a-named-source-hedges", "the-narrator-passes-on-hearsay"],
)
def test_only_a_sources_hedge_is_settled_by_a_later_official_statement(
    speaker: str | None, updates: bool
) -> None:
    """ "It is reported that ..." in the outlet's own voice is hearsay, not an unconfirmed
    position that a later official statement settles."""
    a = view("a", "It is reported that ammonia escaped from the Skelby plant.", speaker=speaker,
             modality="hedged", published="2025-01-05")  # fmt: skip
    b = view("b", "The ministry officially confirmed that ammonia escaped from the plant.",
             doc="d2", published="2025-03-20")  # fmt: skip
    got = classify(a, b, sim=0.6, related=0.55)
    assert (got is not None and got[0] == "updates") is updates, got


@pytest.mark.parametrize(
    ("earlier_speaker", "later_modality", "updates"),
    [
        ("Skelby Chemicals", "asserted", True),
        (None, "asserted", False),  # the narrator's scene-setting is nobody's position
        ("Skelby Chemicals", "speculative", False),  # "if the tests confirm ..." settles nothing
    ],
)
def test_a_later_official_statement_supersedes_a_position_not_a_scene(
    earlier_speaker: str | None, later_modality: str, updates: bool
) -> None:
    a = view("a", "Skelby Chemicals said the cloud was only steam.", speaker=earlier_speaker,
             published="2025-01-05")  # fmt: skip
    b = view("b", "The inspectorate said no steam was involved in the release.", doc="d2",
             speaker="The inspectorate", modality=later_modality, published="2025-03-20")  # fmt: skip
    got = classify(a, b, sim=0.7, related=0.55)
    assert (got is not None and got[0] == "updates") is updates, got


def _dated_article(tmp_path: Path, name: str, date: str, body: str) -> str:
    path = tmp_path / f"{name}.html"
    path.write_text(
        f'<html><head><meta property="article:published_time" content="{date}">'
        f"<title>{name}</title></head><body><article><h1>{name}</h1><p>{body}</p></article>"
        "</body></html>"
    )
    return str(path)


@pytest.mark.parametrize(
    ("later", "updates"),
    [
        pytest.param(
            "The Kettle Roads Agency acknowledged on Wednesday that an email from one of its "
            "inspectors describing cracks in the central pier had sat unread for two months.",
            True,
            id="the-same-body-admits",
        ),
        pytest.param(
            "The Kettle Cycling Club acknowledged on Wednesday that its membership had fallen "
            "by a third last year.",
            False,
            id="another-body-admits-something-else",
        ),
    ],
)
def test_a_later_admission_updates_the_earlier_denial_across_propositions(
    ledger: Any, tmp_path: Path, later: str, updates: bool
) -> None:
    from claimledger.models import AddOptions

    first = _dated_article(
        tmp_path,
        "Morning edition",
        "2025-05-04",
        "The Kettle Roads Agency denied receiving any warning.",
    )
    second = _dated_article(tmp_path, "Evening edition", "2025-05-08", later)
    ledger.add([first, second], AddOptions())
    ex = ledger.export()
    claims = {c["id"]: c for c in ex["claims"]}
    got = [
        r for r in ex["relations"]
        if r["type"] == "updates"
        and "denied" in claims[r["b"]]["text"] and "acknowledged" in claims[r["a"]]["text"]
    ]  # fmt: skip
    assert bool(got) is updates, ex["relations"]
    # the rule across propositions on its own: part the two, forget relations, run it
    from claimledger.compare import store as cstore
    from claimledger.compare.admissions import cross_updates

    conn = ledger.conn
    late = next(c for c in ex["claims"] if "acknowledged" in c["text"])
    conn.execute("UPDATE claims SET proposition = 'pX' WHERE id = ?", (late["id"],))
    conn.execute("DELETE FROM relations")
    views = cstore.claim_views(conn, [late["id"]])
    every = [c["id"] for c in ex["claims"]]
    n = cross_updates(conn, views, cstore.stand_for(conn), lambda cid: every,
                      lambda ids: cstore.claim_views(conn, ids))  # fmt: skip
    assert (n > 0) is updates
    if updates:
        why = conn.execute("SELECT why FROM relations WHERE a = ?", (late["id"],)).fetchone()[0]
        assert "admits on 2025-05-08 what was denied on 2025-05-04" in why
