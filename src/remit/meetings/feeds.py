"""An Atom feed of published decisions, for anyone who follows the region's boards.

Besides the boards' decisions at their meetings, it carries the decisions a person took alone
at the end of a governance route (a commissioner's, a mayor's) on published proposals.
"""

from __future__ import annotations

from datetime import datetime
from datetime import time
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from remit.core.models import Region
from remit.core.text import printable
from remit.meetings import selectors
from remit.meetings.models import Decision
from remit.proposals.models import ForumDecision
from remit.ui.views import region_or_404

FEED_LENGTH = 50


def _printable(value: Any) -> Any:
    return printable(value) if isinstance(value, str) else value


class PrintableAtom1Feed(Atom1Feed):
    """Atom with every text written printable: XML cannot hold control characters."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(
            *map(_printable, args), **{key: _printable(v) for key, v in kwargs.items()}
        )

    def add_item(self, *args: Any, **kwargs: Any) -> None:
        super().add_item(
            *map(_printable, args), **{key: _printable(v) for key, v in kwargs.items()}
        )


class DecisionsFeed(Feed):  # type: ignore[type-arg]
    feed_type = PrintableAtom1Feed
    description_template = "meetings/public/decision_feed_item.html"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Region:
        return region_or_404()

    def title(self, obj: Region) -> str:
        return f"Decisions published in {obj.name}"

    def link(self, obj: Region) -> str:
        return reverse("meetings_public:decisions")

    def subtitle(self, obj: Region) -> str:
        return (
            "Decisions of the region's boards, and of those who take a final decision alone, "
            "newest first."
        )

    def items(self, obj: Region) -> list[Decision | ForumDecision]:
        return selectors.published_decisions(obj)[:FEED_LENGTH]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["alone"] = isinstance(kwargs.get("item"), ForumDecision)
        return context

    def item_title(self, item: Decision | ForumDecision) -> str:
        if isinstance(item, ForumDecision):
            subjects = ", ".join(f"“{e.proposal.title}”" for e in item.published_effects)  # type: ignore[attr-defined]
            return (
                f"{subjects}: {item.get_outcome_display().lower()}, decided by {item.decider_label}"
            )
        return f"{item.reference}: {item.item.title}"

    def item_link(self, item: Decision | ForumDecision) -> str:
        if isinstance(item, ForumDecision):
            first = item.published_effects[0].proposal_id  # type: ignore[attr-defined]
            return reverse("published_proposals:detail", args=[first]) + f"#decision-{item.pk}"
        return reverse("meetings_public:decision", args=[item.pk])

    def item_guid(self, item: Decision | ForumDecision) -> str:
        if isinstance(item, ForumDecision):
            return f"decision-taken-alone:{item.pk}"
        return f"decision:{item.reference}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Decision | ForumDecision) -> datetime:
        """A board's decision is dated when published; a person's, the day they decided."""
        day = item.decided_on if isinstance(item, ForumDecision) else item.published_on
        return timezone.make_aware(datetime.combine(day, time(9)))

    def item_updateddate(self, item: Decision | ForumDecision) -> datetime:
        return item.recorded_at

    def item_author_name(self, item: Decision | ForumDecision) -> str:
        if isinstance(item, ForumDecision):
            return item.decider_label
        return item.board.name
