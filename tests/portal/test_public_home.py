"""The public home shows what is happening, published records only, newest or soonest first."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from portal_support import NOW
from portal_support import TODAY
from portal_support import Records
from portal_support import block
from portal_support import in_order

from remit.core.models import Board
from remit.core.models import Region
from remit.funding.models import Grant
from remit.indicators import measures
from remit.indicators.models import Polarity
from remit.indicators.selectors import movement
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.portal import views

HOME = reverse("portal:public_home")


def _home(client: Any) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return str(response.content.decode())


def test_signed_out_the_address_of_the_site_is_the_public_home(
    client: Any, records: Records
) -> None:
    records.meeting(TODAY + timedelta(days=3), title="Spring meeting")
    assert "Spring meeting" in client.get(reverse("portal:home")).content.decode()


def test_next_meetings_soonest_first_with_their_public_papers_only(
    client: Any, records: Records
) -> None:
    soonest = records.meeting(TODAY, title="Meeting today")
    records.meeting(TODAY - timedelta(days=1), title="Meeting yesterday")
    records.meeting(TODAY + timedelta(days=1), title="Meeting called off", status="cancelled")
    later = [
        records.meeting(TODAY + timedelta(days=n), title=f"Meeting in {word} days")
        for n, word in ((2, "two"), (3, "three"), (4, "four"), (5, "five"), (6, "six"))
    ]
    unpublished = later[0]
    Meeting.objects.filter(pk=unpublished.pk).update(public_at=None)
    shown = records.paper(soonest, "Budget report")
    records.paper(soonest, "Draft report", status=Paper.Status.DRAFT)
    records.paper(soonest, "Members only report", status=Paper.Status.MEMBERS)
    records.paper(soonest, "Named provider report", private=True)
    records.paper(soonest, "Withdrawn report", status=Paper.Status.WITHDRAWN)
    records.paper(unpublished, "Report before the agenda is public")

    html = block(_home(client), "next-meetings")

    assert views.NEXT_MEETINGS == 5
    assert in_order(
        html,
        "Meeting today",
        "Meeting in two days",
        "Meeting in three days",
        "Meeting in four days",
        "Meeting in five days",
    )
    assert "Meeting in six days" not in html
    assert "Meeting yesterday" not in html
    assert "Meeting called off" not in html
    assert reverse("meetings_public:meeting", args=[soonest.pk]) in html
    assert reverse("meetings_public:paper", args=[shown.pk]) in html
    for hidden in (
        "Draft report",
        "Members only report",
        "Named provider report",
        "Withdrawn report",
        "Report before the agenda is public",
    ):
        assert hidden not in html
    assert "will be published at least five clear working days before the meeting" in html


def test_latest_decisions_newest_first_and_published_only(client: Any, records: Records) -> None:
    held = records.meeting(TODAY - timedelta(days=20))
    paper = records.paper(held, "Safer streets")
    days = [TODAY - timedelta(days=n) for n in (6, 1, 5, 2, 4, 3)]
    decisions = records.decisions(paper, days)
    tomorrow = records.decision(paper, TODAY + timedelta(days=1))
    private = records.decision(records.paper(held, "Named provider", private=True), TODAY)
    closed = records.meeting(TODAY - timedelta(days=21), public=False)
    unpublished_meeting = records.decision(records.paper(closed, "Closed agenda"), TODAY)

    html = block(_home(client), "latest-decisions")

    newest = sorted(decisions, key=lambda d: d.published_on, reverse=True)
    assert in_order(html, *(d.reference for d in newest[:5]))
    assert newest[5].reference not in html
    for hidden in (tomorrow, private, unpublished_meeting):
        assert hidden.reference not in html
    assert reverse("meetings_public:decision", args=[newest[0].pk]) in html


def test_recently_published_papers_newest_first_and_public_only(
    client: Any, records: Records
) -> None:
    meeting = records.meeting(TODAY + timedelta(days=10))
    for n in (3, 1, 6, 2, 5, 4):
        records.paper(meeting, f"Paper {n} days old", published=NOW - timedelta(days=n))
    records.paper(meeting, "Draft paper", status=Paper.Status.DRAFT)
    records.paper(meeting, "Members paper", status=Paper.Status.MEMBERS)
    records.paper(meeting, "Withdrawn paper", status=Paper.Status.WITHDRAWN)
    records.paper(meeting, "Private paper", private=True)
    closed = records.meeting(TODAY + timedelta(days=11), public=False)
    records.paper(closed, "Paper of a closed agenda")

    html = block(_home(client), "recent-papers")

    assert in_order(html, *(f"Paper {n} days old" for n in range(1, 6)))
    assert "Paper 6 days old" not in html
    for hidden in ("Draft paper", "Members paper", "Withdrawn paper", "Private paper"):
        assert hidden not in html
    assert "Paper of a closed agenda" not in html


def test_open_rounds_closing_soonest_first_with_how_to_apply(client: Any, records: Records) -> None:
    opened = NOW - timedelta(days=1)
    spans = [(opened, NOW + timedelta(days=n)) for n in (30, 10, 60, 20, 50, 40)]
    rounds = records.rounds(spans, "Open round")
    upcoming = records.round(NOW + timedelta(days=1), NOW + timedelta(days=30), "Not open yet")
    closed = records.round(NOW - timedelta(days=60), NOW - timedelta(seconds=1), "Closed round")

    html = block(_home(client), "open-funding")

    soonest = sorted(rounds, key=lambda r: r.closes_at)
    assert in_order(html, *(f">Community Safety Fund: {r.title}<" for r in soonest[:5]))
    assert f"{soonest[5].title}<" not in html
    assert upcoming.title not in html
    assert closed.title not in html
    assert reverse("portal:round", args=[soonest[0].pk]) + "#how-to-apply" in html
    assert reverse("portal:board", args=["csp"]) in html


def test_a_round_page_says_how_to_apply_once_it_has_opened(client: Any, records: Records) -> None:
    open_round = records.round(NOW - timedelta(days=1), NOW + timedelta(days=9), "Main round")
    upcoming = records.round(NOW + timedelta(days=1), NOW + timedelta(days=30), "Next round")
    closed = records.round(NOW - timedelta(days=9), NOW - timedelta(days=1), "Last round")

    page = client.get(reverse("portal:round", args=[open_round.pk])).content.decode()
    assert "How to apply" in page
    assert "Charities and councils in Testshire." in page
    assert reverse("login") + "?next=" + reverse("funding:round", args=[open_round.pk]) in page
    assert client.get(reverse("portal:round", args=[upcoming.pk])).status_code == 404
    closed_page = client.get(reverse("portal:round", args=[closed.pk])).content.decode()
    assert "This round has closed" in closed_page
    assert reverse("login") not in closed_page.split('id="how-to-apply"')[1]


def test_latest_grants_newest_award_first_and_published_only(client: Any, records: Records) -> None:
    days = [TODAY - timedelta(days=n) for n in (30, 10, 60, 20, 50, 40)]
    titles = [f"Project awarded {(TODAY - d).days} days ago" for d in days]
    grants = records.grants(titles, days)
    records.grants(["Project not yet published"], [TODAY])
    records.grants(["Project determined, unpublished"], [TODAY], published=False)
    withdrawn = records.grants(["Project withdrawn"], [TODAY])[0]
    Grant.all_objects.filter(pk=withdrawn.pk).update(withdrawn_at=NOW)
    Grant.all_objects.filter(bid__title="Project not yet published").update(is_published=False)

    html = block(_home(client), "latest-grants")

    assert in_order(html, *(f"Project awarded {n} days ago" for n in (10, 20, 30, 40, 50)))
    assert "Project awarded 60 days ago" not in html
    assert "not yet published" not in html
    assert "unpublished" not in html
    assert "Project withdrawn" not in html
    newest = next(g for g in grants if g.bid.title == "Project awarded 10 days ago")
    assert reverse("funding_public:detail", args=[newest.pk]) in html


def test_headline_figures_show_direction_whether_it_is_better_and_rag(
    client: Any, records: Records
) -> None:
    records.indicator(
        "Falling crime",
        {"2029-05": 100, "2030-05": 80},
        mission=11,
        target=200,
    )
    records.indicator(
        "Falling employment",
        {"2029-05": 100, "2030-05": 90},
        polarity=Polarity.HIGHER_IS_BETTER,
    )
    records.indicator("Steady figure", {"2029-05": 50, "2030-05": 50})
    records.indicator("New figure", {"2030-05": 10})
    records.indicator("Draft figure", {"2029-05": 1, "2030-05": 2}, published=False)
    records.indicator("Figure with nothing yet", {})

    html = block(_home(client), "headlines")

    assert in_order(html, "Falling crime", "Falling employment", "New figure", "Steady figure")
    crime = html[html.index("Falling crime") : html.index("Falling employment")]
    assert "Down" in crime
    assert "Better" in crime
    assert "On track" in crime
    assert "-40 (-20.0%)" in crime  # the region: two areas of 100 each, then 80 each
    employment = html[html.index("Falling employment") : html.index("New figure")]
    assert "Down" in employment
    assert "Worse" in employment
    assert "No target" in employment
    new = html[html.index("New figure") : html.index("Steady figure")]
    assert "No figure a year before" in new
    assert "No change" in html[html.index("Steady figure") :]
    assert "Draft figure" not in html
    assert "Figure with nothing yet" not in html


def test_headline_figures_are_the_first_six_in_mission_order(client: Any, records: Records) -> None:
    records.indicators(7, "Figure", {"2030-05": 5})
    records.indicator("Zebra crossings", {"2030-05": 5}, mission=11)

    html = block(_home(client), "headlines")

    assert views.HEADLINES == 6
    assert in_order(html, "Zebra crossings", *(f"Figure {n:04d}" for n in range(1, 6)))
    assert "Figure 0006" not in html


@pytest.mark.parametrize(
    ("absolute", "polarity", "expected"),
    [
        (Decimal(-1), measures.LOWER_IS_BETTER, ("down", True)),
        (Decimal(1), measures.LOWER_IS_BETTER, ("up", False)),
        (Decimal(-1), measures.HIGHER_IS_BETTER, ("down", False)),
        (Decimal(1), measures.HIGHER_IS_BETTER, ("up", True)),
        (Decimal(0), measures.LOWER_IS_BETTER, ("same", None)),
    ],
)
def test_movement_says_which_way_and_whether_better(
    absolute: Decimal, polarity: str, expected: tuple[str, bool | None]
) -> None:
    change = measures.Change("2030-05", Decimal(10) + absolute, Decimal(10), absolute, None)
    assert movement(change, polarity) == expected
    assert movement(None, polarity) == ("", None)


def test_empty_blocks_say_so_plainly(client: Any, region: Region, clock: Any) -> None:
    html = _home(client)
    for sentence in (
        "No meetings are planned at the moment.",
        "No decisions have been published yet.",
        "No papers have been published yet.",
        "No funding is open for bids at the moment.",
        "No grants have been published yet.",
        "No figures have been published yet.",
    ):
        assert sentence in html


def test_the_home_has_a_search_form_for_the_whole_site(client: Any, records: Records) -> None:
    html = _home(client)
    form = html[html.index('role="search"') - 200 : html.index("</form>")]
    assert 'action="/search/"' in form
    assert 'method="get"' in form
    assert 'name="q"' in form


def test_a_sub_group_is_reachable_from_the_home(client: Any, records: Records) -> None:
    panel = Board.objects.create(region=records.region, slug="panel", name="Police and Crime Panel")
    records.board.parent = panel
    records.board.save()
    deeper = Board.objects.create(
        region=records.region,
        slug="task-group",
        name="Knife Crime Task Group",
        parent=records.board,
    )

    html = block(_home(client), "boards")

    assert in_order(
        html,
        reverse("portal:board", args=["panel"]),
        reverse("portal:board", args=["csp"]),
        "Part of Police and Crime Panel",
        reverse("portal:board", args=[deeper.slug]),
        "Part of Testshire Community Safety Partnership",
    )


def test_boards_in_a_loop_of_parents_are_still_listed(client: Any, records: Records) -> None:
    one = Board.objects.create(region=records.region, slug="one", name="Group one")
    two = Board.objects.create(region=records.region, slug="two", name="Group two", parent=one)
    Board.objects.filter(pk=one.pk).update(parent=two)

    html = block(_home(client), "boards")

    assert reverse("portal:board", args=["one"]) in html
    assert reverse("portal:board", args=["two"]) in html
