"""Grant pages for the office and the grantee: agreement, payments, monitoring, publication."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from remit.funding import forms
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.rules import money
from remit.funding.services.grants import publish_problems
from remit.funding.views.common import form_page
from remit.funding.views.common import grant_or_404
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import submit_form


def _grant_url(grant: Any, anchor: str = "") -> str:
    return reverse("funding:grant", args=[grant.pk]) + anchor


@login_required
def grant_list(request: HttpRequest) -> HttpResponse:
    if permissions.bid_scope(request.user) == "none":
        return refuse(request, permissions.SIGN_IN)
    grants = selectors.grant_list(region_or_404(), request.user, request.GET.get("page"))
    return render(
        request,
        "funding/grants.html",
        {
            "grants": grants,
            "rows": grants.rows,
            "page_obj": grants.page,
            "late": grants.late,
            "can_manage": permissions.can_manage_grant(request.user),
            "grants_map": selectors.grants_by_area(region_or_404(), request.user),
        },
    )


@login_required
def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    user = request.user
    can_manage = permissions.can_manage_grant(user, grant)
    return render(
        request,
        "funding/grant_detail.html",
        {
            "grant": grant,
            "row": selectors.grant_row(grant),
            "instalments": selectors.instalment_lines(grant),
            "measures": selectors.measure_lines([grant.pk])[grant.pk],
            "bid": grant.bid,
            "can_manage": can_manage,
            "can_pay": permissions.can_record_payment(user, grant),
            "can_report": permissions.can_submit_return(user, grant),
            "problems": publish_problems(grant) if can_manage else [],
            "publication": selectors.grant_publication(grant),
        },
    )


@login_required
def grant_history(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    return render(
        request,
        "funding/history.html",
        {
            "title": f"Grant to {grant.bid.organisation}",
            "back": _grant_url(grant),
            "entries": selectors.grant_history(grant),
        },
    )


@login_required
def grant_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    verdict = permissions.can_manage_grant(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    form = forms.AgreementForm(request.POST or None, instance=grant)

    def write() -> Any:
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.grant_agreement_set(
            by=request.user, grant=grant, data=data, version=form.read_version
        )

    return submit_form(
        request,
        form,
        write,
        done="Agreement saved; monitoring returns are due each period.",
        to=_grant_url(grant),
    ) or form_page(
        request,
        form,
        title="The grant agreement",
        caption=str(grant.bid),
        back=_grant_url(grant),
        button="Save the agreement",
    )


@login_required
def grant_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    verdict = permissions.can_manage_grant(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    current = "\n".join(
        f"{i.due_on.isoformat()}, {forms.pounds_text(i.amount_pence)}"
        for i in grant.instalments.all()
    )
    form = forms.ScheduleForm(request.POST or None, initial={"schedule": current}, record=grant)
    return submit_form(
        request,
        form,
        lambda: services.grant_schedule_set(
            by=request.user,
            grant=grant,
            text=form.cleaned_data["schedule"],
            version=form.read_version,
        ),
        done="Payment schedule saved.",
        to=_grant_url(grant, "#payments"),
    ) or form_page(
        request,
        form,
        title="Payment schedule",
        caption=str(grant.bid),
        intro=f"The instalments must add up to the award, {money(grant.amount_pence)}.",
        back=_grant_url(grant, "#payments"),
        button="Save the schedule",
    )


@login_required
def grant_return(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    verdict = permissions.can_submit_return(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    found = grant.returns.filter(pk=item).first()
    if found is None:
        raise Http404("No such return.")
    initial = {
        "spend_to_date_pence": forms.pounds_text(found.spend_to_date_pence),
        "outcomes_report": found.outcomes_report,
        "rag": found.rag,
        **{f"figure_{f.outcome_id}": f"{f.value.normalize():f}" for f in found.figures.all()},
    }
    outcomes = grant.bid.outcomes.order_by("pk")
    form = forms.ReturnForm(request.POST or None, initial=initial, record=found, outcomes=outcomes)
    return submit_form(
        request,
        form,
        lambda: services.return_submit(
            by=request.user,
            monitoring_return=found,
            data={**form.cleaned_data, "figures": form.figures()},
            version=form.read_version,
        ),
        done="Monitoring return submitted.",
        to=_grant_url(grant, "#returns"),
        aliases=form.aliases(),
    ) or form_page(
        request,
        form,
        title="Monitoring return",
        caption=f"{found.period_start:%-d %B %Y} to {found.period_end:%-d %B %Y}",
        intro=(
            f"Due by {found.due_on:%-d %B %Y}. Report the spend so far, a figure for each "
            "measure the bid set, and the outcomes in words."
        ),
        back=_grant_url(grant, "#returns"),
        button="Submit the return",
    )


@login_required
def payment_record(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Record money paid against one instalment of the schedule."""
    grant = grant_or_404(request, pk)
    verdict = permissions.can_record_payment(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    line = next((x for x in selectors.instalment_lines(grant) if x.instalment.pk == item), None)
    if line is None:
        raise Http404("No such instalment.")
    form = forms.PaymentForm(request.POST or None)
    posted = submit_form(
        request,
        form,
        lambda: services.payment_record(
            by=request.user,
            instalment=line.instalment,
            paid_on=form.cleaned_data["paid_on"],
            amount_pence=form.cleaned_data["amount_pence"],
            reference=form.cleaned_data["reference"],
        ),
        done=lambda saved: f"Payment of {money(saved.amount_pence)} recorded.",
        to=_grant_url(grant, "#payments"),
    )
    if posted is not None:
        return posted
    due = line.instalment.due_on
    return form_page(
        request,
        form,
        title="Record a payment",
        caption=f"Instalment due on {due.day} {due:%B %Y}",
        intro=(
            f"{money(line.left_pence)} is left to pay on this instalment of "
            f"{money(line.instalment.amount_pence)}. Record the money once it has been paid."
        ),
        back=_grant_url(grant, "#payments"),
        button="Record the payment",
    )


@login_required
def payment_reverse(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    """Put right a payment recorded wrongly with a reversal; the payment itself stays."""
    grant = grant_or_404(request, pk)
    verdict = permissions.can_record_payment(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    payment = grant.payments.filter(pk=item, reverses__isnull=True).first()
    if payment is None:
        raise Http404("No such payment.")
    form = forms.ReversalForm(request.POST or None)
    return submit_form(
        request,
        form,
        lambda: services.payment_reverse(
            by=request.user, payment=payment, note=form.cleaned_data["note"]
        ),
        done=f"Payment {payment.reference} reversed.",
        to=_grant_url(grant, "#payments"),
    ) or form_page(
        request,
        form,
        title="Reverse a payment",
        caption=f"Payment {payment.reference}",
        intro=(
            f"The payment of {money(payment.amount_pence)} on {payment.paid_on.day} "
            f"{payment.paid_on:%B %Y} stays on the record; a reversal for the same amount takes "
            "it off what has been paid. Record the right payment afterwards if there is one."
        ),
        back=_grant_url(grant, "#payments"),
        button="Reverse the payment",
    )


@require_POST
@login_required
def grant_publish(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    refused = run_action(
        request,
        lambda: services.grant_publish(by=request.user, grant=grant),
        "Grant published on the grants register.",
    )
    return refused or redirect(_grant_url(grant))


@login_required
def grant_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    grant = grant_or_404(request, pk)
    verdict = permissions.can_publish_grant(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ReasonForm(request.POST or None)
    return submit_form(
        request,
        form,
        lambda: services.grant_unpublish(
            by=request.user, grant=grant, reason=form.cleaned_data["reason"]
        ),
        done="Grant taken off the register.",
        to=_grant_url(grant),
    ) or form_page(
        request,
        form,
        title="Take the grant off the register",
        caption=str(grant.bid),
        back=_grant_url(grant),
        button="Take it off the register",
    )


@login_required
def grant_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish a correction: the register gets a new version and keeps the earlier ones."""
    grant = grant_or_404(request, pk)
    verdict = permissions.can_publish_grant(request.user, grant)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ReasonForm(request.POST or None)
    posted = submit_form(
        request,
        form,
        lambda: services.grant_correct(
            by=request.user, grant=grant, note=form.cleaned_data["reason"]
        ),
        done=lambda correction: f"Correction published as version {correction.version}.",
        to=_grant_url(grant),
    )
    if posted is not None:
        return posted
    changes = selectors.grant_publication(grant).changes
    return form_page(
        request,
        form,
        title="Publish a correction",
        caption=str(grant.bid),
        intro=(
            "The register keeps what was published. A correction publishes the grant as it is "
            "now as a new version; the earlier versions stay on its public page. Say what the "
            "correction puts right."
        ),
        items=[f"Changed since it was published: {', '.join(changes)}."] if changes else [],
        back=_grant_url(grant),
        button="Publish the correction",
    )
