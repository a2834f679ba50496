"""A business case's history and its list of appraisals make as many queries with many edits
as with a few, and show every one."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from remit.appraisal import selectors
from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.workflow import Stage
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.ui.templatetags.ui import pounds_decimal

MORE = 3
FEW_RUNS, MANY_RUNS = 2, 12
RUNS_MOST_QUERIES = 8
CASE_YAML = """\
base_year: 2025
options:
  - name: Business as usual
    counterfactual: true
    revenue: {{2025: 100000}}
  - name: Violence reduction unit
    revenue: {{2025: 80000}}
    benefits:
      reduced harm: {{2025: {harm}}}
"""


def _case(region: Region, officer: User) -> BusinessCase:
    return services.business_case_create(
        by=officer,
        region=region,
        data={"title": "Violence reduction", "stage": Stage.STRATEGIC_OUTLINE},
        missions=Mission.objects.filter(region=region),
    )


def test_a_business_case_history_makes_no_more_queries_as_it_is_edited(
    client: Any, region: Region, officer: User, page_queries_stay_flat: Any
) -> None:
    case = _case(region, officer)

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


def test_every_appraisal_of_a_case_is_listed_in_as_many_queries_however_many_there_are(
    client: Any,
    region: Region,
    officer: User,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    case = _case(region, officer)

    def appraise(numbers: range) -> None:
        for n in numbers:
            inputs = load_case(CASE_YAML.format(harm=60000 + 1000 * n))
            services.appraisal_record(by=officer, case=case, inputs=inputs, source="yaml")

    client.force_login(officer)
    appraise(range(FEW_RUNS))
    url = reverse("appraisal:runs", args=[case.pk])
    html = page_queries_stay_flat(url, lambda: appraise(range(FEW_RUNS, MANY_RUNS)))
    for run in AppraisalRun.objects.filter(business_case=case):
        assert f"Appraisal {run.number}</h2>" in html
        unit = selectors.appraisal_view(run.result).options[1]
        assert f"Violence reduction unit: NPSV {pounds_decimal(unit.npsv)}," in html
    assert html.count("Violence reduction unit: NPSV") == MANY_RUNS
    with django_assert_max_num_queries(RUNS_MOST_QUERIES):
        client.get(url)
