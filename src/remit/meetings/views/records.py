"""The record: declarations, decisions, minutes, packs, the dashboard and the forward plan."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from remit.core.files import stored_file_response
from remit.core.models import Person
from remit.core.permissions import Verdict
from remit.meetings import forms
from remit.meetings import permissions
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.rules import PREJUDICIAL_INTERESTS
from remit.meetings.rules import REJECTED
from remit.meetings.rules import VOTING_ROLES
from remit.meetings.services.common import member_ids_on
from remit.meetings.services.common import seats_on
from remit.meetings.views.common import item_or_404
from remit.meetings.views.common import meeting_or_404
from remit.meetings.views.common import press
from remit.meetings.views.common import viewable_meeting
from remit.ui.views import FORM_PAGE
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import submit_form


def _back(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


@login_required
def declaration_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = viewable_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    verdict = permissions.can_record_declaration(request.user, meeting, None)
    if not verdict:
        return refuse(request, verdict)
    members = Person.objects.filter(pk__in=member_ids_on(meeting.board, meeting.date)).order_by(
        "name"
    )
    if not permissions.can_edit_meeting(request.user, meeting):
        members = members.filter(pk=getattr(request.user, "person_id", None) or 0)
    items = meeting.items.filter(state=AgendaItem.State.OPEN).exclude(kind__in=AgendaItem.STANDARD)
    form = forms.DeclarationForm(request.POST or None, members=members, items=items)

    def write() -> Any:
        data = form.cleaned_data
        return services.declaration_record(
            by=request.user,
            meeting=meeting,
            person=data["person"],
            item=data["item"],
            kind=data["kind"],
            description=data["description"],
        )

    return submit_form(
        request,
        form,
        write,
        done="Declaration recorded.",
        to=_back(meeting),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "Declare an interest",
            "button": "Record declaration",
            "back": _back(meeting),
        },
    )


def _voters(item: AgendaItem) -> tuple[list[Person], list[Person]]:
    """Present voting members who may vote, and those barred by a prejudicial interest."""
    meeting = item.meeting
    voting = {s.person_id for s in seats_on(meeting.board, meeting.date) if s.role in VOTING_ROLES}
    present = set(
        meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list(
            "person_id", flat=True
        )
    )
    barred = set(
        Declaration.objects.filter(item=item, kind__in=PREJUDICIAL_INTERESTS).values_list(
            "person_id", flat=True
        )
    )
    people = Person.objects.filter(pk__in=voting & present).order_by("name")
    return [p for p in people if p.pk not in barred], [p for p in people if p.pk in barred]


@login_required
def decision_record(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_record_decision(request.user, item)
    if not verdict:
        return refuse(request, verdict)
    if item.fund_round_id is not None and not request.GET.get("supersedes"):
        url = reverse("funding:round_recommend", args=[item.fund_round_id])
        return redirect(f"{url}?item={item.pk}")
    correcting = None
    if request.GET.get("supersedes"):
        wanted = request.GET["supersedes"]
        correcting = (
            Decision.objects.filter(item=item, pk=int(wanted)).first() if wanted.isdigit() else None
        )
        if correcting is None:
            raise Http404("No such decision on this item.")
    paper = (
        Paper.objects.filter(item=item.paper_holder).exclude(status=Paper.Status.WITHDRAWN).first()
    )
    recommendations = list(paper.recommendations.all()) if paper else []
    voters, barred = _voters(item)
    form = forms.DecisionForm(
        request.POST or None,
        recommendations=recommendations,
        voters=voters,
        correcting=correcting,
        proposal=item.proposal,
    )

    def write() -> Any:
        data = form.cleaned_data
        return services.decision_record(
            by=request.user,
            item=item,
            summary=data["summary"],
            outcomes=[services.OutcomeInput(*o) for o in form.outcomes()],
            votes=form.votes(),
            published_on=data["published_on"],
            effective_on=data["effective_on"],
            supersedes=correcting,
            correction_reason=data.get("correction_reason", ""),
            if_not_agreed=data.get("if_not_agreed") or REJECTED,
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda saved: f"Decision {saved.reference} recorded.",
        to=lambda saved: reverse("meetings:decision", args=[saved.pk]),
    ) or render(
        request,
        "meetings/decision_form.html",
        {
            "form": form,
            "item": item,
            "paper": paper,
            "barred": barred,
            "correcting": correcting,
            "standing": selectors.standing_forum_decision(correcting),
            "back": _back(item.meeting),
        },
    )


def decision_context(decision: Decision) -> dict[str, Any]:
    """A decision with its outcomes, votes, corrections, who did not vote, and its proposal."""
    item = decision.item
    declared = list(
        Declaration.objects.filter(item=item, kind__in=PREJUDICIAL_INTERESTS).select_related(
            "person"
        )
    )
    return {
        "decision": decision,
        "item": item,
        "meeting": item.meeting,
        "outcomes": list(decision.outcomes.select_related("recommendation")),
        "votes": list(decision.votes.select_related("person")),
        "not_voting": declared,
        "superseded_by": Decision.objects.filter(supersedes=decision).first(),
        "proposal": item.proposal,
        "forum_decision": selectors.standing_forum_decision(decision),
    }


@login_required
@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = (
        Decision.objects.filter(board__region=region_or_404(), pk=pk)
        .select_related("board", "item__meeting__board", "supersedes", "recorded_by")
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    verdict = permissions.can_view_meeting(request.user, decision.item.meeting)
    if not verdict:
        return refuse(request, verdict)
    context = decision_context(decision)
    context["can_correct"] = permissions.can_record_decision(request.user, decision.item)
    return render(request, "meetings/decision_detail.html", context)


@login_required
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = permissions.can_edit_minutes(request.user, meeting)
    if not verdict:
        return refuse(request, verdict)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status == Minutes.Status.APPROVED:
        return refuse(
            request,
            Verdict(False, "These minutes have been approved and cannot be changed."),
        )
    form = forms.MinutesForm(
        request.POST or None,
        initial={"body": minutes.body if minutes else ""},
        record=minutes or Minutes(meeting=meeting),
    )
    return submit_form(
        request,
        form,
        lambda: services.minutes_draft(
            by=request.user,
            meeting=meeting,
            body=form.cleaned_data["body"],
            version=form.read_version,
        ),
        done="Draft minutes saved.",
        to=_back(meeting),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Minutes of {meeting}",
            "button": "Save draft minutes",
            "back": _back(meeting),
        },
    )


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_approve_minutes(request.user, item)
    if not verdict:
        return refuse(request, verdict)
    press(
        request,
        lambda: services.minutes_approve(by=request.user, item=item),
        "The minutes are approved as a correct record.",
    )
    return redirect(_back(item.meeting))


@login_required
@require_POST
def pack_build(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = permissions.can_build_pack(request.user, meeting)
    if not verdict:
        return refuse(request, verdict)
    press(request, lambda: services.pack_request(by=request.user, meeting=meeting))
    return redirect(_back(meeting) + "#pack")


def _pack(request: HttpRequest, pk: int) -> PackBuild:
    pack = (
        PackBuild.objects.select_related("meeting__board")
        .filter(pk=pk, meeting__board__region=region_or_404())
        .first()
    )
    if pack is None or not permissions.can_view_meeting(request.user, pack.meeting):
        raise Http404("No such pack.")
    return pack


@login_required
@require_safe
def pack_status(request: HttpRequest, pk: int) -> JsonResponse:
    pack = _pack(request, pk)
    return JsonResponse(
        {
            "status": pack.status,
            "label": pack.get_status_display(),
            "progress": pack.progress,
            "step": pack.step,
            "finished": pack.finished,
            "download": reverse("meetings:pack_download", args=[pack.pk]) if pack.file else "",
        }
    )


def pack_file(pack: PackBuild) -> FileResponse:
    if pack.status != PackBuild.Status.DONE or not pack.file:
        raise Http404("The pack is not ready.")
    name = f"{pack.meeting.board.slug}-{pack.meeting.date:%Y-%m-%d}-pack.pdf"
    return stored_file_response(pack.file, filename=name, content_type="application/pdf")


@login_required
@require_safe
def pack_download(request: HttpRequest, pk: int) -> FileResponse:
    return pack_file(_pack(request, pk))


@login_required
@require_safe
def compliance(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_view_compliance(request.user)
    if not verdict:
        return refuse(request, verdict)
    today = timezone.localdate()
    lines, rates = selectors.compliance(region_or_404(), today)
    return render(
        request, "meetings/compliance.html", {"lines": lines, "rates": rates, "today": today}
    )


@login_required
@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_manage_forward_plan(request.user)
    if not verdict:
        return refuse(request, verdict)
    entries = selectors.forward_plan(region_or_404(), public=False)
    return render(
        request, "meetings/forward_plan.html", {"entries": entries, "today": timezone.localdate()}
    )


def _entry(pk: int) -> ForwardPlanEntry:
    entry = (
        ForwardPlanEntry.objects.filter(board__region=region_or_404(), pk=pk)
        .select_related("board")
        .first()
    )
    if entry is None:
        raise Http404("No such forward plan entry.")
    return entry


@login_required
def forward_plan_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    verdict = permissions.can_manage_forward_plan(request.user)
    if not verdict:
        return refuse(request, verdict)
    entry = _entry(pk) if pk else None
    form = forms.ForwardPlanForm(request.POST or None, instance=entry, region=region_or_404())

    def write() -> Any:
        data = dict(form.cleaned_data)
        board = data.pop("board")
        return (
            services.forward_plan_update(
                by=request.user, entry=_entry(pk), data=data, version=form.read_version
            )
            if pk
            else services.forward_plan_add(by=request.user, board=board, data=data)
        )

    posted = submit_form(
        request,
        form,
        write,
        done="Forward plan saved.",
        to=reverse("meetings:forward_plan"),
    )
    if posted is not None:
        return posted
    title = "Change a forward plan entry" if entry else "Add a key decision to the forward plan"
    return render(
        request,
        FORM_PAGE,
        {"form": form, "title": title, "button": "Save", "back": reverse("meetings:forward_plan")},
    )


@login_required
@require_POST
def forward_plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = permissions.can_manage_forward_plan(request.user)
    if not verdict:
        return refuse(request, verdict)
    press(
        request,
        lambda: services.forward_plan_publish(by=request.user, entry=_entry(pk)),
        "Published on the forward plan.",
    )
    return redirect(reverse("meetings:forward_plan"))


@login_required
def forward_plan_place(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = permissions.can_manage_forward_plan(request.user)
    if not verdict:
        return refuse(request, verdict)
    entry = _entry(pk)
    meetings = Meeting.objects.filter(
        board=entry.board, status__in=[Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED]
    ).select_related("board")
    form = forms.PlaceForm(request.POST or None, meetings=meetings)
    return submit_form(
        request,
        form,
        lambda: services.forward_plan_place(
            by=request.user,
            entry=entry,
            meeting=form.cleaned_data["meeting"],
            notice_exception=form.cleaned_data["notice_exception"],
            notice_exception_kind=form.cleaned_data["notice_exception_kind"],
            urgency_agreed_by=form.cleaned_data["urgency_agreed_by"],
        ),
        done="The decision is on the agenda.",
        to=lambda item: _back(item.meeting),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Put '{entry.title}' on an agenda",
            "button": "Add to the agenda",
            "back": reverse("meetings:forward_plan"),
        },
    )
