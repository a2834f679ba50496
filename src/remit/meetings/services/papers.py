"""Writing report papers, attaching appendices, and publishing them on time (or saying why not)."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from typing import BinaryIO
from typing import cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.meetings import audiences
from remit.meetings import permissions
from remit.meetings import workflow
from remit.meetings.docx_convert import docx_to_html
from remit.meetings.files import DEFAULT_MAX_BYTES
from remit.meetings.files import AppendixRejected
from remit.meetings.files import inspect_appendix
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.models import PaperSection
from remit.meetings.models import Recommendation
from remit.meetings.pack import converted_name
from remit.meetings.services.common import after_the_meeting
from remit.meetings.services.common import local_day
from remit.meetings.services.common import lock_item
from remit.meetings.services.common import moment
from remit.meetings.services.common import refuse_if_closed
from remit.notifications.services import Kind
from remit.notifications.services import announce

PAPER_FIELDS = (
    "title",
    "purpose",
    "financial_implications",
    "legal_implications",
    "equality_implications",
    "author",
    "contact_officer",
    "presented_by",
)


def appendix_max_bytes() -> int:
    return int(getattr(settings, "REMIT_APPENDIX_MAX_BYTES", DEFAULT_MAX_BYTES))


def _clean_recommendations(recommendations: Sequence[str]) -> list[str]:
    return [r.strip() for r in recommendations if r and r.strip()]


def _clean_sections(sections: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    cleaned = []
    for number, (heading, body) in enumerate(sections, start=1):
        heading, body = (heading or "").strip(), (body or "").strip()
        if not heading and not body:
            continue
        if not heading:
            raise DomainError(f"Section {number} needs a heading.", field="sections")
        if not body:
            raise DomainError(f"Section {number} ({heading}) has no text.", field="sections")
        cleaned.append((heading, body))
    return cleaned


def _write_parts(
    paper: Paper, recommendations: list[str], sections: list[tuple[str, str]], *, by: User
) -> None:
    """Drafts have no decisions against them yet, so their parts are simply rewritten."""
    paper.recommendations.all().delete()
    paper.sections.all().delete()
    for position, text in enumerate(recommendations, start=1):
        save_attributed(
            Recommendation(paper=paper, position=position, text=text), by=by, reason="Written"
        )
    for position, (heading, body) in enumerate(sections, start=1):
        save_attributed(
            PaperSection(paper=paper, position=position, heading=heading, body=body),
            by=by,
            reason="Written",
        )


@transaction.atomic
def paper_create(
    *,
    by: User,
    item: AgendaItem,
    data: Mapping[str, Any],
    recommendations: Sequence[str] = (),
    sections: Sequence[tuple[str, str]] = (),
) -> Paper:
    item = lock_item(item)
    require(permissions.can_write_paper(by, item))
    refuse_if_closed(item.meeting, "add papers to it")
    _refuse_if_withdrawn(item)
    if not item.takes_decision or item.kind == AgendaItem.Kind.MINUTES:
        raise DomainError(
            f"A '{item.get_kind_display()}' item does not take a report paper.", field="item"
        )
    if item.origin_id is not None:
        raise DomainError(
            "This item rolled forward from an earlier meeting and keeps that meeting's paper.",
            field="item",
        )
    if Paper.objects.filter(item=item).exists():
        raise DomainError("This item already has a paper.", field="item")
    paper = Paper(item=item, **{k: v for k, v in data.items() if k in PAPER_FIELDS})
    save_attributed(paper, by=by, reason="Drafted")
    _write_parts(paper, _clean_recommendations(recommendations), _clean_sections(sections), by=by)
    return paper


def _refuse_if_withdrawn(item: AgendaItem) -> None:
    if item.withdrawn:
        raise DomainError(
            f"“{item.title}” was withdrawn from the agenda, so it takes no paper.", field="item"
        )


def _lock_paper(paper: Paper) -> Paper:
    return locked(paper, related=("item__meeting__board",))


def _refuse_unless_draft(paper: Paper) -> None:
    if paper.status != Paper.Status.DRAFT:
        raise DomainError(
            f"The paper is {paper.get_status_display().lower()}: a published paper is part of "
            "the record and cannot be changed; add a supplementary paper instead.",
            field="status",
        )


@transaction.atomic
def paper_update(
    *,
    by: User,
    paper: Paper,
    data: Mapping[str, Any],
    recommendations: Sequence[str] | None = None,
    sections: Sequence[tuple[str, str]] | None = None,
    version: int | None = None,
) -> Paper:
    paper = _lock_paper(paper)
    require(permissions.can_write_paper(by, paper.item))
    check_version(paper, version)
    _refuse_unless_draft(paper)
    changed = apply_changes(paper, data, PAPER_FIELDS)
    new_recs = None if recommendations is None else _clean_recommendations(recommendations)
    new_sections = None if sections is None else _clean_sections(sections)
    current_recs = [r.text for r in paper.recommendations.all()]
    current_sections = [(s.heading, s.body) for s in paper.sections.all()]
    parts_changed = (new_recs is not None and new_recs != current_recs) or (
        new_sections is not None and new_sections != current_sections
    )
    if parts_changed:
        changed.append("recommendations and sections")
        _write_parts(
            paper,
            current_recs if new_recs is None else new_recs,
            current_sections if new_sections is None else new_sections,
            by=by,
        )
    if changed:
        save_attributed(paper, by=by, reason="Edited: " + ", ".join(changed))
    return paper


def _renumber(paper: Paper) -> None:
    for position, appendix in enumerate(paper.appendices.order_by("position", "pk"), start=1):
        if appendix.position != position:
            Appendix.objects.filter(pk=appendix.pk).update(position=position)


@transaction.atomic
def appendix_add(*, by: User, paper: Paper, upload: UploadedFile, title: str = "") -> Appendix:
    paper = _lock_paper(paper)
    require(permissions.can_write_paper(by, paper.item))
    _refuse_unless_draft(paper)
    name = upload.name or "appendix"
    try:
        info = inspect_appendix(
            name, cast(BinaryIO, upload), upload.size or 0, appendix_max_bytes()
        )
    except AppendixRejected as exc:
        raise DomainError(exc.message, field="file") from exc
    if info.kind == "docx":
        _keep_converted(upload, info.sha256)
    position = (paper.appendices.aggregate(top=Max("position"))["top"] or 0) + 1
    appendix = Appendix(
        paper=paper,
        position=position,
        title=title.strip() or name.rsplit(".", 1)[0],
        original_name=name,
        kind=info.kind,
        size=info.size,
        sha256=info.sha256,
        pages=info.pages,
    )
    appendix.file.save(name, upload, save=False)
    save_attributed(appendix, by=by, reason=f"Appendix {appendix.letter} added")
    save_attributed(paper, by=by, reason=f"Appendix added: {appendix.title}")
    return appendix


def _keep_converted(upload: UploadedFile, sha256: str) -> None:
    """Convert a Word appendix once, when it arrives, so no pack build waits on it."""
    name = converted_name(sha256)
    if default_storage.exists(name):
        return
    upload.seek(0)
    try:
        html = docx_to_html(cast(BinaryIO, upload))
    except Exception as exc:
        raise DomainError(
            "The Word document could not be read. Save it again as a .docx file, "
            "or as a PDF, and upload that.",
            field="file",
        ) from exc
    finally:
        upload.seek(0)
    saved = default_storage.save(name, ContentFile(html.encode("utf-8")))
    if saved != name:
        default_storage.delete(saved)


def _forget_converted(sha256: str) -> None:
    """Drop a Word appendix's HTML once no appendix has that document any more."""
    if not Appendix.objects.filter(sha256=sha256, kind="docx").exists():
        default_storage.delete(converted_name(sha256))


