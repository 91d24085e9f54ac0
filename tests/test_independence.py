"""Corroboration needs independent sources: the ways two claims turn out to share one."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.compare.relate import ADMISSION, admits_denial, classify
from claimledger.compare.store import role_body
from claimledger.ledger import Ledger
from claimledger.models import AddOptions
from claims_helpers import view

NAMED = "Forty boats sank off Harrow in the storm, the coastguard said."


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2025-03-12", "repeats"), (None, "repeats"), ("2025-03-01", "corroborates")],
)
def test_an_outlet_restating_a_named_source_in_its_own_voice(
    published: str | None, expected: str
) -> None:
    """Later or undated and naming no source: a restatement; earlier: its own reporting."""
    named = view("a", NAMED, doc="d1", speaker="Harrow Coastguard")
    own = view("b", "Forty boats sank off Harrow in the storm.", doc="d2", published=published)
    first, second = sorted((named, own), key=lambda v: v.published or "9999")
    got = classify(first, second)
    assert got is not None and got[0] == expected, got
    if expected == "repeats":
        assert "naming no source of its own" in got[1]


def test_an_outlet_is_not_taken_to_restate_a_source_of_unknown_date() -> None:
    named = view("a", NAMED, doc="d1", speaker="Harrow Coastguard", published=None)
    own = view("b", "Forty boats sank off Harrow in the storm.", doc="d2")
    assert classify(own, named) == ("corroborates", "independent sources say the same")


def test_a_claim_confirming_the_others_figure_is_independent() -> None:
    hospital = view("a", "St Aldric Hospital said 31 people had been treated.", doc="d1",
                    speaker="St Aldric Hospital")  # fmt: skip
    citing = view("b", "The report counted 31 people treated, as St Aldric Hospital said.",
                  doc="d2", speaker="Safety Board")  # fmt: skip
    confirming = view("c", "The report counted 31 people treated, confirming the figure given "
                           "by St Aldric Hospital.", doc="d3", speaker="Safety Board")  # fmt: skip
    assert classify(hospital, citing)[0] == "repeats"  # type: ignore[index]
    assert classify(hospital, confirming)[0] == "corroborates"  # type: ignore[index]


def test_a_speaker_placed_at_a_body_by_their_role_speaks_for_it() -> None:
    body = view("a", "The inspectorate said its report would come in June.", doc="d1",
                speaker="The inspectorate")  # fmt: skip
    head = view("b", "Corran said the inspectorate's report would come in June.", doc="d2",
                speaker="Liva Corran", body_names={"inspectorate"})  # fmt: skip
    got = classify(body, head)
    assert got is not None and got == (
        "repeats",
        "not independent: Liva Corran speaks for The inspectorate",
    )
    stranger = view("c", "Corran said the report would come in June.", doc="d3",
                    speaker="Liva Corran", body_names={"harbour board"})  # fmt: skip
    assert classify(body, stranger) == ("corroborates", "independent sources say the same")


@pytest.mark.parametrize(
    ("role", "body"),
    [
        ("inspectorate's director", "inspectorate"),
        ("union’s regional secretary", "union"),
        ("Brennholt spokeswoman", "Brennholt"),
        ("director of the agency", "agency"),
        ("engineer", None),
        ("Her lawyer", None),
        ("foreign ministry spokeswoman", "foreign ministry"),
        ("chief executive", None),  # a rank, not a body
        ("senior engineer", None),
    ],
)
def test_the_body_a_role_names(role: str, body: str | None) -> None:
    assert role_body(role) == body


def test_an_unnamed_source_inside_a_body_is_not_independent_of_it() -> None:
    leak = view("a", "Investigators found no bird remains, according to a person familiar with "
                     "the safety board's inquiry.", doc="d1", speaker="person familiar")  # fmt: skip
    report = view("b", "Inspectors found no bird remains in the engine, the report said.",
                  doc="d2", speaker="Ostrevian Transport Safety Board")  # fmt: skip
    got = classify(leak, report)
    assert got is not None and got[0] == "repeats" and "speaks from inside" in got[1], got
    outsider = view("c", "Inspectors found no bird remains in the engine, the airline said.",
                    doc="d3", speaker="Serravane Airlines")  # fmt: skip
    assert classify(leak, outsider) == ("corroborates", "independent sources say the same")


def test_officials_of_a_named_body_relay_it() -> None:
    service = view("a", "The fire started in the storage hall, the fire service said.", doc="d1",
                   speaker="Varrow Fire and Rescue Service")  # fmt: skip
    officials = view("b", "The fire started in the storage hall, fire officials said.", doc="d2",
                     speaker="fire officials")  # fmt: skip
    police = view("c", "The fire started in the storage hall, police said.", doc="d3",
                  speaker="Varrow District Police")  # fmt: skip
    assert classify(service, officials)[0] == "repeats"  # type: ignore[index]
    assert classify(police, officials)[0] == "corroborates"  # type: ignore[index]


def test_a_claim_naming_the_others_speaker_as_an_entity_cites_it() -> None:
    """The speaker is "Tolleth Copper", the sentence says only "Tolleth": the entity matches."""
    firm = view("a", "Tolleth said it had set aside $25 million for the families.", doc="d1",
                speaker="Tolleth Copper")  # fmt: skip
    lawyer = view("b", "Tolleth has offered $25 million to the families so far.", doc="d2",
                  speaker="Helka Brunsvik", entities={"Tolleth Copper"})  # fmt: skip
    got = classify(firm, lawyer)
    assert got is not None and got[0] == "repeats" and "cites Tolleth Copper" in got[1], got


def test_unsourced_hearsay_does_not_corroborate_unsourced_reporting() -> None:
    said = view("a", "The attack was said to have begun with a stolen password.", doc="d1",
                modality="hedged")  # fmt: skip
    reports = view("b", "The attack began with a stolen password.", doc="d2")
    assert classify(said, reports)[0] == "repeats"  # type: ignore[index]
    plain = view("c", "The attack began with a password stolen from a contractor.", doc="d3")
    assert classify(reports, plain)[0] == "corroborates"  # type: ignore[index]


def _write(d: Path) -> list[Path]:
    texts = {
        "a.txt": "Boats lost in the Harrow storm\n\nForty fishing boats sank in the storm off "
        "Harrow on Friday.\n\nAnna Berg said forty fishing boats had sunk off Harrow in the "
        "storm on Friday.\n",
        "b.txt": "Harrow storm sank forty boats, guild says\n\nA storm off Harrow sank dozens "
        "of boats last week.\n\nThe Harrow Fishermen's Guild said forty fishing boats had sunk "
        "off Harrow in the storm.\n",
        "c.txt": "Guild asks for storm aid\n\nFishing crews in Harrow asked for help after the "
        "storm.\n\nAnna Berg, the chair of the Harrow Fishermen's Guild, said the crews needed "
        "new boats before the spring.\n",
    }
    for name, text in texts.items():
        (d / name).write_text(text, encoding="utf-8")
    return [d / n for n in texts]


def test_a_later_article_placing_a_speaker_at_a_body_turns_corroboration_into_repeats(
    tmp_path: Path,
) -> None:
    """Only the third article says who Anna Berg is: the earlier pair is read again."""
    a, b, c = _write(tmp_path)

    def pair(led: Ledger) -> str | None:
        ex = led.export()
        text = {x["id"]: x["text"] for x in ex["claims"]}
        for r in ex["relations"]:
            ends = {text[r["a"]][:9], text[r["b"]][:9]}
            if ends == {"Anna Berg", "The Harro"}:
                return str(r["type"])
        return None

    with Ledger(tmp_path / "l.db") as led:
        led.add([str(a)], AddOptions(outlet="Coast News", published="2025-03-02"))
        led.add([str(b)], AddOptions(outlet="Harbour Post", published="2025-03-04"))
        assert pair(led) == "corroborates"
        led.add([str(c)], AddOptions(outlet="Wire Service", published="2025-03-09"))
        assert pair(led) == "repeats"


def test_a_speaker_taking_back_an_earlier_denial_updates_it(tmp_path: Path) -> None:
    """ "That statement was wrong" shares no words with the denial; the speaker links them."""
    first = tmp_path / "first.txt"
    first.write_text(
        "Harbour wall sound, says port chief\n\n"
        "Anna Berg, the head of the Harrow port authority, said on Monday that there were no "
        "cracks in the harbour wall and that the quay was safe for the ferries.\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.txt"
    later.write_text(
        "Port chief apologises over harbour wall\n\n"
        "Anna Berg told reporters at the quay in Harrow that engineers had found cracks in "
        "the harbour wall. \u201cWhat I said last month was wrong, and I withdraw it,\u201d "
        "Berg said.\n",
        encoding="utf-8",
    )
    with Ledger(tmp_path / "u.db") as led:
        led.add([str(first)], AddOptions(outlet="Coast News", published="2025-03-02"))
        led.add([str(later)], AddOptions(outlet="Wire Service", published="2025-04-10"))
        ex = led.export()
    text = {c["id"]: c["text"] for c in ex["claims"]}
    updates = [(text[r["a"]], text[r["b"]]) for r in ex["relations"] if r["type"] == "updates"]
    assert any("withdraw" in a and "no cracks" in b for a, b in updates), updates


def test_the_same_sides_later_admission_updates_its_denial() -> None:
    denial = view("a", "There is not a single soldier of ours in Meskat.", doc="d1",
                  speaker="Lessarian defence ministry", published="2025-03-14")  # fmt: skip
    admission = view("b", "The Lessarian defence ministry acknowledged for the first time that "
                          "its soldiers are in Meskat.", doc="d2",
                     speaker="Lessarian defence ministry", published="2025-09-18")  # fmt: skip
    got = classify(denial, admission, sim=0.4, related=0.55)
    assert got is not None and got[0] == "updates" and "later admission" in got[1], got
    narrator = view("c", "No one can say how many soldiers are in Meskat.", doc="d3",
                    published="2025-03-20")  # fmt: skip
    assert classify(narrator, admission, sim=0.4, related=0.55) is None


def test_an_admission_that_recalls_the_denial_is_not_itself_a_denial() -> None:
    """ "..., eight days after its chief executive said there was no evidence": the trailing
    clause recalls the denial; what is admitted is positive."""
    admission = view("b", "Quarrenby Water acknowledged on Tuesday that its water had been "
                          "contaminated, eight days after its chief executive said there was "
                          "no evidence of it.", doc="d2", speaker="Quarrenby Water",
                     published="2025-10-14")  # fmt: skip
    assert admission.stance == 1
    denial = view("a", "There is no evidence that our water is the source.", doc="d1",
                  speaker="Quarrenby Water", modality="denied", published="2025-10-06")  # fmt: skip
    got = classify(denial, admission, sim=0.4, related=0.55)
    assert got is not None and got[0] == "updates", got
    # a negation in the main clause still counts
    assert view("c", "No one was hurt after the blast.").stance == -1


def test_a_speakers_flat_denial_is_settled_by_its_own_later_confirmation() -> None:
    denial = view("a", "The network rejected the claim.", doc="d1", modality="denied",
                  speaker="Tarnvik Regional Hospitals", published="2026-02-06")  # fmt: skip
    confirmation = view("b", "Tarnvik Regional Hospitals confirmed on Thursday that patient "
                             "data had been copied.", doc="d2",
                        speaker="Tarnvik Regional Hospitals", published="2026-02-19")  # fmt: skip
    why = admits_denial(denial, confirmation)
    assert why is not None and "later admission" in why
    # someone else's confirmation settles nothing the network denied
    other = view("c", "The nurses' union confirmed on Thursday that patient data had been "
                      "copied.", doc="d3", speaker="nurses' union", published="2026-02-19")  # fmt: skip
    assert admits_denial(denial, other) is None
    # nor does the network's own earlier confirmation
    early = view("d", "Tarnvik Regional Hospitals confirmed that systems were down.", doc="d4",
                 speaker="Tarnvik Regional Hospitals", published="2026-02-01")  # fmt: skip
    assert admits_denial(denial, early) is None


def test_a_short_denial_is_read_with_its_paragraph_against_the_admission(tmp_path: Path) -> None:
    """ "The network rejected the claim." names nothing: its sentence vector is far from the
    later confirmation, its paragraph's is not."""
    from claimledger.compare import store as cstore
    from claimledger.registry import Config
    from claimledger.store.db import connect

    first = tmp_path / "first.txt"
    first.write_text(
        "The Tarnvik Nurses' Association said on Friday that patient records had been copied "
        "by the attackers behind the ransomware attack on Tarvik Regional Hospitals. "
        "The network rejected the claim.\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.txt"
    later.write_text(
        "Tarvik Regional Hospitals confirmed on Thursday that patient records had been copied "
        "from its systems before the ransomware attack.\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    with Ledger(db) as led:
        led.add([str(first)], AddOptions(outlet="Coast News", published="2026-02-06"))
        led.add([str(later)], AddOptions(outlet="Wire Service", published="2026-02-19"))
    conn = connect(db)
    rows = conn.execute("SELECT id, text, proposition FROM claims").fetchall()
    denial = next(r for r in rows if "rejected" in r[1])
    confirmation = next(r for r in rows if "confirmed" in r[1])
    vecs = cstore.load_vectors(conn, [denial[0], confirmation[0]])
    assert float(vecs[denial[0]] @ vecs[confirmation[0]]) < 0.3  # the sentences alone: unrelated
    with conn:  # one proposition, as in a story where the paragraph carries the denial there
        conn.execute("UPDATE claims SET proposition = ? WHERE id = ?", (confirmation[2], denial[0]))
        Config().make("group").refresh(conn, confirmation[2])
    got = conn.execute(
        "SELECT type, why FROM relations WHERE a = ? AND b = ?", (confirmation[0], denial[0])
    ).fetchone()
    conn.close()
    assert got is not None and got[0] == "updates" and "later admission" in got[1], got


def test_a_bare_retraction_takes_back_the_denial_its_article_recounts(tmp_path: Path) -> None:
    """ "That statement was wrong, and I withdraw it." names nothing; the article that
    reports it says which statement it was, and an article that does not, says nothing."""
    from claimledger.compare import store as cstore
    from claimledger.compare.admissions import _recounted
    from claimledger.store.db import connect

    retraction = "\u201cThat statement was wrong, and I withdraw it,\u201d Ivo Brask said.\n"
    texts = {
        "first": "Brask Water denies link to outbreak\n\n\u201cThere is no evidence whatsoever "
        "that our water is the source of this illness,\u201d chief executive Ivo Brask said.\n",
        "recounts": "Brask Water admits contamination\n\nBrask Water acknowledged on Tuesday "
        "that its water had been contaminated, eight days after its chief executive said there "
        "was no evidence whatsoever that the water was the source of the illness.\n\n" + retraction,
        "silent": "Brask to step down\n\nThe board will meet on Friday to name a successor, "
        "the company said.\n\n" + retraction,
    }
    dates = {"first": "2025-10-06", "recounts": "2025-10-14", "silent": "2025-10-20"}
    with Ledger(tmp_path / "r.db") as led:
        for name, body in texts.items():
            path = tmp_path / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            led.add([str(path)], AddOptions(outlet=f"Outlet {name}", published=dates[name]))
    conn = connect(tmp_path / "r.db")
    rows = conn.execute("SELECT c.id, c.text, d.published FROM claims c JOIN documents d "
                        "ON d.id = c.doc").fetchall()  # fmt: skip
    views = cstore.claim_views(conn, [r[0] for r in rows])
    denial = next(views[r[0]] for r in rows if "no evidence whatsoever that our" in r[1])
    took_back = [views[r[0]] for r in rows if "withdraw" in r[1]]
    by_date = {v.published[:10]: v for v in took_back if v.published}
    assert _recounted(conn, by_date["2025-10-14"], [denial]) == denial.id
    assert _recounted(conn, by_date["2025-10-20"], [denial]) is None
    conn.close()


@pytest.mark.parametrize(
    ("text", "admits"),
    [
        ("On Monday he admitted that 23 had been fired.", True),
        ("The minister admitted to misleading parliament.", True),
        ("People who had been admitted to hospital may claim costs.", False),
        ("Two workers were admitted to the hospital overnight.", False),
    ],
)
def test_being_admitted_to_hospital_is_no_admission(text: str, admits: bool) -> None:
    assert bool(ADMISSION.search(text)) is admits
