"""Background work for meetings: building packs outside the request cycle."""

from __future__ import annotations

from django_tasks import task


@task()
def build_meeting_pack(pack_id: int) -> int:
    """Build one pack; its progress and result are stored on the `PackBuild` row."""
    from remit.meetings.services.packs import pack_build_run

    return pack_build_run(pack_id).pk
