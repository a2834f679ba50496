"""Grants: the agreement, the payment schedule, monitoring returns and publication."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from datetime import datetime
from decimal import Decimal
from decimal import InvalidOperation
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.funding import audiences
from remit.funding import permissions
from remit.funding import selectors
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import Instalment
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import ReturnFigure
from remit.funding.rules import Instalment as Planned
from remit.funding.rules import RuleError
from remit.funding.rules import check_schedule
from remit.funding.rules import money
from remit.funding.rules import parse_schedule
from remit.funding.rules import return_periods
from remit.funding.services._common import edited
from remit.funding.services._common import rule_error
from remit.funding.workflow import FREQUENCY_MONTHS
from remit.funding.workflow import ReturnFrequency
from remit.notifications.services import Kind
from remit.notifications.services import announce

AGREEMENT_FIELDS = (
    "agreement_start",
    "agreement_end",
    "agreement_signed_on",
    "conditions",
    "return_frequency",
)


GRANT_RELATED = ("bid__organisation", "bid__round__fund")


def _live(grant: Grant) -> None:
    if grant.withdrawn_at is not None:
        raise DomainError(
            "This grant was withdrawn by a later determination; it can no longer change.",
            field=None,
        )


def _returns(grant: Grant, *, by: User) -> None:
    """Make the monitoring returns match the agreement's periods; submitted ones stay."""
    if grant.agreement_start is None or grant.agreement_end is None:
        return
    months = FREQUENCY_MONTHS[ReturnFrequency(grant.return_frequency)]
    periods = {
        p.start: p for p in return_periods(grant.agreement_start, grant.agreement_end, months)
    }
    for existing in grant.returns.all():
        period = periods.pop(existing.period_start, None)
        if existing.submitted_at is not None:
            continue
        if period is None:
            delete_attributed(existing, by=by, reason="Period no longer in the agreement")
        elif (existing.period_end, existing.due_on) != (period.end, period.due_on):
            existing.period_end, existing.due_on = period.end, period.due_on
            save_attributed(existing, by=by, reason="Period changed with the agreement")
    for period in periods.values():
        save_attributed(
            MonitoringReturn(
                grant=grant, period_start=period.start, period_end=period.end, due_on=period.due_on
            ),
            by=by,
            reason="Return due",
        )


@transaction.atomic
def grant_agreement_set(
    *, by: User, grant: Grant, data: Mapping[str, Any], version: int | None = None
) -> Grant:
    grant = locked(grant, related=GRANT_RELATED)
    require(permissions.can_manage_grant(by, grant))
    check_version(grant, version)
    _live(grant)
    start = data.get("agreement_start", grant.agreement_start)
    end = data.get("agreement_end", grant.agreement_end)
    if start and end and end < start:
        raise DomainError("The agreement must end on or after the day it starts.", "agreement_end")
    changed = apply_changes(grant, data, AGREEMENT_FIELDS)
    if changed:
        save_attributed(grant, by=by, reason=edited(changed))
        _returns(grant, by=by)
    return grant


def _paid_instalments_kept(
    grant: Grant, existing: list[Instalment], planned: list[Planned]
) -> dict[date, Instalment]:
    """Instalments with payments recorded stay, by date, at no less than has been paid."""
    paid = _paid_on_instalments(grant)
    wanted = {p.due_on: p.amount_pence for p in planned}
    kept = {i.due_on: i for i in existing if i.pk in paid}
    for due_on, instalment in kept.items():
        already = paid[instalment.pk]
        if due_on not in wanted or wanted[due_on] < already:
            raise DomainError(
                f"Payments are recorded against the instalment due on {_day(due_on)} "
                f"({money(already)} paid): keep a line for {due_on.isoformat()} of at least "
                f"{money(max(already, 0))}.",
                field="schedule",
            )
    return kept


