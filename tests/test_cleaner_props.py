"""Property tests: the cleaner never raises and never loses article paragraphs."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.ingest.cleaner import TextCleaner

CLEANER = TextCleaner()

# Ordinary words, including a few that also occur in boilerplate ("share", "home", "read",
# "photo", "related", "popular", "follow", "by", "news") so that prose using them is tested.
WORDS_TEXT = (
    "the a an of to in on at and but or with from for that this was were is are has had "
    "council harbour ferry river market water town plan vote budget report week year month "
    "people workers engineers residents officials said says warned agreed rejected expected "
    "new old large small early late higher lower many few most some other every each "
    "share home read photo related popular follow by news story page line image accepted "
    "under over after before during between about against while because although"
)
WORDS = WORDS_TEXT.split()

BOILERPLATE = [
    "We use cookies to give you the best experience on our website.",
    "By continuing to use this site you consent to the use of cookies.",
    "Accept all",
    "Manage preferences",
    "Related articles",
    "RELATED ARTICLES",
    "Related article: Ferry timetable changes for winter",
    "Read more",
    "Read also: Pier repairs delayed again",
    "Most popular",
    "Most read",
    "Recommended",
    "Share on Facebook",
    "Follow us on Telegram",
    "Home > Coast > Harbour",
    "HomeCoastHarbour dredging delayed...",
    "Photo: Reuters",
    "Crews at the pier. **HARBOUR PRESS / AFP**",
    "Crews at the pier on Monday. (AP Photo/Jane Roe)",
    "Subscribe to our newsletter for daily updates",
    "Send your tips to [email protected]",
    "[email protected]",
    "© 2025 Northwick Media. All rights reserved.",
]


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=7, max_size=39))
    first = draw(st.sampled_from(WORDS)).capitalize()
    return " ".join([first, *words]) + "."


@st.composite
def captures(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    body = draw(st.lists(paragraphs(), min_size=1, max_size=8))
    junk = draw(st.lists(st.sampled_from(BOILERPLATE), max_size=8))
    items = [("p", p) for p in body] + [("b", b) for b in junk]
    order = draw(st.permutations(items))
    # keep the article's own paragraph order
    it = iter(body)
    pieces = [next(it) if kind == "p" else text for kind, text in order]
    seps = draw(
        st.lists(
            st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n"]),
            min_size=len(pieces),
            max_size=len(pieces),
        )
    )
    raw = "".join(piece + sep for piece, sep in zip(pieces, seps, strict=True))
    return raw, body, junk


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_clean_never_raises(raw: str) -> None:
    for result in (CLEANER.clean(raw), CLEANER.clean_body(raw)):
        assert isinstance(result.text, str)
        assert result.text == result.text.strip()
        assert "cleaner-error" not in result.flags


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000).map(lambda s: s * 3))
def test_clean_never_raises_on_repetitive_text(raw: str) -> None:
    assert "cleaner-error" not in CLEANER.clean(raw).flags


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(captures())
def test_body_paragraphs_survive_and_boilerplate_goes(
    capture: tuple[str, list[str], list[str]],
) -> None:
    raw, body, junk = capture
    for result in (CLEANER.clean(raw), CLEANER.clean_body(raw)):
        for p in body:
            assert p in result.text
        kept = [ln.strip() for ln in result.text.splitlines()]
        for line in junk:
            assert line.strip() not in kept  # as a line: a body paragraph may start with the words
        assert len(result.removed) == len(junk)
