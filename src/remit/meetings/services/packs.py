"""Meeting packs: built in the background, and rebuilt only when what they print has changed."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.meetings import permissions
from remit.meetings import selectors
from remit.meetings.documents import content_hash
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.pack import build_pack

log = logging.getLogger(__name__)
LIVE = (PackBuild.Status.QUEUED, PackBuild.Status.RUNNING, PackBuild.Status.DONE)


def current_hash(meeting: Meeting, audience: str) -> str:
    return content_hash(selectors.pack_content(meeting, audience))


def _enqueue(pack_id: int) -> None:
    from remit.meetings.tasks import build_meeting_pack

    build_meeting_pack.enqueue(pack_id)


def pack_enqueue(meeting: Meeting, *, audience: str, by: User | None = None) -> PackBuild:
    """The pack of what the meeting holds now: the cached one if nothing changed, else a build."""
    content = selectors.pack_content(meeting, audience)
    if not content.papers and not content.agenda:
        raise DomainError("The agenda is empty: add items before building a pack.", field="meeting")
    digest = content_hash(content)
    existing = (
        PackBuild.objects.filter(
            meeting=meeting, audience=audience, content_hash=digest, status__in=LIVE
        )
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        return existing
    pack = PackBuild(
        meeting=meeting,
        audience=audience,
        content_hash=digest,
        requested_by=by if getattr(by, "is_authenticated", False) else None,
        step="Waiting to start",
    )
    save_attributed(pack, by=by, reason="Requested")
    pack_id = pack.pk
    transaction.on_commit(lambda: _enqueue(pack_id))
    return pack


@transaction.atomic
def pack_request(
    *, by: User, meeting: Meeting, audience: str = PackBuild.Audience.MEMBERS
) -> PackBuild:
    require(permissions.can_build_pack(by, meeting))
    if audience == PackBuild.Audience.PUBLIC and meeting.public_at is None:
        raise DomainError("The agenda is not public yet.", field="audience")
    return pack_enqueue(meeting, audience=audience, by=by)


def _progress(pack_id: int) -> Any:
    def report(percent: int, step: str) -> None:
        PackBuild.objects.filter(pk=pack_id).update(progress=min(percent, 99), step=step[:200])

    return report


def pack_build_run(pack_id: int) -> PackBuild:
    """Do the work of one build, recording progress on the row as it goes."""
    pack = PackBuild.objects.select_related("meeting__board").get(pk=pack_id)
    if pack.status != PackBuild.Status.QUEUED:
        return pack
    PackBuild.objects.filter(pk=pack_id).update(
        status=PackBuild.Status.RUNNING, progress=1, step="Starting"
    )
    try:
        content = selectors.pack_content(pack.meeting, pack.audience)
        result = build_pack(content, default_storage.open, _progress(pack_id))
    except Exception as exc:
        log.exception("Pack %s failed", pack_id)
        PackBuild.objects.filter(pk=pack_id).update(
            status=PackBuild.Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
            step="Failed",
        )
        return PackBuild.objects.get(pk=pack_id)
    pack.refresh_from_db()
    day = pack.meeting.date
    name = f"{pack.meeting.board.slug}-{day:%Y-%m-%d}-{pack.audience}-pack-{pack.pk}.pdf"
    pack.file.save(name, ContentFile(result.pdf), save=False)
    pack.status = PackBuild.Status.DONE
    pack.progress = 100
    pack.step = "Ready"
    pack.page_count = result.pages
    pack.finished_at = timezone.now()
    pack.content_hash = content_hash(content)
    return save_attributed(pack, by=None, reason=f"Built ({result.pages} pages)")
