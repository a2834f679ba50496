"""A position paper goes along the route with its proposals; they share its decisions."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.proposals.models import DecisionEffect
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.services import paper_create
from remit.proposals.services import paper_route
from remit.proposals.services import paper_update
from remit.proposals.services import proposal_route
from remit.proposals.workflow import Status


@pytest.fixture
def paper(make_proposal: Any, officer: Any, deal: Any) -> PositionPaper:
    proposals = [make_proposal(), make_proposal(workstream="youth")]
    return paper_create(
        by=officer,
        deal=deal,
        data={"title": "Community safety position paper", "proposals": proposals},
    )


def test_routing_a_paper_sends_every_proposal_in_it(paper: PositionPaper, officer: Any) -> None:
    routing = paper_route(by=officer, paper=paper)

    assert routing.paper == paper
    assert routing.current_position == 1
    for proposal in Proposal.all_objects.filter(papers=paper):
        assert proposal.status == Status.IN_GOVERNANCE
        assert proposal.history.latest().history_user == officer


def test_a_papers_decision_is_shared_by_its_proposals(
    paper: PositionPaper, officer: Any, decide: Any
) -> None:
    routing = paper_route(by=officer, paper=paper)
    decision = decide(routing, "referred_back", reasons="Merge the two youth asks.")

    effects = DecisionEffect.objects.filter(decision=decision)
    assert effects.count() == 2
    assert set(Proposal.all_objects.filter(papers=paper).values_list("status", flat=True)) == {
        Status.DRAFT
    }


def test_a_proposal_in_a_routed_paper_cannot_be_routed_on_its_own(
    paper: PositionPaper, officer: Any, decide: Any
) -> None:
    routing = paper_route(by=officer, paper=paper)
    decide(routing, "referred_back", reasons="Rework.")
    proposal = Proposal.all_objects.filter(papers=paper).first()
    with pytest.raises(DomainError, match="send the paper instead"):
        proposal_route(by=officer, proposal=proposal)


def test_a_paper_cannot_carry_a_proposal_already_on_its_own_route(
    make_proposal: Any, officer: Any, deal: Any
) -> None:
    alone = make_proposal()
    proposal_route(by=officer, proposal=alone)
    alone.status = Status.DRAFT  # as if referred back and waiting
    paper = paper_create(by=officer, deal=deal, data={"title": "Paper", "proposals": [alone]})
    with pytest.raises(DomainError, match="already going through governance"):
        paper_route(by=officer, paper=paper)


def test_a_routed_papers_proposals_are_fixed(
    paper: PositionPaper, officer: Any, make_proposal: Any
) -> None:
    paper_route(by=officer, paper=paper)
    with pytest.raises(DomainError) as refused:
        paper_update(by=officer, paper=paper, data={"proposals": [make_proposal()]})
    assert refused.value.field == "proposals"


def test_an_empty_paper_cannot_be_routed(officer: Any, deal: Any) -> None:
    paper = paper_create(by=officer, deal=deal, data={"title": "Empty"})
    with pytest.raises(DomainError, match="at least one proposal"):
        paper_route(by=officer, paper=paper)


def test_the_final_board_needs_every_proposal_in_the_paper_screened(
    paper: PositionPaper, officer: Any, decide: Any, sign_off: Any
) -> None:
    routing = paper_route(by=officer, paper=paper)
    for _ in range(3):
        decide(routing, "endorsed")
    first, second = Proposal.all_objects.filter(papers=paper).order_by("pk")
    sign_off(first)
    with pytest.raises(DomainError, match=second.title):
        decide(routing, "endorsed")
