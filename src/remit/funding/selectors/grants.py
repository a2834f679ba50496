"""Grants, their instalments, payments and monitoring returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from remit.core import selectors as core_selectors
from remit.core.models import Area
from remit.core.models import Region
from remit.funding import rules
from remit.funding import threesixty
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import BidOutcome
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import GrantQuerySet
from remit.funding.models import Instalment
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import ReturnFigure
from remit.funding.models import Round
from remit.funding.workflow import BidStatus


@dataclass
class GrantRow:
    """A grant with its money: ``paid_pence`` is what was actually paid (payments recorded, net
    of reversals); ``due_pence`` what the schedule said would be paid by today."""

    grant: Grant
    paid_pence: int
    spent_pence: int | None
    late: list[MonitoringReturn]
    rag: str
    due_pence: int = 0
    paid_by_period_pence: int = 0

    @property
    def underspend_pence(self) -> int | None:
        if self.spent_pence is None:
            return None
        return max(self.paid_by_period_pence - self.spent_pence, 0)


def _grant_queryset() -> GrantQuerySet:
    return Grant.all_objects.select_related(
        "bid__organisation", "bid__round__fund", "bid__lead_area", "determination__decided_by"
    ).prefetch_related(
        Prefetch("instalments", queryset=Instalment.objects.order_by("due_on")),
        Prefetch("returns", queryset=MonitoringReturn.objects.order_by("period_start")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")),
    )


def _row(grant: Grant, today: date) -> GrantRow:
    instalments = [rules.Instalment(i.due_on, i.amount_pence) for i in grant.instalments.all()]
    payments = list(grant.payments.all())
    submitted = [r for r in grant.returns.all() if r.submitted_at is not None]
    latest = submitted[-1] if submitted else None
    until = latest.period_end if latest else today
    return GrantRow(
        grant=grant,
        paid_pence=sum(p.amount_pence for p in payments),
        spent_pence=latest.spend_to_date_pence if latest else None,
        late=[r for r in grant.returns.all() if r.is_late(today)],
        rag=latest.rag if latest else "",
        due_pence=rules.paid_by(instalments, today),
        paid_by_period_pence=sum(p.amount_pence for p in payments if p.paid_on <= until),
    )


@dataclass
class InstalmentLine:
    """One instalment of the schedule with the money paid against it."""

    instalment: Instalment
    payments: list[Payment]

    @property
    def paid_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments)

    @property
    def left_pence(self) -> int:
        return self.instalment.amount_pence - self.paid_pence

    @property
    def status(self) -> str:
        if self.paid_pence == 0:
            return "Not paid"
        return "Paid" if self.left_pence == 0 else "Part paid"


def instalment_lines(grant: Grant) -> list[InstalmentLine]:
    """The schedule with its payments, from the grant's prefetched instalments and payments."""
    by_instalment: dict[int, list[Payment]] = defaultdict(list)
    for payment in grant.payments.all():
        by_instalment[payment.instalment_id].append(payment)
    reversed_ids = {p.reverses_id for p in grant.payments.all() if p.reverses_id}
    for payment in grant.payments.all():
        payment.was_reversed = payment.pk in reversed_ids
    return [
        InstalmentLine(instalment, by_instalment.get(instalment.pk, []))
        for instalment in grant.instalments.all()
    ]


def grant_rows(region: Region, user: Any) -> list[GrantRow]:
    today = timezone.localdate()
    grants = (
        _grant_queryset()
        .visible_to(user)
        .filter(bid__round__fund__region=region)
        .order_by("bid__round__fund__financial_year", "bid__organisation__name", "pk")
    )
    return [_row(grant, today) for grant in grants]


def find_grant(region: Region, pk: int) -> Grant | None:
    return _grant_queryset().filter(bid__round__fund__region=region, pk=pk).first()


def grant_row(grant: Grant) -> GrantRow:
    return _row(grant, timezone.localdate())


def grant_history(grant: Grant) -> list[dict[str, Any]]:
    return core_selectors.gathered_history(
        (grant.history.select_related("history_user"), Grant, "The grant"),
        *(
            (model.history.filter(grant_id=grant.pk).select_related("history_user"), model, what)
            for model, what in (
                (Instalment, "Instalment"),
                (Payment, "Payment"),
                (MonitoringReturn, "Monitoring return"),
            )
        ),
        (
            ReturnFigure.history.filter(monitoring_return__grant_id=grant.pk).select_related(
                "history_user"
            ),
            ReturnFigure,
            "Figure reported",
        ),
    )


@dataclass(frozen=True)
class MeasureLine:
    """One measure a grant's bid declared, with the latest figure its returns reported."""

    outcome: str
    measure: str
    target: str
    value: Decimal | None
    period_end: date | None