@transaction.atomic
def grant_schedule_set(
    *, by: User, grant: Grant, text: str, version: int | None = None
) -> list[Instalment]:
    """Replace the payment schedule; the instalments must add up to the award to the penny.

    The version checked is the grant's: every schedule change saves the grant too, and the
    schedule is checked against the grant's award and agreement dates, so a change to either
    since the editor read the page refuses the save.
    """
    grant = locked(grant, related=GRANT_RELATED)
    require(permissions.can_manage_grant(by, grant))
    check_version(grant, version)
    _live(grant)
    try:
        planned = parse_schedule(text)
        check_schedule(planned, grant.amount_pence, grant.agreement_start, grant.agreement_end)
    except RuleError as error:
        raise rule_error(error, "schedule") from None
    existing = list(grant.instalments.all())
    current = [Planned(i.due_on, i.amount_pence) for i in existing]
    if current == planned:
        return existing
    kept = _paid_instalments_kept(grant, existing, planned)
    for old in existing:
        if old.due_on not in kept:
            delete_attributed(old, by=by, reason="Schedule replaced")
    saved = []
    for p in planned:
        instalment = kept.get(p.due_on) or Instalment(grant=grant, due_on=p.due_on)
        if instalment.pk is not None and instalment.amount_pence == p.amount_pence:
            saved.append(instalment)
            continue
        instalment.amount_pence = p.amount_pence
        saved.append(save_attributed(instalment, by=by, reason="Schedule set"))
    save_attributed(grant, by=by, reason=f"Payment schedule: {len(saved)} instalments")
    return saved


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _paid_on_instalments(grant: Grant) -> dict[int, int]:
    """What has been paid, net of reversals, against each instalment with payments."""
    paid: dict[int, int] = {}
    for payment in Payment.objects.filter(grant=grant).only("instalment_id", "amount_pence"):
        paid[payment.instalment_id] = paid.get(payment.instalment_id, 0) + payment.amount_pence
    return paid


@transaction.atomic
def payment_record(
    *,
    by: User,
    instalment: Instalment,
    paid_on: date | None,
    amount_pence: int | None,
    reference: str,
    today: date | None = None,
) -> Payment:
    """Record money paid to the grantee against one instalment of the schedule.

    A payment cannot be more than is left to pay on the instalment, nor dated in the future.
    """
    grant = locked(instalment.grant, related=GRANT_RELATED)
    require(permissions.can_record_payment(by, grant))
    _live(grant)
    found = Instalment.objects.filter(pk=instalment.pk, grant=grant).first()
    if found is None:
        raise DomainError("Choose an instalment of this grant's schedule.", field="instalment")
    today = today or timezone.localdate()
    if paid_on is None:
        raise DomainError("Enter the date the money was paid.", field="paid_on")
    if paid_on > today:
        raise DomainError(
            "The date paid must be today or in the past: record a payment once it is made.",
            field="paid_on",
        )
    if amount_pence is None or amount_pence <= 0:
        raise DomainError("Enter an amount paid of more than £0.", field="amount_pence")
    left = found.amount_pence - _paid_on_instalments(grant).get(found.pk, 0)
    if amount_pence > left:
        raise DomainError(
            f"The amount paid cannot be more than is left to pay on the instalment due on "
            f"{_day(found.due_on)} ({money(left)} of {money(found.amount_pence)}).",
            field="amount_pence",
        )
    reference = reference.strip()
    if not reference:
        raise DomainError("Enter the payment reference.", field="reference")
    return save_attributed(
        Payment(
            grant=grant,
            instalment=found,
            paid_on=paid_on,
            amount_pence=amount_pence,
            reference=reference,
            recorded_by=by,
        ),
        by=by,
        reason=f"Payment {reference} of {money(amount_pence)} recorded",
    )


