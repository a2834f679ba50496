"""An Atom feed of published decisions, for anyone who follows the region's boards."""

from __future__ import annotations

from datetime import datetime, time
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
        return "Decisions of the region's boards, newest first."

    def items(self, obj: Region) -> list[Decision]:
        return list(selectors.public_decisions(obj).prefetch_related("outcomes")[:FEED_LENGTH])

    def item_title(self, item: Decision) -> str:
        return f"{item.reference}: {item.item.title}"

    def item_link(self, item: Decision) -> str:
        return reverse("meetings_public:decision", args=[item.pk])

    def item_guid(self, item: Decision) -> str:
        return f"decision:{item.reference}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Decision) -> datetime:
        return timezone.make_aware(datetime.combine(item.published_on, time(9)))

    def item_updateddate(self, item: Decision) -> datetime:
        return item.recorded_at

    def item_author_name(self, item: Decision) -> str:
        return item.board.name
