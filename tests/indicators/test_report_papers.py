"""The performance report goes to a meeting as an appendix of a draft paper, by the
meetings' own rules."""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Area
from remit.core.models import Region
from remit.indicators import reports
from remit.indicators.services.report_papers import report_attach
from remit.meetings import services as meetings
from remit.meetings.models import AgendaItem
from remit.meetings.models import Paper


def _paper(region: Region, officer: Any, *, days: int = 30) -> Paper:
    meeting = meetings.meeting_schedule(
        by=officer,
        board=region.boards.get(slug="csp"),
        first_date=timezone.localdate() + timedelta(days=days),
        start_time=time(10),
        location="Civic Centre",
    )[0]
    item = meetings.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": AgendaItem.Kind.REPORT, "title": "Partnership performance"},
    )
    return meetings.paper_create(
        by=officer,
        item=item,
        data={
            "title": "Partnership performance",
            "purpose": "To report on performance.",
            "author": region.people.get(slug="northton-rep"),
            "contact_officer": region.people.get(slug="northton-rep"),
        },
        recommendations=["Note the report."],
        sections=[("Summary", "The figures are in the appendix.")],
    )


@pytest.fixture
def northton(region: Region) -> Area:
    return region.areas.get(code="E08000901")


def test_the_report_becomes_an_appendix_with_its_pages_counted(
    region: Region, officer: Any, northton: Area
) -> None:
    paper = _paper(region, officer)
    appendix = report_attach(
        by=officer, area=northton, period_from="2019-01", period_to="2019-12", paper=paper
    )
    assert appendix.paper == paper
    assert appendix.kind == "pdf"
    assert appendix.title == "Local partnership performance report: Northton, Jan 2019 to Dec 2019"
    with appendix.file.open("rb") as handle:
        pdf = PdfReader(BytesIO(handle.read()))
    assert appendix.pages == len(pdf.pages)
    assert "Northton" in pdf.pages[0].extract_text()
    assert paper.history.first().history_change_reason.startswith("Appendix added")


def test_only_draft_papers_of_coming_meetings_the_user_may_write_are_offered(
    region: Region, officer: Any, northton: Area, partner: Any
) -> None:
    coming = _paper(region, officer)
    published = _paper(region, officer, days=60)
    meetings.agenda_publish(by=officer, meeting=published.item.meeting)
    published.refresh_from_db()
    assert published.status != Paper.Status.DRAFT
    assert reports.papers_to_attach_to(officer, northton) == [coming]
    assert reports.papers_to_attach_to(partner, northton) == []


def test_a_partner_cannot_attach_and_nothing_is_added(
    region: Region, officer: Any, northton: Area, partner: Any
) -> None:
    paper = _paper(region, officer)
    with pytest.raises(NotPermitted):
        report_attach(by=partner, area=northton, period_from=None, period_to=None, paper=paper)
    assert not paper.appendices.exists()


def test_a_paper_of_another_region_is_refused(region: Region, officer: Any, northton: Area) -> None:
    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    elsewhere = Area.objects.create(
        region=other, code="E08000999", name="Far", kind="metropolitan_district"
    )
    paper = _paper(region, officer)
    with pytest.raises(DomainError) as refused:
        report_attach(by=officer, area=elsewhere, period_from=None, period_to=None, paper=paper)
    assert refused.value.field == "paper"
    assert not paper.appendices.exists()


def test_the_report_page_offers_the_papers_and_the_form_adds_the_appendix(
    client: Any, region: Region, officer: Any, northton: Area
) -> None:
    paper = _paper(region, officer)
    client.force_login(officer)
    page = client.get(
        reverse("indicators:area_report", args=[northton.code]), {"period_from": "2019-01"}
    ).content.decode()
    assert "Add it to a meeting paper" in page
    assert f'value="{paper.pk}"' in page
    response = client.post(
        reverse("indicators:area_report_attach", args=[northton.code]),
        {"paper": paper.pk, "period_from": "2019-01", "period_to": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:paper", args=[paper.pk])
    appendix = paper.appendices.get()
    assert appendix.title == "Local partnership performance report: Northton, Jan 2019 onwards"


def test_the_report_page_without_a_period_offers_the_papers_for_the_whole_series(
    client: Any, region: Region, officer: Any, northton: Area
) -> None:
    paper = _paper(region, officer)
    client.force_login(officer)
    response = client.get(reverse("indicators:area_report", args=[northton.code]))
    assert response.status_code == 200
    assert f'value="{paper.pk}"' in response.content.decode()


def test_a_paper_not_offered_is_an_error_on_the_field_and_adds_nothing(
    client: Any, region: Region, officer: Any, northton: Area
) -> None:
    paper = _paper(region, officer)
    client.force_login(officer)
    response = client.post(
        reverse("indicators:area_report_attach", args=[northton.code]),
        {"paper": paper.pk + 1000, "period_from": "2019-13"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select one of the options for paper" in page
    assert "Enter a month as YYYY-MM or a year as YYYY." in page
    assert not paper.appendices.exists()


def test_a_partner_is_offered_no_paper(
    client: Any, region: Region, officer: Any, partner: Any, northton: Area
) -> None:
    _paper(region, officer)
    client.force_login(partner)
    page = client.get(reverse("indicators:area_report", args=[northton.code])).content.decode()
    assert "Add it to a meeting paper" not in page
