"""The fund's maps on paper: a scenario's shares, the grants registers' money by area and a
round's bids by area, each drawn into its PDF by vl-convert from the page's own spec, with the table of the same figures
the database gives, the areas with no data named as such (never as zero) and the attribution
the boundaries' licence asks for."""

from __future__ import annotations

import json
import re
from base64 import b64decode
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from funding_support import awarded
from funding_support import ready
from funding_support import square_districts
from pypdf import PdfReader

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import rules
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.funding.printing import fund_map_html
from remit.funding.workflow import BidStatus
from remit.indicators import maps
from remit.indicators.places import BoundaryLoad
from remit.indicators.services.boundaries import boundaries_load
from remit.ui.charts import to_svg
from remit.ui.formatting import format_pence

NORTHTON, SOUTHBY, WHOLE = "E08000901", "E08000902", "E47000901"
ONLY_NORTHTON = """\
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
"""
NORTHTON_AND_WHOLE = (
    ONLY_NORTHTON + "  - {code: E47000901, name: All Testshire, population: 100000}\n"
)


@pytest.fixture
def shapes(region: Region, tmp_path: Path) -> BoundaryLoad:
    """District shapes for Northton and Southby, and an area for the whole region without one."""
    path = tmp_path / "lad.topo.json"
    path.write_text(json.dumps(square_districts([NORTHTON, SOUTHBY])), encoding="utf-8")
    boundaries_load(by=None, region=region, paths=[path])
    Area.objects.create(region=region, code=WHOLE, name="All Testshire", kind="other")
    return BoundaryLoad.objects.get(region=region)


def pdf_of(response: Any) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def unnumbered(svg: str) -> str:
    """An SVG without the numbers vl-convert counts up in its gradients' ids at each render."""
    return re.sub(r"gradient_\d+", "gradient", svg)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_scenario_pdf_draws_the_map_with_its_table_and_attribution(
    client: Any, fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=NORTHTON_AND_WHOLE
    )
    client.force_login(officer)
    page = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk])).content.decode()
    url = reverse("funding:scenario_areas_pdf", args=[fund.slug, scenario.pk])
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Share of the allocation (%)" in text, "the map's legend, drawn by vl-convert"
    assert "Map: each area's share of the allocation, Northton first" in text
    assert one_line(shapes.attribution) in text
    totals = {str(a["code"]): rules.pence(a["total"]) for a in scenario.result["areas"]}
    whole = sum(totals.values())
    share = f"{totals[NORTHTON] * 100 / whole:.2f}%"
    assert f"Northton {NORTHTON} {share} {format_pence(totals[NORTHTON])}" in text
    assert f"All Testshire, {format_pence(totals[WHOLE])}" in text, "off the map, still listed"
    assert f"Southby {SOUTHBY} No data (not in this scenario) No data" in text
    assert "Southby (not in this scenario)" in text
    assert "0.00%" not in text, "an area not in the scenario is never shown as zero"


def test_the_printed_map_is_the_pages_spec_drawn_with_its_legend_and_no_data_grey(
    fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=NORTHTON_AND_WHOLE
    )
    found = selectors.scenario_map(scenario)
    assert found is not None

    html = fund_map_html(found, caption="c", title="t", lines=[])

    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(images) == 1
    drawn = b64decode(images[0]).decode()
    assert unnumbered(drawn) == unnumbered(to_svg(found.spec)), "the spec the page sends"
    assert "Share of the allocation (%)" in drawn, "the legend"
    assert maps.NO_DATA in drawn
    assert maps.NO_DATA_FILL in drawn.lower(), "the area not in the scenario grey, not a colour"


@pytest.fixture
def grants(make_bid: Any, officer: User, commissioner: User, shapes: BoundaryLoad) -> list[Grant]:
    """Northton £20,000; Northton and Southby £10,000; the whole region £5,000."""
    made = []
    for areas, pence, title in (
        ([NORTHTON], 2_000_000, "North only"),
        ([NORTHTON, SOUTHBY], 1_000_000, "Both"),
        ([WHOLE], 500_000, "Everywhere"),
    ):
        grant = awarded(make_bid, officer, commissioner, lead=areas[0], amount=pence, title=title)
        grant.bid.areas.set(grant.bid.round.fund.region.areas.filter(code__in=areas))
        made.append(grant)
    return made


def _awarded_in(code: str, grants: Any) -> int:
    return int(grants.filter(bid__areas__code=code).aggregate(t=Sum("amount_pence"))["t"] or 0)


