"""The demo business case: loaded once into the West Midlands, left out elsewhere."""

from __future__ import annotations

from typing import Any

from remit.appraisal.demo import TITLE
from remit.appraisal.demo import demo_load
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.core.models import Region
from remit.core.services.demo import demo_load as core_demo_load


def test_the_demo_case_loads_once_with_a_story_to_tell(db: Any) -> None:
    from remit.proposals.demo import demo_load as proposals_demo_load

    report, _ = core_demo_load(region="west-midlands")
    region = report.region
    proposals_demo_load(region)
    demo_load(region)
    demo_load(region)
    case = BusinessCase.all_objects.get(region=region)
    assert case.proposal.title == "Regional violence reduction partnership"
    assert case.title == TITLE
    assert case.stage == "outline"
    statuses = dict(case.sections.values_list("kind", "status"))
    assert statuses == {
        "strategic": "approved",
        "economic": "drafting",
        "commercial": "drafting",
        "financial": "drafting",
        "management": "ready_for_review",
    }
    runs = AppraisalRun.objects.filter(business_case=case).order_by("number")
    assert [len(run.result["options"]) for run in runs] == [3, 3]
    decision = case.approved_decision
    assert decision is not None
    assert decision.board.slug == "spcb"
    assert decision.stage == "strategic_outline"
    assert decision.appraisal_run == runs[0]
    assert [m.number for m in case.missions.order_by("number")] == [7, 11]
    assert case.risks.count() == 3
    assert case.milestones.count() == 5
    assert case.funding_lines.count() == 7
    assert case.sections.get(kind="management").comments.count() == 1


def test_the_demo_leaves_a_region_without_its_boards_alone(region: Region, officer: Any) -> None:
    demo_load(region)
    assert not BusinessCase.all_objects.exists()
