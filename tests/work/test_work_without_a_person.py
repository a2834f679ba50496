"""Someone whose account names no person record has no decisions, seats or history waiting."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import work_support as w
from django.contrib.auth.models import AnonymousUser

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors as funding
from remit.meetings import selectors as meetings
from remit.work import selectors


def test_a_decision_maker_with_no_person_record_has_no_determinations_waiting(
    make_user: Callable[..., User], officer: User, partner: User, region: Region, board: Any
) -> None:
    fund = w.fund(region, board=board)
    closed = w.round(fund, "spring", w.days(-60), w.days(-30))
    bid = w.bid(closed, partner.organisation, "Recommended", partner, submitted=w.days(-40))
    w.recommend(bid, officer, w.days(-10), board=board)
    nobody = make_user(Role.DECISION_MAKER)

    assert funding.awaiting_determination(region, nobody) == []
    sections = selectors.your_work(nobody, region, today=w.TODAY, now=w.NOW, since=None)
    assert w.titles(w.section(sections, "Recommendations awaiting")) == []


def test_a_board_member_with_no_person_record_has_no_meetings_coming_up(
    make_user: Callable[..., User], region: Region, board: Any
) -> None:
    w.meeting(board, w.days(6))

    assert meetings.next_meetings_for(make_user(Role.BOARD_MEMBER), region, w.TODAY, 10) == []


def test_nobody_signed_in_has_looked_at_their_work() -> None:
    assert selectors.last_looked(AnonymousUser()) is None
