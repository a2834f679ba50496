"""No lost updates in funding: a fund, grant agreement or monitoring return saved from a copy
read before someone else's change is refused, says so, and changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded
from funding_support import ready

from remit.core.models import User
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of
from remit.funding import services
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn

REFUSED = "Someone else changed"

SCENARIO = """\
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
  - {code: E08000902, name: Southby, population: 200000}
"""


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    return awarded(make_bid, officer, commissioner)


def test_a_second_fund_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    fund: Fund, officer: User
) -> None:
    read = version_of(fund)
    services.fund_update(by=officer, fund=fund, data={"description": "Safer streets"}, version=read)
    with pytest.raises(StaleEdit, match=REFUSED):
        services.fund_update(by=officer, fund=fund, data={"transition_year": True}, version=read)
    stored = Fund.objects.get(pk=fund.pk)
    assert (stored.description, stored.transition_year) == ("Safer streets", False)


def test_the_fund_page_refuses_a_save_read_before_someone_elses(
    client: Any, fund: Fund, officer: User
) -> None:
    url = reverse("funding:fund_edit", args=[fund.slug])
    client.force_login(officer)
    read = client.get(url).context["form"]["version"].value()
    services.fund_update(by=officer, fund=fund, data={"description": "Safer streets"})

    response = client.post(
        url, {"description": "Mine", "priorities": "\n".join(fund.priorities), "version": read}
    )

    assert response.status_code == 200
    assert "Someone else changed this fund while you were editing it." in response.content.decode()
    assert Fund.objects.get(pk=fund.pk).description == "Safer streets"


def test_a_second_agreement_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    grant: Grant, officer: User
) -> None:
    read = version_of(grant)
    services.grant_agreement_set(
        by=officer, grant=grant, data={"conditions": "Quarterly meetings"}, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.grant_agreement_set(
            by=officer, grant=grant, data={"agreement_start": date(2018, 4, 1)}, version=read
        )
    stored = Grant.all_objects.get(pk=grant.pk)
    assert (stored.conditions, stored.agreement_start) == ("Quarterly meetings", None)


def test_a_second_return_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    grant: Grant, officer: User, partner: User
) -> None:
    ready(grant, officer)
    found = grant.returns.order_by("period_start").first()
    assert found is not None
    read = version_of(found)
    report = {
        "spend_to_date_pence": 600_000,
        "outcomes_report": "Walks.",
        "rag": "amber",
        "figures": {o.pk: 4 for o in grant.bid.outcomes.all()},
    }
    services.return_submit(by=partner, monitoring_return=found, data=report, version=read)
    with pytest.raises(StaleEdit, match=REFUSED):
        services.return_submit(
            by=partner,
            monitoring_return=found,
            data={**report, "spend_to_date_pence": 700_000, "rag": "red"},
            version=read,
        )
    stored = MonitoringReturn.objects.get(pk=found.pk)
    assert (stored.spend_to_date_pence, stored.rag) == (600_000, "amber")


def test_the_return_page_refuses_a_save_read_before_someone_elses(
    client: Any, grant: Grant, officer: User, partner: User
) -> None:
    ready(grant, officer)
    found = grant.returns.order_by("period_start").first()
    assert found is not None
    url = reverse("funding:grant_return", args=[grant.pk, found.pk])
    client.force_login(partner)
    read = client.get(url).context["form"]["version"].value()
    figures = {o.pk: 4 for o in grant.bid.outcomes.all()}
    report = {
        "spend_to_date_pence": 600_000,
        "outcomes_report": "Walks.",
        "rag": "amber",
        "figures": figures,
    }
    services.return_submit(by=partner, monitoring_return=found, data=report)

    response = client.post(
        url,
        {
            "spend_to_date_pence": "7000",
            "outcomes_report": "Mine.",
            "rag": "red",
            "version": read,
            **{f"figure_{pk}": "5" for pk in figures},
        },
    )

    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    stored = MonitoringReturn.objects.get(pk=found.pk)
    assert (stored.spend_to_date_pence, stored.rag) == (600_000, "amber")


def test_the_agreement_page_refuses_a_save_read_before_someone_elses(
    client: Any, grant: Grant, officer: User
) -> None:
    url = reverse("funding:grant_agreement", args=[grant.pk])
    client.force_login(officer)
    read = client.get(url).context["form"]["version"].value()
    services.grant_agreement_set(by=officer, grant=grant, data={"conditions": "Theirs."})

    response = client.post(
        url, {"conditions": "Mine.", "return_frequency": "quarterly", "version": read}
    )

    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    assert Grant.all_objects.get(pk=grant.pk).conditions == "Theirs."


def test_a_second_scenario_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    fund: Fund, officer: User
) -> None:
    scenario = services.scenario_create(by=officer, fund=fund, name="By people", yaml_text=SCENARIO)
    read = version_of(scenario)
    services.scenario_update(
        by=officer, scenario=scenario, name="Theirs", yaml_text=SCENARIO, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.scenario_update(
            by=officer,
            scenario=scenario,
            name="Mine",
            yaml_text=SCENARIO.replace("Test", "Mine"),
            version=read,
        )
    stored = AllocationScenario.objects.get(pk=scenario.pk)
    assert (stored.name, stored.yaml) == ("Theirs", SCENARIO)


def test_a_second_schedule_edit_read_at_the_same_grant_version_is_refused_and_changes_nothing(
    grant: Grant, officer: User
) -> None:
    read = version_of(grant)
    services.grant_schedule_set(
        by=officer, grant=grant, text="2018-04-30, 15,000\n2018-10-31, 5000.00", version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.grant_schedule_set(by=officer, grant=grant, text="2018-04-30, 20000", version=read)
    stored = list(grant.instalments.order_by("due_on").values_list("amount_pence", flat=True))
    assert stored == [1_500_000, 500_000]