@transaction.atomic
def appendix_remove(*, by: User, appendix: Appendix) -> None:
    paper = _lock_paper(appendix.paper)
    require(permissions.can_write_paper(by, paper.item))
    _refuse_unless_draft(paper)
    storage, name = appendix.file.storage, appendix.file.name
    kind, sha256 = appendix.kind, appendix.sha256
    delete_attributed(appendix, by=by, reason="Removed")
    _renumber(paper)
    save_attributed(paper, by=by, reason=f"Appendix removed: {appendix.title}")
    if name:
        transaction.on_commit(lambda: storage.delete(name))
    if kind == "docx":
        transaction.on_commit(lambda: _forget_converted(sha256))


def missing_parts(paper: Paper) -> list[str]:
    """What a paper still lacks before it can go to members."""
    missing = []
    if not paper.purpose.strip():
        missing.append("a purpose")
    if not paper.recommendations.exists():
        missing.append("at least one recommendation")
    if paper.author_id is None:
        missing.append("an author")
    if paper.contact_officer_id is None:
        missing.append("a contact officer")
    return missing


def publish_to_members(paper: Paper, *, by: User, at: datetime, urgency_reason: str = "") -> Paper:
    """Publish one draft; after the deadline it is a late paper and needs the chair's reason.

    Once the meeting has begun (or is recorded as held) a paper can no longer inform the
    debate, so it is not "late": it is supplementary information to the minutes, and is
    recorded and labelled as such.
    """
    transitions.check(
        workflow.PAPER_TRANSITIONS, paper.status, Paper.Status.MEMBERS, Paper.Status, "paper"
    )
    missing = missing_parts(paper)
    if missing:
        raise DomainError(
            f"'{paper.title}' cannot be published yet: it needs {', '.join(missing)}.",
            field="status",
        )
    meeting: Meeting = paper.item.meeting
    deadline = meeting.deadline()
    if after_the_meeting(meeting, at):
        paper.after_meeting = True
    elif deadline.is_late(local_day(at)):
        if not urgency_reason.strip():
            raise DomainError(
                f"'{paper.title}' is late: papers for this meeting were due by "
                f"{deadline.effective.day} {deadline.effective:%B %Y} ({deadline.binding_rule}). "
                "Give the chair's reason for urgency.",
                field="urgency_reason",
            )
        paper.late = True
        paper.urgency_reason = urgency_reason.strip()
    paper.status = Paper.Status.MEMBERS
    paper.members_published_at = at
    note = " as a late paper" if paper.late else ""
    if paper.after_meeting:
        note = " after the meeting, as supplementary information to the minutes"
    return save_attributed(paper, by=by, reason=f"Published to members{note}")


