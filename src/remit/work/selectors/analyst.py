"""An analyst's sections: crime data imports, indicators out of date and targets
without data.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta

from django.urls import reverse

from remit.core.models import Region
from remit.indicators import selectors as indicators
from remit.work.freshness import next_figures_due
from remit.work.items import Item
from remit.work.items import Section
from remit.work.selectors.dates import RECENT_DAYS
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date


def analyst_sections(region: Region, today: date, now: datetime) -> list[Section]:
    import_items = [
        Item(
            title=f"{job.get_status_display()}: {job.original_name}",
            url=reverse("indicators:import_job", args=[job.pk]),
            detail=job.message or f"Started on {long_date(local_day(job.created_at))}.",
        )
        for job in indicators.imports_to_watch(region, now - timedelta(days=RECENT_DAYS))
    ]
    stale = []
    for indicator in indicators.latest_periods(region):
        url = reverse("indicators:detail", args=[indicator.slug])
        if indicator.latest is None:
            stale.append(Item(title=indicator.name, url=url, detail="No figures loaded yet."))
            continue
        due = next_figures_due(indicator.latest)
        if due <= today:
            stale.append(
                Item(
                    title=indicator.name,
                    url=url,
                    due=due,
                    due_label="Next figures due",
                    detail=f"The latest figures are for {indicator.latest}.",
                )
            )
    targets = [
        Item(
            title=f"{target.indicator.name}: target for "
            f"{target.area.name if target.area else 'the region'}",
            url=reverse("indicators:detail", args=[target.indicator.slug]),
            due=target.due,
            due_label="Target date",
            detail="No figures to measure it by.",
        )
        for target in indicators.targets_without_data(region)
    ]
    return [
        Section(
            "Crime data imports", "No imports are running and none has been refused.", import_items
        ),
        Section("Indicators out of date", "Every indicator has its latest figures.", stale),
        Section("Targets without data", "Every target has figures to measure it by.", targets),
    ]
