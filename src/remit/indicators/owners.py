"""The kinds of record that declare results from their own pages: a proposal, a grant.

Each kind is registered when its app starts, by an app that may import both it and
indicators, so indicators never reaches up into the apps that sit above it.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from remit.core.permissions import Verdict


@dataclass(frozen=True)
class OwnerKind:
    """How results name, link, place and guard one kind of record that declares them."""

    noun: str
    queryset: Callable[[], QuerySet[Any]]
    label: Callable[[Any], str]
    url: Callable[[Any], str]
    public_url: Callable[[Any], str]
    region_id: Callable[[Any], int]
    may_view: Callable[[Any, Any], Verdict]
    may_open: Callable[[Any, Any], Any]
    # The figures the record reports against its results, by record id, for `user`.
    measures: Callable[[Iterable[int], Any], dict[int, list[Any]]] | None = None


PROPOSAL = "proposals.proposal"
_KINDS: dict[str, OwnerKind] = {}


def result_owner(label: str, kind: OwnerKind) -> None:
    """Let records of the model ``label`` (``app_label.model``) declare results."""
    _KINDS[label] = kind


def kinds() -> dict[str, OwnerKind]:
    """Every kind by its ``app_label.model``, proposals first, then as the apps registered."""
    if PROPOSAL not in _KINDS:
        _KINDS[PROPOSAL] = proposal_owner()
    return {PROPOSAL: _KINDS[PROPOSAL]} | _KINDS


def kind_of(obj: Any) -> OwnerKind | None:
    return kinds().get(obj._meta.label_lower)


def nouns() -> str:
    """The kinds, as a sentence names them: "proposals and grants"."""
    names = [f"{kind.noun}s" for kind in kinds().values()]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def proposal_owner() -> OwnerKind:
    """Proposals sit below indicators, so indicators describes them itself."""
    from django.urls import reverse

    from remit.proposals.models import Proposal
    from remit.proposals.permissions import can_view_drafts
    from remit.proposals.permissions import can_view_proposal

    return OwnerKind(
        noun="proposal",
        queryset=lambda: Proposal.all_objects.select_related("deal"),
        label=lambda obj: f"Proposal: {obj.title}",
        url=lambda obj: reverse("proposals:detail", args=[obj.pk]),
        public_url=lambda obj: (
            reverse("published_proposals:detail", args=[obj.pk]) if obj.is_published else ""
        ),
        region_id=lambda obj: int(obj.deal.region_id),
        may_view=can_view_proposal,
        may_open=lambda user, obj: can_view_drafts(user),
    )
