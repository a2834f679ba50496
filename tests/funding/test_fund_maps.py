"""Maps of the fund: each area's share of a scenario, the money awarded by area on both grants
registers, a round's bids by the areas they serve. Figures equal the sums the database gives,
an area with no figure is never coloured as zero, the spec carries the shapes' attribution, a
table and CSV sit beside each map, and the pages' query counts stay flat as records grow."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from funding_support import awarded
from funding_support import ready
from funding_support import square_districts

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.funding.workflow import BidStatus
from remit.indicators import maps
from remit.indicators.places import BoundaryLoad
from remit.indicators.services.boundaries import boundaries_load

NORTHTON, SOUTHBY, WHOLE = "E08000901", "E08000902", "E47000901"
ONLY_NORTHTON = """\
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
"""
BOTH = ONLY_NORTHTON + "  - {code: E08000902, name: Southby, population: 200000}\n"


@pytest.fixture
def shapes(region: Region, tmp_path: Path) -> BoundaryLoad:
    """District shapes for Northton and Southby; then an area for the whole region, which has
    none of its own."""
    path = tmp_path / "lad.topo.json"
    path.write_text(json.dumps(square_districts([NORTHTON, SOUTHBY])), encoding="utf-8")
    boundaries_load(by=None, region=region, paths=[path])
    Area.objects.create(region=region, code=WHOLE, name="All Testshire", kind="other")
    return BoundaryLoad.objects.get(region=region)


@pytest.fixture
def analyst(make_user: Any) -> User:
    return make_user(Role.ANALYST)


def spec_in(html: str, spec_id: str) -> dict[str, Any]:
    found = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no spec {spec_id} on the page"
    return dict(json.loads(found.group(1)))


def values_of(spec: dict[str, Any]) -> dict[str, Any]:
    return {v["code"]: v["value"] for v in spec["transform"][0]["from"]["data"]["values"]}


def csv_rows(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _bid(make_bid: Any, lead: str, areas: list[str], amount: int, **kw: Any) -> Bid:
    """A submitted bid serving `areas`, asking `amount` pence for the first year."""
    bid = make_bid(lead=lead, amount=amount, submit=False, **kw)
    region = bid.round.fund.region
    services.bid_update(
        by=kw.get("by") or bid.created_by,
        bid=bid,
        data={"areas": list(region.areas.filter(code__in=areas))},
    )
    services.bid_submit(by=kw.get("by") or bid.created_by, bid=bid)
    return Bid.all_objects.get(pk=bid.pk)


def _granted(
    make_bid: Any, officer: User, commissioner: User, areas: list[str], amount: int, title: str
) -> Grant:
    grant = awarded(make_bid, officer, commissioner, lead=areas[0], amount=amount, title=title)
    region = grant.bid.round.fund.region
    grant.bid.areas.set(region.areas.filter(code__in=areas))
    return grant


# --- the allocation scenario -------------------------------------------------------------------


def test_a_scenario_map_shows_each_areas_share_of_the_allocation(
    client: Any, fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(by=officer, fund=fund, name="By people", yaml_text=BOTH)
    client.force_login(officer)
    html = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk])).content.decode()
    spec = spec_in(html, "map-scenario-spec")
    assert values_of(spec) == {NORTHTON: 60.0, SOUTHBY: 40.0}
    assert maps.no_data_codes(spec) == []
    assert "share on a map</h2>" in html
    assert "£60,000.00" in html
    assert "60.00%" in html
    assert spec["usermeta"]["attribution"] == shapes.attribution
    assert shapes.attribution in html

    rows = csv_rows(
        client.get(reverse("funding:scenario_areas_csv", args=[fund.slug, scenario.pk]))
    )
    assert [(r["Code"], r["Share"], r["Allocation"]) for r in rows] == [
        (NORTHTON, "60.00", "60000.00"),
        (SOUTHBY, "40.00", "40000.00"),
    ]


def test_a_district_not_in_the_scenario_is_no_data_not_zero(
    client: Any, fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton only", yaml_text=ONLY_NORTHTON
    )
    found = selectors.scenario_map(scenario)
    assert found is not None
    assert maps.no_data_codes(found.spec) == [SOUTHBY]
    assert values_of(found.spec)[SOUTHBY] is None, "no figure, never 0"
    southby = next(r for r in found.rows if r.code == SOUTHBY)
    assert (southby.label, southby.note) == (maps.NO_DATA, "not in this scenario")
    # The no-data layer draws it grey with a dashed outline; the colour scale never sees it.
    grey = found.spec["layer"][0]
    assert grey["encoding"]["color"]["scale"]["range"] == [maps.NO_DATA_FILL]
    assert grey["mark"]["strokeDash"]
    client.force_login(officer)
    html = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk])).content.decode()
    assert "No data (grey with a dashed outline, never coloured as zero)" in html
    assert "not in this scenario" in html


def test_without_shapes_a_scenario_has_no_map(
    client: Any, fund: Fund, officer: User, region: Region
) -> None:
    scenario = services.scenario_create(by=officer, fund=fund, name="By people", yaml_text=BOTH)
    client.force_login(officer)
    response = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk]))
    assert response.status_code == 200
    assert "map-scenario-spec" not in response.content.decode()
    csv_url = reverse("funding:scenario_areas_csv", args=[fund.slug, scenario.pk])
    assert client.get(csv_url).status_code == 404


# --- the grants registers ----------------------------------------------------------------------


@pytest.fixture
def grants(make_bid: Any, officer: User, commissioner: User, shapes: BoundaryLoad) -> list[Grant]:
    """Northton £20,000; Northton and Southby £10,000; the whole region £5,000."""
    return [
        _granted(make_bid, officer, commissioner, [NORTHTON], 2_000_000, "North only"),
        _granted(make_bid, officer, commissioner, [NORTHTON, SOUTHBY], 1_000_000, "Both"),
        _granted(make_bid, officer, commissioner, [WHOLE], 500_000, "Everywhere"),
    ]


def _awarded_in(code: str, qs: Any) -> float:
    total = qs.filter(bid__areas__code=code).aggregate(total=Sum("amount_pence"))["total"]
    return (total or 0) / 100


def test_the_grants_map_shows_the_money_awarded_in_each_area(
    client: Any, officer: User, grants: list[Grant]
) -> None:
    client.force_login(officer)
    html = client.get(reverse("funding:grants")).content.decode()
    spec = spec_in(html, "map-grants-spec")
    expected = {code: _awarded_in(code, Grant.all_objects) for code in (NORTHTON, SOUTHBY)}
    assert values_of(spec) == expected == {NORTHTON: 30000.0, SOUTHBY: 10000.0}
    assert spec["usermeta"]["attribution"]
    assert "All Testshire, £5,000.00 (1 grant)" in html, "an area with no shape is listed"
    assert "3 grants, £35,000.00 in all." in html
    assert "1 of them serves more than one area" in html

    rows = csv_rows(client.get(reverse("funding:grants_areas_csv")))
    assert {r["Code"]: (r["Awarded"], r["Grants"]) for r in rows} == {
        NORTHTON: ("30000.00", "2"),
        SOUTHBY: ("10000.00", "1"),
    }


def test_an_area_without_grants_is_a_real_zero(
    region: Region, make_bid: Any, officer: User, commissioner: User, shapes: BoundaryLoad
) -> None:
    _granted(make_bid, officer, commissioner, [NORTHTON], 2_000_000, "North only")
    found = selectors.grants_by_area(region, officer)
    assert found is not None
    assert values_of(found.spec) == {NORTHTON: 20000.0, SOUTHBY: 0.0}
    assert maps.no_data_codes(found.spec) == []


def test_a_partners_register_maps_only_their_own_grants(
    client: Any, grants: list[Grant], make_user: Any, region: Region
) -> None:
    other = make_user(Role.PARTNER, organisation=region.organisations.get(slug="northton-council"))
    client.force_login(other)
    html = client.get(reverse("funding:grants")).content.decode()
    assert "map-grants-spec" not in html, "nothing of theirs to map"


def test_the_public_register_maps_published_grants_as_published(
    client: Any, officer: User, grants: list[Grant]
) -> None:
    ready(grants[0], officer)
    ready(grants[1], officer)
    html = client.get(reverse("funding_public:list")).content.decode()
    spec = spec_in(html, "map-published-grants-spec")
    published = Grant.objects.all()
    assert (
        values_of(spec)
        == {code: _awarded_in(code, published) for code in (NORTHTON, SOUTHBY)}
        == {NORTHTON: 30000.0, SOUTHBY: 10000.0}
    )
    assert "Everywhere" not in html, "not published, not mapped"
    rows = csv_rows(client.get(reverse("funding_public:areas_csv")))
    assert {r["Code"]: r["Awarded"] for r in rows} == {NORTHTON: "30000.00", SOUTHBY: "10000.00"}


# --- a round's bids ----------------------------------------------------------------------------


def test_a_rounds_bids_are_mapped_on_the_areas_they_serve(
    client: Any,
    open_round: Round,
    make_bid: Any,
    other_partner: User,
    analyst: User,
    shapes: BoundaryLoad,
) -> None:
    _bid(make_bid, NORTHTON, [NORTHTON], 2_000_000, title="North")
    _bid(make_bid, NORTHTON, [NORTHTON, SOUTHBY], 700_000, title="Both", by=other_partner)
    withdrawn = _bid(make_bid, SOUTHBY, [SOUTHBY], 900_000, title="Withdrawn")
    services.bid_withdraw(by=withdrawn.created_by, bid=withdrawn, reason="Not needed.")
    make_bid(submit=False, title="A draft", amount=100_000)

    client.force_login(analyst)
    html = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    spec = spec_in(html, "map-bids-spec")
    counted = Bid.objects.filter(round=open_round).exclude(status=BidStatus.WITHDRAWN)
    for code in (NORTHTON, SOUTHBY):
        asked = BidAmount.objects.filter(bid__in=counted, bid__areas__code=code).aggregate(
            total=Sum("amount_pence")
        )["total"]
        assert values_of(spec)[code] == asked / 100
    assert values_of(spec) == {NORTHTON: 27000.0, SOUTHBY: 7000.0}
    rows = csv_rows(client.get(reverse("funding:round_areas_csv", args=[open_round.pk])))
    assert (
        {r["Code"]: r["Bids"] for r in rows}
        == {code: str(counted.filter(areas__code=code).count()) for code in (NORTHTON, SOUTHBY)}
        == {NORTHTON: "2", SOUTHBY: "1"}
    )


def test_a_district_no_bid_serves_has_a_real_zero(
    client: Any, open_round: Round, make_bid: Any, analyst: User, shapes: BoundaryLoad
) -> None:
    """No bid serving a district is a count, not a gap: nothing asked for, coloured as £0."""
    _bid(make_bid, NORTHTON, [NORTHTON], 2_000_000, title="North")
    withdrawn = _bid(make_bid, SOUTHBY, [SOUTHBY], 900_000, title="Withdrawn")
    services.bid_withdraw(by=withdrawn.created_by, bid=withdrawn, reason="Not needed.")

    found = selectors.bids_by_area(open_round)
    assert found is not None
    assert maps.no_data_codes(found.spec) == []
    assert values_of(found.spec) == {NORTHTON: 20000.0, SOUTHBY: 0.0}
    client.force_login(analyst)
    rows = csv_rows(client.get(reverse("funding:round_areas_csv", args=[open_round.pk])))
    assert {r["Code"]: (r["Asked for"], r["Bids"]) for r in rows} == {
        NORTHTON: ("20000.00", "1"),
        SOUTHBY: ("0.00", "0"),
    }


def test_only_those_who_read_every_bid_see_bids_by_area(
    client: Any, open_round: Round, make_bid: Any, partner: User, shapes: BoundaryLoad
) -> None:
    make_bid()
    client.force_login(partner)
    html = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    assert "map-bids-spec" not in html
    for name in ("funding:round_areas_csv", "funding:round_areas_pdf"):
        response = client.get(reverse(name, args=[open_round.pk]))
        assert response.status_code == 403


# --- query counts ------------------------------------------------------------------------------

MORE = 3


def test_the_maps_pages_make_no_more_queries_with_more_records(
    client: Any,
    make_bid: Any,
    make_round: Any,
    officer: User,
    commissioner: User,
    grants: list[Grant],
    page_queries_stay_flat: Any,
) -> None:
    for grant in grants:
        ready(grant, officer)
    later = make_round(slug="later")
    _bid(make_bid, NORTHTON, [NORTHTON], 100_000, round=later)
    client.force_login(officer)

    def more_grants() -> None:
        for n in range(MORE):
            grant = _granted(
                make_bid, officer, commissioner, [NORTHTON, SOUTHBY], 100_000, f"More {n}"
            )
            ready(grant, officer)

    def more_bids() -> None:
        for n in range(MORE):
            _bid(make_bid, SOUTHBY, [NORTHTON, SOUTHBY], 50_000, round=later, title=f"Bid {n}")

    html = page_queries_stay_flat(reverse("funding:grants"), more_grants)
    assert values_of(spec_in(html, "map-grants-spec"))[SOUTHBY] == 13000.0
    client.logout()
    html = page_queries_stay_flat(reverse("funding_public:list"), more_grants)
    assert values_of(spec_in(html, "map-published-grants-spec"))[SOUTHBY] == 16000.0
    client.force_login(officer)
    html = page_queries_stay_flat(reverse("funding:round", args=[later.pk]), more_bids)
    assert values_of(spec_in(html, "map-bids-spec")) == {NORTHTON: 2500.0, SOUTHBY: 1500.0}
