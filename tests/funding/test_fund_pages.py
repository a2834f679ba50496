"""Every page of the fund renders for the people who use it, from the demo data."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import User
from remit.core.services.demo import demo_load as accounts_load
from remit.funding.demo import demo_load
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.funding.workflow import BidStatus


@pytest.fixture
def demo(db: Any) -> Any:
    report, _ = accounts_load(region="west-midlands")
    demo_load(report.region)
    return report.region


def _ok(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_an_officer_sees_every_page_of_the_fund(client: Any, demo: Any) -> None:
    client.force_login(User.objects.get(username="officer"))
    fund = demo.funds.get()
    round = fund.rounds.get()
    scenario = fund.adopted_scenario
    bid = Bid.objects.filter(status=BidStatus.AWARDED).order_by("pk").first()
    draft = Bid.all_objects.get(status=BidStatus.DRAFT)
    grant = Grant.all_objects.get(bid=bid)
    pages = [
        reverse("funding:home"),
        reverse("funding:fund", args=[fund.slug]),
        reverse("funding:fund_edit", args=[fund.slug]),
        reverse("funding:fund_history", args=[fund.slug]),
        reverse("funding:scenarios", args=[fund.slug]),
        reverse("funding:scenario_create", args=[fund.slug]),
        reverse("funding:scenario_from_areas", args=[fund.slug]),
        reverse("funding:scenario", args=[fund.slug, scenario.pk]),
        reverse("funding:scenario_adopt", args=[fund.slug, scenario.pk]),
        reverse("funding:round_create", args=[fund.slug]),
        reverse("funding:round", args=[round.pk]),
        reverse("funding:round_edit", args=[round.pk]),
        reverse("funding:question_add", args=[round.pk]),
        reverse("funding:criterion_add", args=[round.pk]),
        reverse("funding:bids", args=[round.pk]),
        reverse("funding:moderation", args=[round.pk]),
        reverse("funding:package", args=[round.pk]),
        reverse("funding:bid", args=[bid.pk]),
        reverse("funding:bid", args=[draft.pk]),
        reverse("funding:bid_history", args=[bid.pk]),
        reverse("funding:recommend_correct", args=[bid.pk, bid.recommendation_id]),
        reverse("funding:grants"),
        reverse("funding:grant", args=[grant.pk]),
        reverse("funding:grant_history", args=[grant.pk]),
        reverse("funding:grant_agreement", args=[grant.pk]),
        reverse("funding:grant_schedule", args=[grant.pk]),
        reverse("funding:grant_return", args=[grant.pk, grant.returns.first().pk]),
        reverse("funding:grant_unpublish", args=[grant.pk]),
    ]
    for url in pages:
        _ok(client, url)
    compare = _ok(client, reverse("funding:scenarios", args=[fund.slug]))
    assert 'type="application/json"' in compare
    assert "ui/charts.js" in compare
    assert "What-if table" in compare


def test_the_commissioner_and_the_public_see_theirs(client: Any, demo: Any) -> None:
    client.force_login(User.objects.get(username="commissioner"))
    bid = Bid.objects.filter(status=BidStatus.AWARDED).order_by("pk").first()
    _ok(client, reverse("funding:bid", args=[bid.pk]))
    _ok(client, reverse("funding:determine_correct", args=[bid.pk, bid.determination_id]))
    client.logout()
    register = _ok(client, reverse("funding_public:home"))
    assert "Knife crime prevention in Birmingham schools" in register
    grant = Grant.objects.order_by("pk").first()
    _ok(client, reverse("funding_public:detail", args=[grant.pk]))
    assert client.get(reverse("funding_public:export_json")).status_code == 200
    assert client.get(reverse("funding_public:export_csv")).status_code == 200


def test_a_partner_sees_its_own_bids(client: Any, demo: Any) -> None:
    partner = User.objects.get(username="partner")
    client.force_login(partner)
    home = _ok(client, reverse("funding:home"))
    own = Bid.all_objects.get(organisation=partner.organisation)
    assert own.title in home
    _ok(client, reverse("funding:bid", args=[own.pk]))
    other = Bid.all_objects.exclude(organisation=partner.organisation).first()
    assert client.get(reverse("funding:bid", args=[other.pk])).status_code == 404
    listing = _ok(client, reverse("funding:bids", args=[own.round_id]))
    assert own.title in listing
    assert other.title not in listing
