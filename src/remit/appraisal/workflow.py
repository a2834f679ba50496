"""The states of a business case and its sections, and the moves between them, as data.

A section moves through `TRANSITIONS`; `APPROVER_MOVES` are the moves only an officer may make
(an author does not approve their own section). A board's decision on the whole case is a
separate, append-only record whose outcome is one of `Outcome`.
"""

from __future__ import annotations

from django.db import models


class Stage(models.TextChoices):
    STRATEGIC_OUTLINE = "strategic_outline", "Strategic outline case"
    OUTLINE = "outline", "Outline business case"
    FULL = "full", "Full business case"


class SectionKind(models.TextChoices):
    STRATEGIC = "strategic", "Strategic case"
    ECONOMIC = "economic", "Economic case"
    COMMERCIAL = "commercial", "Commercial case"
    FINANCIAL = "financial", "Financial case"
    MANAGEMENT = "management", "Management case"


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    DRAFTING = "drafting", "Drafting"
    READY_FOR_REVIEW = "ready_for_review", "Ready for review"
    APPROVED = "approved", "Approved"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Approved with conditions"
    NOT_APPROVED = "not_approved", "Not approved"
    DEFERRED = "deferred", "Deferred"


APPROVING = frozenset({Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS})

SECTION_ORDER: tuple[SectionKind, ...] = tuple(SectionKind)

TRANSITIONS: dict[SectionStatus, frozenset[SectionStatus]] = {
    SectionStatus.NOT_STARTED: frozenset({SectionStatus.DRAFTING}),
    SectionStatus.DRAFTING: frozenset({SectionStatus.READY_FOR_REVIEW}),
    SectionStatus.READY_FOR_REVIEW: frozenset({SectionStatus.APPROVED, SectionStatus.DRAFTING}),
    SectionStatus.APPROVED: frozenset({SectionStatus.DRAFTING}),
}

APPROVER_MOVES = frozenset({(SectionStatus.READY_FOR_REVIEW, SectionStatus.APPROVED)})

MOVE_LABELS: dict[tuple[SectionStatus, SectionStatus], str] = {
    (SectionStatus.NOT_STARTED, SectionStatus.DRAFTING): "Start drafting",
    (SectionStatus.DRAFTING, SectionStatus.READY_FOR_REVIEW): "Send for review",
    (SectionStatus.READY_FOR_REVIEW, SectionStatus.APPROVED): "Approve this section",
    (SectionStatus.READY_FOR_REVIEW, SectionStatus.DRAFTING): "Return to drafting",
    (SectionStatus.APPROVED, SectionStatus.DRAFTING): "Reopen for drafting",
}


def after_edit(current: str) -> SectionStatus:
    """An edit starts a section that was not started, and reopens one that was approved."""
    if current in (SectionStatus.NOT_STARTED, SectionStatus.APPROVED):
        return SectionStatus.DRAFTING
    return SectionStatus(current)