@transaction.atomic
def payment_reverse(
    *, by: User, payment: Payment, note: str, reversed_on: date | None = None
) -> Payment:
    """Put right a payment recorded wrongly: a new record for the opposite amount, saying why.

    The payment itself is never changed; both stay in the grant's payments and history.
    """
    grant = locked(payment.grant, related=GRANT_RELATED)
    require(permissions.can_record_payment(by, grant))
    _live(grant)
    found = Payment.objects.select_related("instalment").filter(pk=payment.pk, grant=grant).first()
    if found is None:
        raise DomainError("Choose a payment of this grant.", field=None)
    if found.is_reversal:
        raise DomainError("A reversal cannot itself be reversed: record the payment again.", None)
    if Payment.objects.filter(reverses=found).exists():
        raise DomainError(f"Payment {found.reference} has already been reversed.", field=None)
    note = note.strip()
    if not note:
        raise DomainError("Say why the payment is reversed.", field="note")
    return save_attributed(
        Payment(
            grant=grant,
            instalment=found.instalment,
            paid_on=reversed_on or timezone.localdate(),
            amount_pence=-found.amount_pence,
            reference=found.reference,
            reverses=found,
            note=note,
            recorded_by=by,
        ),
        by=by,
        reason=f"Payment {found.reference} reversed: {note}",
    )


@transaction.atomic
def return_submit(
    *,
    by: User,
    monitoring_return: MonitoringReturn,
    data: Mapping[str, Any],
    now: datetime | None = None,
    version: int | None = None,
) -> MonitoringReturn:
    """The grantee's report for a period: spend to date, outcomes against measures, RAG."""
    grant = locked(monitoring_return.grant, related=GRANT_RELATED)
    require(permissions.can_submit_return(by, grant))
    _live(grant)
    found = locked(monitoring_return)
    check_version(found, version)
    spend = data.get("spend_to_date_pence")
    if spend is None or spend < 0:
        raise DomainError("Enter the spend to date.", field="spend_to_date_pence")
    if spend > grant.amount_pence:
        raise DomainError(
            f"Spend to date cannot be more than the award ({money(grant.amount_pence)}).",
            field="spend_to_date_pence",
        )
    if not str(data.get("outcomes_report", "")).strip():
        raise DomainError("Report on the outcomes against their measures.", "outcomes_report")
    if data.get("rag") not in ("red", "amber", "green"):
        raise DomainError("Choose a RAG status.", field="rag")
    figures = _figures(grant, data.get("figures") or {})
    resubmitted = found.submitted_at is not None
    found.spend_to_date_pence = spend
    found.outcomes_report = str(data["outcomes_report"]).strip()
    found.rag = data["rag"]
    found.submitted_at = now or timezone.now()
    found.submitted_by = by
    saved = save_attributed(found, by=by, reason="Resubmitted" if resubmitted else "Submitted")
    existing = {f.outcome_id: f for f in found.figures.all()}
    for outcome, value in figures:
        figure = existing.get(outcome.pk) or ReturnFigure(monitoring_return=found, outcome=outcome)
        if figure.pk is not None and figure.value == value:
            continue
        figure.value = value
        save_attributed(figure, by=by, reason=f"Reported against {outcome.measure}")
    _announce_return(saved, grant)
    return saved


def _announce_return(found: MonitoringReturn, grant: Grant) -> None:
    """The officers who manage grants are told each time a return arrives."""
    period = f"{found.period_start:%-d %B %Y} to {found.period_end:%-d %B %Y}"
    title = f"Monitoring return received: {grant.bid.title} ({period})"
    link = reverse("funding:grant_return", args=[grant.pk, found.pk])
    key = f"return-submitted:{found.pk}:{found.submitted_at:%Y%m%d%H%M%S%f}"
    announce(Kind.RETURN_SUBMITTED, key, audiences.grant_managers(), title, link)


