"""The web UI in a real headless Chromium (Debian's, driven by Playwright; no browser download).

Searches, opens a proposition, follows a citation to its highlighted sentence, takes
screenshots, and checks that the hostile-payload corpus executes nothing.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CLAIMLEDGER_CHROMIUM", "/usr/bin/chromium")
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SHOTS = (
    Path(os.environ.get("CLAIMLEDGER_SCREENSHOTS", ""))
    if os.environ.get("CLAIMLEDGER_SCREENSHOTS")
    else None
)


def _skip_reason() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"no Chromium at {CHROMIUM} (make test installs Debian's chromium when it can)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed"
    try:
        import claimledger.web.app  # noqa: F401
    except ImportError:
        return "the web UI is not available"
    return None


if (_reason := _skip_reason()) is not None:
    pytest.skip(_reason, allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from claimledger.demo import sample_dir
    from claimledger.ledger import Ledger
    from claimledger.web.app import create_app

    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "ledger.db"
    with Ledger(db) as led:
        led.add([str(p) for p in sample_dir().iterdir()])
        if HOSTILE.is_dir():
            led.add([str(p) for p in sorted(HOSTILE.iterdir())])
    port = _free_port()
    config = uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=exe,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )  # fmt: skip
        yield b
        b.close()


@pytest.fixture
def page(browser: object, tmp_path: Path) -> Iterator[object]:
    ctx = browser.new_context()  # type: ignore[attr-defined]
    pg = ctx.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def _shot(page: object, tmp_path: Path, name: str) -> Path:
    out = (SHOTS or tmp_path) / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("load")  # type: ignore[attr-defined]
    try:
        page.screenshot(path=str(out), full_page=True, animations="disabled", timeout=20_000)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a very tall page can time out on a slow machine; the viewport still proves it rendered
        page.screenshot(path=str(out), animations="disabled", timeout=20_000)  # type: ignore[attr-defined]
    assert out.stat().st_size > 1000
    return out


def test_search_open_proposition_and_follow_citation(
    server: str, page: object, tmp_path: Path
) -> None:
    pg = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    pg.fill("input[name=q]", "ammonia")  # type: ignore[attr-defined]
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert "/search" in pg.url  # type: ignore[attr-defined]
    assert "ammonia" in pg.content().lower()  # type: ignore[attr-defined]
    _shot(pg, tmp_path, "search")

    pg.goto(server + "/propositions")  # type: ignore[attr-defined]
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.locator("a[href^='/propositions/']").first.click()  # type: ignore[attr-defined]
    assert "/propositions/" in pg.url  # type: ignore[attr-defined]
    _shot(pg, tmp_path, "proposition")

    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.locator("a[href^='/claims/']").first.click()  # type: ignore[attr-defined]
    mark = pg.locator("mark#hl")  # type: ignore[attr-defined]
    assert mark.count() == 1 and mark.is_visible()
    sentence = mark.inner_text().strip()
    assert len(sentence) > 10
    para = mark.locator("xpath=..").inner_text()
    assert sentence in para
    _shot(pg, tmp_path, "claim")
    assert pg.dialogs == []  # type: ignore[attr-defined]


def test_hostile_payloads_execute_nothing(server: str, page: object, tmp_path: Path) -> None:
    if not HOSTILE.is_dir():
        pytest.skip("no hostile fixtures")
    pg = page
    pg.add_init_script("window.__pwned = false;")  # type: ignore[attr-defined]
    visited = 0
    for path in (
        "/",
        "/documents",
        "/search?q=alert",
        "/search?q=script",
        "/entities",
        "/propositions",
        "/coverage",
    ):
        pg.goto(server + path)  # type: ignore[attr-defined]
        visited += 1
        for href in pg.eval_on_selector_all("a[href^='/documents/'], a[href^='/claims/']",  # type: ignore[attr-defined]
                                            "els => els.slice(0, 12).map(e => e.getAttribute('href'))"):  # fmt: skip
            pg.goto(server + href)  # type: ignore[attr-defined]
            visited += 1
    assert visited > 10
    _shot(pg, tmp_path, "hostile")
    assert pg.dialogs == [], f"a payload ran: {pg.dialogs}"  # type: ignore[attr-defined]
    assert pg.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0  # type: ignore[attr-defined]
