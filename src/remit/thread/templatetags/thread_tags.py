"""`{% golden_thread record %}`: the small block a mission, proposal, business case, grant or
indicator page shows, linking to the record's place on its missions' golden threads."""

from __future__ import annotations

from typing import Any

from django import template

from remit.thread import selectors

register = template.Library()


@register.inclusion_tag("thread/includes/golden_thread.html", takes_context=True)
def golden_thread(context: template.Context, record: Any, public: bool = False) -> dict[str, Any]:
    """Public pages (`public=True`) link to the public thread and name published records only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"found": selectors.record_thread(record, user, public=public), "public": public}
