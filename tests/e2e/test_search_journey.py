"""A member of the public searches from the header for a phrase that appears only inside the
Word appendix of a published paper, finds the paper, and opens it. axe-core runs on every page."""

from __future__ import annotations

import io
from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from remit.core.models import Region
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

pytestmark = pytest.mark.e2e

PHRASE = "turquoise lighthouse keepers"


def _docx(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def published_paper(transactional_db: Any, region: Region, settings: Any, tmp_path: Any) -> Paper:
    """Each write commits, so the index follows it as it would on the live site."""
    settings.MEDIA_ROOT = tmp_path / "media"
    when = timezone.make_aware(datetime.combine(date(2030, 4, 1), time(9)))
    meeting = Meeting.objects.create(
        board=region.boards.get(slug="csp"),
        date=date(2030, 4, 23),
        start_time=time(10),
        location="Lloyd House",
        agenda_published_at=when,
        public_at=when,
    )
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Harbour safety plan")
    paper = Paper.objects.create(
        item=item,
        title="Harbour safety plan",
        purpose="To agree the plan for the harbour.",
        status=Paper.Status.PUBLIC,
        members_published_at=when,
        public_published_at=when,
    )
    data = _docx("Delivery plan", f"The {PHRASE} will patrol the harbour wall at night.")
    appendix = Appendix(
        paper=paper,
        position=1,
        title="Delivery plan",
        original_name="plan.docx",
        kind=Appendix.Kind.DOCX,
        size=len(data),
        sha256="0" * 64,
    )
    appendix.file.save("plan.docx", ContentFile(data), save=False)
    appendix.save()
    return paper


def test_a_public_search_finds_a_phrase_inside_a_word_appendix(
    page: Any, live_server: Any, visit: Any, axe: Any, published_paper: Paper
) -> None:
    visit(page, f"{live_server.url}/published/meetings/")
    page.get_by_label("Search Remit").fill(f'"{PHRASE}"')
    page.locator("header").get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    axe(page)
    assert page.get_by_role("heading", name="1 result for").is_visible()
    assert page.locator("mark", has_text="lighthouse").first.is_visible()
    page.get_by_role("link", name="Harbour safety plan").click()
    page.wait_for_load_state()
    axe(page)
    assert page.url.endswith(f"/published/meetings/papers/{published_paper.pk}/")
    assert page.get_by_role("heading", name="Harbour safety plan").first.is_visible()
    visit(page, f"{live_server.url}/search/?q=lighthouse+-turquoise")
    assert page.get_by_role("heading", name="0 results for").is_visible()
