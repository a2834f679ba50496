"""Background work for indicators: importing uploaded police.uk files."""

from __future__ import annotations

from django_tasks import task


@task()
def import_crime_upload(job_id: int) -> int:
    """Import one upload; its progress and outcome are stored on the `ImportJob` row."""
    from remit.indicators.services.imports import crime_import_run

    return crime_import_run(job_id).pk
