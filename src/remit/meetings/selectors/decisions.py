"""Published decisions: boards' and those people took alone, as one list for the
decisions page and its feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from functools import cached_property
from typing import overload

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Person
from remit.core.models import Region
from remit.meetings.models import Decision
from remit.proposals import selectors as proposal_selectors
from remit.proposals.models import ForumDecision


def public_decisions(region: Region, on: date | None = None) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            board__region=region,
            published_on__lte=on or timezone.localdate(),
            item__private=False,
            item__meeting__public_at__isnull=False,
        )
        .select_related("board", "item__meeting", "supersedes")
        .order_by("-published_on", "-pk")
    )


PublishedDecision = Decision | ForumDecision


@dataclass(frozen=True)
class DecidedBy:
    """Whose decisions the public list shows: a board's (`board`) or one person's (`person`)."""

    kind: str
    slug: str

    @classmethod
    def parse(cls, value: str) -> DecidedBy | None:
        """Read "board:slug" or "person:slug", the values the list's filter offers."""
        kind, _, slug = value.partition(":")
        return cls(kind, slug) if kind in {"board", "person"} and slug else None

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.slug}"


class PublishedDecisions(Sequence[PublishedDecision]):
    """Boards' published decisions and the decisions people took alone, newest first, as one
    list for the decisions page and its feed.

    A board's decision is dated when it was published, a person's the day they decided. The
    first `n` in that order are among the newest `n` of each kind, so a slice reads the dates
    and keys of no more rows than it ends at, then fetches only its own rows: a page costs the
    same queries, and about the same time, however many decisions there are.
    """

    def __init__(self, boards: QuerySet[Decision], alone: QuerySet[ForumDecision]) -> None:
        self._boards = boards.prefetch_related("outcomes")
        self._alone = alone

    @cached_property
    def _count(self) -> int:
        return self._boards.count() + self._alone.count()

    def _keys(self, stop: int | None) -> list[tuple[bool, int]]:
        """Which decisions come first, up to `stop` (all of them when it is None)."""
        boards = (
            self._boards.prefetch_related(None)
            .order_by("-published_on", "-recorded_at", "-pk")
            .values_list("published_on", "recorded_at", "pk")
        )
        alone = (
            self._alone.prefetch_related(None)
            .order_by("-decided_on", "-recorded_at", "-pk")
            .values_list("decided_on", "recorded_at", "pk")
            .distinct()
        )
        if stop is not None:
            boards, alone = boards[:stop], alone[:stop]
        rows: list[tuple[date, datetime, bool, int]] = [
            (day, at, False, pk) for day, at, pk in boards
        ]
        rows += [(day, at, True, pk) for day, at, pk in alone]
        rows.sort(reverse=True)
        return [(is_alone, pk) for _, _, is_alone, pk in rows[:stop]]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> PublishedDecision: ...

    @overload
    def __getitem__(self, index: slice) -> list[PublishedDecision]: ...

    def __getitem__(self, index: int | slice) -> PublishedDecision | list[PublishedDecision]:
        if isinstance(index, int):
            found = (
                self[index : index + 1] if index >= 0 else self._fetch([self._keys(None)[index]])
            )
            if not found:
                raise IndexError(index)
            return found[0]
        from_top = index.step is None and (index.start or 0) >= 0 and (index.stop or 0) >= 0
        return self._fetch(self._keys(index.stop if from_top else None)[index])

    def _fetch(self, keys: list[tuple[bool, int]]) -> list[PublishedDecision]:
        boards = self._boards.in_bulk([pk for alone, pk in keys if not alone])
        alone = self._alone.in_bulk([pk for is_alone, pk in keys if is_alone])
        return [alone[pk] if is_alone else boards[pk] for is_alone, pk in keys]


def published_decisions(region: Region, decided_by: DecidedBy | None = None) -> PublishedDecisions:
    """Every published decision in the region, or those of one board or one person."""
    boards = public_decisions(region)
    alone = proposal_selectors.published_decisions_taken_alone(region)
    if decided_by is not None and decided_by.kind == "board":
        boards, alone = boards.filter(board__slug=decided_by.slug), alone.none()
    elif decided_by is not None:
        boards, alone = boards.none(), alone.filter(decision_maker__slug=decided_by.slug)
    return PublishedDecisions(boards, alone)


def people_deciding_alone(region: Region) -> QuerySet[Person]:
    """Those whose decisions taken alone are published, to filter the decisions list by."""
    decided = proposal_selectors.published_decisions_taken_alone(region).values("decision_maker")
    return Person.objects.filter(pk__in=decided).order_by("name", "pk")


@dataclass(frozen=True)
class DecisionRow:
    """A line of the public decisions list, the same for a board's decision and a person's."""

    reference: str
    url: str
    title: str
    decided_by: str
    day: date
    corrects: str


def decision_row(item: PublishedDecision) -> DecisionRow:
    if isinstance(item, ForumDecision):
        effects = item.published_effects  # type: ignore[attr-defined]
        subjects = ", ".join(f"“{e.proposal.title}”" for e in effects)
        return DecisionRow(
            reference="",
            url=reverse("published_proposals:detail", args=[effects[0].proposal_id])
            + f"#decision-{item.pk}",
            title=f"{subjects}: {item.get_outcome_display().lower()}",
            decided_by=item.decider_label,
            day=item.decided_on,
            corrects="an earlier record" if item.supersedes_id else "",
        )
    return DecisionRow(
        reference=item.reference,
        url=reverse("meetings_public:decision", args=[item.pk]),
        title=item.item.title,
        decided_by=item.board.name,
        day=item.published_on,
        corrects=item.supersedes.reference if item.supersedes else "",
    )


def standing_forum_decision(decision: Decision | None) -> ForumDecision | None:
    """The forum decision a meeting decision stands for: its own, or the one it corrects.

    A correction that leaves the proposal's outcome as it was records no new forum
    decision, so the one taken with an earlier decision in the chain still stands.
    """
    while decision is not None:
        # Append-only records share an untyped queryset, so name the row type here.
        found: ForumDecision | None = (
            ForumDecision.objects.filter(meeting_decision=decision)
            .select_related("board", "meeting_decision", "routing__proposal")
            .first()
        )
        if found is not None:
            return found
        decision = decision.supersedes
    return None
