"""Template helpers for business case pages."""

from __future__ import annotations

from typing import Any

from django import template

from remit.appraisal.permissions import can_create_case
from remit.proposals.workflow import ready_for_business_case

register = template.Library()

_SECTION_TAGS = {
    "not_started": "closed",
    "drafting": "open",
    "ready_for_review": "in_review",
    "approved": "approved",
}


@register.filter
def section_tag(status: str) -> str:
    """The shared tag colour for a section status: grey, teal, blue or green."""
    return _SECTION_TAGS.get(str(status), "draft")


@register.filter
def item(mapping: Any, key: Any) -> Any:
    """``mapping[key]``, or nothing when the key is missing."""
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def percent(value: Any) -> str:
    """A percentage from the appraisal, or n/a where the ratio has no divisor."""
    return "n/a" if value is None else f"{value}%"


@register.filter
def ratio(value: Any) -> str:
    return "n/a" if value is None else str(value)


@register.filter
def approved_count(sections: Any) -> int:
    return sum(1 for section in sections if section.status == "approved")


@register.filter
def absolute(pence: int) -> int:
    """The size of an amount in pence, for a gap written as “gap of £…”."""
    return abs(int(pence))


@register.inclusion_tag("appraisal/includes/business_case_offer.html", takes_context=True)
def business_case_offer(context: dict[str, Any], proposal: Any) -> dict[str, Any]:
    """On a proposal's page, the way into its business case once it is agreed far enough.

    The offer belongs to appraisal, so proposals need not know who may start a case.
    """
    user = context["request"].user
    ready = ready_for_business_case(proposal.status, proposal.subject_to_business_case)
    return {"proposal": proposal, "offered": ready and bool(can_create_case(user))}
