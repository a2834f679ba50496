"""The meetings journey in a real browser: an officer schedules two meetings, builds the first
one's agenda, writes and publishes a paper, builds the pack, records a declaration and a
decision, then approves the minutes at the next meeting; the public reads it all signed out.
axe-core runs on every page."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from journeys import sign_in

from remit.core.services.demo import demo_load
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes

pytestmark = pytest.mark.e2e

BOARD = "West Midlands Community Safety Partnership"


@pytest.fixture
def west_midlands(transactional_db: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    demo_load(region="west-midlands")


def _click(page: Any, axe: Any, role: str, name: str) -> None:
    """Follow a link or press a button, then check the page it lands on (flash message and all)."""
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    axe(page)


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _publish_late(page: Any, axe: Any, button: str) -> None:
    page.get_by_label("Chair's reason for urgency").fill(
        "The partnership agreed to meet at short notice."
    )
    _click(page, axe, "button", button)


def _hold(page: Any, axe: Any) -> None:
    _click(page, axe, "link", "Record attendance")
    _click(page, axe, "button", "Save attendance")
    _click(page, axe, "button", "Mark the meeting as held")
    assert "The meeting is recorded as held." in page.content()


def test_officer_runs_a_meeting_from_agenda_to_approved_minutes_and_the_public_reads_it(
    page: Any, visit: Any, axe: Any, west_midlands: None, tmp_path: Any
) -> None:
    first_day = timezone.localdate() - timedelta(days=63)
    sign_in(page, visit, "officer")

    visit(page, reverse("meetings:schedule"))
    page.get_by_label("Board").select_option(label=BOARD)
    page.get_by_label("Date of the (first) meeting").fill(first_day.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Place").fill("Lloyd House, Birmingham")
    page.get_by_label("Every month").check()
    page.get_by_label("Number of meetings").fill("2")
    _click(page, axe, "button", "Schedule")
    assert "2 meetings scheduled." in page.content()
    first, second = Meeting.objects.filter(board__slug="wmcsp").order_by("date")

    _click(page, axe, "link", "Add an agenda item")
    page.get_by_label("Kind").select_option(label="For decision")
    page.get_by_label("Title", exact=True).fill("Transition year allocations")
    _click(page, axe, "button", "Add item")

    _click(page, axe, "link", "Write the paper for item 3")
    page.get_by_label("Purpose").fill("To agree how the fund is used in the transition year.")
    page.get_by_label("Recommendations").fill(
        "Note the report.\nAgree the transition year allocations."
    )
    page.get_by_label("Author").select_option(label="Alethea Fuller")
    page.get_by_label("Contact officer").select_option(label="Alethea Fuller")
    page.get_by_label("Financial implications").fill("The fund for 2018/19 is £3,863,308.")
    page.get_by_label("Heading").first.fill("Background")
    page.get_by_label("Text").first.fill(
        "Local partnerships keep their critical services this year."
    )
    _click(page, axe, "button", "Save paper")
    assert "2.2" in page.content()

    _click(page, axe, "link", "Add an appendix")
    pdf = tmp_path / "allocations.pdf"
    pdf.write_bytes(_pdf())
    page.get_by_label("PDF or Word (DOCX) file").set_input_files(str(pdf))
    _click(page, axe, "button", "Upload appendix")
    assert "Appendix A added." in page.content()

    _click(page, axe, "link", "Back to the meeting")
    _click(page, axe, "link", "Publish to members")
    _publish_late(page, axe, "Publish to members")
    # The meeting's date has passed, so its papers are supplementary information, not late.
    assert "Supplementary information to the minutes" in page.content()
    _click(page, axe, "link", "Publish to the public")
    _publish_late(page, axe, "Publish to the public")

    _click(page, axe, "button", "Build the meeting pack")
    assert "Download the pack (PDF, 5 pages)" in page.content()

    _click(page, axe, "link", "Declare an interest")
    page.get_by_label("Member").select_option(label="Voluntary sector representative")
    page.get_by_label("Agenda item").select_option(label="Transition year allocations")
    page.get_by_label("Other prejudicial interest").check()
    page.get_by_label("Description").fill("Her organisation receives a transition year grant.")
    _click(page, axe, "button", "Record declaration")
    assert "Declaration recorded." in page.content()

    _hold(page, axe)
    _click(page, axe, "link", "Record the decision on item 3")
    assert (
        "Not voting, having declared a prejudicial interest: Voluntary sector representative"
        in page.content()
    )
    page.get_by_role("radio", name="Noted", exact=True).first.check()
    page.get_by_role("radio", name="Agreed", exact=True).nth(1).check()
    page.get_by_label("Resolution").fill("The report was noted and the allocations agreed.")
    _click(page, axe, "button", "Record the decision")
    decision = Decision.objects.get()
    assert decision.reference == f"WMCSP/D/{first_day.year}/01"
    assert decision.reference in page.content()

    _click(page, axe, "link", "Back to the meeting")
    _click(page, axe, "link", "Draft the minutes")
    page.get_by_label("Minutes").fill("The partnership agreed the transition year allocations.")
    _click(page, axe, "button", "Save draft minutes")

    for overview in ("meetings:home", "meetings:compliance", "meetings:forward_plan"):
        visit(page, reverse(overview))
    visit(page, reverse("meetings:meeting", args=[second.pk]))
    _click(page, axe, "link", "Publish to members")
    _publish_late(page, axe, "Publish to members")
    _hold(page, axe)
    _click(page, axe, "button", f"Approve the minutes of {first_day.day} {first_day:%B %Y}")
    assert "The minutes are approved as a correct record." in page.content()
    assert Minutes.objects.get(meeting=first).status == "approved"

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    visit(page, reverse("meetings_public:home"))
    visit(page, reverse("meetings_public:meeting", args=[first.pk]))
    assert "Transition year allocations" in page.content()
    assert "agenda and reports pack" in page.content()
    _click(page, axe, "link", "Transition year allocations")
    assert "Agree the transition year allocations." in page.content()
    visit(page, reverse("meetings_public:minutes", args=[first.pk]))
    assert decision.reference in page.content()
    visit(page, reverse("meetings_public:decision", args=[decision.pk]))
    visit(page, reverse("meetings_public:board", args=["wmcsp"]))
    visit(page, reverse("meetings_public:decisions"))
    visit(page, reverse("meetings_public:forward_plan"))
    response = page.goto(reverse("meetings:meeting", args=[first.pk]))
    assert "/accounts/login/" in page.url or response.status == 403


@pytest.fixture
def proposal_at_slaog(west_midlands: None) -> Any:
    """A proposal sent along the trailblazer route, waiting for the officers' group."""
    from remit.core.models import GovernanceRoute
    from remit.core.models import Region
    from remit.core.models import User
    from remit.core.models import Workstream
    from remit.proposals.models import Deal
    from remit.proposals.models import Proposal
    from remit.proposals.services import proposal_route

    region = Region.objects.get(slug="west-midlands")
    deal = Deal.objects.create(
        region=region,
        slug="trailblazer",
        name="Trailblazer Devolution Deal",
        route=GovernanceRoute.objects.get(region=region, slug="tdd-position-paper"),
    )
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=Workstream.objects.filter(theme__region=region).first(),
        title="Bus fares and franchising settlement",
        summary="Freedom to franchise buses and set simpler fares.",
        ask_type="powers",
        powers_asked="Bus franchising without further consent.",
        form_of_devolution="single",
    )
    proposal_route(by=User.objects.get(username="officer"), proposal=proposal)
    return proposal


