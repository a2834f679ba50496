"""Rounds: time-zone-aware dates, ordered questions, weighted criteria, 1 to 3 years."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from funding_support import draft

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of
from remit.funding import services
from remit.funding.models import Fund
from remit.funding.models import Question
from remit.funding.models import Round


def _data(**overrides: Any) -> dict[str, Any]:
    now = timezone.now()
    return {
        "slug": "main",
        "title": "Main round",
        "opens_at": now,
        "closes_at": now + timedelta(days=10),
        **overrides,
    }


def test_a_round_must_close_after_it_opens(fund: Fund, officer: User) -> None:
    now = timezone.now()
    with pytest.raises(DomainError) as error:
        services.round_create(by=officer, fund=fund, data=_data(closes_at=now - timedelta(hours=1)))
    assert error.value.field == "closes_at"


def test_round_times_must_say_their_time_zone(fund: Fund, officer: User) -> None:
    with pytest.raises(DomainError) as error:
        services.round_create(
            by=officer,
            fund=fund,
            data=_data(opens_at=datetime(2018, 1, 8, 9)),  # noqa: DTZ001
        )
    assert error.value.field == "opens_at"


def test_a_round_funds_up_to_three_years_from_the_funds_year(fund: Fund, officer: User) -> None:
    round = services.round_create(by=officer, fund=fund, data=_data(max_years=3))
    assert round.years == ("2018/19", "2019/20", "2020/21")
    with pytest.raises(DomainError):
        services.round_create(by=officer, fund=fund, data=_data(slug="long", max_years=4))


def test_the_round_form_reads_uk_time(client: Any, fund: Fund, officer: User) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("funding:round_create", args=[fund.slug]),
        {
            "title": "Summer round",
            "slug": "summer",
            "opens_on": "2018-06-01",
            "opens_time": "09:00",
            "closes_on": "2018-06-29",
            "closes_time": "17:00",
            "max_years": "1",
        },
    )
    assert response.status_code == 302
    round = Round.objects.get(slug="summer")
    assert round.closes_at == datetime(2018, 6, 29, 16, 0, tzinfo=ZoneInfo("UTC"))


def test_questions_keep_their_order_and_can_be_moved(open_round: Round, officer: User) -> None:
    second = services.question_add(by=officer, round=open_round, data={"text": "Second?"})
    services.question_move(by=officer, question=second, up=True)
    assert list(open_round.questions.order_by("position").values_list("text", flat=True)) == [
        "Second?",
        "What is the need?",
    ]
    assert Question.history.filter(id=second.pk).first().history_change_reason == "Reordered"


def test_a_criterion_with_scores_stays(open_round: Round, officer: User, make_bid: Any) -> None:
    bid = make_bid()
    criterion = open_round.criteria.first()
    services.scores_record(by=officer, bid=bid, scores={criterion.pk: (4, "")})
    with pytest.raises(DomainError, match="scored on this criterion"):
        services.criterion_remove(by=officer, criterion=criterion)


def test_the_years_cannot_shrink_under_bids_that_ask_for_them(
    open_round: Round, officer: User, partner: User
) -> None:
    draft(open_round, partner, amounts={"2019/20": 500_000})
    with pytest.raises(DomainError) as error:
        services.round_update(by=officer, round=open_round, data={"max_years": 1})
    assert error.value.field == "max_years"


def test_a_second_round_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    open_round: Round, officer: User
) -> None:
    read = version_of(open_round)
    services.round_update(by=officer, round=open_round, data={"title": "Spring"}, version=read)
    with pytest.raises(StaleEdit, match="→ Spring"):
        services.round_update(by=officer, round=open_round, data={"max_years": 1}, version=read)
    stored = Round.objects.get(pk=open_round.pk)
    assert (stored.title, stored.max_years) == ("Spring", open_round.max_years)
