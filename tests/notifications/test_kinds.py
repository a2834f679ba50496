"""Each kind of event tells the people it needs, and nobody else: never a conflicted assessor,
never someone who could not open the thing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from notifications_support import determine
from notifications_support import recommend
from notifications_support import schedule
from notifications_support import told
from notifications_support import write_paper

from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import RouteStep
from remit.core.models import Theme
from remit.core.models import User
from remit.funding import services as funding
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.notifications.models import Kind


@pytest.fixture
def people(make_user: Callable[..., User], region: Region) -> dict[str, User]:
    """Someone of every role who should not hear about the thing at hand unless it is theirs."""
    return {
        "analyst": make_user(Role.ANALYST),
        "outsider_member": make_user(
            Role.BOARD_MEMBER, person=region.people.get(slug="trust-lead")
        ),
        "member": make_user(Role.BOARD_MEMBER, person=region.people.get(slug="northton-rep")),
    }


def test_a_submitted_bid_tells_the_officers_who_may_assess_it_and_no_conflicted_one(
    draft_bid: Bid,
    partner: User,
    officer: User,
    trust_officer: User,
    make_user: Callable[..., User],
    region: Region,
    commissioner: User,
    people: dict[str, User],
    committed: Callable[[], Any],
) -> None:
    declared = make_user(Role.OFFICER, organisation=region.organisations.get(slug="opcc"))
    funding.interest_declare(by=declared, bid=draft_bid, nature="My partner chairs the trust.")
    admin = make_user(Role.ADMIN)
    with committed():
        funding.bid_submit(by=partner, bid=draft_bid)
    assert told(Kind.BID_SUBMITTED, f"bid-submitted:{draft_bid.pk}") == {
        officer.username,
        admin.username,
    }


def test_opening_moderation_tells_the_assessors(
    open_round: Round,
    officer: User,
    partner: User,
    commissioner: User,
    make_user: Callable[..., User],
    people: dict[str, User],
    committed: Callable[[], Any],
) -> None:
    admin = make_user(Role.ADMIN)
    with committed():
        funding.moderation_open(by=admin, round=open_round)
    assert told(Kind.MODERATION_OPENED, f"moderation:{open_round.pk}") == {
        officer.username,
        admin.username,
    }


def test_a_recommendation_tells_the_funds_decision_maker_only(
    submitted_bid: Bid,
    officer: User,
    commissioner: User,
    make_user: Callable[..., User],
    region: Region,
    people: dict[str, User],
    committed: Callable[[], Any],
) -> None:
    other_pcc = Person.objects.create(region=region, slug="deputy", name="Dee Deputy")
    make_user(Role.DECISION_MAKER, person=other_pcc)
    with committed():
        made = recommend(submitted_bid, officer)
    assert told(Kind.RECOMMENDATION_RECORDED, f"recommendation:{made.pk}") == {
        commissioner.username
    }


def test_a_determination_tells_the_bidding_organisations_people_only(
    submitted_bid: Bid,
    officer: User,
    partner: User,
    other_partner: User,
    commissioner: User,
    make_user: Callable[..., User],
    region: Region,
    committed: Callable[[], Any],
) -> None:
    colleague = make_user(Role.PARTNER, organisation=region.organisations.get(slug="safe-streets"))
    with committed():
        recommend(submitted_bid, officer)
        made = determine(Bid.all_objects.get(pk=submitted_bid.pk), commissioner)
    assert told(Kind.DETERMINATION_MADE, f"determination:{made.pk}") == {
        partner.username,
        colleague.username,
    }


def test_publishing_the_agenda_and_a_late_paper_tells_the_boards_members(
    region: Region,
    officer: User,
    commissioner: User,
    people: dict[str, User],
    committed: Callable[[], Any],
) -> None:
    from remit.meetings import services as meetings

    board = region.boards.get(slug="csp")
    meeting = schedule(board, officer, timezone.localdate() + timedelta(days=40))
    write_paper(meeting, officer, "Progress update")
    with committed():
        meetings.agenda_publish(by=officer, meeting=meeting)
    members = {people["member"].username, commissioner.username}
    assert told(Kind.PAPER_PUBLISHED, f"agenda:{meeting.pk}") == members
    later = write_paper(meeting, officer, "Budget")
    with committed():
        meetings.paper_publish(by=officer, paper=later)
    assert told(Kind.PAPER_PUBLISHED, f"paper:{later.pk}") == members


def test_a_former_member_is_not_told_of_the_boards_papers(
    region: Region,
    officer: User,
    people: dict[str, User],
    committed: Callable[[], Any],
) -> None:
    from remit.meetings import services as meetings

    board = region.boards.get(slug="csp")
    board.memberships.filter(person__slug="northton-rep").update(end=date(2019, 1, 1))
    meeting = schedule(board, officer, timezone.localdate() + timedelta(days=40))
    write_paper(meeting, officer)
    with committed():
        meetings.agenda_publish(by=officer, meeting=meeting)
    assert told(Kind.PAPER_PUBLISHED) == set()


@pytest.fixture
def routed(region: Region, officer: User, make_user: Callable[..., User]) -> Any:
    """A proposal led by an officer with an account, waiting at its first forum."""
    from remit.proposals import services as proposals
    from remit.proposals.models import Deal
    from remit.proposals.models import Proposal

    lead = Person.objects.create(region=region, slug="lead", name="Lee Lead")
    lead_user = make_user(Role.OFFICER, person=lead)
    final = Board.objects.create(region=region, slug="ca-board", name="Combined Authority Board")
    route = GovernanceRoute.objects.create(
        region=region, slug="route", name="Deal route", final_board=final
    )
    RouteStep.objects.create(route=route, position=1, board=region.boards.get(slug="csp"))
    theme = Theme.objects.create(region=region, slug="safety", name="Safer places", position=1)
    workstream = theme.workstreams.create(slug="crime", name="Crime and safety")
    deal = Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title="Violence reduction partnership",
        summary="One budget for preventing serious violence.",
        ask_type="funding",
        amount_pence=3_600_000_000,
        years_from="2023/24",
        years_to="2025/26",
        form_of_devolution="double",
        lead_officer=lead,
    )
    routing = proposals.proposal_route(by=officer, proposal=proposal)
    return proposal, routing, lead_user


def test_referring_a_proposal_back_tells_its_lead_officer_only(
    routed: Any, officer: User, people: dict[str, User], committed: Callable[[], Any]
) -> None:
    from remit.proposals import services as proposals

    proposal, routing, lead_user = routed
    with committed():
        decision = proposals.forum_decision_record(
            by=officer,
            routing=routing,
            position=1,
            outcome="referred_back",
            decided_on=date(2022, 7, 1),
            reasons="The costs need more work.",
        )
    key = f"referred-back:{decision.pk}:{proposal.pk}"
    assert told(Kind.PROPOSAL_REFERRED_BACK, key) == {lead_user.username}


def test_an_endorsement_tells_nobody_it_was_referred_back(
    routed: Any, officer: User, committed: Callable[[], Any]
) -> None:
    from remit.proposals import services as proposals

    _, routing, _ = routed
    with committed():
        proposals.forum_decision_record(
            by=officer, routing=routing, position=1, outcome="endorsed", decided_on=date(2022, 7, 1)
        )
    assert told(Kind.PROPOSAL_REFERRED_BACK) == set()


def test_an_import_that_ends_tells_who_started_it_only(
    region: Region, make_user: Callable[..., User], committed: Callable[[], Any]
) -> None:
    from remit.indicators.models import ImportJob
    from remit.indicators.services import crime_import_request

    analyst, other = make_user(Role.ANALYST), make_user(Role.ANALYST)
    with committed():
        job = crime_import_request(
            by=analyst, region=region, upload=ContentFile(b"not,a,police,file\n"), name="x.csv"
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert told(Kind.IMPORT_FINISHED, f"import:{job.pk}") == {analyst.username}
    assert other.username not in told(Kind.IMPORT_FINISHED)


def test_a_submitted_return_tells_the_officers_who_manage_grants_only(
    grant: Any,
    partner: User,
    officer: User,
    other_partner: User,
    people: dict[str, User],
    make_user: Callable[..., User],
    committed: Callable[[], Any],
) -> None:
    admin = make_user(Role.ADMIN)
    row = grant.returns.order_by("due_on").first()
    with committed():
        funding.return_submit(
            by=partner,
            monitoring_return=row,
            data={
                "spend_to_date_pence": 100_000,
                "outcomes_report": "Two patrols a week.",
                "rag": "green",
                "figures": {o.pk: "3" for o in grant.bid.outcomes.all()},
            },
        )
    assert told(Kind.RETURN_SUBMITTED) == {officer.username, admin.username}
