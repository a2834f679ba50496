"""The board's recommendation on a round, taken at its meeting, and the commissioner's decision
notice: signed, published, and printed."""

from __future__ import annotations

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
from django.views.decorators.http import require_safe

from remit.funding import forms
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import DecisionNotice
from remit.funding.printing import notice_pdf_bytes
from remit.funding.services.notices import notice_lines
from remit.funding.views.common import form_page
from remit.funding.views.common import round_or_404
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import run_service
from remit.ui.views import submit_form


def _round_url(round: Any, anchor: str = "#decisions") -> str:
    return reverse("funding:round", args=[round.pk]) + anchor


@login_required
def round_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the board's recommendation on the round's bids under an item of its meeting."""
    round = round_or_404(pk)
    verdict = permissions.can_record_recommendation_at_meeting(request.user, round)
    if not verdict:
        return refuse(request, verdict)
    bids, conflicted = selectors.awaiting_recommendation(round, request.user)
    wanted = request.GET.get("item", "")
    form = forms.BoardRecommendationForm(
        request.POST or None,
        items=selectors.recommendation_items(round),
        bids=bids,
        years=selectors.asked_by_year(bids, round),
        initial={"item": int(wanted)} if wanted.isdigit() else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> Any:
            return services.round_recommendation_record(
                by=request.user,
                round=round,
                item=data["item"],
                resolution=data.get("resolution", ""),
                verdicts=[services.BidVerdict(**v) for v in form.verdicts()],
            )

        decision = run_service(form, write, aliases=form.aliases())
        if decision is not None:
            messages.success(
                request, f"The board's recommendation is recorded as decision {decision.reference}."
            )
            return redirect(_round_url(round))
    return render(
        request,
        "funding/board_recommendation_form.html",
        {"form": form, "round": round, "fund": round.fund, "conflicted": conflicted, "bids": bids},
    )


@login_required
def round_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the round's recommendations on an upcoming meeting of the board, for decision."""
    round = round_or_404(pk)
    verdict = permissions.can_record_recommendation_at_meeting(request.user, round)
    if not verdict:
        return refuse(request, verdict)
    form = forms.RoundAgendaForm(
        request.POST or None,
        meetings=selectors.agenda_meetings(round, timezone.localdate()),
    )
    posted = submit_form(
        request,
        form,
        lambda: services.round_on_agenda(
            by=request.user, round=round, meeting=form.cleaned_data["meeting"]
        ),
        done=f"The bids to {round.title} are on the agenda.",
        to=lambda item: reverse("meetings:meeting", args=[item.meeting_id]) + f"#item-{item.pk}",
    )
    if posted is not None:
        return posted
    board = round.fund.recommending_board
    return form_page(
        request,
        form,
        title="Put the bids on a meeting's agenda",
        caption=round.title,
        intro=f"An item for decision is added to the agenda of the {board.name if board else ''} "
        "meeting you choose. After the meeting, record the board's recommendation under it.",
        back=_round_url(round),
        button="Add to the agenda",
    )


@login_required
def notice_create(request: HttpRequest, pk: int, correct: int | None = None) -> HttpResponse:
    """The decision maker signs the notice of their determinations on the round's bids."""
    round = round_or_404(pk)
    verdict = permissions.can_issue_notice(request.user, round.fund)
    if not verdict:
        return refuse(request, verdict)
    original = None
    if correct is not None:
        original = DecisionNotice.objects.filter(round=round, pk=correct).first()
        if original is None:
            raise Http404("No such notice.")
    today = timezone.localdate()
    maker = round.fund.decision_maker
    form = forms.DecisionNoticeForm(
        request.POST or None,
        correcting=original is not None,
        initial={
            "decided_on": today,
            "signed_on": today,
            "signatory_role": getattr(maker, "job_title", ""),
        },
    )

    def write() -> Any:
        data = form.cleaned_data
        return services.notice_record(
            by=request.user,
            round=round,
            decision=data.get("decision", ""),
            reasons=data.get("reasons", ""),
            declarations=data.get("declarations", ""),
            decided_on=data["decided_on"],
            signatory_role=data.get("signatory_role", ""),
            signed_on=data["signed_on"],
            supersedes=original,
            correction_note=data.get("correction_note", ""),
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda notice: f"Decision notice {notice.reference} is signed.",
        to=lambda notice: reverse("funding:notice", kwargs={"pk": notice.pk}),
    ) or render(
        request,
        "funding/notice_form.html",
        {
            "form": form,
            "round": round,
            "fund": round.fund,
            "lines": notice_lines(round),
            "original": original,
        },
    )


def _notice(request: HttpRequest, pk: int) -> tuple[DecisionNotice | None, Any]:
    notice = selectors.find_notice(region_or_404(), pk)
    if notice is None:
        raise Http404("No such decision notice.")
    return notice, permissions.can_view_notice(request.user, notice.is_published)


@login_required
@require_safe
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice, verdict = _notice(request, pk)
    if not verdict:
        return refuse(request, verdict)
    fund = notice.round.fund
    corrected = selectors.corrected_by(notice)
    return render(
        request,
        "funding/notice_detail.html",
        {
            "notice": notice,
            "round": notice.round,
            "fund": fund,
            "corrected_by": corrected,
            "can_publish": not notice.is_published
            and permissions.can_publish_notice(request.user, fund),
            "can_correct": corrected is None and permissions.can_issue_notice(request.user, fund),
        },
    )


@login_required
@require_safe
def notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    notice, verdict = _notice(request, pk)
    if not verdict:
        return refuse(request, verdict)
    return pdf_response(notice, selectors.corrected_by(notice))


def pdf_response(notice: DecisionNotice, corrected: DecisionNotice | None) -> HttpResponse:
    response = HttpResponse(notice_pdf_bytes(notice, corrected), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{notice.reference}.pdf"'
    return response


@require_POST
@login_required
def notice_publish(request: HttpRequest, pk: int) -> HttpResponse:
    notice, _ = _notice(request, pk)
    refused = run_action(
        request,
        lambda: services.notice_publish(by=request.user, notice=notice),
        f"Decision notice {notice.reference} is published.",
    )
    return refused or redirect("funding:notice", pk=notice.pk)
