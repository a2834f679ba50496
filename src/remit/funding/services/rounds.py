"""Funding rounds: dates, rules, the questions bidders answer and the criteria that judge them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.funding import audiences
from remit.funding import permissions
from remit.funding.models import BidAmount
from remit.funding.models import Criterion
from remit.funding.models import Fund
from remit.funding.models import Question
from remit.funding.models import Round
from remit.funding.rules import financial_years
from remit.funding.services._common import edited
from remit.funding.services._common import when
from remit.funding.workflow import BidStatus
from remit.notifications.services import Kind
from remit.notifications.services import announce

ROUND_FIELDS = (
    "slug",
    "title",
    "description",
    "opens_at",
    "closes_at",
    "eligibility",
    "max_years",
    "match_funding_rules",
    "match_funding_min_percent",
    "budget_pence",
)


def _check_dates(data: Mapping[str, Any], current: Round | None = None) -> None:
    opens = data.get("opens_at", current.opens_at if current else None)
    closes = data.get("closes_at", current.closes_at if current else None)
    for name, value in (("opens_at", opens), ("closes_at", closes)):
        if value is None:
            raise DomainError("Enter the date and time.", field=name)
        if value.tzinfo is None:
            raise DomainError("Give the time with its time zone.", field=name)
    if closes <= opens:
        raise DomainError("A round must close after it opens.", field="closes_at")


def _check_slug(fund: Fund, slug: str, exclude: int | None = None) -> None:
    if fund.rounds.filter(slug=slug).exclude(pk=exclude or 0).exists():
        raise DomainError(f"This fund already has a round called {slug}.", field="slug")


@transaction.atomic
def round_create(*, by: User, fund: Fund, data: Mapping[str, Any]) -> Round:
    require(permissions.can_manage_round(by, fund))
    _check_dates(data)
    _check_slug(fund, data.get("slug", ""))
    round = Round(fund=fund, **{name: data[name] for name in ROUND_FIELDS if name in data})
    return save_attributed(round, by=by, reason="Created")


@transaction.atomic
def round_update(
    *, by: User, round: Round, data: Mapping[str, Any], version: int | None = None
) -> Round:
    round = locked(round, related=("fund",))
    require(permissions.can_manage_round(by, round.fund))
    check_version(round, version)
    _check_dates(data, round)
    if "slug" in data:
        _check_slug(round.fund, data["slug"], exclude=round.pk)
    if "max_years" in data and data["max_years"] < round.max_years:
        kept = financial_years(round.fund.financial_year, data["max_years"])
        asked = (
            BidAmount.objects.filter(bid__round=round, amount_pence__gt=0)
            .exclude(financial_year__in=kept)
            .exclude(bid__status=BidStatus.WITHDRAWN)
        )
        if asked.exists():
            raise DomainError(
                "Some bids ask for money in the years this would remove; the round must keep "
                f"{round.max_years} years.",
                field="max_years",
            )
    changed = apply_changes(round, data, ROUND_FIELDS)
    if not changed:
        return round
    return save_attributed(round, by=by, reason=edited(changed))


def _next_position(rows: Any) -> int:
    return int(rows.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def question_add(*, by: User, round: Round, data: Mapping[str, Any]) -> Question:
    require(permissions.can_manage_round(by, round.fund))
    held = locked(round)
    question = Question(
        round=held,
        position=_next_position(held.questions),
        text=data["text"],
        hint=data.get("hint", ""),
        required=data.get("required", True),
    )
    return save_attributed(question, by=by, reason="Added")


@transaction.atomic
def question_remove(*, by: User, question: Question) -> None:
    require(permissions.can_manage_round(by, question.round.fund))
    if question.answers.exclude(text="").exists():
        raise DomainError(
            "Bidders have answered this question, so it stays with the round.", field="question"
        )
    question.answers.all().delete()
    delete_attributed(question, by=by, reason="Removed")


@transaction.atomic
def question_move(*, by: User, question: Question, up: bool) -> Question:
    """Swap a question with the one before (or after) it."""
    require(permissions.can_manage_round(by, question.round.fund))
    locked(question.round)
    siblings = list(question.round.questions.order_by("position"))
    index = next(i for i, q in enumerate(siblings) if q.pk == question.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return question
    other = siblings[other_index]
    mine, theirs = question.position, other.position
    Question.objects.filter(pk=question.pk).update(position=0)
    other.position = mine
    save_attributed(other, by=by, reason="Reordered")
    question.position = theirs
    return save_attributed(question, by=by, reason="Reordered")


@transaction.atomic
def criterion_add(*, by: User, round: Round, data: Mapping[str, Any]) -> Criterion:
    require(permissions.can_manage_round(by, round.fund))
    held = locked(round)
    criterion = Criterion(
        round=held,
        position=_next_position(held.criteria),
        title=data["title"],
        description=data.get("description", ""),
        weight=data["weight"],
        scale_max=data.get("scale_max", 5),
    )
    return save_attributed(criterion, by=by, reason="Added")


@transaction.atomic
def criterion_remove(*, by: User, criterion: Criterion) -> None:
    require(permissions.can_manage_round(by, criterion.round.fund))
    if criterion.scores.exists():
        raise DomainError(
            "Bids have been scored on this criterion, so it stays with the round.",
            field="criterion",
        )
    delete_attributed(criterion, by=by, reason="Removed")


@transaction.atomic
def moderation_open(*, by: User, round: Round) -> Round:
    """Unseal the round's scoring: every assessor now sees the others' scores and comments
    (except on bids they have a conflict of interest in)."""
    round = Round.objects.select_for_update().select_related("fund").get(pk=round.pk)
    require(permissions.can_open_moderation(by, round))
    if round.moderation_opened_at is not None:
        who = round.moderation_opened_by.display_name if round.moderation_opened_by else ""
        raise DomainError(
            f"Moderation opened at {when(round.moderation_opened_at)}"
            + (f" ({who})." if who else "."),
            field=None,
        )
    round.moderation_opened_at = timezone.now()
    round.moderation_opened_by = by
    save_attributed(round, by=by, reason="Moderation opened")
    title, link = f"Moderation is open: {round}", reverse("funding:moderation", args=[round.pk])
    people = audiences.round_assessors(round)
    announce(Kind.MODERATION_OPENED, f"moderation:{round.pk}", people, title, link)
    return round
