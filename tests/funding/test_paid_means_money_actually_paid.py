"""Paid means paid: the money recorded as paid against instalments, never the schedule.

Payments are append-only and attributed; a payment cannot be more than is left on its
instalment; a correction is a reversal. The grant page, the grants list, the local partnership
performance report, the 360Giving export and the API all say what was actually paid.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded
from funding_support import ready

from remit.core.errors import DomainError
from remit.core.errors import ImmutableRecord
from remit.core.errors import NotPermitted
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding import threesixty
from remit.funding.models import Grant
from remit.funding.models import Instalment
from remit.funding.models import Payment
from remit.indicators import reports

TODAY = date(2018, 12, 1)


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    """£20,000 in two instalments of £10,000 (30 April and 31 October 2018), published."""
    return ready(awarded(make_bid, officer, commissioner), officer)


def _first(grant: Grant) -> Instalment:
    return grant.instalments.order_by("due_on")[0]


def _pay(grant: Grant, officer: User, amount: int, **kw: Any) -> Payment:
    return services.payment_record(
        by=officer,
        instalment=kw.pop("instalment", None) or _first(grant),
        paid_on=kw.pop("paid_on", date(2018, 5, 2)),
        amount_pence=amount,
        reference=kw.pop("reference", "PAY-0001"),
        today=TODAY,
    )


def _row(grant: Grant) -> selectors.GrantRow:
    return selectors.grant_row(selectors.find_grant(grant.bid.round.fund.region, grant.pk))


def test_paid_is_the_money_recorded_as_paid_not_the_money_scheduled(
    grant: Grant, officer: User
) -> None:
    # Both instalments fell due long ago, but nothing has been paid.
    assert _row(grant).paid_pence == 0
    assert _row(grant).due_pence == 2_000_000
    _pay(grant, officer, 600_000)
    assert _row(grant).paid_pence == 600_000


def test_a_payment_cannot_be_more_than_is_left_on_its_instalment(
    grant: Grant, officer: User
) -> None:
    _pay(grant, officer, 600_000)
    with pytest.raises(DomainError) as error:
        _pay(grant, officer, 400_001, reference="PAY-0002")
    assert error.value.field == "amount_pence"
    assert "more than is left to pay on the instalment due on 30 April 2018" in error.value.message
    assert "(£4,000.00 of £10,000.00)" in error.value.message
    assert Payment.objects.count() == 1
    _pay(grant, officer, 400_000, reference="PAY-0002")
    assert selectors.instalment_lines(selectors.find_grant(grant.bid.round.fund.region, grant.pk))[
        0
    ].status == ("Paid")


def test_a_payment_needs_a_date_not_in_the_future_an_amount_and_a_reference(
    grant: Grant, officer: User
) -> None:
    for kw, field in (
        ({"paid_on": date(2018, 12, 2)}, "paid_on"),
        ({"paid_on": None}, "paid_on"),
        ({"reference": "  "}, "reference"),
    ):
        with pytest.raises(DomainError) as error:
            _pay(grant, officer, 100, **kw)
        assert error.value.field == field
    with pytest.raises(DomainError) as error:
        _pay(grant, officer, 0)
    assert error.value.field == "amount_pence"
    assert not Payment.objects.exists()


def test_a_payment_is_never_changed_a_correction_is_a_reversal_that_says_why(
    grant: Grant, officer: User
) -> None:
    wrong = _pay(grant, officer, 100_000)
    wrong.amount_pence = 1
    with pytest.raises(ImmutableRecord):
        wrong.save()
    with pytest.raises(ImmutableRecord):
        Payment.objects.get(pk=wrong.pk).delete()
    with pytest.raises(DomainError) as error:
        services.payment_reverse(by=officer, payment=wrong, note=" ")
    assert error.value.field == "note"
    reversal = services.payment_reverse(
        by=officer, payment=wrong, note="Keyed as £1,000 not £10,000.", reversed_on=TODAY
    )
    assert (reversal.amount_pence, reversal.reverses) == (-100_000, wrong)
    assert _row(grant).paid_pence == 0
    with pytest.raises(DomainError, match="already been reversed"):
        services.payment_reverse(by=officer, payment=wrong, note="Again.")
    with pytest.raises(DomainError, match="cannot itself be reversed"):
        services.payment_reverse(by=officer, payment=reversal, note="Undo.")
    _pay(grant, officer, 1_000_000, reference="PAY-0001")
    assert _row(grant).paid_pence == 1_000_000
    assert Payment.objects.count() == 3


def test_every_payment_is_attributed_and_in_the_grants_history(grant: Grant, officer: User) -> None:
    payment = _pay(grant, officer, 250_000)
    services.payment_reverse(by=officer, payment=payment, note="Returned by the bank.")
    row = payment.history.get()
    assert (row.history_user, row.history_change_reason) == (
        officer,
        "Payment PAY-0001 of £2,500.00 recorded",
    )
    reasons = [entry["reason"] for entry in selectors.grant_history(grant)]
    assert "Payment PAY-0001 reversed: Returned by the bank." in reasons


def test_only_officers_record_payments(grant: Grant, partner: User) -> None:
    with pytest.raises(NotPermitted):
        _pay(grant, partner, 100)
    assert not Payment.objects.exists()


def test_an_instalment_with_payments_stays_in_the_schedule(grant: Grant, officer: User) -> None:
    _pay(grant, officer, 600_000)
    with pytest.raises(DomainError) as error:
        services.grant_schedule_set(by=officer, grant=grant, text="2018-05-31, 20000")
    assert error.value.field == "schedule"
    assert "keep a line for 2018-04-30 of at least £6,000.00" in error.value.message
    with pytest.raises(DomainError, match=r"at least £6,000\.00"):
        services.grant_schedule_set(
            by=officer, grant=grant, text="2018-04-30, 5000\n2018-10-31, 15000"
        )
    services.grant_schedule_set(by=officer, grant=grant, text="2018-04-30, 6000\n2019-01-31, 14000")
    first = _first(grant)
    assert (first.amount_pence, first.payments.count()) == (600_000, 1)
    assert selectors.instalment_lines(selectors.find_grant(grant.bid.round.fund.region, grant.pk))[
        0
    ].status == ("Paid")


def test_the_grant_page_shows_what_was_paid_against_each_instalment(
    client: Any, grant: Grant, officer: User
) -> None:
    client.force_login(officer)
    url = reverse("funding:payment_record", args=[grant.pk, _first(grant).pk])
    refused = client.post(
        url, {"paid_on": "2018-05-02", "amount_pence": "10,000.01", "reference": "X"}
    )
    assert "more than is left to pay" in refused.content.decode()
    assert not Payment.objects.exists()
    client.post(url, {"paid_on": "2018-05-02", "amount_pence": "£6,000", "reference": "PAY-77"})
    page = client.get(reverse("funding:grant", args=[grant.pk])).content.decode()
    assert "Paid so far £6,000.00 of £20,000.00" in page
    assert "Paid on 2 May 2018, reference PAY-77" in page
    assert "Part paid" in page
    listing = client.get(reverse("funding:grants"))
    assert [row.paid_pence for row in listing.context["rows"]] == [600_000]


def test_the_performance_report_says_what_was_paid(grant: Grant, officer: User) -> None:
    area = grant.bid.lead_area
    assert [line.paid_pence for line in reports.area_report(area, None, None).grants] == [0]
    _pay(grant, officer, 600_000)
    (line,) = reports.area_report(area, None, None, user=officer).grants
    assert line.paid_pence == 600_000


def test_the_360giving_export_says_what_was_disbursed(grant: Grant, officer: User) -> None:
    region = grant.bid.round.fund.region
    publisher = threesixty.Organisation("GB-X", "X")

    def exported() -> dict[str, Any]:
        records = selectors.grant_records(selectors.export_grants(region))
        data = threesixty.package_json(
            records, publisher=publisher, title="t", issued=grant.published_at
        )
        threesixty.check(data)
        return data["grants"][0]

    assert exported()["amountDisbursed"] == 0
    assert "disbursementTransaction" not in exported()
    payment = _pay(grant, officer, 600_000)
    services.payment_reverse(by=officer, payment=payment, note="Wrong amount.", reversed_on=TODAY)
    _pay(grant, officer, 1_000_000, reference="PAY-0002")
    found = exported()
    assert found["amountDisbursed"] == 10000
    assert [t["value"] for t in found["disbursementTransaction"]] == [6000, 10000, -6000]
    assert found["disbursementTransaction"][0]["transactionDate"] == "2018-05-02T00:00:00+00:00"
    # The published snapshot is untouched: money paid is not a new version of the grant.
    assert grant.publications.count() == 1
    csv_rows = threesixty.to_csv(selectors.grant_records(selectors.export_grants(region)))
    assert "Amount Disbursed" in csv_rows.splitlines()[0]
    assert ",10000.00," in csv_rows.splitlines()[1]


def test_the_api_says_what_was_paid(client: Any, grant: Grant, officer: User) -> None:
    _pay(grant, officer, 600_000)
    assert client.get(f"/api/grants/{grant.pk}").json()["paid_pence"] == 600_000
    assert [g["paid_pence"] for g in client.get("/api/grants").json()["items"]] == [600_000]
    json.dumps(client.get("/api/openapi.json").json())
