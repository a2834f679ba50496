"""The register, the coverage matrix, and each proposal's pages and actions."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from remit.core import transitions
from remit.proposals import exports
from remit.proposals import forms
from remit.proposals import permissions
from remit.proposals import selectors
from remit.proposals import services
from remit.proposals.models import Deal
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.views.common import correctable
from remit.proposals.views.common import insiders_only
from remit.proposals.views.common import led_workstream
from remit.proposals.views.common import refuse
from remit.proposals.views.common import run_form
from remit.proposals.views.common import visible
from remit.proposals.workflow import TRANSITIONS
from remit.proposals.workflow import Status
from remit.ui.views import form_page
from remit.ui.views import region_or_404
from remit.ui.views import run_action

PAGE_SIZE = 25
NEGOTIATING = {Status.SUBMITTED, Status.AGREED_IN_PRINCIPLE, Status.DEFERRED}


def _url(proposal: Proposal) -> str:
    return reverse("proposals:detail", args=[proposal.pk])


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    return selectors.proposal_detail(visible(request), pk)


@insiders_only
def register(request: HttpRequest) -> HttpResponse:
    filters = selectors.RegisterFilters.from_query(request.GET)
    qs = selectors.register(region_or_404(), visible(request), filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/register.html",
        {
            "page_obj": page,
            "rows": [(p, selectors.where_now(p)) for p in page.object_list],
            "filters": filters,
            "choices": selectors.filter_choices(region_or_404()),
            "can_create": _create_verdict(request.user),
        },
    )


@insiders_only
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Download the register as .csv or .xlsx.")
    filters = selectors.RegisterFilters.from_query(request.GET)
    table = exports.register_table(region_or_404(), visible(request), filters)
    if fmt == "xlsx":
        return exports.xlsx_response(table, "proposals-register.xlsx", "Register")
    return exports.csv_response(table, "proposals-register.csv")


@insiders_only
def coverage(request: HttpRequest) -> HttpResponse:
    filters = selectors.RegisterFilters.from_query(
        {k: request.GET.get(k, "") for k in ("theme", "workstream", "deal")}
    )
    download = request.GET.get("format") == "csv"
    matrix = selectors.coverage_matrix(
        region_or_404(),
        visible(request),
        filters,
        page=None if download else request.GET.get("page", "1"),
    )
    if download:
        return exports.csv_response(exports.coverage_table(matrix), "mission-coverage.csv")
    return render(
        request,
        "proposals/coverage.html",
        {
            "matrix": matrix,
            "page_obj": matrix.page_obj,
            "filters": filters,
            "choices": selectors.filter_choices(region_or_404()),
        },
    )


def _create_verdict(user: Any) -> Any:
    return permissions.can_create_proposal(user, led_workstream(user))


@insiders_only
def create(request: HttpRequest) -> HttpResponse:
    verdict = _create_verdict(request.user)
    if not verdict:
        return refuse(request, verdict)
    deal = Deal.objects.filter(region=region_or_404(), slug=request.GET.get("deal", "")).first()
    form = forms.ProposalForm(
        request.POST or None,
        region=region_or_404(),
        initial={"deal": deal, "stage": "discover", "form_of_devolution": "single"},
    )
    return run_form(
        request,
        form,
        lambda: services.proposal_create(
            by=request.user, deal=form.cleaned_data["deal"], data=form.service_data()
        ),
        done="Proposal added.",
        to=_url,
    ) or form_page(
        request,
        form,
        title="Add a proposal",
        back=reverse("proposals:register"),
        button="Add proposal",
    )


@insiders_only
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.proposal_page(visible(request), pk, user=request.user)
    return render(
        request,
        "proposals/detail.html",
        {
            "page": page,
            "p": page.proposal,
            "can": _actions(request.user, page),
            "correctable": correctable(request.user, page.routes),
        },
    )


def _actions(user: Any, page: selectors.ProposalPage) -> dict[str, bool]:
    """Which buttons the page offers: allowed for this user and possible in this state."""
    p, route, status = page.proposal, page.active_route, page.proposal.status
    own_route = route is not None and route.routing.proposal_id == p.pk
    at_meeting = route is not None and any(
        item.board.pk == route.routing.current_board_id for item in page.agenda
    )
    open_ = bool(transitions.targets(TRANSITIONS, status))
    return {
        "edit": open_ and bool(permissions.can_edit_proposal(user, p)),
        "align": open_ and bool(permissions.can_align_proposal(user, p)),
        "screen": open_ and bool(permissions.can_edit_assessment(user, p)),
        "sign_off": bool(
            permissions.can_sign_off_assessment(user, p)
            and page.assessment is not None
            and page.assessment.ratings
            and not page.assessment.signed_off
        ),
        # A retired route takes nothing new; one already on it is sent on as before.
        "route": status == Status.DRAFT
        and ((route is None and not p.deal.route.retired) or own_route)
        and bool(permissions.can_route(user, p)),
        "decide": own_route
        and route is not None
        and not route.routing.awaiting_resubmission
        and not at_meeting
        and bool(permissions.can_record_step(user, route.routing)),
        "submit": status in (Status.CLEARED, Status.DEFERRED)
        and bool(permissions.can_negotiate(user, p)),
        "negotiate": status in NEGOTIATING and bool(permissions.can_negotiate(user, p)),
        "outcome": status in NEGOTIATING and bool(permissions.can_negotiate(user, p)),
        "withdraw": transitions.allowed(TRANSITIONS, status, Status.WITHDRAWN)
        and bool(permissions.can_withdraw(user, p)),
        "publish": not p.is_published
        and status not in (Status.DRAFT, Status.WITHDRAWN)
        and bool(permissions.can_publish(user, p)),
        "unpublish": p.is_published and bool(permissions.can_publish(user, p)),
        "engage": status != Status.WITHDRAWN
        and bool(permissions.can_record_engagement(user, p.workstream)),
    }


@insiders_only
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    verdict = permissions.can_edit_proposal(request.user, proposal)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ProposalForm(
        request.POST or None,
        region=region_or_404(),
        with_deal=False,
        initial=forms.ProposalForm.initial_for(proposal),
        record=proposal,
    )
    return run_form(
        request,
        form,
        lambda: services.proposal_update(
            by=request.user,
            proposal=proposal,
            data=form.service_data(),
            version=form.read_version,
        ),
        done="Proposal saved.",
        to=_url(proposal),
    ) or form_page(
        request,
        form,
        title=f"Edit {proposal}",
        caption="Proposal",
        back=_url(proposal),
        button="Save proposal",
    )


@insiders_only
def history(request: HttpRequest, pk: int) -> HttpResponse:
    from remit.core.selectors import history_for

    proposal = _proposal(request, pk)
    entries = history_for(proposal)
    return render(
        request,
        "proposals/history.html",
        {"obj": proposal, "back": _url(proposal), "entries": entries},
    )


@insiders_only
def align(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    verdict = permissions.can_align_proposal(request.user, proposal)
    if not verdict:
        return refuse(request, verdict)
    form = forms.AlignmentForm(request.POST or None, region=region_or_404())
    return run_form(
        request,
        form,
        lambda: services.alignment_set(
            by=request.user,
            proposal=proposal,
            mission=form.cleaned_data["mission"],
            strength=form.cleaned_data["strength"],
            rationale=form.cleaned_data["rationale"],
        ),
        done=lambda alignment: f"Aligned to {alignment.mission}.",
        to=request.path,
    ) or form_page(
        request,
        form,
        title="Align to missions",
        caption=str(proposal),
        back=_url(proposal),
        button="Save alignment",
        template="proposals/align.html",
        proposal=proposal,
    )


@require_POST
@insiders_only
def alignment_remove(request: HttpRequest, pk: int, alignment_pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    alignment = MissionAlignment.objects.filter(proposal=proposal, pk=alignment_pk).first()
    if alignment is None:
        raise Http404("No such alignment.")
    refused = run_action(
        request,
        lambda: services.alignment_remove(by=request.user, alignment=alignment),
        f"No longer aligned to {alignment.mission}.",
    )
    return refused or redirect("proposals:align", pk=proposal.pk)


@require_POST
@insiders_only
def route(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    refused = run_action(
        request,
        lambda: services.proposal_route(by=request.user, proposal=proposal),
        lambda routing: f"Sent to {routing.current_label}.",
    )
    return refused or redirect(_url(proposal))


@insiders_only
def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    routing = selectors.active_routing(proposal)
    if routing is None or routing.proposal_id != proposal.pk:
        verdict = permissions.can_record_decision(request.user, proposal)
        if not verdict:
            return refuse(request, verdict)
        raise Http404("It is not on a route of its own.")
    return _decision_page(request, routing, str(proposal), _url(proposal))


def _decision_page(request: HttpRequest, routing: Any, subject: str, back: str) -> HttpResponse:
    """The decision form; at a step one person decides alone, it is theirs, for that step only."""
    verdict = permissions.can_record_step(request.user, routing)
    if not verdict:
        return refuse(request, verdict)
    alone = routing.current_decision_maker is not None
    form = forms.DecisionForm(
        request.POST or None,
        forums=services.forums(routing.route),
        alone_at=routing.current_position if alone else None,
        initial={"position": routing.current_position},
    )
    posted = run_form(
        request,
        form,
        lambda: services.forum_decision_record(
            by=request.user,
            routing=routing,
            position=form.cleaned_data["position"],
            outcome=form.cleaned_data["outcome"],
            decided_on=form.cleaned_data["decided_on"],
            meeting_reference=form.cleaned_data.get("meeting_reference", ""),
            changes=form.cleaned_data["changes"],
            reasons=form.cleaned_data["reasons"],
        ),
        done=lambda decision: (
            f"{decision.decider_label}: {decision.get_outcome_display()} recorded."
        ),
        to=back,
    )
    if posted is not None:
        return posted
    if alone:
        return form_page(
            request,
            form,
            title="Record your decision",
            caption=subject,
            back=back,
            button="Record decision",
            intro=f"The route ends with your decision, as {routing.current_label}. It is "
            "recorded in your name and cannot be changed afterwards, only corrected.",
        )
    return form_page(
        request,
        form,
        title="Record a forum decision",
        caption=subject,
        back=back,
        button="Record decision",
        intro=f"The route is waiting for {routing.current_label}. Forums decide in order.",
    )


@insiders_only
def decision_correct(request: HttpRequest, pk: int) -> HttpResponse:
    decision = (
        ForumDecision.objects.select_related("routing", "board", "decision_maker")
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    effect = decision.effects.first()
    proposal = _proposal(request, effect.proposal_id) if effect else None
    back = _url(proposal) if proposal else reverse("proposals:register")
    if decision.routing.paper_id:
        back = reverse("proposals:paper", args=[decision.routing.paper_id])
    verdict = permissions.can_correct_decision(request.user, decision)
    if not verdict:
        return refuse(request, verdict)
    form = forms.CorrectionForm(
        request.POST or None,
        initial={
            "decided_on": decision.decided_on,
            "meeting_reference": decision.meeting_reference,
        },
    )
    return run_form(
        request,
        form,
        lambda: services.decision_correct(by=request.user, decision=decision, **form.cleaned_data),
        done="Correction recorded; the original stays on record.",
        to=back,
    ) or form_page(
        request,
        form,
        title=f"Correct the decision of {decision.decider_label}",
        caption=f"Recorded as {decision.get_outcome_display().lower()} on "
        f"{decision.decided_on:%-d %B %Y}",
        back=back,
        button="Record correction",
        intro="A recorded decision is never changed. The correction is a new record that "
        "supersedes it; both stay visible.",
    )


def _simple(
    request: HttpRequest,
    pk: int,
    *,
    verdict_for: Any,
    form_class: Any,
    write: Any,
    title: str,
    button: str,
    success: str,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    proposal = _proposal(request, pk)
    verdict = verdict_for(request.user, proposal)
    if not verdict:
        return refuse(request, verdict)
    form = form_class(request.POST or None, **(form_kwargs or {}))
    return run_form(
        request,
        form,
        lambda: write(request.user, proposal, form.cleaned_data),
        done=success,
        to=_url(proposal),
    ) or form_page(
        request, form, title=title, caption=str(proposal), back=_url(proposal), button=button
    )


@insiders_only
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        verdict_for=permissions.can_negotiate,
        form_class=forms.SubmitForm,
        write=lambda by, p, d: services.proposal_submit(by=by, proposal=p, **d),
        title="Submit to government",
        button="Record submission",
        success="Recorded as submitted to government.",
    )


@insiders_only
def negotiation_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        verdict_for=permissions.can_negotiate,
        form_class=forms.NegotiationForm,
        form_kwargs={"region": region_or_404()},
        write=lambda by, p, d: services.negotiation_log(by=by, proposal=p, **d),
        title="Log a negotiation meeting",
        button="Save to the log",
        success="Negotiation logged.",
    )


@insiders_only
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        verdict_for=permissions.can_negotiate,
        form_class=forms.OutcomeForm,
        write=lambda by, p, d: services.outcome_record(by=by, proposal=p, **d),
        title="Record the outcome of negotiation",
        button="Record outcome",
        success="Outcome recorded.",
    )


@insiders_only
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple(
        request,
        pk,
        verdict_for=permissions.can_withdraw,
        form_class=forms.WithdrawForm,
        write=lambda by, p, d: services.proposal_withdraw(by=by, proposal=p, **d),
        title="Withdraw the proposal",
        button="Withdraw proposal",
        success="Proposal withdrawn.",
    )


@require_POST
@insiders_only
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    refused = run_action(
        request,
        lambda: services.proposal_publish(by=request.user, proposal=proposal),
        "Published: it now appears on the public site.",
    )
    return refused or redirect(_url(proposal))


@require_POST
@insiders_only
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    refused = run_action(
        request,
        lambda: services.proposal_unpublish(by=request.user, proposal=proposal),
        "Taken off the public site.",
    )
    return refused or redirect(_url(proposal))


@insiders_only
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    from remit.proposals.models import ImpactAssessment

    proposal = _proposal(request, pk)
    verdict = permissions.can_edit_assessment(request.user, proposal)
    if not verdict:
        return refuse(request, verdict)
    current = ImpactAssessment.objects.filter(proposal=proposal).first()
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            **current.ratings,
            "full_assessment_needed": current.full_assessment_needed,
            "mitigations": current.mitigations,
        }
    form = forms.ScreeningForm(request.POST or None, initial=initial, record=current)
    return run_form(
        request,
        form,
        lambda: services.screening_save(
            by=request.user,
            proposal=proposal,
            ratings=form.ratings(),
            full_assessment_needed=form.cleaned_data["full_assessment_needed"],
            mitigations=form.cleaned_data["mitigations"],
            version=form.read_version,
        ),
        done="Screening saved.",
        to=_url(proposal),
    ) or form_page(
        request,
        form,
        title="Equality and health impact screening",
        caption=str(proposal),
        back=_url(proposal),
        button="Save screening",
        template="proposals/screening.html",
        signed_off=current is not None and current.signed_off,
    )


@require_POST
@insiders_only
def screening_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    refused = run_action(
        request,
        lambda: services.screening_sign_off(by=request.user, proposal=proposal),
        "Screening signed off.",
    )
    return refused or redirect(_url(proposal))
