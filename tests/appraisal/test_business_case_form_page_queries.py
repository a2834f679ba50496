"""The forms for one business case make as many queries with four times the people, boards,
missions and risks they offer or show as with one of each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import Risk
from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import User

MORE = 3
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


def _grow(case: BusinessCase, numbers: range) -> None:
    """More people, boards and missions to choose from, and risks on the case."""
    region = case.region
    for n in numbers:
        person = Person.objects.create(region=region, slug=f"owner-{n}", name=f"Owner {n}")
        Board.objects.create(region=region, slug=f"board-{n}", name=f"Board {n}", kind="other")
        Mission.objects.create(region=region, number=40 + n, short_title=f"Mission title {n}")
        Risk.objects.create(
            business_case=case, title=f"Risk {n}", owner=person, likelihood=3, impact=3
        )


@pytest.fixture
def case(region: Region, officer: User) -> BusinessCase:
    made = services.business_case_create(
        by=officer, region=region, data={"title": "Violence reduction unit", "summary": "Less."}
    )
    services.appraisal_record(by=officer, case=made, inputs=load_case(CASE_YAML), source="yaml")
    return made


def _risk(case: BusinessCase) -> int:
    return int(case.risks.get(title="Risk 0").pk)


# page: (url, text the page shows, text a grown choice or row shows)
PAGES: dict[str, tuple[Callable[[BusinessCase], str], str, str]] = {
    "create": (lambda c: reverse("appraisal:create"), "Start a business case", "Owner 2"),
    "edit": (
        lambda c: reverse("appraisal:edit", args=[c.pk]),
        "Violence reduction unit",
        "Owner 2",
    ),
    "section_edit": (
        lambda c: reverse("appraisal:section_edit", args=[c.pk, "strategic"]),
        "Edit the strategic case",
        "Mission title 2",
    ),
    "row_add": (
        lambda c: reverse("appraisal:row_add", args=[c.pk, "risks"]),
        "Violence reduction unit",
        "Owner 2",
    ),
    "row_edit": (
        lambda c: reverse("appraisal:row_edit", args=[c.pk, "risks", _risk(c)]),
        "Risk 0",
        "Owner 2",
    ),
    "decision_record": (
        lambda c: reverse("appraisal:decision_record", args=[c.pk]),
        "Violence reduction unit",
        "Board 2",
    ),
    "option_add": (
        lambda c: reverse("appraisal:option_add", args=[c.pk]),
        "Violence reduction unit",
        "2025",
    ),
    "option_edit": (
        lambda c: reverse("appraisal:option_edit", args=[c.pk, 1]),
        "Violence reduction unit",
        "reduced harm",
    ),
    "settings": (
        lambda c: reverse("appraisal:settings", args=[c.pk]),
        "Violence reduction unit",
        "2025",
    ),
    "upload": (
        lambda c: reverse("appraisal:upload", args=[c.pk]),
        "Violence reduction unit",
        "Violence reduction unit",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_business_case_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any, officer: User, case: BusinessCase, page_queries_stay_flat: Any, page: str
) -> None:
    url, shows, grown = PAGES[page]
    _grow(case, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(url(case), lambda: _grow(case, range(1, 1 + MORE)))

    assert shows in html
    assert grown in html


def test_correcting_a_business_case_decision_makes_no_more_queries_with_more_boards(
    client: Any, officer: User, case: BusinessCase, page_queries_stay_flat: Any
) -> None:
    decision = services.approval_decision_record(
        by=officer,
        case=case,
        data={
            "board": Board.objects.get(slug="csp"),
            "outcome": "deferred",
            "reasons": "More data.",
            "decided_on": date(2025, 3, 18),
            "minute_reference": "CSP 3/25",
        },
    )
    _grow(case, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(
        reverse("appraisal:decision_correct", args=[case.pk, decision.pk]),
        lambda: _grow(case, range(1, 1 + MORE)),
    )

    assert "Correct a decision" in html
    assert "Board 2" in html
