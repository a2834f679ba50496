"""When an indicator's next figures should have arrived, so an analyst knows it is stale.

No Django here. Periods are written ``YYYY-MM`` (a month) or ``YYYY`` (a year), as the
indicators store them. police.uk publishes a month's crimes about two months after the month
ends; annual statistics (ONS, IMD) arrive about a year after the year ends.
"""

from __future__ import annotations

from datetime import date

MONTHLY_LAG_MONTHS = 2
YEARLY_LAG_YEARS = 1


def next_figures_due(period: str) -> date:
    """The day by which the period after ``period`` should have been published."""
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:])
        # the next month ends at the start of month+2; publication follows the lag after it
        index = year * 12 + (month - 1) + 2 + MONTHLY_LAG_MONTHS
        return date(index // 12, index % 12 + 1, 1)
    year = int(period)
    return date(year + 2 + YEARLY_LAG_YEARS, 1, 1)