def publish_to_public(paper: Paper, *, by: User, at: datetime) -> Paper:
    transitions.check(
        workflow.PAPER_TRANSITIONS, paper.status, Paper.Status.PUBLIC, Paper.Status, "paper"
    )
    if paper.item.private:
        raise DomainError(
            "The item is taken in private, so its paper is not published.", field="status"
        )
    paper.status = Paper.Status.PUBLIC
    paper.public_published_at = at
    return save_attributed(paper, by=by, reason="Published to the public")


@transaction.atomic
def paper_publish(
    *, by: User, paper: Paper, at: datetime | None = None, urgency_reason: str = ""
) -> Paper:
    """Publish a paper written after the agenda went out; it follows the agenda to the public."""
    from remit.meetings.services.packs import pack_enqueue
    from remit.meetings.services.subscriptions import notify_papers_published

    paper = _lock_paper(paper)
    require(permissions.can_publish_paper(by, paper))
    meeting = paper.item.meeting
    refuse_if_closed(meeting, "publish papers for it")
    _refuse_if_withdrawn(paper.item)
    if meeting.agenda_published_at is None:
        raise DomainError(
            "Publish the agenda first: papers go out with it, and later ones follow.",
            field="status",
        )
    when = moment(at)
    publish_to_members(paper, by=by, at=when, urgency_reason=urgency_reason)
    title = f"Paper published for {meeting}: {paper.title}"
    link = reverse("meetings:paper", args=[paper.pk])
    announce(Kind.PAPER_PUBLISHED, f"paper:{paper.pk}", audiences.paper_readers(paper), title, link)
    if meeting.public_at is not None and not paper.item.private:
        publish_to_public(paper, by=by, at=when)
        notify_papers_published(meeting, [paper])
        pack_enqueue(meeting, audience=PackBuild.Audience.PUBLIC, by=by)
    return paper


@transaction.atomic
def paper_withdraw(*, by: User, paper: Paper, reason: str) -> Paper:
    paper = _lock_paper(paper)
    require(permissions.can_publish_paper(by, paper))
    transitions.check(
        workflow.PAPER_TRANSITIONS, paper.status, Paper.Status.WITHDRAWN, Paper.Status, "paper"
    )
    if not reason.strip():
        raise DomainError("Say why the paper is withdrawn.", field="reason")
    paper.status = Paper.Status.WITHDRAWN
    paper.withdrawn_reason = reason.strip()
    return save_attributed(paper, by=by, reason=f"Withdrawn: {reason.strip()}")
