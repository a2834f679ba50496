"""The public home and a board's page make as many queries with a thousand of each record as
with ten."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from portal_support import NOW
from portal_support import TODAY
from portal_support import Records

from remit.core.models import Board


def _add(records: Records, count: int, offset: int) -> None:
    """``count`` of each kind of record the pages show, numbered from ``offset``."""
    days = range(offset + 1, offset + count + 1)
    upcoming = records.meetings([TODAY + timedelta(days=n) for n in days], title="Coming")
    held = records.meetings([TODAY - timedelta(days=n) for n in days], title="Held")
    for meeting in upcoming[:3] + held[:3]:
        records.papers(meeting, [f"Paper {offset}-{n}" for n in range(count)])
    paper = records.paper(held[0], f"Decided {offset}")
    records.decisions(paper, [TODAY - timedelta(days=n % 300) for n in days])
    records.rounds([(NOW - timedelta(days=1), NOW + timedelta(days=n)) for n in days])
    records.grants([f"Grant {n}" for n in days], [TODAY - timedelta(days=n % 300) for n in days])
    records.indicators(count, "Figure", {"2029-05": 10, "2030-05": 8})
    for n in days:
        Board.objects.create(
            region=records.region, slug=f"group-{n}", name=f"Group {n}", parent=records.board
        )


@pytest.mark.parametrize(
    "url", [reverse("portal:public_home"), reverse("portal:board", args=["csp"])]
)
def test_the_page_makes_no_more_queries_with_a_thousand_of_each(
    records: Records, page_queries_stay_flat: Any, url: str
) -> None:
    _add(records, 10, 0)
    html = page_queries_stay_flat(url, lambda: _add(records, 990, 10))
    assert "Group 1000" in html