def measure_lines(grant_ids: Iterable[int]) -> dict[int, list[MeasureLine]]:
    """Each grant's declared measures with their latest reported figures, in two queries."""
    ids = list(grant_ids)
    outcomes = BidOutcome.objects.filter(bid__grant__in=ids).values_list(
        "pk", "bid__grant", "outcome", "measure", "target"
    )
    latest: dict[int, tuple[Decimal, date]] = {}
    figures = (
        ReturnFigure.objects.filter(
            monitoring_return__grant__in=ids, monitoring_return__submitted_at__isnull=False
        )
        .order_by("monitoring_return__period_end")
        .values_list("outcome_id", "value", "monitoring_return__period_end")
    )
    for outcome_id, value, period_end in figures:
        latest[outcome_id] = (value, period_end)
    lines: dict[int, list[MeasureLine]] = {grant_id: [] for grant_id in ids}
    for pk, grant_id, outcome, measure, target in outcomes.order_by("pk"):
        latest_value, latest_end = latest.get(pk, (None, None))
        lines[grant_id].append(MeasureLine(outcome, measure, target, latest_value, latest_end))
    return lines


PUBLISHED_FIELDS: dict[str, str] = {
    "identifier": "identifier",
    "title": "title",
    "description": "description",
    "recipient_name": "recipient's name",
    "recipient_identifier": "recipient's identifier",
    "funder_name": "funder's name",
    "funder_identifier": "funder's identifier",
    "amount_pence": "amount",
    "amount_applied_for_pence": "amount applied for",
    "award_date": "date awarded",
    "decided_by": "who decided",
    "decision_reference": "decision reference",
    "outcome": "decision",
    "planned_start": "start date",
    "planned_end": "end date",
    "areas": "areas",
    "programme_code": "programme code",
    "programme_title": "programme",
    "fund_name": "fund",
    "round_title": "round",
}


def publication_figures(grant: Grant) -> dict[str, Any]:
    """The grant as it would be published now: what a publication snapshot records."""
    bid = (
        Bid.all_objects.select_related("organisation", "round__fund__owner")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name")))
        .get(pk=grant.bid_id)
    )
    fund = bid.round.fund
    prefix = fund.prefix
    determination = Determination.objects.select_related("decided_by").get(
        pk=grant.determination_id
    )
    requested = BidAmount.objects.filter(bid=bid).aggregate(total=Sum("amount_pence"))["total"]
    return {
        "identifier": threesixty.grant_identifier(prefix, grant.pk),
        "title": bid.title,
        "description": bid.summary,
        "recipient_name": bid.organisation.name,
        "recipient_identifier": threesixty.organisation_identifier(
            bid.organisation.org_id, bid.organisation.slug, prefix
        ),
        "funder_name": fund.owner.name,
        "funder_identifier": threesixty.organisation_identifier(
            fund.owner.org_id, fund.owner.slug, prefix
        ),
        "amount_pence": grant.amount_pence,
        "amount_applied_for_pence": int(requested or 0),
        "award_date": determination.decided_on,
        "decided_by": str(determination.decided_by),
        "decision_reference": determination.reference,
        "outcome": determination.get_outcome_display(),
        "planned_start": grant.agreement_start,
        "planned_end": grant.agreement_end,
        "areas": [{"code": area.code, "name": area.name} for area in bid.areas.all()],
        "programme_code": f"{fund.slug}-{bid.round.slug}",
        "programme_title": f"{fund.name}: {bid.round.title}",
        "fund_name": fund.name,
        "round_title": bid.round.title,
    }


def publication_changes(publication: GrantPublication, figures: dict[str, Any]) -> list[str]:
    """What differs between what was published and the grant now, as people name it."""
    return [
        label
        for name, label in PUBLISHED_FIELDS.items()
        if getattr(publication, name) != figures[name]
    ]


@dataclass
class Publication:
    """A grant's published versions, newest first, and how the grant now differs."""

    versions: list[GrantPublication]
    changes: list[str]


def grant_publication(grant: Grant) -> Publication:
    versions = list(grant.publications.select_related("published_by").order_by("-version"))
    current = next((v for v in versions if v.pk == grant.publication_id), None)
    changes = (
        publication_changes(current, publication_figures(grant))
        if current is not None and grant.withdrawn_at is None
        else []
    )
    return Publication(versions, changes)


def _paid() -> Coalesce:
    """What has been paid on the grant: its payments, net of reversals."""
    rows = (
        Payment.objects.filter(grant=OuterRef("pk"))
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def published_grants(region: Region) -> QuerySet[Grant]:
    """The public register: determined, published grants only, as they were published, with
    what has been paid on each (``paid_pence``)."""
    return (
        Grant.objects.filter(bid__round__fund__region=region, publication__isnull=False)
        .select_related("publication")
        .annotate(paid_pence=_paid())
        .order_by("-publication__award_date", "publication__recipient_name", "pk")
    )


def find_published_grant(region: Region, pk: int) -> Grant | None:
    return published_grants(region).filter(pk=pk).first()


def status_counts(round: Round) -> dict[str, int]:
    counts = dict.fromkeys(BidStatus.values, 0)
    for row in Bid.all_objects.filter(round=round).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
