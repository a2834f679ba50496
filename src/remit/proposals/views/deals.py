"""Deals with their milestones, position papers, and engagement sessions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from remit.proposals import forms
from remit.proposals import permissions
from remit.proposals import selectors
from remit.proposals import services
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import Idea
from remit.proposals.models import Milestone
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.views.common import correctable
from remit.proposals.views.common import insiders_only
from remit.proposals.views.common import led_workstream
from remit.proposals.views.common import refuse
from remit.proposals.views.common import run
from remit.proposals.views.common import run_form
from remit.proposals.views.common import saved
from remit.proposals.views.common import visible
from remit.proposals.views.proposals import _decision_page
from remit.ui.views import form_page
from remit.ui.views import region_or_404
from remit.ui.views import run_action


def _deal(slug: str) -> Deal:
    deal = Deal.objects.filter(region=region_or_404(), slug=slug).select_related("route").first()
    if deal is None:
        raise Http404("No such deal.")
    return deal


def _deal_from_query(request: HttpRequest) -> Deal:
    return _deal(request.GET.get("deal", ""))


def _deal_url(deal: Deal) -> str:
    return reverse("proposals:deal", args=[deal.slug])


@insiders_only
def deal_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "proposals/deal_list.html",
        {
            "deals": selectors.deal_list(region_or_404()),
            "can_manage": permissions.can_manage_deal(request.user),
        },
    )


@insiders_only
def deal_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.deal_page(region_or_404(), slug, visible(request))
    return render(
        request,
        "proposals/deal_detail.html",
        {
            "page": page,
            "deal": page.deal,
            "can_manage": permissions.can_manage_deal(request.user),
            "can_engage": permissions.can_record_engagement(
                request.user, led_workstream(request.user)
            ),
        },
    )


@insiders_only
def deal_create(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.DealForm(request.POST or None, region=region_or_404())
    return run_form(
        request,
        form,
        lambda: services.deal_create(
            by=request.user, region=region_or_404(), data=dict(form.cleaned_data)
        ),
        done="Deal added.",
        to=_deal_url,
    ) or form_page(
        request, form, title="Add a deal", back=reverse("proposals:deals"), button="Add deal"
    )


@insiders_only
def deal_edit(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _deal(slug)
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.DealForm(request.POST or None, instance=deal, region=region_or_404())
    if request.method == "POST":
        done = run(
            form,
            lambda: services.deal_update(
                by=request.user, deal=deal, data=dict(form.cleaned_data), version=form.read_version
            ),
        )
        if done is not None:
            return saved(request, "Deal saved.", _deal_url(done))
        form.instance = Deal.objects.get(pk=deal.pk)
    return form_page(request, form, title=f"Edit {deal}", back=_deal_url(deal), button="Save deal")


@insiders_only
def milestone_create(request: HttpRequest, slug: str) -> HttpResponse:
    deal = _deal(slug)
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.MilestoneForm(request.POST or None)
    return run_form(
        request,
        form,
        lambda: services.milestone_create(by=request.user, deal=deal, data=dict(form.cleaned_data)),
        done="Milestone added.",
        to=_deal_url(deal),
    ) or form_page(
        request,
        form,
        title="Add a milestone",
        caption=str(deal),
        back=_deal_url(deal),
        button="Add milestone",
    )


@insiders_only
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = Milestone.objects.filter(deal__region=region_or_404(), pk=pk).select_related("deal")
    found = milestone.first()
    if found is None:
        raise Http404("No such milestone.")
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.MilestoneForm(request.POST or None, instance=Milestone.objects.get(pk=pk))
    return run_form(
        request,
        form,
        lambda: services.milestone_update(
            by=request.user,
            milestone=found,
            data=dict(form.cleaned_data),
            version=form.read_version,
        ),
        done="Milestone saved.",
        to=_deal_url(found.deal),
    ) or form_page(
        request,
        form,
        title=f"Edit {found}",
        caption=str(found.deal),
        back=_deal_url(found.deal),
        button="Save milestone",
    )


def _paper(pk: int) -> PositionPaper:
    paper = (
        PositionPaper.objects.filter(deal__region=region_or_404(), pk=pk)
        .select_related("deal__route")
        .first()
    )
    if paper is None:
        raise Http404("No such position paper.")
    return paper


def _paper_url(paper: PositionPaper) -> str:
    return reverse("proposals:paper", args=[paper.pk])


@insiders_only
def paper_create(request: HttpRequest) -> HttpResponse:
    deal = _deal_from_query(request)
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.PaperForm(request.POST or None, proposals=visible(request).filter(deal=deal))
    return run_form(
        request,
        form,
        lambda: services.paper_create(by=request.user, deal=deal, data=form.cleaned_data),
        done="Position paper added.",
        to=_paper_url,
    ) or form_page(
        request,
        form,
        title="Add a position paper",
        caption=str(deal),
        back=_deal_url(deal),
        button="Add paper",
        intro="A paper goes through the forums with all its proposals; they share its decisions.",
    )


@insiders_only
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper, routes = selectors.paper_page(visible(request), _paper(pk).pk)
    active = next((r for r in routes if r.routing.state == "active"), None)
    can_route = permissions.can_route(request.user).allowed
    return render(
        request,
        "proposals/paper_detail.html",
        {
            "paper": paper,
            "routes": routes,
            "active": active,
            "can_route": can_route
            and (active is None or active.routing.awaiting_resubmission)
            and (active is not None or not paper.deal.route.retired),
            "can_decide": active is not None
            and not active.routing.awaiting_resubmission
            and permissions.can_record_step(request.user, active.routing).allowed,
            "can_manage": permissions.can_manage_deal(request.user),
            "correctable": correctable(request.user, routes),
        },
    )


@insiders_only
def paper_edit(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    verdict = permissions.can_manage_deal(request.user)
    if not verdict:
        return refuse(request, verdict)
    proposals = visible(request).filter(deal=paper.deal)
    form = forms.PaperForm(
        request.POST or None,
        proposals=proposals,
        initial={
            "title": paper.title,
            "summary": paper.summary,
            "proposals": list(proposals.filter(papers=paper)),
        },
        record=paper,
    )
    return run_form(
        request,
        form,
        lambda: services.paper_update(
            by=request.user, paper=paper, data=form.cleaned_data, version=form.read_version
        ),
        done="Position paper saved.",
        to=_paper_url(paper),
    ) or form_page(
        request, form, title=f"Edit {paper}", back=_paper_url(paper), button="Save paper"
    )


@require_POST
@insiders_only
def paper_route(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    refused = run_action(
        request,
        lambda: services.paper_route(by=request.user, paper=paper),
        lambda routing: f"Sent to {routing.current_label}.",
    )
    return refused or redirect(_paper_url(paper))


@insiders_only
def paper_decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _paper(pk)
    routing = (
        paper.routings.filter(state="active")
        .select_related("route", "current_board", "current_decision_maker")
        .first()
    )
    if routing is None:
        verdict = permissions.can_record_decision(request.user)
        if not verdict:
            return refuse(request, verdict)
        raise Http404("The paper is not on its route.")
    return _decision_page(request, routing, str(paper), _paper_url(paper))


def _session(pk: int) -> EngagementSession:
    session = (
        EngagementSession.objects.filter(deal__region=region_or_404(), pk=pk)
        .select_related("deal", "workstream")
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    return session


def _session_url(session: EngagementSession) -> str:
    return reverse("proposals:session", args=[session.pk])


def _about(request: HttpRequest, deal: Deal) -> Proposal | None:
    """The proposal a session is being recorded for (`?proposal=`), if one is named."""
    pk = request.GET.get("proposal", "")
    return visible(request).filter(deal=deal, pk=int(pk)).first() if pk.isdigit() else None


@insiders_only
def session_create(request: HttpRequest) -> HttpResponse:
    """Record a session; from a proposal's page it starts with the proposal's workstream and
    stage, and goes on to capture the feedback on that proposal."""
    deal = _deal_from_query(request)
    proposal = _about(request, deal)
    verdict = permissions.can_record_engagement(
        request.user, proposal.workstream if proposal else led_workstream(request.user)
    )
    if not verdict:
        return refuse(request, verdict)
    initial = {"workstream": proposal.workstream_id, "stage": proposal.stage} if proposal else {}
    form = forms.SessionForm(request.POST or None, region=region_or_404(), initial=initial)
    if request.method == "POST":
        session = run(
            form,
            lambda: services.session_create(
                by=request.user, deal=deal, data=dict(form.cleaned_data)
            ),
        )
        if session is not None and proposal is not None:
            onward = reverse("proposals:engagement_new", args=[proposal.pk])
            return saved(request, "Session recorded.", f"{onward}?session={session.pk}")
        if session is not None:
            return saved(request, "Session recorded.", _session_url(session))
    return form_page(
        request,
        form,
        title="Record an engagement session",
        caption=str(proposal or deal),
        back=reverse("proposals:detail", args=[proposal.pk]) if proposal else _deal_url(deal),
        button="Record session",
    )


@insiders_only
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_page(region_or_404(), pk, visible(request))
    can = permissions.can_record_engagement(request.user, session.workstream)
    return render(
        request,
        "proposals/session_detail.html",
        {
            "session": session,
            "can_engage": can,
            "can_adopt": can and permissions.can_create_proposal(request.user, session.workstream),
        },
    )


@insiders_only
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    verdict = permissions.can_record_engagement(request.user, session.workstream)
    if not verdict:
        return refuse(request, verdict)
    form = forms.SessionForm(request.POST or None, instance=_session(pk), region=region_or_404())
    return run_form(
        request,
        form,
        lambda: services.session_update(
            by=request.user,
            session=session,
            data=dict(form.cleaned_data),
            version=form.read_version,
        ),
        done="Session saved.",
        to=_session_url(session),
    ) or form_page(
        request, form, title=f"Edit {session}", back=_session_url(session), button="Save session"
    )


def _engagement_form(
    request: HttpRequest, pk: int, form_class: Any, write: Any, **kwargs: Any
) -> HttpResponse:
    session = _session(pk)
    verdict = permissions.can_record_engagement(request.user, session.workstream)
    if not verdict:
        return refuse(request, verdict)
    form = form_class(request.POST or None, region=region_or_404(), **kwargs.pop("form_kwargs", {}))
    return run_form(
        request,
        form,
        lambda: write(session, dict(form.cleaned_data)),
        done=kwargs["success"],
        to=_session_url(session),
    ) or form_page(
        request,
        form,
        title=kwargs["title"],
        caption=str(session),
        back=_session_url(session),
        button=kwargs["button"],
    )


@insiders_only
def idea_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _engagement_form(
        request,
        pk,
        forms.IdeaForm,
        lambda s, d: services.idea_add(by=request.user, session=s, data=d),
        title="Capture an idea",
        button="Save idea",
        success="Idea captured.",
    )


@insiders_only
def feedback_new(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    return _engagement_form(
        request,
        pk,
        forms.FeedbackForm,
        lambda s, d: services.feedback_add(by=request.user, session=s, data=d),
        form_kwargs={"proposals": visible(request).filter(deal=session.deal)},
        title="Capture feedback",
        button="Save feedback",
        success="Feedback captured.",
    )


@insiders_only
def engagement_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Capture feedback on a proposal from its own page, then go back there."""
    proposal = selectors.proposal_detail(visible(request), pk)
    back = reverse("proposals:detail", args=[proposal.pk])
    verdict = permissions.can_record_engagement(request.user, proposal.workstream)
    if not verdict:
        return refuse(request, verdict)
    sessions = selectors.sessions_for_feedback(proposal, request.user)
    new_session = (
        reverse("proposals:session_create") + f"?deal={proposal.deal.slug}&proposal={proposal.pk}"
    )
    if not sessions.exists():
        messages.info(request, "Record the engagement session first; then capture its feedback.")
        return redirect(new_session)
    chosen = request.GET.get("session", "")
    form = forms.ProposalFeedbackForm(
        request.POST or None,
        region=region_or_404(),
        proposals=visible(request).filter(deal=proposal.deal),
        sessions=sessions,
        initial={"proposal": proposal.pk, "session": int(chosen) if chosen.isdigit() else None},
    )
    return run_form(
        request,
        form,
        lambda: services.feedback_add(
            by=request.user, session=form.cleaned_data["session"], data=form.feedback_data()
        ),
        done="Engagement recorded.",
        to=back,
    ) or form_page(
        request,
        form,
        title="Record engagement",
        caption=str(proposal),
        back=back,
        button="Save feedback",
        template="proposals/engagement_form.html",
        new_session=new_session,
    )


