"""Browser tests: Playwright driving Debian's Chromium, with axe-core on every page.

Fixtures
  ``browser``     one headless Chromium for the session
  ``page``        a fresh context and page whose base URL is pytest-django's ``live_server``
  ``blank_page``  a fresh context and page with no server, for ``page.set_content``
  ``axe``         ``axe(page)`` fails the test on any serious or critical WCAG A/AA violation
  ``visit``       ``visit(page, path)`` opens a page, fails on an error status, a
                  console error (a blocked inline script, a missing asset) or a
                  script error, then runs ``axe``

Without ``/usr/bin/chromium`` (or the browser named by ``REMIT_CHROMIUM``)
every test here is skipped, unless ``REMIT_REQUIRE_BROWSER=1`` turns the skip
into a failure (as CI should).
"""

import functools
import os
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread, which makes
# Django refuse ORM calls there unless told otherwise.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("REMIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
TARGETS_SHOWN = 3

Axe = Callable[[Any], None]
Visit = Callable[[Any, str], Any]


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("REMIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (REMIT_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        _skip_or_fail("Chromium not installed: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def blank_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One line per rule, naming the first few elements that break it."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:TARGETS_SHOWN])
        more = len(targets) - TARGETS_SHOWN
        if more > 0:
            shown += f" and {more} more"
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({shown})")
    return "\n".join(lines)


def check_accessibility(page: Any) -> None:
    """Run axe-core on the page as it stands and fail on serious or critical violations.

    axe is evaluated through the DevTools protocol rather than added as a
    script tag, because Remit's content security policy blocks inline scripts.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target})),
            }));
        }""",
        WCAG_TAGS,
    )
    blocking = [v for v in results if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(
            f"accessibility violations on {page.url}:\n{format_violations(blocking)}",
            pytrace=False,
        )


@functools.cache
def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` first", pytrace=False)
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def axe() -> Axe:
    return check_accessibility


@pytest.fixture
def visit(axe: Axe) -> Visit:
    def _visit(page: Any, path: str) -> Any:
        problems: list[str] = []

        def on_console(message: Any) -> None:
            if message.type == "error":
                problems.append(f"console error: {message.text}")

        def on_page_error(error: Any) -> None:
            problems.append(f"script error: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        try:
            response = page.goto(path)
        finally:
            page.remove_listener("console", on_console)
            page.remove_listener("pageerror", on_page_error)
        if response is None:
            pytest.fail(f"no response for {path}", pytrace=False)
        if response.status >= 400:
            pytest.fail(f"{path} answered {response.status}", pytrace=False)
        if problems:
            pytest.fail(
                f"{path} reported errors while loading:\n" + "\n".join(problems), pytrace=False
            )
        axe(page)
        return response

    return _visit
