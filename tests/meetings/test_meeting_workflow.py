"""Every state × every target, for each workflow table: allowed exactly where the table says."""

from __future__ import annotations

import pytest

from remit.core import transitions
from remit.meetings import workflow
from remit.meetings.workflow import MeetingStatus as M
from remit.meetings.workflow import PaperStatus as P

MEETING_ALLOWED = {
    (M.SCHEDULED, M.PAPERS_PUBLISHED),
    (M.SCHEDULED, M.CANCELLED),
    (M.PAPERS_PUBLISHED, M.HELD),
    (M.PAPERS_PUBLISHED, M.CANCELLED),
    (M.HELD, M.MINUTES_APPROVED),
}
PAPER_ALLOWED = {
    (P.DRAFT, P.MEMBERS),
    (P.DRAFT, P.WITHDRAWN),
    (P.MEMBERS, P.PUBLIC),
    (P.MEMBERS, P.WITHDRAWN),
    (P.PUBLIC, P.WITHDRAWN),
}


@pytest.mark.parametrize("current", M.values)
@pytest.mark.parametrize("target", M.values)
def test_meeting_transitions(current: str, target: str) -> None:
    expected = (current, target) in MEETING_ALLOWED
    assert transitions.allowed(workflow.MEETING_TRANSITIONS, current, target) is expected
    if not expected:
        with pytest.raises(transitions.TransitionRefused) as caught:
            transitions.check(workflow.MEETING_TRANSITIONS, current, target, M, "meeting")
        assert caught.value.field == "status"


@pytest.mark.parametrize("current", P.values)
@pytest.mark.parametrize("target", P.values)
def test_paper_transitions(current: str, target: str) -> None:
    assert transitions.allowed(workflow.PAPER_TRANSITIONS, current, target) is (
        (current, target) in PAPER_ALLOWED
    )


def test_approved_minutes_go_nowhere() -> None:
    assert workflow.MINUTES_TRANSITIONS[workflow.MinutesStatus.APPROVED] == set()


def test_a_refusal_names_both_states() -> None:
    with pytest.raises(transitions.TransitionRefused, match="cancelled cannot become held"):
        transitions.check(workflow.MEETING_TRANSITIONS, M.CANCELLED, M.HELD, M, "meeting")
