"""Importing police.uk files uploaded through the site, in the background.

The request stores the upload and queues a job; the worker imports it into the crime
store (all or nothing), writing its progress on the `ImportJob` row as each file is
staged, then recounts the region's crime indicators.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from pathlib import PurePath
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.indicators import audiences
from remit.indicators import crime
from remit.indicators import permissions
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.models import ImportJob
from remit.indicators.services import shared_store
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import crime_indicators_refresh
from remit.notifications.services import Kind
from remit.notifications.services import announce

log = logging.getLogger(__name__)
ACCEPTED = (".zip", ".csv")
MAX_UPLOAD_BYTES = 512 * 1024 * 1024


def _enqueue(job_id: int) -> None:
    from remit.indicators.tasks import import_crime_upload

    import_crime_upload.enqueue(job_id)


@transaction.atomic
def crime_import_request(
    *, by: User, region: Region, upload: File[Any], name: str, allow_empty: bool = False
) -> ImportJob:
    """Keep the upload and queue its import; the job page follows it."""
    require(permissions.can_import_crime(by))
    name = PurePath(name).name
    if not name.lower().endswith(ACCEPTED):
        raise DomainError(
            "Upload a .zip of police.uk files, or one police.uk street .csv file.", field="upload"
        )
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise DomainError("The file is larger than 512 MB: split it.", field="upload")
    job = ImportJob(region=region, original_name=name, requested_by=by, allow_empty=allow_empty)
    job.upload.save(name, upload, save=False)
    save_attributed(job, by=by, reason="Requested")
    job_id = job.pk
    transaction.on_commit(lambda: _enqueue(job_id))
    return job


def _progress(job_id: int) -> crime.Progress:
    def report(done: int, total: int, source: str) -> None:
        message = f"Checked {PurePath(source.split(':')[-1]).name}" if source else "Files found"
        ImportJob.objects.filter(pk=job_id).update(
            files_done=done, files_total=total, message=message[:500]
        )

    return report


def _finish(job: ImportJob, *, status: str, message: str, errors: list[dict[str, Any]]) -> None:
    job.refresh_from_db()
    job.status = status
    job.message = message[:500]
    job.errors = errors
    job.finished_at = timezone.now()
    save_attributed(job, by=None, reason=job.get_status_display())
    outcome = "finished" if job.status == ImportJob.Status.DONE else "failed"
    title = f"Crime data import {outcome}: {job.original_name}"
    link = reverse("indicators:import_job", args=[job.pk])
    announce(Kind.IMPORT_FINISHED, f"import:{job.pk}", audiences.requester(job), title, link)


def crime_import_run(job_id: int, *, store: Path | None = None) -> ImportJob:
    """Do one queued import; a refusal is recorded on the job with its file and line."""
    job = ImportJob.objects.select_related("region", "requested_by").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), message="Starting"
    )
    store = store or crime_store()
    with tempfile.TemporaryDirectory(prefix="remit-import-") as tmp:
        local = Path(tmp) / job.original_name
        try:
            with default_storage.open(job.upload.name, "rb") as source, local.open("wb") as out:
                shutil.copyfileobj(source, out)
            shared_store.refresh(store, force=True)
            report = crime.import_paths(
                store, [local], progress=_progress(job_id), allow_empty=job.allow_empty
            )
        except CrimeDataError as exc:
            if exc.field == "allow_empty":
                exc.message += (
                    "; to empty that month on purpose, upload the file again and tick "
                    "“Replace months already held with files that have no crimes”"
                )
            # Name files as uploaded, not by where the worker unpacked them.
            unpacked = f"{tmp}/"
            where = (exc.path or "").replace(unpacked, "")
            error = {"file": where, "line": exc.line, "message": exc.message}
            message = str(exc).replace(unpacked, "")
            _finish(job, status=ImportJob.Status.FAILED, message=message, errors=[error])
            return job
        except Exception as exc:
            log.exception("Crime import %s failed", job_id)
            error = {"file": job.original_name, "line": None, "message": type(exc).__name__}
            message = f"The import stopped unexpectedly ({type(exc).__name__}); nothing was kept."
            _finish(job, status=ImportJob.Status.FAILED, message=message, errors=[error])
            return job
    replaced = f", replacing {len(report.replaced)} already held" if report.replaced else ""
    imported = (
        f"Imported {report.rows:,} crimes from {len(report.force_months)} force-months{replaced}"
    )
    try:
        shared_store.publish(store)
    except Exception as exc:
        log.exception("Crime import %s could not be shared", job_id)
        message = (
            f"{imported} on this server, but they could not be shared with the others "
            f"({type(exc).__name__}): import the file again."
        )
        error = {"file": job.original_name, "line": None, "message": type(exc).__name__}
        _finish(job, status=ImportJob.Status.FAILED, message=message, errors=[error])
        return job
    ImportJob.objects.filter(pk=job_id).update(
        rows_done=report.rows,
        files_done=len(report.force_months),
        files_total=len(report.force_months),
        message="Recounting indicators",
    )
    try:
        refreshed = crime_indicators_refresh(job.region, by=job.requested_by, store=store)
    except DomainError as exc:
        message = f"{imported}, but the indicators could not be recounted: {exc.message}"
        _finish(job, status=ImportJob.Status.DONE, message=message, errors=[])
        return job
    ImportJob.objects.filter(pk=job_id).update(indicators_refreshed=refreshed)
    message = f"{imported}; {refreshed} indicators recounted."
    _finish(job, status=ImportJob.Status.DONE, message=message, errors=[])
    return job
