"""The forms for one proposal, deal, paper or session make as many queries with four times the
missions, workstreams, people, organisations, departments, proposals, sessions and alignments
they offer or show as with one of each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import Milestone
from remit.proposals.models import Proposal
from remit.proposals.services import alignment_set
from remit.proposals.services import feedback_add
from remit.proposals.services import idea_add
from remit.proposals.services import paper_create
from remit.proposals.services import paper_route
from remit.proposals.services import proposal_route
from remit.proposals.services import session_create

MORE = 3


def _session(officer: User, deal: Deal, title: str) -> Any:
    return session_create(
        by=officer,
        deal=deal,
        data={
            "kind": "idea_generation",
            "title": title,
            "held_on": date(2022, 3, 15),
            "stage": "discover",
            "workstream": Workstream.objects.get(slug="crime"),
        },
    )


def _grow(
    officer: User, deal: Deal, proposal: Proposal, make_proposal: Any, numbers: range
) -> None:
    """More of everything the forms offer as a choice or list beside the form."""
    region = deal.region
    for n in numbers:
        theme = Theme.objects.create(region=region, slug=f"theme-{n}", name=f"Theme {n}")
        Workstream.objects.create(theme=theme, slug=f"stream-{n}", name=f"Stream {n}")
        Person.objects.create(region=region, slug=f"person-{n}", name=f"Person {n}")
        Organisation.objects.create(
            region=region, slug=f"partner-{n}", name=f"Partner {n}", kind="voluntary_sector"
        )
        Organisation.objects.create(
            region=region,
            slug=f"department-{n}",
            name=f"Department {n}",
            kind="government_department",
        )
        mission = Mission.objects.create(
            region=region, number=100 + n, short_title=f"Goal {n}", target="…"
        )
        alignment_set(
            by=officer,
            proposal=proposal,
            mission=mission,
            strength="primary",
            rationale=f"Serves goal {n}.",
        )
        make_proposal(title=f"Other proposal {n}")
        _session(officer, deal, f"Session {n}")


@pytest.fixture
def records(officer: User, deal: Deal, make_proposal: Any, decide: Any) -> dict[str, Any]:
    proposal = make_proposal(title="Safer streets for all")
    routing = proposal_route(by=officer, proposal=proposal)
    decision = decide(routing)
    session = _session(officer, deal, "Ideas session on violence")
    idea = idea_add(by=officer, session=session, data={"title": "Late night buses"})
    feedback = feedback_add(by=officer, session=session, data={"text": "More lighting please"})
    paper = paper_create(
        by=officer,
        deal=deal,
        data={
            "title": "Position on safer streets",
            "proposals": [make_proposal(title="Paper one")],
        },
    )
    paper_route(by=officer, paper=paper)
    milestone = Milestone.objects.create(
        deal=deal, kind="other", title="Deal signed", planned_on=date(2023, 3, 1)
    )
    return {
        "proposal": proposal,
        "decision": decision,
        "session": session,
        "idea": idea,
        "feedback": feedback,
        "paper": paper,
        "milestone": milestone,
        "deal": deal,
    }


# (url for the records, text the page shows, text a grown choice or row shows)
PAGES: dict[str, tuple[Callable[[dict[str, Any]], str], str, str]] = {
    "create": (lambda r: reverse("proposals:create") + "?deal=deal", "Add a proposal", "Person 2"),
    "edit": (
        lambda r: reverse("proposals:edit", args=[r["proposal"].pk]),
        "Edit Safer streets for all",
        "Theme 2: Stream 2",
    ),
    "align": (
        lambda r: reverse("proposals:align", args=[r["proposal"].pk]),
        "Safer streets for all",
        "102. Goal 2",
    ),
    "decision_new": (
        lambda r: reverse("proposals:decision_new", args=[r["proposal"].pk]),
        "Record a forum decision",
        "Safer streets for all",
    ),
    "decision_correct": (
        lambda r: reverse("proposals:decision_correct", args=[r["decision"].pk]),
        "Correct the decision of Senior Officers Group",
        "Record correction",
    ),
    "submit": (
        lambda r: reverse("proposals:submit", args=[r["proposal"].pk]),
        "Submit to government",
        "Safer streets for all",
    ),
    "negotiation_new": (
        lambda r: reverse("proposals:negotiation_new", args=[r["proposal"].pk]),
        "Log a negotiation meeting",
        "Department 2",
    ),
    "outcome": (
        lambda r: reverse("proposals:outcome", args=[r["proposal"].pk]),
        "Record the outcome of negotiation",
        "Safer streets for all",
    ),
    "withdraw": (
        lambda r: reverse("proposals:withdraw", args=[r["proposal"].pk]),
        "Withdraw the proposal",
        "Safer streets for all",
    ),
    "screening": (
        lambda r: reverse("proposals:screening", args=[r["proposal"].pk]),
        "Equality and health impact screening",
        "Safer streets for all",
    ),
    "engagement_new": (
        lambda r: reverse("proposals:engagement_new", args=[r["proposal"].pk]),
        "Record engagement",
        "Session 2",
    ),
    "deal_create": (lambda r: reverse("proposals:deal_create"), "Add a deal", "Deal route"),
    "deal_edit": (
        lambda r: reverse("proposals:deal_edit", args=[r["deal"].slug]),
        "Edit Testshire Deal",
        "Deal route",
    ),
    "milestone_create": (
        lambda r: reverse("proposals:milestone_create", args=[r["deal"].slug]),
        "Add a milestone",
        "Testshire Deal",
    ),
    "milestone_edit": (
        lambda r: reverse("proposals:milestone_edit", args=[r["milestone"].pk]),
        "Edit Deal signed",
        "Deal signed",
    ),
    "paper_create": (
        lambda r: reverse("proposals:paper_create") + "?deal=deal",
        "Add a position paper",
        "Other proposal 2",
    ),
    "paper_edit": (
        lambda r: reverse("proposals:paper_edit", args=[r["paper"].pk]),
        "Edit Position on safer streets",
        "Other proposal 2",
    ),
    "paper_decision_new": (
        lambda r: reverse("proposals:paper_decision_new", args=[r["paper"].pk]),
        "Record a forum decision",
        "Position on safer streets",
    ),
    "session_create": (
        lambda r: reverse("proposals:session_create") + "?deal=deal",
        "Record an engagement session",
        "Partner 2",
    ),
    "session_edit": (
        lambda r: reverse("proposals:session_edit", args=[r["session"].pk]),
        "Edit Ideas session on violence",
        "Department 2",
    ),
    "idea_new": (
        lambda r: reverse("proposals:idea_new", args=[r["session"].pk]),
        "Capture an idea",
        "Partner 2",
    ),
    "feedback_new": (
        lambda r: reverse("proposals:feedback_new", args=[r["session"].pk]),
        "Capture feedback",
        "Other proposal 2",
    ),
    "idea_adopt": (
        lambda r: reverse("proposals:idea_adopt", args=[r["idea"].pk]),
        "Turn the idea into a proposal",
        "Person 2",
    ),
    "feedback_acted_on": (
        lambda r: reverse("proposals:feedback_acted_on", args=[r["feedback"].pk]),
        "Mark feedback as acted on",
        "What was done about it",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_form_page_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    officer: User,
    deal: Deal,
    make_proposal: Any,
    records: dict[str, Any],
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = PAGES[page]
    proposal = records["proposal"]
    _grow(officer, deal, proposal, make_proposal, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(
        url(records), lambda: _grow(officer, deal, proposal, make_proposal, range(1, 1 + MORE))
    )

    assert shows in html
    assert grown in html