def _figures(grant: Grant, given: Mapping[Any, Any]) -> list[tuple[Any, Decimal]]:
    """A number for each measure the grant's bid declared, or an error naming the measure."""
    figures = []
    for outcome in grant.bid.outcomes.order_by("pk"):
        value = given.get(outcome.pk, given.get(str(outcome.pk)))
        if value is None or str(value).strip() == "":
            raise DomainError(
                f"Enter the figure for {outcome.measure} ({outcome.outcome}).",
                field=f"figures.{outcome.pk}",
            )
        try:
            number = Decimal(str(value).replace(",", "").strip())
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or abs(number) >= Decimal("1e12") or number != round(number, 2):
            raise DomainError(
                f"The figure for {outcome.measure} must be a number, such as 12 or 3.5.",
                field=f"figures.{outcome.pk}",
            )
        figures.append((outcome, number))
    return figures


def publish_problems(grant: Grant) -> list[str]:
    """What stops a grant going on the public register."""
    problems = []
    if grant.withdrawn_at is not None:
        problems.append("the grant was withdrawn by a later determination")
    if grant.agreement_start is None or grant.agreement_end is None:
        problems.append("set the agreement's start and end dates")
    total = sum(i.amount_pence for i in grant.instalments.all())
    if total != grant.amount_pence:
        problems.append(
            f"set a payment schedule that adds up to the award ({money(grant.amount_pence)}; "
            f"it now adds up to {money(total)})"
        )
    return problems


def _version(grant: Grant, *, by: User, note: str) -> GrantPublication | None:
    """A new published version of the grant, if it differs from the one in force."""
    current = grant.publication
    figures = selectors.publication_figures(grant)
    if current is not None and not selectors.publication_changes(current, figures):
        return None
    version = save_attributed(
        GrantPublication(
            grant=grant,
            version=current.version + 1 if current else 1,
            published_by=by,
            supersedes=current,
            correction_note=note if current else "",
            **figures,
        ),
        by=by,
        reason=f"Version {current.version + 1}: {note}" if current else "Published",
    )
    grant.publication = version
    return version


@transaction.atomic
def grant_publish(*, by: User, grant: Grant) -> Grant:
    """Put the grant on the register as it is now: what the register shows is kept as
    published, and a grant published again after changes gets a new version."""
    grant = locked(grant, related=GRANT_RELATED)
    require(permissions.can_publish_grant(by, grant))
    if grant.is_published:
        return grant
    problems = publish_problems(grant)
    if problems:
        raise DomainError("Before publishing, " + "; ".join(problems) + ".", field=None)
    _version(grant, by=by, note="Published again with changes")
    grant.is_published = True
    grant.published_at = timezone.now()
    return save_attributed(grant, by=by, reason="Published on the grants register")


@transaction.atomic
def grant_correct(*, by: User, grant: Grant, note: str) -> GrantPublication:
    """Publish a correction: a new version of the published grant as it is now, saying why.

    The earlier versions stay on the grant's public page.
    """
    grant = locked(grant, related=GRANT_RELATED)
    require(permissions.can_publish_grant(by, grant))
    if not note.strip():
        raise DomainError("Say what the correction puts right.", field="reason")
    if not grant.is_published or grant.publication is None or grant.withdrawn_at is not None:
        raise DomainError("Only a grant on the register can be corrected.", field=None)
    version = _version(grant, by=by, note=note.strip())
    if version is None:
        raise DomainError(
            "The register already shows the grant as it is now: there is nothing to correct.",
            field=None,
        )
    save_attributed(grant, by=by, reason=f"Correction published: version {version.version}")
    return version


@transaction.atomic
def grant_unpublish(*, by: User, grant: Grant, reason: str) -> Grant:
    grant = locked(grant, related=GRANT_RELATED)
    require(permissions.can_publish_grant(by, grant))
    if not reason.strip():
        raise DomainError("Say why the grant comes off the register.", field="reason")
    if not grant.is_published:
        return grant
    grant.is_published = False
    return save_attributed(grant, by=by, reason=f"Unpublished: {reason.strip()}")
