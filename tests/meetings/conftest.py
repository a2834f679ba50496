"""Fixtures for meetings: a board with two voting members, meetings, papers and files, and a
proposal whose governance route waits for the board."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from meetings_support import at
from meetings_support import hold

from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import RouteStep
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.proposals import services as proposal_services
from remit.proposals.models import Deal
from remit.proposals.models import Proposal


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def board(region: Region) -> Board:
    return region.boards.get(slug="csp")


@pytest.fixture
def chair(region: Region) -> Person:
    return region.people.get(slug="commissioner")


@pytest.fixture
def rep(region: Region) -> Person:
    return region.people.get(slug="northton-rep")


@pytest.fixture
def member_user(make_user: Callable[..., User], rep: Person) -> User:
    return make_user(Role.BOARD_MEMBER, person=rep, first_name="Nia", last_name="North")


@pytest.fixture
def schedule(officer: User, board: Board) -> Callable[..., Meeting]:
    def make(day: date | None = None, **kwargs: Any) -> Meeting:
        first = day or timezone.localdate() + timedelta(days=40)
        return services.meeting_schedule(
            by=officer,
            board=board,
            first_date=first,
            start_time=kwargs.pop("start_time", time(10)),
            location=kwargs.pop("location", "Lloyd House, Birmingham"),
            **kwargs,
        )[0]

    return make


@pytest.fixture
def meeting(schedule: Callable[..., Meeting]) -> Meeting:
    return schedule()


@pytest.fixture
def write_paper(officer: User, chair: Person, rep: Person) -> Callable[..., Paper]:
    def make(meeting: Meeting, title: str = "Progress update", **kwargs: Any) -> Paper:
        item = services.item_add(
            by=officer,
            meeting=meeting,
            data={
                "kind": kwargs.pop("kind", AgendaItem.Kind.REPORT),
                "title": title,
                "private": kwargs.get("private", False),
                "exemption": kwargs.pop("exemption", ""),
            },
        )
        kwargs.pop("private", None)
        return services.paper_create(
            by=officer,
            item=item,
            data={
                "title": title,
                "purpose": "To update the board on progress.",
                "financial_implications": "None at this stage.",
                "legal_implications": "",
                "equality_implications": "An assessment is under way.",
                "author": rep,
                "contact_officer": rep,
                "presented_by": "Head of Policy",
            },
            recommendations=kwargs.pop("recommendations", ["Note the report."]),
            sections=kwargs.pop(
                "sections",
                [("Background", "The partnership met in shadow form.\n\nIt meets quarterly.")],
            ),
        )

    return make


@pytest.fixture
def past(schedule: Callable[..., Meeting]) -> list[Meeting]:
    """Two meetings of the board in 2018, three months apart."""
    first = schedule(date(2018, 4, 24))
    second = schedule(date(2018, 7, 24))
    return [first, second]


@pytest.fixture
def recorded(
    past: list[Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> dict[str, Any]:
    """Two 2018 meetings: the first public, held, decided and minuted; the second approves them."""
    first, second = past
    paper = write_paper(first, title="WMCSP progress update")
    closed = write_paper(first, title="Grant to a named provider", private=True, exemption="3")
    services.agenda_publish(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    hold(first, officer, present=[chair, rep])
    decision = services.decision_record(
        by=officer,
        item=paper.item,
        summary="The board noted the progress made.",
        outcomes=[services.OutcomeInput(r.pk, "noted") for r in paper.recommendations.all()],
        published_on=date(2018, 4, 25),
    )
    secret = services.decision_record(
        by=officer,
        item=closed.item,
        summary="The grant was agreed.",
        outcomes=[services.OutcomeInput(r.pk, "agreed") for r in closed.recommendations.all()],
        published_on=date(2018, 4, 25),
    )
    minutes = services.minutes_draft(
        by=officer, meeting=first, body="The board met at Lloyd House."
    )
    hold(second, officer, present=[chair, rep])
    services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
    minutes.refresh_from_db()
    first.refresh_from_db()
    paper.refresh_from_db()
    return {
        "first": first,
        "second": second,
        "paper": paper,
        "private_paper": closed,
        "decision": decision,
        "private_decision": secret,
        "minutes": minutes,
    }


@pytest.fixture
def dsg(region: Region) -> Board:
    return Board.objects.create(
        region=region, slug="dsg", name="Devolution Strategy Group", kind="officer_group"
    )


@pytest.fixture
def proposal(region: Region, board: Board, dsg: Board, officer: User) -> Proposal:
    """A proposal on its own route, waiting for the partnership (step 1, then the DSG)."""
    final = Board.objects.create(region=region, slug="ca-board", name="Combined Authority Board")
    route = GovernanceRoute.objects.create(
        region=region, slug="deal-route", name="Deal route", final_board=final
    )
    RouteStep.objects.create(route=route, position=1, board=board)
    RouteStep.objects.create(route=route, position=2, board=dsg)
    theme = Theme.objects.create(region=region, slug="safety", name="Safer places", position=1)
    workstream = Workstream.objects.create(theme=theme, slug="crime", name="Crime and safety")
    deal = Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)
    made = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title="Violence reduction partnership",
        summary="One budget for preventing serious violence.",
        ask_type="funding",
        amount_pence=3_600_000_000,
        years_from="2023/24",
        years_to="2025/26",
        form_of_devolution="double",
    )
    proposal_services.proposal_route(by=officer, proposal=made)
    return made
