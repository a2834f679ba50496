"""Bid pages: the partner drafts, attaches and submits; officers assess, recommend; the
commissioner determines."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.core.files import stored_file_response
from remit.core.permissions import person_of
from remit.funding import files
from remit.funding import forms
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Attachment
from remit.funding.models import BidOutcome
from remit.funding.models import Determination
from remit.funding.models import MatchFunding
from remit.funding.models import Recommendation
from remit.funding.services._common import when
from remit.funding.services.assessment import declared_interest
from remit.funding.services.assessment import recommend_verdict
from remit.funding.services.assessment import score_verdict
from remit.funding.services.bids import missing
from remit.funding.views.common import bid_or_404
from remit.funding.views.common import form_page
from remit.funding.views.common import round_or_404
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import run_service
from remit.ui.views import submit_form


def _bid_url(bid: Any, anchor: str = "") -> str:
    return reverse("funding:bid", args=[bid.pk]) + anchor


@login_required
def bid_create(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_create_bid(request.user, round)
    if not verdict:
        return refuse(request, verdict)
    form = forms.BidForm(request.POST or None, round=round, region=region_or_404())
    return submit_form(
        request,
        form,
        lambda: services.bid_create(by=request.user, round=round, data=form.service_data()),
        done="Draft bid saved. Only your organisation and the fund's officers can see it.",
        to=_bid_url,
    ) or render(request, "funding/bid_form.html", {"form": form, "round": round, "bid": None})


@login_required
def bid_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    page = selectors.bid_page(bid)
    bid = page.bid
    user = request.user
    can_edit = permissions.can_edit_bid(user, bid)
    assessor = permissions.can_declare_interest(user, bid)
    declared = declared_interest(user, bid) if assessor else None
    view_scores = permissions.can_view_assessment(
        user,
        bid,
        declared=declared,
        scored=bool(assessor) and selectors.scored_in_full(bid, user),
        moderation_open=bid.round.moderation_open,
    )
    scoring = permissions.can_score(user, bid, declared=declared) if assessor else None
    return render(
        request,
        "funding/bid_detail.html",
        {
            "page": page,
            "bid": bid,
            "round": bid.round,
            "fund": bid.round.fund,
            "can_edit": can_edit,
            "missing": missing(bid) if can_edit else [],
            "can_withdraw": permissions.can_withdraw_bid(user, bid)
            and bid.status in ("draft", "submitted"),
            "scoring": scoring,
            "conflict": permissions.conflict(user, bid, declared=declared) if assessor else None,
            "scores": [
                score
                for score in (selectors.bid_scores(bid) if assessor else [])
                if view_scores or score.assessor_id == user.pk
            ],
            "view_scores": view_scores,
            "view_recommendation": permissions.can_view_recommendation(user, bid),
            "can_recommend": permissions.can_recommend(user, bid, declared=declared),
            "can_determine": permissions.can_determine(user, bid),
            "my_decision": any(d.person_id == person_of(user) for d in page.deciding),
            "grant": getattr(bid, "grant", None) if bid.status == "awarded" else None,
            "deadline_passed": timezone.now() > bid.round.closes_at,
        },
    )


@login_required
def bid_edit(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_edit_bid(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = forms.BidForm(
        request.POST or None,
        round=bid.round,
        region=region_or_404(),
        initial=forms.BidForm.initial_for(bid),
        record=bid,
    )
    return submit_form(
        request,
        form,
        lambda: services.bid_update(
            by=request.user, bid=bid, data=form.service_data(), version=form.read_version
        ),
        done="Bid saved.",
        to=_bid_url(bid),
    ) or render(request, "funding/bid_form.html", {"form": form, "round": bid.round, "bid": bid})


@login_required
def bid_submit(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_submit_bid(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None)
    done = submit_form(
        request,
        form,
        lambda: services.bid_submit(by=request.user, bid=bid),
        done="Bid submitted. You can no longer change it.",
        to=_bid_url(bid),
    )
    if done is not None:
        return done
    gaps = missing(bid)
    return form_page(
        request,
        form,
        title="Submit the bid",
        caption=bid.title,
        intro=(
            f"Bids must be submitted by {when(bid.round.closes_at)}. "
            "Once submitted, a bid can no longer be changed."
        ),
        items=[f"Before you submit: {gap}." for gap in gaps],
        back=_bid_url(bid),
        button="Submit the bid",
    )


@login_required
def bid_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_withdraw_bid(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ReasonForm(request.POST or None)
    return submit_form(
        request,
        form,
        lambda: services.bid_withdraw(by=request.user, bid=bid, reason=form.cleaned_data["reason"]),
        done="Bid withdrawn.",
        to=_bid_url(bid),
    ) or form_page(
        request,
        form,
        title="Withdraw the bid",
        caption=bid.title,
        back=_bid_url(bid),
        button="Withdraw the bid",
    )


@login_required
def bid_history(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    return render(
        request,
        "funding/history.html",
        {"title": bid.title, "back": _bid_url(bid), "entries": selectors.bid_history(bid)},
    )


def _row_form(
    request: HttpRequest, pk: int, form_class: Any, add: Any, title: str, anchor: str
) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_edit_bid(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = form_class(request.POST or None)
    return submit_form(
        request,
        form,
        lambda: add(by=request.user, bid=bid, data=form.cleaned_data),
        done=f"{title} added.",
        to=_bid_url(bid, anchor),
    ) or form_page(
        request,
        form,
        title=f"Add {title.lower()}",
        caption=bid.title,
        back=_bid_url(bid, anchor),
        button=f"Add {title.lower()}",
    )


@login_required
def match_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _row_form(
        request, pk, forms.MatchFundingForm, services.match_funding_add, "Match funding", "#match"
    )


@login_required
def outcome_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _row_form(
        request, pk, forms.OutcomeForm, services.outcome_add, "An outcome", "#outcomes"
    )


def _remove(request: HttpRequest, pk: int, anchor: str, action: Any) -> HttpResponse:
    bid = bid_or_404(request, pk)
    refused = run_action(request, lambda: action(bid))
    return refused or redirect(_bid_url(bid, anchor))


@require_POST
@login_required
def match_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    def action(bid: Any) -> None:
        line = MatchFunding.objects.filter(bid=bid, pk=item).first()
        if line is None:
            raise Http404("No such line.")
        services.match_funding_remove(by=request.user, line=line)

    return _remove(request, pk, "#match", action)


@require_POST
@login_required
def outcome_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    def action(bid: Any) -> None:
        row = BidOutcome.objects.filter(bid=bid, pk=item).first()
        if row is None:
            raise Http404("No such outcome.")
        services.outcome_remove(by=request.user, row=row)

    return _remove(request, pk, "#outcomes", action)


@login_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_edit_bid(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)

    def attach() -> Any:
        upload = form.cleaned_data["file"]
        return services.attachment_add(
            by=request.user, bid=bid, name=upload.name, stream=upload.file, size=upload.size
        )

    return submit_form(
        request,
        form,
        attach,
        done=lambda added: f"{added.name} attached.",
        to=_bid_url(bid, "#attachments"),
    ) or form_page(
        request,
        form,
        title="Attach a file",
        caption=bid.title,
        intro=(
            "PDF, Word (DOCX) or Excel (XLSX) files only, up to "
            f"{files.megabytes(files.MAX_BYTES)}."
        ),
        back=_bid_url(bid, "#attachments"),
        button="Attach the file",
        multipart=True,
    )


@login_required
def attachment_download(request: HttpRequest, pk: int, item: int) -> FileResponse:
    bid = bid_or_404(request, pk)
    attachment = Attachment.objects.filter(bid=bid, pk=item).first()
    if attachment is None:
        raise Http404("No such attachment.")
    return stored_file_response(
        attachment.file, filename=attachment.name, content_type=files.CONTENT_TYPES[attachment.kind]
    )


@require_POST
@login_required
def attachment_remove(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    def action(bid: Any) -> None:
        attachment = Attachment.objects.filter(bid=bid, pk=item).first()
        if attachment is None:
            raise Http404("No such attachment.")
        services.attachment_remove(by=request.user, attachment=attachment)

    return _remove(request, pk, "#attachments", action)


@login_required
def bid_interest(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = permissions.can_declare_interest(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    form = forms.InterestForm(request.POST or None)
    return submit_form(
        request,
        form,
        lambda: services.interest_declare(
            by=request.user, bid=bid, nature=form.cleaned_data["nature"]
        ),
        done="Interest declared. You will not score this bid.",
        to=_bid_url(bid, "#assessment"),
    ) or form_page(
        request,
        form,
        title="Declare an interest",
        caption=bid.title,
        intro=(
            "Once you declare an interest you cannot score this bid, and any scores you gave "
            "it are withdrawn."
        ),
        back=_bid_url(bid, "#assessment"),
        button="Declare the interest",
    )


@login_required
def bid_score(request: HttpRequest, pk: int) -> HttpResponse:
    bid = bid_or_404(request, pk)
    verdict = score_verdict(request.user, bid)
    if not verdict:
        return refuse(request, verdict)
    criteria = list(bid.round.criteria.order_by("position"))
    mine = selectors.my_scores(bid, request.user)
    initial: dict[str, Any] = {}
    for criterion_id, score in mine.items():
        initial[f"score_{criterion_id}"] = score.score
        initial[f"comment_{criterion_id}"] = score.comment
    form = forms.ScoreForm(request.POST or None, criteria=criteria, initial=initial)
    return submit_form(
        request,
        form,
        lambda: services.scores_record(by=request.user, bid=bid, scores=form.scores()),
        done="Scores saved.",
        to=_bid_url(bid, "#assessment"),
    ) or form_page(
        request,
        form,
        title="Score the bid",
        caption=bid.title,
        intro="Score each criterion on its scale. Leave a criterion blank to come back to it.",
        back=_bid_url(bid, "#assessment"),
        button="Save the scores",
    )


AWAITING = object()  # a decision recorded towards a determination not yet made


def _recorded(request: HttpRequest, bid: Any, kind: str, recorded: Any) -> HttpResponse:
    if recorded is AWAITING:
        messages.success(
            request, "Your decision is recorded. The determination awaits the others' decisions."
        )
        return redirect(_bid_url(bid, "#deciding"))
    messages.success(request, f"{kind.capitalize()} recorded.")
    return redirect(_bid_url(bid, "#decisions"))


def _decision(
    request: HttpRequest,
    pk: int,
    *,
    kind: str,
    correct: int | None,
) -> HttpResponse:
    bid = bid_or_404(request, pk)
    recommending = kind == "recommendation"
    verdict = (
        recommend_verdict(request.user, bid)
        if recommending
        else permissions.can_determine(request.user, bid)
    )
    if not verdict:
        return refuse(request, verdict)
    model = Recommendation if recommending else Determination
    original = None
    if correct is not None:
        original = model.objects.filter(bid=bid, pk=correct).first()
        if original is None:
            raise Http404("No such record.")
    form_class = forms.RecommendationForm if recommending else forms.DeterminationForm
    today = timezone.localdate()
    initial: dict[str, Any] = {"recommended_on" if recommending else "decided_on": today}
    if not recommending and bid.recommendation is not None:
        initial["outcome"] = bid.recommendation.outcome
        in_part = bid.recommendation.outcome == "fund_in_part"
        initial["amount_pence"] = forms.pounds_text(
            bid.recommendation.amount_pence if in_part else None
        )
        for year, amount in bid.recommendation.amounts.items() if in_part else ():
            initial[forms.year_field(year)] = forms.pounds_text(amount)
    page = selectors.bid_page(bid)
    form = form_class(
        request.POST or None,
        correcting=original is not None,
        initial=initial,
        years=page.years,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def write() -> Any:
            common = {
                "by": request.user,
                "bid": bid,
                "outcome": data["outcome"],
                "amount_pence": data.get("amount_pence"),
                "amounts_pence": form.amounts_by_year(),
                "reasons": data.get("reasons", ""),
                "supersedes": original,
                "correction_note": data.get("correction_note", ""),
            }
            if recommending:
                return services.recommendation_record(
                    recommended_on=data["recommended_on"], **common
                )
            made = services.determination_record(
                decided_on=data["decided_on"], reference=data.get("reference", ""), **common
            )
            return made or AWAITING

        recorded = run_service(form, write, aliases=form.aliases())
        if recorded is not None:
            return _recorded(request, bid, kind, recorded)
    return render(
        request,
        "funding/decision_form.html",
        {
            "form": form,
            "bid": page.bid,
            "page": page,
            "kind": kind,
            "original": original,
            "recommendation": bid.recommendation,
        },
    )


@login_required
def recommend(request: HttpRequest, pk: int, correct: int | None = None) -> HttpResponse:
    return _decision(request, pk, kind="recommendation", correct=correct)


@login_required
def determine(request: HttpRequest, pk: int, correct: int | None = None) -> HttpResponse:
    return _decision(request, pk, kind="determination", correct=correct)
