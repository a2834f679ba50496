"""A published funding round makes as many queries with three times the questions, criteria and
joint owners as with one of each, and lists them all."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from typing import Any

from django.urls import reverse
from portal_support import Records

from remit.core.models import Organisation
from remit.funding.models import Criterion
from remit.funding.models import Question
from remit.funding.models import Round

MORE = 3


def _add(round: Round, numbers: range) -> None:
    for n in numbers:
        Question.objects.create(round=round, position=n, text=f"Question {n}?")
        Criterion.objects.create(round=round, position=n, title=f"Criterion {n}", weight=1)
        owner = Organisation.objects.create(
            region=round.fund.region, slug=f"owner-{n}", name=f"Owner {n}", kind="other"
        )
        round.fund.joint_owners.add(owner)


def test_a_published_round_makes_no_more_queries_with_more_questions_and_criteria(
    records: Records, clock: datetime, page_queries_stay_flat: Any
) -> None:
    round = records.round(clock - timedelta(days=1), clock + timedelta(days=30), "Spring round")
    _add(round, range(1))
    html = page_queries_stay_flat(
        reverse("portal:round", args=[round.pk]), lambda: _add(round, range(1, 1 + 3 * MORE))
    )
    assert "Spring round" in html
    for n in range(1 + 3 * MORE):
        assert f"Question {n}?" in html
        assert f"Criterion {n}" in html
        assert f"Owner {n}" in html
