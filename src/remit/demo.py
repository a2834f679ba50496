"""The demo: a shipped region pack, one account per role, then each part's demo data.

Every step is idempotent, so `remit demo` can be run again safely.
"""

from __future__ import annotations

from collections.abc import Callable

from remit.core.models import Region
from remit.core.services.demo import DemoAccount
from remit.core.services.demo import demo_load as accounts_load
from remit.core.services.region import LoadReport

# The shipped pack `remit demo` loads when no region is named.
DEMO_REGION = "west-midlands"


def _steps() -> list[tuple[str, Callable[[Region], None]]]:
    from remit.appraisal.demo import demo_load as business_cases
    from remit.funding.demo import demo_load as fund
    from remit.indicators.demo import demo_load as indicators
    from remit.indicators.map_demo import demo_load as boundaries
    from remit.meetings.demo import demo_load as meetings
    from remit.proposals.demo import demo_load as proposals

    return [
        ("proposals and their routing", proposals),
        ("meetings, papers and decisions", meetings),
        ("business cases", business_cases),
        ("the community safety fund", fund),
        ("indicators from published crime data and statistics", indicators),
        ("boundaries for maps", boundaries),
    ]


def demo_load(
    *, region_slug: str, progress: Callable[[str], None] | None = None
) -> tuple[LoadReport, list[DemoAccount]]:
    report, accounts = accounts_load(region_slug=region_slug)
    for label, step in _steps():
        if progress:
            progress(label)
        step(report.region)
    return report, accounts