def test_a_boards_decision_on_a_proposal_is_recorded_once_at_the_meeting(
    page: Any, visit: Any, axe: Any, proposal_at_slaog: Any
) -> None:
    day = timezone.localdate() - timedelta(days=30)
    sign_in(page, visit, "officer")
    visit(page, reverse("meetings:schedule"))
    page.get_by_label("Board").select_option(label="Senior Local Authority Officers Group")
    page.get_by_label("Date of the (first) meeting").fill(day.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Place").fill("16 Summer Lane, Birmingham")
    _click(page, axe, "button", "Schedule")

    _click(page, axe, "link", "Add an agenda item")
    page.get_by_label("Kind").select_option(label="For decision")
    page.get_by_label("Title", exact=True).fill("Bus fares and franchising")
    page.get_by_label("Proposal for the board to decide on").select_option(
        label=proposal_at_slaog.title
    )
    _click(page, axe, "button", "Add item")
    assert "Proposal: Bus fares and franchising settlement" in page.locator("main").inner_text()

    _click(page, axe, "link", "Publish to members")
    _publish_late(page, axe, "Publish to members")
    _hold(page, axe)
    _click(page, axe, "link", "Record the decision on item 3")
    assert "also the board's forum decision on it" in page.content()
    page.get_by_role("radio", name="Agreed", exact=True).check()
    page.get_by_label("Resolution").fill("The group endorsed the proposal.")
    _click(page, axe, "button", "Record the decision")
    decision = Decision.objects.get()
    assert "The board's forum decision on it: endorsed" in page.content()

    _click(page, axe, "link", proposal_at_slaog.title)
    body = page.locator("main").inner_text()
    assert f"Decided at its meeting of {day.day} {day:%B %Y}: decision {decision.reference}" in (
        body
    )
    assert "Devolution Strategy Group: waiting for its decision" in body
