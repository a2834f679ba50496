"""Template filters for indicator figures, periods and RAG tags, and the results section
that proposal and grant pages show (`{% owner_results proposal %}`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from remit.indicators import dashboards
from remit.indicators import measures
from remit.indicators import permissions
from remit.indicators import selectors

register = template.Library()

# Delivery is judged on milestones, not against a target, so it reads differently.
DELIVERY_LABELS = {
    measures.Rag.GREEN: "On track",
    measures.Rag.AMBER: "Due soon",
    measures.Rag.RED: "Overdue",
    measures.Rag.GREY: "No milestones",
}


@register.filter
def period_label(period: str | None) -> str:
    return dashboards.period_label(period) if period else "—"


@register.filter
def figure(value: Decimal | None, of: Any) -> str:
    """`{{ value|figure:indicator }}`: the figure as the indicator's kind reads."""
    return dashboards.format_value(value, of)


@register.filter
def change(value: measures.Change | None, of: Any) -> str:
    return dashboards.format_change(value, of)


@register.inclusion_tag("indicators/includes/rag.html")
def rag(status: Any) -> dict[str, Any]:
    found = measures.Rag(str(status or measures.Rag.GREY))
    return {"status": found.value, "label": found.label}


@register.filter
def count_rag(group: Any, status: str) -> int:
    return int(group.count(status))


@register.inclusion_tag("indicators/includes/rag.html")
def delivery(status: Any) -> dict[str, Any]:
    found = measures.Rag(str(status or measures.Rag.GREY))
    return {"status": found.value, "label": DELIVERY_LABELS[found]}


@register.inclusion_tag("indicators/includes/owner_results.html", takes_context=True)
def owner_results(context: template.Context, owner: Any, public: bool = False) -> dict[str, Any]:
    """The results a proposal or grant declares, for its own page.

    Public pages (`public=True`) list published results only, without links to edit them.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    described = selectors.owner_of(owner)
    can_declare = not public and permissions.can_declare_result(user, owner).allowed
    query = urlencode({"owner": selectors.owner_key(owner)}, safe=":")
    return {
        "views": selectors.owner_results(owner, user, public=public),
        "public": public,
        "noun": described.noun if described else "record",
        "can_declare": can_declare,
        "declare_url": reverse("indicators:result_create") + "?" + query if can_declare else "",
    }
