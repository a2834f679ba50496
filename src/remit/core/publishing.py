"""Records the public may see only once they are published.

Each such model has the same two managers. `objects`, the default, holds published rows only,
so a page or file that forgets to filter cannot show a draft. `all_objects`, the base manager,
holds every row: signed-in pages narrow it with the queryset's `visible_to(user)`, and Django
uses it to follow relations to a record that is not yet published.
"""

from __future__ import annotations

from typing import Any
from typing import TypeVar
from typing import cast

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class PublishedManager(models.Manager[_M]):
    """Published rows only. Made with ``PublishedManager.from_queryset(TheQuerySet)()`` so the
    queryset's own methods (``published``, ``visible_to``) are at hand on the manager too."""

    def get_queryset(self) -> Any:
        return cast(Any, super().get_queryset()).published()
