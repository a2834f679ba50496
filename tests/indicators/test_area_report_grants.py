"""The performance report lists the grants led in the area with their monitoring returns."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.models import User
from remit.core.services.demo import demo_load
from remit.funding.demo import demo_load as fund_demo
from remit.funding.models import Grant
from remit.indicators import reports


@pytest.fixture
def west_midlands(db: Any) -> Any:
    region = demo_load(region="west-midlands")[0].region
    fund_demo(region)
    return region


def test_grants_come_with_spend_rag_and_late_returns(west_midlands: Any) -> None:
    birmingham = west_midlands.areas.get(code="E08000025")
    grant = Grant.all_objects.get(bid__lead_area=birmingham)
    latest = grant.returns.exclude(submitted_at=None).order_by("period_start").last()
    officer = User.objects.get(username="officer")
    report = reports.area_report(birmingham, None, None, user=officer)
    (line,) = report.grants
    assert line.title == grant.bid.title
    assert line.amount_pence == grant.amount_pence
    assert line.spent_pence == latest.spend_to_date_pence
    assert line.rag == latest.rag
    html = reports.area_report_html(report)
    assert "Grants and their monitoring returns" in html


def test_signed_out_the_report_has_published_grants_only(west_midlands: Any) -> None:
    coventry = west_midlands.areas.get(code="E08000026")
    grant = Grant.all_objects.get(bid__lead_area=coventry)
    assert [g.title for g in reports.area_report(coventry, None, None).grants] == [grant.bid.title]
    Grant.all_objects.filter(pk=grant.pk).update(is_published=False)
    assert reports.area_report(coventry, None, None).grants == []
