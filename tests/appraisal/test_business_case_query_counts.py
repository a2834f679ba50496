"""Business case lists make as many queries with many cases as with a few.

The case pages themselves (detail, sections, public summary) are counted against the number
of options in test_business_case_views.py.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest
from django.urls import reverse

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import Section
from remit.core.models import Board
from remit.core.models import Region
from remit.core.models import User

MORE = 5
CASE_YAML = """\
base_year: 2025
options:
  - name: Business as usual
    counterfactual: true
    revenue: {2025: 100000}
  - name: Violence reduction unit
    revenue: {2025: 80000}
    benefits:
      reduced harm: {2025: 60000}
"""


def _approved(region: Region, officer: User, title: str) -> BusinessCase:
    case = services.business_case_create(
        by=officer, region=region, data={"title": title, "summary": "Less harm."}
    )
    services.appraisal_record(by=officer, case=case, inputs=load_case(CASE_YAML), source="yaml")
    for section in Section.objects.filter(business_case=case):
        for target in ("drafting", "ready_for_review", "approved"):
            section.refresh_from_db()
            if section.status not in (target, "approved"):
                services.section_move(by=officer, section=section, target=target)
    services.approval_decision_record(
        by=officer,
        case=case,
        data={
            "board": Board.objects.get(region=region, slug="csp"),
            "outcome": "approved",
            "decided_on": date(2025, 3, 18),
        },
    )
    return case


@pytest.fixture
def grow(region: Region, officer: User) -> Any:
    """One approved case first; ``grow()`` adds more."""
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            _approved(region, officer, f"Case {next(numbers)}")

    add(1)
    return lambda: add(MORE)


@pytest.mark.parametrize("name", ["appraisal:list", "appraisal_public:list"])
def test_a_business_case_list_makes_no_more_queries_with_more_cases(
    client: Any, officer: User, grow: Any, page_queries_stay_flat: Any, name: str
) -> None:
    if name.startswith("appraisal:"):
        client.force_login(officer)
    html = page_queries_stay_flat(reverse(name), grow)
    assert f"Case {MORE}" in html
