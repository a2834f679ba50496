"""The partnership recommends; the commissioner determines. Both are never changed, only
corrected by a later record; a funding determination makes the grant."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.core.records import ImmutableRecord
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import Recommendation
from remit.funding.models import ScenarioAdoption
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome

DAY = date(2018, 3, 20)


def _recommend(
    bid: Bid, officer: User, outcome: str = Outcome.FUND_IN_FULL, **kw: Any
) -> Recommendation:
    return services.recommendation_record(
        by=officer, bid=bid, outcome=outcome, reasons="Scored well.", recommended_on=DAY, **kw
    )


def test_the_partnerships_recommendation_is_recorded_with_reasons(
    make_bid: Any, officer: User
) -> None:
    bid = make_bid()
    recommendation = _recommend(bid, officer, Outcome.FUND_IN_PART, amount_pence=1_000_000)
    bid.refresh_from_db()
    assert bid.recommendation == recommendation
    assert recommendation.board.slug == "csp"
    with pytest.raises(DomainError, match=r"less than the £20,000\.00 asked"):
        _recommend(make_bid(title="Other"), officer, Outcome.FUND_IN_PART, amount_pence=2_000_000)


def test_a_recommendation_needs_reasons(make_bid: Any, officer: User) -> None:
    with pytest.raises(DomainError) as error:
        services.recommendation_record(
            by=officer, bid=make_bid(), outcome="fund_in_full", reasons=" ", recommended_on=DAY
        )
    assert error.value.field == "reasons"


def test_board_members_read_recommendations_but_do_not_make_them(
    client: Any, make_bid: Any, officer: User, make_user: Any
) -> None:
    bid = make_bid()
    _recommend(bid, officer)
    member = make_user(Role.BOARD_MEMBER)
    with pytest.raises(NotPermitted):
        _recommend(make_bid(title="Second"), member)
    client.force_login(member)
    page = client.get(reverse("funding:bid", args=[bid.pk])).content.decode()
    assert "Scored well." in page


def test_the_commissioner_determines_and_the_grant_follows(
    make_bid: Any, officer: User, commissioner: User
) -> None:
    bid = make_bid()
    _recommend(bid, officer)
    determination = services.determination_record(
        by=commissioner, bid=bid, outcome=Outcome.FUND_IN_FULL, reasons="", decided_on=DAY
    )
    bid = Bid.objects.get(pk=bid.pk)
    assert bid.status == BidStatus.AWARDED
    assert determination.decided_by.slug == "commissioner"
    assert not determination.differs_from_recommendation
    grant = Grant.all_objects.get(bid=bid)
    assert (grant.amount_pence, grant.is_published) == (2_000_000, False)


def test_only_the_funds_decision_maker_determines(
    make_bid: Any, officer: User, make_user: Any, region: Any
) -> None:
    bid = make_bid()
    _recommend(bid, officer)
    someone_else = make_user(Role.DECISION_MAKER, person=region.people.get(slug="trust-lead"))
    for user in (officer, someone_else):
        with pytest.raises(NotPermitted, match=r"Only the fund's decision maker \(Chris Chair\)"):
            services.determination_record(
                by=user, bid=bid, outcome="fund_in_full", reasons="", decided_on=DAY
            )


def test_a_determination_that_differs_needs_reasons(
    make_bid: Any, officer: User, commissioner: User
) -> None:
    bid = make_bid()
    _recommend(bid, officer, Outcome.DO_NOT_FUND)
    with pytest.raises(DomainError) as error:
        services.determination_record(
            by=commissioner, bid=bid, outcome="fund_in_full", reasons="", decided_on=DAY
        )
    assert error.value.field == "reasons"
    assert "differs from the board's recommendation (do not fund)" in error.value.message
    determination = services.determination_record(
        by=commissioner, bid=bid, outcome="fund_in_full", reasons="Rising need.", decided_on=DAY
    )
    assert determination.differs_from_recommendation


def test_a_recorded_determination_is_never_changed_only_superseded(
    make_bid: Any, officer: User, commissioner: User
) -> None:
    bid = make_bid()
    _recommend(bid, officer)
    first = services.determination_record(
        by=commissioner, bid=bid, outcome="fund_in_full", reasons="", decided_on=DAY
    )
    first.reasons = "Rewritten"
    with pytest.raises(ImmutableRecord):
        first.save()
    with pytest.raises(ImmutableRecord):
        first.delete()
    with pytest.raises(ImmutableRecord):
        Determination.objects.filter(pk=first.pk).update(reasons="Rewritten")
    with pytest.raises(DomainError, match="record a correction"):
        services.determination_record(
            by=commissioner, bid=bid, outcome="do_not_fund", reasons="x", decided_on=DAY
        )
    correction = services.determination_record(
        by=commissioner,
        bid=bid,
        outcome="do_not_fund",
        reasons="The project cannot start.",
        decided_on=DAY,
        supersedes=first,
        correction_note="The venue was lost.",
    )
    bid = Bid.objects.get(pk=bid.pk)
    assert bid.determination == correction
    assert bid.status == BidStatus.DECLINED
    assert Determination.objects.get(pk=first.pk).reasons == ""
    assert Grant.all_objects.get(bid=bid).withdrawn_at is not None


@pytest.mark.parametrize("model", [Determination, Recommendation, ScenarioAdoption])
def test_recorded_decisions_are_read_only_in_the_admin(model: type, make_user: Any) -> None:
    request = RequestFactory().get("/admin/")
    request.user = make_user(Role.ADMIN)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_commissioner_records_a_differing_determination_through_the_page(
    client: Any, make_bid: Any, officer: User, commissioner: User
) -> None:
    bid = make_bid()
    _recommend(bid, officer)
    client.force_login(commissioner)
    url = reverse("funding:determine", args=[bid.pk])
    missing = client.post(
        url, {"outcome": "fund_in_part", "amount_pence": "10,000", "decided_on": "2018-03-20"}
    )
    assert "Give the reasons" in missing.content.decode()
    done = client.post(
        url,
        {
            "outcome": "fund_in_part",
            "amount_pence": "10,000",
            "decided_on": "2018-03-20",
            "reasons": "Half now; the rest on evidence.",
        },
    )
    assert done.status_code == 302
    assert Grant.all_objects.get().amount_pence == 1_000_000
