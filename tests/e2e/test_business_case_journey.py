"""The business case journey in a real browser: an officer starts a case from a proposal, sets
up the appraisal, enters the flows of two options in the grid, watches the appraisal and its
charts update, and downloads the case as a Word document — axe-core on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.appraisal.models import BusinessCase
from remit.core.services.demo import demo_load

pytestmark = pytest.mark.e2e


@pytest.fixture
def proposal(transactional_db: Any) -> Any:
    from remit.proposals.demo import demo_load as proposals_demo_load
    from remit.proposals.models import Proposal

    region = demo_load(region="west-midlands")[0].region
    proposals_demo_load(region)
    return Proposal.all_objects.get(title="Regional violence reduction partnership")


def _follow(page: Any, visit: Any, name: str, *, role: str = "link") -> str:
    """Click, then check the page it leads to; returns the text first shown (with its banner)."""
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    shown = page.locator("main").inner_text()
    visit(page, page.url.split("#")[0])
    return shown


def _fill(page: Any, cells: dict[str, str]) -> None:
    for label, value in cells.items():
        page.get_by_label(label, exact=True).fill(value)


def test_officer_builds_an_appraisal_in_the_grid_and_exports_the_case(
    page: Any, visit: Any, proposal: Any
) -> None:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, visit, "officer")
    visit(page, reverse("appraisal:list"))
    visit(page, reverse("appraisal:create") + f"?proposal={proposal.pk}")
    assert page.get_by_label("Title").input_value() == "Regional violence reduction partnership"
    page.get_by_label("Stage").select_option(label="Outline business case")
    page.get_by_role("button", name="Start the business case").click()
    page.wait_for_load_state()
    visit(page, page.url)
    case = BusinessCase.all_objects.get()
    assert case.proposal_id == proposal.pk

    _follow(page, visit, "Economic case")
    _follow(page, visit, "Appraisal settings")
    _fill(page, {"Base year": "2025", "Years in the grid": "3"})
    _follow(page, visit, "Save the settings", role="button")

    _follow(page, visit, "Add an option")
    _fill(page, {"Option name": "Business as usual"})
    page.get_by_label("This is the counterfactual (business as usual)").check()
    _fill(
        page,
        {
            "Revenue 2025": "100,000",
            "Revenue 2026": "100,000",
            "Revenue 2027": "100,000",
            "Benefit line 1: name": "reduced harm",
            "Benefit line 1, 2026": "40,000",
            "Benefit line 1, 2027": "40,000",
        },
    )
    assert "Appraisal 1 worked out and saved." in _follow(
        page, visit, "Save and appraise", role="button"
    )

    _follow(page, visit, "Add an option")
    _fill(
        page,
        {
            "Option name": "Violence reduction unit",
            "Capital 2025": "50,000",
            "Revenue 2025": "80,000",
            "Revenue 2026": "90,000",
            "Revenue 2027": "90,000",
            "Benefit line 1: name": "reduced harm",
            "Benefit line 1: deadweight (%)": "25",
            "Benefit line 1, 2025": "60,000",
            "Benefit line 1, 2026": "300,000",
            "Benefit line 1, 2027": "320,000",
            "Optimism bias on capital (%) (optional)": "24",
        },
    )
    assert "Appraisal 2 worked out and saved." in _follow(
        page, visit, "Save and appraise", role="button"
    )
    summary = page.locator("table", has_text="Appraisal summary").inner_text()
    assert "Violence reduction unit" in summary
    assert "Business as usual" in summary
    page.wait_for_selector("[data-vega-spec='case-costs-spec'] svg")
    page.wait_for_selector("[data-vega-spec='case-switching-spec'] svg")
    assert errors == [], "the charts drew without errors under the content security policy"

    page.get_by_role("link", name=f"Back to {case.title}").click()
    page.wait_for_load_state()
    visit(page, page.url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Word document (.docx)").click()
    from docx import Document

    document = Document(str(Path(download.value.path())))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == [
        "1. Strategic case",
        "2. Economic case",
        "3. Commercial case",
        "4. Financial case",
        "5. Management case",
    ]
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "Violence reduction unit" in cells
    assert len(document.inline_shapes) == 2, "the economic case's two charts are in the document"

    for name in ("history", "runs", "upload", "decision_record"):
        visit(page, reverse(f"appraisal:{name}", args=[case.pk]))
    visit(page, reverse("appraisal:row_add", args=[case.pk, "risks"]))


@pytest.fixture
def demo_case(transactional_db: Any) -> BusinessCase:
    from remit.appraisal.demo import demo_load as appraisal_demo_load

    region = demo_load(region="west-midlands")[0].region
    appraisal_demo_load(region)
    return BusinessCase.all_objects.get()


def test_a_board_member_reviews_and_the_public_reads_the_approved_summary(
    page: Any, visit: Any, demo_case: BusinessCase
) -> None:
    sign_in(page, visit, "member")
    visit(page, reverse("appraisal:list"))
    _follow(page, visit, demo_case.title)
    for kind in ("strategic", "commercial", "financial", "management", "economic"):
        visit(page, reverse("appraisal:section", args=[demo_case.pk, kind]))
    assert page.get_by_role("link", name="Edit the economic case").count() == 0
    page.get_by_label("Add a review comment").fill("Which option does the partnership prefer?")
    shown = _follow(page, visit, "Add the comment", role="button")
    assert "Comment added." in shown
    assert "Which option does the partnership prefer?" in page.locator("main").inner_text()

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    visit(page, reverse("appraisal_public:list"))
    _follow(page, visit, demo_case.title)
    page.wait_for_selector("[data-vega-spec='published-costs-spec'] svg")
    text = page.locator("main").inner_text()
    assert "Approved by Strategic Policing and Crime Board" in text
    assert "Expanded programme" in text
    assert "Market engagement" not in text
    assert "Navigator services are to be" not in text
