"""The browser harness itself: the accessibility check must pass good pages and fail bad ones."""

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# A policy as strict as Remit's: no inline script or style.
STRICT_CSP = (
    '<meta http-equiv="Content-Security-Policy" '
    "content=\"default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'\">"
)


def html_page(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>Harness check</title>{head}</head>"
        f"<body><main><h1>Harness check</h1>{body}</main></body></html>"
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def static_site(tmp_path: Path) -> Iterator[str]:
    """A throwaway web server over a temporary folder, for ``visit`` without Django."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_accessible_page_passes(blank_page, axe):
    blank_page.set_content(
        html_page(
            '<img src="data:," alt="Bar chart of grants by year">'
            '<label for="name">Name</label><input id="name" name="name" type="text">'
            '<a href="/help">Help with this form</a>'
        )
    )
    axe(blank_page)


def test_an_image_without_alt_text_fails(blank_page, axe):
    blank_page.set_content(html_page('<img src="data:,">'))
    with pytest.raises(pytest.fail.Exception, match=r"\[critical\] image-alt: .*\(img\)"):
        axe(blank_page)


def test_an_input_without_a_label_fails(blank_page, axe):
    blank_page.set_content(html_page('<input id="amount" name="amount" type="text">'))
    with pytest.raises(pytest.fail.Exception, match=r"label: .*#amount"):
        axe(blank_page)


def test_every_violated_rule_is_listed(blank_page, axe):
    blank_page.set_content(html_page('<img src="data:,"><input id="amount" type="text">'))
    with pytest.raises(pytest.fail.Exception) as failure:
        axe(blank_page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "label" in message


def test_many_offending_elements_are_summarised(blank_page, axe):
    images = "".join(f'<img id="i{n}" src="data:,">' for n in range(5))
    blank_page.set_content(html_page(images))
    with pytest.raises(pytest.fail.Exception, match=r"#i0, #i1, #i2 and 2 more"):
        axe(blank_page)


def test_minor_issues_do_not_fail(blank_page, axe):
    # A page with no <main> landmark breaks only best-practice rules, which are not WCAG A/AA.
    blank_page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Loose</title></head>'
        "<body><div>Text outside any landmark</div></body></html>"
    )
    axe(blank_page)


def test_the_check_runs_under_a_policy_that_forbids_inline_scripts(blank_page, axe):
    blank_page.set_content(html_page('<img src="data:,">', head=STRICT_CSP))
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        axe(blank_page)


def test_visit_checks_the_page_it_opens(blank_page, visit, static_site, tmp_path):
    (tmp_path / "good.html").write_text(html_page("<p>All present.</p>", head=STRICT_CSP))
    (tmp_path / "bad.html").write_text(html_page('<img src="data:,">', head=STRICT_CSP))
    response = visit(blank_page, f"{static_site}/good.html")
    assert response.status == 200
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        visit(blank_page, f"{static_site}/bad.html")


def test_visit_fails_on_an_error_status(blank_page, visit, static_site):
    with pytest.raises(pytest.fail.Exception, match="answered 404"):
        visit(blank_page, f"{static_site}/missing.html")


def test_visit_fails_on_an_inline_script_the_policy_blocks(
    blank_page, visit, static_site, tmp_path
):
    page_with_inline_script = html_page("<script>document.title = 'x';</script>", head=STRICT_CSP)
    (tmp_path / "inline.html").write_text(page_with_inline_script)
    with pytest.raises(pytest.fail.Exception, match="Content Security Policy"):
        visit(blank_page, f"{static_site}/inline.html")
