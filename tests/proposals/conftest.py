"""A deal in Testshire with a three-forum route and a final board, and proposal factories."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import RouteStep
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import Proposal

DECIDED = date(2022, 7, 1)


@pytest.fixture
def deal(region: Region) -> Deal:
    boards = {
        slug: Board.objects.create(region=region, slug=slug, name=name, kind="officer_group")
        for slug, name in [
            ("slog", "Senior Officers Group"),
            ("dsg", "Devolution Strategy Group"),
            ("fdg", "Finance Directors Group"),
            ("ca-board", "Combined Authority Board"),
        ]
    }
    route = GovernanceRoute.objects.create(
        region=region, slug="deal-route", name="Deal route", final_board=boards["ca-board"]
    )
    for position, slug in enumerate(["slog", "dsg", "fdg"], start=1):
        RouteStep.objects.create(route=route, position=position, board=boards[slug])
    theme = Theme.objects.create(region=region, slug="safety", name="Safer places", position=1)
    lead = Person.objects.create(region=region, slug="ws-lead", name="Wren Lead")
    Workstream.objects.create(theme=theme, slug="crime", name="Crime and safety", lead=lead)
    Workstream.objects.create(theme=theme, slug="youth", name="Youth", position=2)
    other = Theme.objects.create(region=region, slug="growth", name="Growth", position=2)
    Workstream.objects.create(theme=other, slug="skills", name="Skills")
    for number, title in [(3, "Transport"), (7, "Health"), (12, "Local leadership")]:
        Mission.objects.create(region=region, number=number, short_title=title, target="…")
    Organisation.objects.create(
        region=region, slug="home-office", name="Home Office", kind="government_department"
    )
    Organisation.objects.create(
        region=region, slug="moj", name="Ministry of Justice", kind="government_department"
    )
    return Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)


@pytest.fixture
def make_proposal(deal: Deal) -> Callable[..., Proposal]:
    """A proposal built directly; `ready=True` fills in what a forum needs to see."""
    counter = iter(range(100_000))

    def make(
        workstream: str = "crime",
        status: str = "draft",
        signed_off: bool = False,
        published: bool = False,
        **fields: Any,
    ) -> Proposal:
        values: dict[str, Any] = {
            "title": f"Proposal {next(counter)}",
            "summary": "What it does.",
            "ask_type": "funding",
            "amount_pence": 150_000_000,
            "years_from": "2023/24",
            "years_to": "2025/26",
            "form_of_devolution": "single",
        }
        values.update(fields)
        proposal = Proposal.all_objects.create(
            deal=deal,
            workstream=Workstream.objects.get(slug=workstream, theme__region=deal.region),
            status=status,
            is_published=published,
            published_at=timezone.now() if published else None,
            **values,
        )
        proposal.departments.set(Organisation.objects.filter(slug="home-office"))
        if signed_off:
            _sign_off(proposal)
        return proposal

    return make


@pytest.fixture
def sign_off(db: Any) -> Callable[..., ImpactAssessment]:
    return _sign_off


def _sign_off(proposal: Proposal, by: User | None = None) -> ImpactAssessment:
    return ImpactAssessment.objects.create(
        proposal=proposal,
        ratings={"age": "positive", "victims": "positive"},
        signed_off_by=by or User.objects.filter(role=Role.OFFICER).first() or _system_user(),
        signed_off_at=timezone.now(),
    )


def _system_user() -> User:
    return User.objects.create(username="screening-officer", role=Role.OFFICER)


@pytest.fixture
def lead_user(make_user: Callable[..., User], region: Region, deal: Deal) -> User:
    """A board member whose person record leads the crime workstream."""
    return make_user(Role.BOARD_MEMBER, person=region.people.get(slug="ws-lead"))


@pytest.fixture
def decide(officer: User) -> Callable[..., Any]:
    """Record the decision of the forum the routing waits at (or at `position`)."""
    from remit.proposals.services import forum_decision_record

    def record(routing: Any, outcome: str = "endorsed", position: int | None = None, **kw: Any):
        routing.refresh_from_db()
        return forum_decision_record(
            by=kw.pop("by", officer),
            routing=routing,
            position=position or routing.current_position,
            outcome=outcome,
            decided_on=kw.pop("decided_on", DECIDED),
            **kw,
        )

    return record
