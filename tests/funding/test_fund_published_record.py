"""What was published stays as published: the register, the 360Giving file and the API read a
snapshot taken at publication; a correction is a new, visible version."""

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
from remit.core.models import Organisation
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.funding.models import GrantPublication


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    return ready(awarded(make_bid, officer, commissioner), officer)


def _rewrite(grant: Grant, officer: User, commissioner: User) -> None:
    """Everything a later edit could change: the organisation, the award and the dates."""
    Organisation.objects.filter(pk=grant.bid.organisation_id).update(
        name="Renamed Trust", org_id="GB-CHC-7654321"
    )
    bid = Bid.objects.get(pk=grant.bid_id)
    services.determination_record(
        by=commissioner,
        bid=bid,
        outcome="fund_in_part",
        amount_pence=1_500_000,
        reasons="Part of the second year is not needed.",
        decided_on=date(2018, 4, 2),
        supersedes=bid.determination,
        correction_note="The award was reduced.",
    )
    services.grant_agreement_set(
        by=officer, grant=Grant.objects.get(pk=grant.pk), data={"agreement_end": date(2019, 6, 30)}
    )


def _public(client: Any, grant: Grant) -> dict[str, str]:
    return {
        "register": client.get(reverse("funding_public:home")).content.decode(),
        "page": client.get(reverse("funding_public:detail", args=[grant.pk])).content.decode(),
        "json": client.get(reverse("funding_public:export_json")).getvalue().decode(),
        "csv": client.get(reverse("funding_public:export_csv")).getvalue().decode(),
        "api": json.dumps(client.get(f"/api/grants/{grant.pk}").json()),
        "api_list": json.dumps(client.get("/api/grants").json()),
    }


def test_a_later_edit_of_the_organisation_does_not_rewrite_the_published_grant(
    client: Any, grant: Grant, officer: User, commissioner: User
) -> None:
    _rewrite(grant, officer, commissioner)
    for where, text in _public(client, grant).items():
        assert "Safe Streets Trust" in text, where
        assert "Renamed Trust" not in text, where
        assert "GB-CHC-7654321" not in text, where
    published = json.loads(_public(client, grant)["json"])["grants"][0]
    assert published["amountAwarded"] == 20000
    assert published["plannedDates"][0]["endDate"].startswith("2019-03-31")
    assert json.loads(_public(client, grant)["api"])["amount_pence"] == 2_000_000


def test_a_correction_is_a_new_visible_version(
    client: Any, grant: Grant, officer: User, commissioner: User
) -> None:
    with pytest.raises(DomainError, match="nothing to correct"):
        services.grant_correct(by=officer, grant=grant, note="Nothing changed.")
    _rewrite(grant, officer, commissioner)
    client.force_login(officer)
    staff = client.get(reverse("funding:grant", args=[grant.pk])).content.decode()
    assert (
        "Changed since it was published: recipient&#x27;s name, recipient&#x27;s identifier"
        in staff
    )
    with pytest.raises(DomainError, match="Say what the correction puts right"):
        services.grant_correct(by=officer, grant=grant, note=" ")
    response = client.post(
        reverse("funding:grant_correct", args=[grant.pk]),
        {"reason": "The trust changed its name and the award was reduced."},
    )
    assert response.status_code == 302
    client.logout()
    public = _public(client, grant)
    assert "Renamed Trust" in public["register"]
    assert "£15,000.00" in public["register"]
    assert "Safe Streets Trust" in public["page"]  # the first version stays visible
    assert "The trust changed its name and the award was reduced." in public["page"]
    assert json.loads(public["api"])["version"] == 2
    assert json.loads(public["json"])["grants"][0]["recipientOrganization"][0]["name"] == (
        "Renamed Trust"
    )
    first, second = GrantPublication.objects.filter(grant=grant).order_by("version")
    assert second.supersedes == first
    assert first.recipient_name == "Safe Streets Trust"


def test_a_published_version_is_never_changed_or_deleted(grant: Grant) -> None:
    published = GrantPublication.objects.get(grant=grant)
    published.amount_pence = 1
    with pytest.raises(ImmutableRecord):
        published.save()
    with pytest.raises(ImmutableRecord):
        published.delete()
    with pytest.raises(ImmutableRecord):
        GrantPublication.objects.filter(grant=grant).update(amount_pence=1)
