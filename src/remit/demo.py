"""The demo: a region pack (shipped, or any pack file), one account per role, then each
part's demo data: the stories kept for the region beside its pack file, and the real
published data held for its areas.

Every step is idempotent, so `remit demo` can be run again safely.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from remit.core.models import Region
from remit.core.services.demo import DemoAccount
from remit.core.services.demo import demo_load as accounts_load
from remit.core.services.demo import demo_pack_path
from remit.core.services.region import LoadReport

# The shipped pack `remit demo` loads when no region is named.
DEMO_REGION = "west-midlands"


def _steps(report: LoadReport, pack: Path) -> list[tuple[str, Callable[[Region], None]]]:
    from remit.appraisal.demo import demo_load as business_cases
    from remit.funding.demo import demo_load as fund
    from remit.indicators.demo import demo_load as indicators
    from remit.indicators.map_demo import demo_load as boundaries
    from remit.meetings.demo import demo_load as meetings
    from remit.proposals.demo import demo_load as proposals

    return [
        ("proposals and their routing", partial(proposals, pack=pack)),
        ("meetings, papers and decisions", partial(meetings, pack=pack)),
        ("business cases", business_cases),
        ("the community safety fund", partial(fund, pack=pack)),
        (
            "indicators from published crime data and statistics",
            partial(indicators, definitions=report.pack.indicators if report.pack else None),
        ),
        ("boundaries for maps", boundaries),
    ]


def demo_load(
    *, region: str, progress: Callable[[str], None] | None = None
) -> tuple[LoadReport, list[DemoAccount]]:
    """`region` is a shipped pack's slug or the path of a pack file; its stories are found
    beside the pack."""
    report, accounts = accounts_load(region=region)
    for label, step in _steps(report, demo_pack_path(region)):
        if progress:
            progress(label)
        step(report.region)
    return report, accounts
