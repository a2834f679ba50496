"""Round pages: setting a round up, its questions and criteria, and the bids made to it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.core.selectors import history_for
from remit.funding import forms
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Criterion
from remit.funding.models import Question
from remit.funding.models import Round
from remit.funding.views.common import form_page
from remit.funding.views.common import fund_or_404
from remit.funding.views.common import round_or_404
from remit.ui.views import refuse
from remit.ui.views import run_action
from remit.ui.views import run_service


@login_required
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    verdict = permissions.can_manage_round(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        round = run_service(
            form,
            lambda: services.round_create(by=request.user, fund=fund, data=form.service_data()),
        )
        if round is not None:
            messages.success(request, f"{round.title} set up. Add its questions and criteria.")
            return redirect("funding:round", pk=round.pk)
    return form_page(
        request,
        form,
        title="Set up a round",
        caption=fund.name,
        back=reverse("funding:fund", args=[fund.slug]),
        button="Set up the round",
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = selectors.round_detail(round_or_404(pk))
    user = request.user
    state = round.state()
    return render(
        request,
        "funding/round_detail.html",
        {
            "round": round,
            "fund": round.fund,
            "state": state,
            "years": round.years,
            "counts": selectors.status_counts(round)
            if permissions.bid_scope(user) in ("all", "submitted")
            else None,
            "can_manage": permissions.can_manage_round(user, round.fund),
            "can_bid": permissions.can_create_bid(user, round) and state == "open",
            "can_scores": permissions.can_view_scores(user, round.fund),
            "can_open_moderation": permissions.can_open_moderation(user, round)
            and not round.moderation_open,
            "history": history_for(round) if permissions.can_manage_round(user) else [],
            "bids_map": selectors.bids_by_area(round)
            if permissions.can_view_bids_by_area(user, round)
            else None,
            **_decisions(round, user),
        },
    )


def _decisions(round: Round, user: Any) -> dict[str, Any]:
    """Where the board takes the round's bids, and the commissioner's notices, for those who
    read the fund's decisions."""
    if permissions.bid_scope(user) not in ("all", "submitted"):
        return {"show_decisions": False}
    return {
        "show_decisions": True,
        "agenda_items": selectors.round_agenda_items(round),
        "notices": selectors.round_notices(round),
        "can_recommend_at_meeting": permissions.can_record_recommendation_at_meeting(user, round),
        "can_issue_notice": permissions.can_issue_notice(user, round.fund),
    }


@login_required
def moderation_open(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_open_moderation(request.user, round)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        opened = run_service(form, lambda: services.moderation_open(by=request.user, round=round))
        if opened is not None:
            messages.success(request, "Moderation is open: assessors now see each other's scores.")
            return redirect("funding:round", pk=round.pk)
    return form_page(
        request,
        form,
        title="Open moderation",
        caption=round.title,
        intro=(
            "Until moderation opens, an assessor sees the other assessors' scores and comments "
            "on a bid only once they have scored it on every criterion. Once it opens, every "
            "assessor sees them all, except on bids they have a conflict of interest in. "
            "Moderation cannot be closed again."
        ),
        back=reverse("funding:round", args=[round.pk]),
        button="Open moderation",
    )


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_manage_round(request.user, round.fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.RoundForm(
        request.POST or None, initial=forms.RoundForm.initial_for(round), record=round
    )
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.round_update(
                by=request.user, round=round, data=form.service_data(), version=form.read_version
            ),
        )
        if saved is not None:
            messages.success(request, "Round saved.")
            return redirect("funding:round", pk=round.pk)
    return form_page(
        request,
        form,
        title="Change the round",
        caption=round.title,
        back=reverse("funding:round", args=[round.pk]),
        button="Save the round",
    )


@login_required
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_manage_round(request.user, round.fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: services.question_add(by=request.user, round=round, data=form.cleaned_data),
        )
        if added is not None:
            messages.success(request, "Question added.")
            return redirect(reverse("funding:round", args=[round.pk]) + "#questions")
    return form_page(
        request,
        form,
        title="Add a question",
        caption=round.title,
        back=reverse("funding:round", args=[round.pk]),
        button="Add the question",
    )


@login_required
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_manage_round(request.user, round.fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.CriterionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = run_service(
            form,
            lambda: services.criterion_add(by=request.user, round=round, data=form.cleaned_data),
        )
        if added is not None:
            messages.success(request, "Criterion added.")
            return redirect(reverse("funding:round", args=[round.pk]) + "#criteria")
    return form_page(
        request,
        form,
        title="Add an assessment criterion",
        caption=round.title,
        back=reverse("funding:round", args=[round.pk]),
        button="Add the criterion",
    )


def _act(request: HttpRequest, pk: int, anchor: str, action: Callable[[], object]) -> HttpResponse:
    refused = run_action(request, action)
    return refused or redirect(reverse("funding:round", args=[pk]) + anchor)


@require_POST
@login_required
def question_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    question = Question.objects.filter(round_id=round_or_404(pk).pk, pk=item).first()
    if question is None:
        raise Http404("No such question.")
    return _act(
        request,
        pk,
        "#questions",
        lambda: services.question_remove(by=request.user, question=question),
    )


@require_POST
@login_required
def question_move(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    question = Question.objects.filter(round_id=round_or_404(pk).pk, pk=item).first()
    if question is None:
        raise Http404("No such question.")
    up = request.POST.get("direction") == "up"
    return _act(
        request,
        pk,
        "#questions",
        lambda: services.question_move(by=request.user, question=question, up=up),
    )


@require_POST
@login_required
def criterion_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    criterion = Criterion.objects.filter(round_id=round_or_404(pk).pk, pk=item).first()
    if criterion is None:
        raise Http404("No such criterion.")
    return _act(
        request,
        pk,
        "#criteria",
        lambda: services.criterion_remove(by=request.user, criterion=criterion),
    )


@login_required
def bid_list(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    if permissions.bid_scope(request.user) == "none":
        return refuse(request, permissions.SIGN_IN)
    bids = selectors.bid_list_page(round, request.user, request.GET.get("page"))
    return render(
        request,
        "funding/bid_list.html",
        {
            "round": round,
            "fund": round.fund,
            "bids": bids.page.object_list,
            "page_obj": bids.page,
            "count": bids.count,
            "total_requested": bids.requested_pence,
            "can_bid": permissions.can_create_bid(request.user, round)
            and round.state(timezone.now()) == "open",
            "can_scores": permissions.can_view_scores(request.user, round.fund),
            "show_recommendations": permissions.bid_scope(request.user) in ("all", "submitted"),
        },
    )


@login_required
def moderation(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_view_scores(request.user, round.fund)
    if not verdict:
        return refuse(request, verdict)
    return render(
        request,
        "funding/moderation.html",
        {
            "round": round,
            "fund": round.fund,
            "board": selectors.moderation_page(round, request.user, request.GET.get("page")),
        },
    )


@login_required
def suggested_package(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_recommend(request.user)
    if not verdict:
        return refuse(request, verdict)
    return render(
        request,
        "funding/package.html",
        {
            "round": round,
            "fund": round.fund,
            "package": selectors.suggested_package(round, request.user),
        },
    )
