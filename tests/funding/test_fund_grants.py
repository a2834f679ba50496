"""Grants: agreement, payments that add up, monitoring returns, publication on the register."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from funding_support import awarded
from funding_support import ready

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    return awarded(make_bid, officer, commissioner)


def test_the_agreement_sets_the_monitoring_returns_due(grant: Grant, officer: User) -> None:
    services.grant_agreement_set(
        by=officer,
        grant=grant,
        data={"agreement_start": date(2018, 4, 1), "agreement_end": date(2019, 3, 31)},
    )
    periods = list(grant.returns.values_list("period_start", "period_end", "due_on"))
    assert periods[0] == (date(2018, 4, 1), date(2018, 6, 30), date(2018, 7, 30))
    assert len(periods) == 4
    services.grant_agreement_set(by=officer, grant=grant, data={"return_frequency": "half_yearly"})
    assert grant.returns.count() == 2


def test_the_schedule_must_add_up_to_the_award(grant: Grant, officer: User) -> None:
    with pytest.raises(DomainError) as error:
        services.grant_schedule_set(by=officer, grant=grant, text="2018-04-30, 10000.00")
    assert "add up to £10,000.00 but the award is £20,000.00" in error.value.message
    assert not grant.instalments.exists()
    with pytest.raises(DomainError, match="Line 2: write a date"):
        services.grant_schedule_set(by=officer, grant=grant, text="2018-04-30, 1\nsoon, 1")
    services.grant_schedule_set(
        by=officer, grant=grant, text="2018-04-30, 15,000\n2018-10-31, 5000.00"
    )
    assert sum(grant.instalments.values_list("amount_pence", flat=True)) == 2_000_000


def test_the_grantee_submits_a_return_and_officers_see_underspend_and_late_returns(
    grant: Grant, officer: User, partner: User, other_partner: User
) -> None:
    ready(grant, officer)
    first, second = grant.returns.order_by("period_start")[:2]
    with pytest.raises(NotPermitted):
        services.return_submit(
            by=other_partner,
            monitoring_return=first,
            data={"spend_to_date_pence": 1, "outcomes_report": "x", "rag": "green"},
        )
    services.return_submit(
        by=partner,
        monitoring_return=first,
        data={
            "spend_to_date_pence": 600_000,
            "outcomes_report": "Walks every Friday.",
            "rag": "amber",
            "figures": {o.pk: 4 for o in grant.bid.outcomes.all()},
        },
        now=timezone.make_aware(timezone.datetime(2018, 7, 20, 12)),
    )
    first.refresh_from_db()
    assert (first.submitted_by, first.rag, first.is_late()) == (partner, "amber", False)
    services.payment_record(
        by=officer,
        instalment=grant.instalments.order_by("due_on").first(),
        paid_on=date(2018, 5, 1),
        amount_pence=1_000_000,
        reference="PAY-1",
        today=date(2018, 7, 20),
    )
    row = selectors.grant_row(Grant.all_objects.get(pk=grant.pk))
    assert row.paid_pence == 1_000_000
    assert row.underspend_pence == 400_000
    assert second in row.late


def test_spend_cannot_exceed_the_award(grant: Grant, officer: User, partner: User) -> None:
    ready(grant, officer)
    with pytest.raises(DomainError) as error:
        services.return_submit(
            by=partner,
            monitoring_return=grant.returns.first(),
            data={"spend_to_date_pence": 2_000_001, "outcomes_report": "x", "rag": "red"},
        )
    assert error.value.field == "spend_to_date_pence"
    assert not MonitoringReturn.objects.exclude(submitted_at=None).exists()


def test_a_grant_is_published_only_when_its_agreement_and_payments_are_set(
    grant: Grant, officer: User
) -> None:
    with pytest.raises(DomainError) as error:
        services.grant_publish(by=officer, grant=grant)
    assert "agreement's start and end dates" in error.value.message
    assert "payment schedule" in error.value.message
    assert not Grant.objects.exists()
    ready(grant, officer)
    assert list(Grant.objects.all()) == [grant]


def test_the_public_register_shows_only_published_grants(
    client: Any, make_bid: Any, officer: User, commissioner: User, other_partner: User
) -> None:
    published = ready(awarded(make_bid, officer, commissioner), officer)
    awarded(make_bid, officer, commissioner, by=other_partner, title="Not yet published")
    make_bid(title="Only submitted")
    page = client.get(reverse("funding_public:home")).content.decode()
    assert "Safer routes home" in page
    assert "Not yet published" not in page
    assert "Only submitted" not in page
    assert "£20,000.00" in page
    assert "Northton" in page
    detail = client.get(reverse("funding_public:detail", args=[published.pk])).content.decode()
    assert "Chris Chair decided on 20 March 2018 to fund in full (decision PCC 2018/001)" in detail
    unpublished = Grant.all_objects.exclude(pk=published.pk).get()
    assert client.get(reverse("funding_public:detail", args=[unpublished.pk])).status_code == 404


def test_the_partner_sees_its_own_grants_only(
    client: Any,
    make_bid: Any,
    officer: User,
    commissioner: User,
    partner: User,
    other_partner: User,
) -> None:
    mine = awarded(make_bid, officer, commissioner)
    theirs = awarded(make_bid, officer, commissioner, by=other_partner, title="Theirs")
    client.force_login(partner)
    listing = client.get(reverse("funding:grants"))
    assert [row.grant for row in listing.context["rows"]] == [mine]
    assert client.get(reverse("funding:grant", args=[theirs.pk])).status_code == 404


def test_the_admin_cannot_change_delete_or_revert_a_published_grant_or_its_bid(
    client: Any, grant: Grant, officer: User, make_user: Any
) -> None:
    ready(grant, officer)
    bid = grant.bid
    client.force_login(make_user(Role.ADMIN))
    version = grant.history.latest("history_date")
    posts = [
        (reverse("admin:funding_grant_change", args=[grant.pk]), {"amount_pence": "1"}),
        (reverse("admin:funding_grant_delete", args=[grant.pk]), {"post": "yes"}),
        (
            reverse("admin:funding_grant_simple_history", args=[grant.pk, version.history_id]),
            {"amount_pence": "1"},
        ),
        (reverse("admin:funding_bid_change", args=[bid.pk]), {"status": "withdrawn"}),
    ]

    for url, data in posts:
        assert client.post(url, data).status_code == 403, url

    kept = Grant.objects.get(pk=grant.pk)
    assert kept.amount_pence == 2_000_000
    assert kept.is_published
    assert kept.bid.status == "awarded"
    public = client.get(reverse("funding_public:detail", args=[grant.pk])).content.decode()
    assert "£20,000.00" in public
