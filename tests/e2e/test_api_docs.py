"""The API's interactive docs work under the site's own Content Security Policy."""

import pytest

pytestmark = pytest.mark.e2e


def test_the_api_docs_show_every_operation_with_local_scripts_only(page, visit, axe, live_server):
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    response = visit(page, "/api/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/papers" in summaries
    assert "/api/proposals/{pk}/decisions" in summaries
    page.get_by_role("button", name="GET /api/region").first.click()
    page.locator(".opblock-body").first.wait_for()
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert errors == []
    axe(page)