@insiders_only
def idea_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    idea = (
        Idea.objects.filter(session__deal__region=region_or_404(), pk=pk)
        .select_related("session__deal", "session__workstream")
        .first()
    )
    if idea is None:
        raise Http404("No such idea.")
    session = idea.session
    verdict = permissions.can_create_proposal(request.user, session.workstream)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ProposalForm(
        request.POST or None,
        region=region_or_404(),
        with_deal=False,
        initial={
            "workstream": session.workstream_id,
            "title": idea.title,
            "summary": idea.description,
            "stage": session.stage,
            "form_of_devolution": "single",
        },
    )
    return run_form(
        request,
        form,
        lambda: services.idea_adopt(by=request.user, idea=idea, data=form.service_data()),
        done="Proposal drafted from the idea.",
        to=lambda proposal: reverse("proposals:detail", args=[proposal.pk]),
    ) or form_page(
        request,
        form,
        title="Turn the idea into a proposal",
        caption=f"Idea: {idea}",
        back=_session_url(session),
        button="Draft proposal",
    )


@insiders_only
def feedback_acted_on(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = (
        Feedback.objects.filter(session__deal__region=region_or_404(), pk=pk)
        .select_related("session__workstream")
        .first()
    )
    if feedback is None:
        raise Http404("No such feedback.")
    verdict = permissions.can_record_engagement(request.user, feedback.session.workstream)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ActedOnForm(request.POST or None)
    return run_form(
        request,
        form,
        lambda: services.feedback_mark_acted_on(
            by=request.user, feedback=feedback, response=form.cleaned_data["response"]
        ),
        done="Marked as acted on.",
        to=_session_url(feedback.session),
    ) or form_page(
        request,
        form,
        title="Mark feedback as acted on",
        caption=feedback.text[:80],
        back=_session_url(feedback.session),
        button="Mark as acted on",
    )
