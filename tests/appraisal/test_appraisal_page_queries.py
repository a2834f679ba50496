"""A business case's history makes as many queries with three times the edits as with one, and
lists every edit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from remit.appraisal import services
from remit.appraisal.workflow import Stage
from remit.core.models import Mission, Region, User

MORE = 3


def test_a_business_case_history_makes_no_more_queries_as_it_is_edited(
    client: Any, region: Region, officer: User, page_queries_stay_flat: Any
) -> None:
    case = services.business_case_create(
        by=officer,
        region=region,
        data={"title": "Violence reduction", "stage": Stage.STRATEGIC_OUTLINE},
        missions=Mission.objects.filter(region=region),
    )

    def edit(numbers: range) -> None:
        for n in numbers:
            case.refresh_from_db()
            services.business_case_update(
                by=officer, case=case, data={"title": f"Violence reduction {n}"}
            )

    client.force_login(officer)
    edit(range(1))
    html = page_queries_stay_flat(
        reverse("appraisal:history", args=[case.pk]), lambda: edit(range(1, 1 + 3 * MORE))
    )
    for n in range(1 + 3 * MORE):
        assert f"Violence reduction {n}" in html