def test_the_grants_pdf_draws_the_money_by_area_as_the_database_sums_it(
    client: Any, officer: User, grants: list[Grant], shapes: BoundaryLoad
) -> None:
    client.force_login(officer)
    page = client.get(reverse("funding:grants")).content.decode()
    url = reverse("funding:grants_areas_pdf")
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Awarded (£)" in text, "the map's legend, drawn by vl-convert"
    assert "Map: money awarded to grants in each area" in text
    assert one_line(shapes.attribution) in text
    for code, name, count in ((NORTHTON, "Northton", 2), (SOUTHBY, "Southby", 1)):
        pence = _awarded_in(code, Grant.all_objects)
        assert f"{name} {code} {format_pence(pence)} {count}" in text
    assert f"All Testshire, {format_pence(_awarded_in(WHOLE, Grant.all_objects))} (1 grant)" in text


def test_the_public_register_pdf_maps_only_published_grants(
    client: Any, officer: User, grants: list[Grant], shapes: BoundaryLoad
) -> None:
    ready(grants[0], officer)
    ready(grants[1], officer)
    page = client.get(reverse("funding_public:list")).content.decode()
    url = reverse("funding_public:areas_pdf")
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Awarded (£)" in text, "the map's legend, drawn by vl-convert"
    assert "Grants register" in text
    assert one_line(shapes.attribution) in text
    published = Grant.objects.filter(publication__isnull=False)
    assert f"Northton {NORTHTON} {format_pence(_awarded_in(NORTHTON, published))} 2" in text
    assert f"Southby {SOUTHBY} {format_pence(_awarded_in(SOUTHBY, published))} 1" in text
    assert "All Testshire" not in text, "not published, not mapped"


