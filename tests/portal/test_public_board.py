"""A board's public page lists its meetings, coming up and held, and its published decisions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from portal_support import TODAY
from portal_support import Records
from portal_support import in_order

from remit.core.models import Board
from remit.meetings.models import Paper
from remit.portal import views


def _board_page(client: Any, slug: str = "csp") -> str:
    response = client.get(reverse("portal:board", args=[slug]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_board_page_lists_its_meetings_coming_up_and_held(client: Any, records: Records) -> None:
    soon = records.meeting(TODAY + timedelta(days=2), title="Next quarterly meeting")
    records.meeting(TODAY + timedelta(days=90), title="Autumn meeting")
    records.meeting(TODAY - timedelta(days=90), title="Spring meeting")
    records.meeting(TODAY - timedelta(days=10), title="Summer meeting")
    records.meeting(TODAY + timedelta(days=5), title="Meeting called off", status="cancelled")
    other = Board.objects.create(region=records.region, slug="other", name="Other board")
    records.meeting(TODAY + timedelta(days=3), board=other, title="Another board's meeting")
    paper = records.paper(soon, "Quarterly performance")
    records.paper(soon, "Members only report", status=Paper.Status.MEMBERS)

    html = _board_page(client)

    coming, held = html.split("Held</h3>")
    assert in_order(coming, "Next quarterly meeting", "Meeting called off", "Autumn meeting")
    assert "Cancelled" in coming
    assert reverse("meetings_public:paper", args=[paper.pk]) in coming
    assert "Members only report" not in html
    assert in_order(held, "Summer meeting", "Spring meeting")
    assert "Another board's meeting" not in html
    assert reverse("meetings_public:board", args=["csp"]) in html


def test_a_board_page_shows_at_most_ten_of_each_newest_first(client: Any, records: Records) -> None:
    assert views.BOARD_ROWS == 10
    records.meetings([TODAY + timedelta(days=n) for n in range(1, 12)], title="Coming")
    past = records.meetings([TODAY - timedelta(days=n) for n in range(1, 12)], title="Held")
    paper = records.paper(past[0], "Decided report")
    decisions = records.decisions(paper, [TODAY - timedelta(days=n) for n in range(11)])

    html = _board_page(client)

    coming, held = html.split("Held</h3>")
    assert coming.count("<br>Coming") == 10
    assert held.split('id="decisions"')[0].count("<br>Held") == 10
    listed = held.split('id="decisions"')[1]
    assert in_order(listed, *(d.reference + ":" for d in decisions[:10]))
    assert decisions[10].reference + ":" not in listed


def test_a_board_page_lists_published_decisions_only(client: Any, records: Records) -> None:
    held = records.meeting(TODAY - timedelta(days=20))
    shown = records.decision(records.paper(held, "Budget"), TODAY - timedelta(days=1))
    future = records.decision(records.paper(held, "Later"), TODAY + timedelta(days=1))
    private = records.decision(records.paper(held, "Provider", private=True), TODAY)
    closed = records.meeting(TODAY - timedelta(days=30), public=False)
    unpublished = records.decision(records.paper(closed, "Closed"), TODAY)

    html = _board_page(client).split('id="decisions"')[1]

    assert reverse("meetings_public:decision", args=[shown.pk]) in html
    for hidden in (future, private, unpublished):
        assert hidden.reference not in html


def test_an_empty_board_page_says_so_plainly(client: Any, records: Records) -> None:
    html = _board_page(client)
    assert "No meetings of this board are planned at the moment." in html
    assert "This board has not met yet." in html
    assert "This board has not published any decisions yet." in html
