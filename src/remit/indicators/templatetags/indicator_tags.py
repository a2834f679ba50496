"""Template filters for indicator figures, periods and RAG tags."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from remit.indicators import dashboards, measures

register = template.Library()


@register.filter
def period_label(period: str | None) -> str:
    return dashboards.period_label(period) if period else "—"


@register.filter
def figure(value: Decimal | None, unit: str) -> str:
    return dashboards.format_value(value, unit)


@register.filter
def change(value: measures.Change | None, unit: str) -> str:
    return dashboards.format_change(value, unit)


@register.inclusion_tag("indicators/includes/rag.html")
def rag(status: Any) -> dict[str, Any]:
    found = measures.Rag(str(status or measures.Rag.GREY))
    return {"status": found.value, "label": found.label}


@register.filter
def count_rag(group: Any, status: str) -> int:
    return int(group.count(status))