def test_without_shapes_there_is_no_map_to_print(client: Any, fund: Fund, officer: User) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=ONLY_NORTHTON
    )
    client.force_login(officer)
    url = reverse("funding:scenario_areas_pdf", args=[fund.slug, scenario.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("funding_public:areas_pdf")).status_code == 404


# --- a round's bids ----------------------------------------------------------------------------


def _bid(make_bid: Any, areas: list[str], amount: int, title: str, **kw: Any) -> Bid:
    """A submitted bid serving `areas`, asking `amount` pence for the first year."""
    bid = make_bid(lead=areas[0], amount=amount, submit=False, title=title, **kw)
    region = bid.round.fund.region
    by = kw.get("by") or bid.created_by
    services.bid_update(by=by, bid=bid, data={"areas": list(region.areas.filter(code__in=areas))})
    services.bid_submit(by=by, bid=bid)
    return Bid.all_objects.get(pk=bid.pk)


@pytest.fixture
def bids(make_bid: Any, other_partner: User, shapes: BoundaryLoad) -> list[Bid]:
    """Northton £20,000; Northton and the whole region £7,000; a withdrawn bid and a draft in
    Southby, which no counted bid serves."""
    made = [
        _bid(make_bid, [NORTHTON], 2_000_000, "North"),
        _bid(make_bid, [NORTHTON, WHOLE], 700_000, "North and all", by=other_partner),
    ]
    withdrawn = _bid(make_bid, [SOUTHBY], 900_000, "Withdrawn")
    services.bid_withdraw(by=withdrawn.created_by, bid=withdrawn, reason="Not needed.")
    make_bid(submit=False, lead=SOUTHBY, title="A draft", amount=100_000)
    return made


def _asked_in(code: str, round: Round) -> int:
    counted = Bid.objects.filter(round=round).exclude(status=BidStatus.WITHDRAWN)
    found = BidAmount.objects.filter(bid__in=counted, bid__areas__code=code).aggregate(
        total=Sum("amount_pence")
    )["total"]
    return int(found or 0)


@pytest.fixture
def analyst(make_user: Any) -> User:
    return make_user(Role.ANALYST)


def test_the_round_pdf_draws_the_bids_by_area_as_the_database_sums_them(
    client: Any, open_round: Round, analyst: User, bids: list[Bid], shapes: BoundaryLoad
) -> None:
    client.force_login(analyst)
    page = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    url = reverse("funding:round_areas_pdf", args=[open_round.pk])
    assert f'href="{url}"' in page, "linked beneath the round's map"

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Asked for (£)" in text, "the map's legend, drawn by vl-convert"
    assert "Scroll sideways" not in text, "paper does not scroll"
    assert f"Map: bids to {open_round.title} in each area" in text
    assert "Bids by area" in text
    assert one_line(shapes.attribution) in text
    counted = Bid.objects.filter(round=open_round).exclude(status=BidStatus.WITHDRAWN)
    asked = _asked_in(NORTHTON, open_round)
    assert asked == 2_700_000
    bids_in = counted.filter(areas__code=NORTHTON).count()
    assert f"Northton {NORTHTON} {format_pence(asked)} {bids_in}" in text
    assert f"All Testshire, {format_pence(_asked_in(WHOLE, open_round))} (1 bid)" in text
    total = BidAmount.objects.filter(bid__in=counted).aggregate(t=Sum("amount_pence"))["t"]
    assert f"{counted.count()} bids, {format_pence(total)} in all." in text


def test_a_district_no_bid_serves_is_a_real_zero_in_the_pdf(
    client: Any, open_round: Round, officer: User, bids: list[Bid]
) -> None:
    client.force_login(officer)
    text = text_of(pdf_of(client.get(reverse("funding:round_areas_pdf", args=[open_round.pk]))))

    assert _asked_in(SOUTHBY, open_round) == 0, "only a withdrawn bid and a draft serve it"
    assert f"Southby {SOUTHBY} £0.00 0" in text, "no bid serves it: a count of none, not a gap"


def test_only_those_who_read_every_bid_may_print_the_bids_by_area(
    client: Any, open_round: Round, partner: User, analyst: User, bids: list[Bid]
) -> None:
    url = reverse("funding:round_areas_pdf", args=[open_round.pk])
    response = client.get(url)
    assert response.status_code == 302, "signed out: sent to sign in"
    assert response["Location"].startswith(reverse("login"))

    client.force_login(partner)
    response = client.get(url)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "You cannot do this" in html
    assert "Your role (partner organisation) cannot see the bids by area." in html
    page = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    assert url not in page

    client.force_login(analyst)
    assert pdf_of(client.get(url))


def test_a_round_without_bids_has_no_map_to_print(
    client: Any, open_round: Round, officer: User, shapes: BoundaryLoad
) -> None:
    client.force_login(officer)
    assert client.get(reverse("funding:round_areas_pdf", args=[open_round.pk])).status_code == 404
    assert (
        client.get(reverse("funding:round_areas_pdf", args=[open_round.pk + 1000])).status_code
        == 404
    )


# --- query counts ------------------------------------------------------------------------------

MORE = 3


def _pdf_queries_stay_flat(
    client: Any, django_assert_max_num_queries: Any, url: str, grow: Any
) -> str:
    """The PDF at ``url`` makes no more queries after ``grow()`` adds data; its text."""
    pdf_of(client.get(url))
    with CaptureQueriesContext(connection) as small:
        pdf_of(client.get(url))
    grow()
    with django_assert_max_num_queries(len(small)):
        response = client.get(url)
    return text_of(pdf_of(response))


def test_the_map_pdfs_make_no_more_queries_with_more_records(
    client: Any,
    django_assert_max_num_queries: Any,
    settings: Any,
    make_bid: Any,
    make_round: Any,
    fund: Fund,
    officer: User,
    commissioner: User,
    grants: list[Grant],
) -> None:
    settings.REMIT_PUBLIC_PAGE_CACHE = False
    for grant in grants:
        ready(grant, officer)
    later = make_round(slug="later")
    _bid(make_bid, [NORTHTON], 100_000, "First", round=later)
    client.force_login(officer)

    def more_grants() -> None:
        for n in range(MORE):
            grant = awarded(
                make_bid, officer, commissioner, lead=SOUTHBY, amount=100_000, title=f"More {n}"
            )
            grant.bid.areas.set(fund.region.areas.filter(code__in=[NORTHTON, SOUTHBY]))
            ready(grant, officer)

    def more_bids() -> None:
        for n in range(MORE):
            _bid(make_bid, [NORTHTON, SOUTHBY], 50_000, f"Bid {n}", round=later)

    text = _pdf_queries_stay_flat(
        client, django_assert_max_num_queries, reverse("funding:grants_areas_pdf"), more_grants
    )
    assert f"Southby {SOUTHBY} {format_pence(1_300_000)} 4" in text
    client.logout()
    text = _pdf_queries_stay_flat(
        client, django_assert_max_num_queries, reverse("funding_public:areas_pdf"), more_grants
    )
    assert f"Southby {SOUTHBY} {format_pence(1_600_000)} 7" in text
    client.force_login(officer)
    text = _pdf_queries_stay_flat(
        client,
        django_assert_max_num_queries,
        reverse("funding:round_areas_pdf", args=[later.pk]),
        more_bids,
    )
    assert f"Southby {SOUTHBY} {format_pence(MORE * 50_000)} {MORE}" in text
