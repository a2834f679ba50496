"""No lost updates in business cases: a funding line, delivery milestone or risk, or the
appraisal settings, saved from a copy read before someone else's change is refused, says so,
and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from remit.appraisal import services
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import FundingLine
from remit.appraisal.workflow import Stage
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of

REFUSED = "Someone else changed"


@pytest.fixture
def case(region: Region, officer: Any) -> BusinessCase:
    return services.business_case_create(
        by=officer,
        region=region,
        data={"title": "Violence reduction", "stage": Stage.STRATEGIC_OUTLINE},
        missions=Mission.objects.filter(region=region),
    )


def test_a_second_row_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    line = services.row_save(
        by=officer,
        case=case,
        row=FundingLine(),
        data={"source": "Community safety fund", "year": 2025, "amount_pence": 150_000_00},
    )
    read = version_of(line)
    services.row_save(
        by=officer, case=case, row=line, data={"amount_pence": 120_000_00}, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.row_save(by=officer, case=case, row=line, data={"year": 2026}, version=read)
    stored = FundingLine.objects.get(pk=line.pk)
    assert (stored.amount_pence, stored.year) == (120_000_00, 2025)


def test_a_second_settings_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    case: BusinessCase, officer: Any
) -> None:
    read = version_of(case)
    services.appraisal_settings_update(
        by=officer, case=case, base_year=2026, appraisal_period=5, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.appraisal_settings_update(
            by=officer, case=case, base_year=2027, appraisal_period=8, version=read
        )
    case.refresh_from_db()
    assert (case.base_year, case.appraisal_period) == (2026, 5)
