"""Monitoring returns report a number against each measure the grant's bid declared.

A return without a figure for every declared measure is refused, naming the measure; the
latest figures show on the grant's page and roll up to the results the grant declared, for
those who may open the grant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from funding_support import awarded
from funding_support import ready

from remit.core.errors import DomainError
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import BidOutcome
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.funding.models import ReturnFigure
from remit.indicators.models import Result

FEW_MEASURES, MANY_MEASURES = 2, 12
RETURN_MOST_QUERIES = 14


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    return ready(awarded(make_bid, officer, commissioner), officer)


def _outcome(grant: Grant) -> BidOutcome:
    return grant.bid.outcomes.get()


def _submit(grant: Grant, by: User, figures: dict[Any, Any], which: int = 0) -> MonitoringReturn:
    found = grant.returns.order_by("period_start")[which]
    return services.return_submit(
        by=by,
        monitoring_return=found,
        data={
            "spend_to_date_pence": 500_000,
            "outcomes_report": "Walks every Friday.",
            "rag": "green",
            "figures": figures,
        },
        now=timezone.make_aware(timezone.datetime(2018, 7, 20, 12)),
    )


def test_a_return_reports_a_number_against_each_declared_measure(
    grant: Grant, partner: User
) -> None:
    outcome = _outcome(grant)
    with pytest.raises(DomainError) as error:
        _submit(grant, partner, {})
    assert error.value.field == f"figures.{outcome.pk}"
    assert error.value.message == "Enter the figure for Recorded crime (Fewer assaults)."
    with pytest.raises(DomainError, match="must be a number"):
        _submit(grant, partner, {outcome.pk: "a few"})
    assert not MonitoringReturn.objects.exclude(submitted_at=None).exists()
    assert not ReturnFigure.objects.exists()
    _submit(grant, partner, {outcome.pk: "12"})
    figure = ReturnFigure.objects.get()
    assert (figure.outcome, figure.value) == (outcome, 12)
    assert figure.history.get().history_user == partner


def test_the_latest_figures_show_against_each_measure(grant: Grant, partner: User) -> None:
    outcome = _outcome(grant)
    _submit(grant, partner, {outcome.pk: 12})
    _submit(grant, partner, {outcome.pk: "17.5"}, which=1)
    (line,) = selectors.measure_lines([grant.pk])[grant.pk]
    assert (line.measure, line.value, line.period_end) == (
        "Recorded crime",
        17.5,
        date(2018, 9, 30),
    )


def test_the_return_page_asks_for_each_measure_and_the_grant_page_shows_the_figure(
    client: Any, grant: Grant, partner: User
) -> None:
    outcome = _outcome(grant)
    client.force_login(partner)
    url = reverse("funding:grant_return", args=[grant.pk, grant.returns.first().pk])
    assert "Recorded crime so far" in client.get(url).content.decode()
    sent = {"spend_to_date_pence": "5000", "outcomes_report": "Walks.", "rag": "green"}
    refused = client.post(url, {**sent, f"figure_{outcome.pk}": "lots"})
    assert refused.context["form"].errors[f"figure_{outcome.pk}"]
    client.post(url, {**sent, f"figure_{outcome.pk}": "1,200"})
    page = client.get(reverse("funding:grant", args=[grant.pk])).content.decode()
    assert "Reported against the measures" in page
    assert "1,200" in page


def test_the_figures_roll_up_to_the_grants_results_for_those_who_may_open_it(
    client: Any, grant: Grant, partner: User, officer: User, other_partner: User
) -> None:
    _submit(grant, partner, {_outcome(grant).pk: 9})
    result = Result.all_objects.create(
        region=grant.bid.round.fund.region,
        title="Fewer assaults on the way home",
        owner_label=str(grant.bid),
        owner_type=ContentType.objects.get_for_model(Grant),
        owner_id=grant.pk,
        is_published=True,
    )
    client.force_login(officer)
    detail = client.get(reverse("indicators:result", args=[result.pk])).content.decode()
    assert "Reported by the grant's monitoring returns" in detail
    listing = client.get(reverse("indicators:results")).content.decode()
    assert "Recorded crime: 9 to 30 Jun 2018" in listing
    client.force_login(other_partner)
    response = client.get(reverse("indicators:results"))
    if response.status_code == 200:
        assert "Recorded crime: 9" not in response.content.decode()


def test_the_return_page_makes_no_more_queries_with_more_measures(
    client: Any,
    grant: Grant,
    partner: User,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    def declare(numbers: range) -> None:
        for n in numbers:
            BidOutcome.objects.create(
                bid=grant.bid, outcome=f"Outcome {n:02d}", measure=f"Measure {n:02d}"
            )

    declare(range(1, FEW_MEASURES))
    client.force_login(partner)
    url = reverse("funding:grant_return", args=[grant.pk, grant.returns.first().pk])
    html = page_queries_stay_flat(url, lambda: declare(range(FEW_MEASURES, MANY_MEASURES)))
    assert "Recorded crime so far" in html
    for n in range(1, MANY_MEASURES):
        assert f"Measure {n:02d} so far" in html
        assert f"The number for the outcome “Outcome {n:02d}”." in html
    with django_assert_max_num_queries(RETURN_MOST_QUERIES):
        client.get(url)
