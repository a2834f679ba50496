"""Meetings for officers and members: scheduling, the meeting page, its agenda and attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from remit.core.models import Membership
from remit.meetings import deadlines
from remit.meetings import forms
from remit.meetings import permissions
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.rules import papers_published_note
from remit.meetings.schedule import Repeat
from remit.meetings.schedule import date_warnings
from remit.meetings.views.common import item_or_404
from remit.meetings.views.common import meeting_or_404
from remit.meetings.views.common import press
from remit.meetings.views.common import viewable_meeting
from remit.ui.views import FORM_PAGE
from remit.ui.views import form_page
from remit.ui.views import history_page
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_service
from remit.ui.views import submit_form

MOVES = {"up": -1, "down": 1}


def _back(meeting: Any) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_use_meetings(request.user)
    if not verdict:
        return refuse(request, verdict)
    region = region_or_404()
    today = timezone.localdate()
    visible = selectors.meetings_visible_to(request.user, region)
    board = request.GET.get("board", "")
    if board:
        visible = visible.filter(board__slug=board)
    return render(
        request,
        "meetings/home.html",
        {
            "upcoming": visible.filter(date__gte=today).order_by("date", "start_time")[:50],
            "recent": visible.filter(date__lt=today).order_by("-date", "-start_time")[:50],
            "boards": region.boards.filter(meetings__isnull=False).distinct().order_by("name"),
            "board": board,
            "can_schedule": permissions.can_schedule_meeting(request.user),
            "can_dashboard": permissions.can_view_compliance(request.user),
        },
    )


def _warn_about_dates(request: HttpRequest, days: list[Any]) -> None:
    """Weekends, bank holidays and past dates are allowed; the officer is told which and why."""
    today = timezone.localdate()
    for day in days:
        for warning in date_warnings(day, today):
            messages.warning(request, f"{warning} Check the date is right.")


def _warned(request: HttpRequest, meeting: Any) -> Any:
    _warn_about_dates(request, [meeting.date])
    return meeting


@login_required
def schedule(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_schedule_meeting(request.user)
    if not verdict:
        return refuse(request, verdict)
    region = region_or_404()
    initial = {"board": region.boards.filter(slug=request.GET.get("board", "")).first()}
    form = forms.ScheduleForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = run_service(
            form,
            lambda: services.meeting_schedule(
                by=request.user,
                board=data["board"],
                first_date=data["first_date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                location=data["location"],
                online_link=data["online_link"],
                title=data["title"],
                repeat=Repeat(data["repeat"]),
                count=data["count"],
                same_weekday=data["same_weekday"],
            ),
        )
        if created:
            what = (
                "Meeting scheduled." if len(created) == 1 else f"{len(created)} meetings scheduled."
            )
            messages.success(request, what)
            _warn_about_dates(request, [m.date for m in created])
            return redirect(_back(created[0]))
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "Schedule a meeting",
            "button": "Schedule",
            "back": reverse("meetings:home"),
        },
    )


@login_required
@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = viewable_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    officer = bool(permissions.can_edit_meeting(request.user, meeting))
    keep = None if officer else selectors.members_pack_paper
    page = selectors.meeting_page(meeting, paper_filter=keep)
    today = timezone.localdate()
    upcoming = meeting.status in (meeting.Status.SCHEDULED, meeting.Status.PAPERS_PUBLISHED)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "page": page,
            "meeting": meeting,
            "officer": officer,
            "today": today,
            "date_warnings": date_warnings(meeting.date, today) if upcoming else [],
            "papers_note": papers_published_note(
                meeting.status,
                meeting.date,
                timezone.localdate(meeting.public_at) if meeting.public_at else None,
                today,
            ),
            "can_declare": permissions.can_record_declaration(request.user, meeting, None),
            "clear_days_left": deadlines.clear_days(timezone.localdate(), meeting.date),
        },
    )


def _officer_form(
    request: HttpRequest,
    pk: int,
    verdict_for: Any,
    form: Any,
    write: Any,
    *,
    title: str,
    submit: str,
    done: str,
    deadline: bool = False,
) -> HttpResponse:
    """The shape most meeting actions share: check, show a form, run the service, go back."""
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = verdict_for(request.user, meeting)
    if not verdict:
        return refuse(request, verdict)
    bound = form(meeting)
    if (
        request.method == "POST"
        and bound.is_valid()
        and run_service(bound, lambda: write(meeting, bound)) is not None
    ):
        messages.success(request, done)
        return redirect(_back(meeting))
    context = {
        "form": bound,
        "title": title,
        "button": submit,
        "back": _back(meeting),
        "caption": meeting,
        "meeting": meeting,
    }
    template = "meetings/deadline_form.html" if deadline else FORM_PAGE
    return render(request, template, context)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _officer_form(
        request,
        pk,
        permissions.can_edit_meeting,
        lambda m: forms.MeetingForm(
            request.POST or None, instance=meeting_or_404(region_or_404(), pk)
        ),
        lambda m, f: _warned(
            request,
            services.meeting_update(
                by=request.user, meeting=m, data=f.cleaned_data, version=f.read_version
            ),
        ),
        title="Change the meeting",
        submit="Save",
        done="Meeting saved.",
    )


@login_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _officer_form(
        request,
        pk,
        permissions.can_edit_meeting,
        lambda m: forms.ReasonForm(request.POST or None, label="Why is the meeting cancelled?"),
        lambda m, f: services.meeting_cancel(
            by=request.user, meeting=m, reason=f.cleaned_data["reason"]
        ),
        title="Cancel the meeting",
        submit="Cancel the meeting",
        done="Meeting cancelled.",
    )


@login_required
def agenda_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _officer_form(
        request,
        pk,
        lambda user, m: permissions.can_publish_paper(user, None),
        lambda m: forms.UrgencyForm(request.POST or None),
        lambda m, f: services.agenda_publish(
            by=request.user, meeting=m, urgency_reason=f.cleaned_data["urgency_reason"]
        ),
        title="Publish the agenda and papers to members",
        submit="Publish to members",
        done="Agenda and papers published to members.",
        deadline=True,
    )


@login_required
def meeting_publish_public(request: HttpRequest, pk: int) -> HttpResponse:
    return _officer_form(
        request,
        pk,
        lambda user, m: permissions.can_publish_paper(user, None),
        lambda m: forms.UrgencyForm(request.POST or None),
        lambda m, f: services.meeting_publish_public(
            by=request.user, meeting=m, urgency_reason=f.cleaned_data["urgency_reason"]
        ),
        title="Publish the agenda and papers to the public",
        submit="Publish to the public",
        done="Agenda and papers published to the public. Items in private stay with members.",
        deadline=True,
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = permissions.can_record_attendance(request.user, meeting)
    if not verdict:
        return refuse(request, verdict)
    lines, _ = selectors.attendance_lines(meeting)
    form = forms.AttendanceForm(
        request.POST or None, lines=lines, named=selectors.named_substitutes(meeting)
    )
    return submit_form(
        request,
        form,
        lambda: services.attendance_record(
            by=request.user,
            meeting=meeting,
            statuses=form.statuses(),
            substitutes=form.substitutes(),
        ),
        done="Attendance saved.",
        to=_back(meeting),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "Record attendance",
            "button": "Save attendance",
            "back": _back(meeting),
            "caption": meeting,
            "intro": selectors.quorum_rule(meeting.board),
        },
    )


@login_required
def substitutes(request: HttpRequest, pk: int) -> HttpResponse:
    """Name the people who may attend in a member's place."""
    region = region_or_404()
    membership = get_object_or_404(
        Membership.objects.select_related("board", "person", "organisation"),
        pk=pk,
        board__region=region,
    )
    verdict = permissions.can_name_substitutes(request.user, membership.board)
    if not verdict:
        return refuse(request, verdict)
    back = reverse("registry:detail", args=["boards", membership.board.slug])
    form = forms.SubstitutesForm(request.POST or None, membership=membership)
    return submit_form(
        request,
        form,
        lambda: services.substitutes_name(
            by=request.user, membership=membership, people=form.cleaned_data["substitutes"]
        ),
        done=f"Substitutes for {membership.person} saved.",
        to=back,
    ) or form_page(
        request,
        form,
        title=f"Substitutes for {membership.person}",
        back=back,
        button="Save substitutes",
        caption=membership.board,
        intro=(
            f"A named substitute may attend in {membership.person}'s place when they cannot. "
            + selectors.quorum_rule(membership.board)
        ),
    )


@login_required
@require_POST
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = permissions.can_record_attendance(request.user, meeting)
    if not verdict:
        return refuse(request, verdict)
    held = press(request, lambda: services.meeting_mark_held(by=request.user, meeting=meeting))
    if held is not None and held.quorate:
        messages.success(request, "The meeting is recorded as held.")
    elif held is not None:
        messages.info(
            request,
            f"The meeting was inquorate ({held.present} of {held.required} voting members "
            "present): its undecided items have rolled forward to the next meeting.",
        )
    return redirect(_back(meeting))


@login_required
@require_safe
def meeting_history(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = viewable_meeting(request, pk)
    if isinstance(meeting, HttpResponse):
        return meeting
    return history_page(request, meeting, back=_back(meeting))


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _officer_form(
        request,
        pk,
        permissions.can_edit_agenda,
        lambda m: forms.ItemForm(request.POST or None, meeting=m),
        lambda m, f: services.item_add(by=request.user, meeting=m, data=f.cleaned_data),
        title="Add an agenda item",
        submit="Add item",
        done="Item added to the agenda.",
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_edit_agenda(request.user, item.meeting)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ItemForm(request.POST or None, instance=item, meeting=item.meeting)
    if request.method == "POST" and form.is_valid():
        fresh = item_or_404(region_or_404(), pk)
        if run_service(
            form,
            lambda: services.item_update(
                by=request.user, item=fresh, data=form.cleaned_data, version=form.read_version
            ),
        ):
            messages.success(request, "Item saved.")
            return redirect(_back(item.meeting))
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Change item: {item.title}",
            "button": "Save",
            "back": _back(item.meeting),
        },
    )


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    if direction not in MOVES:
        raise Http404("Items move up or down.")
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_edit_agenda(request.user, item.meeting)
    if not verdict:
        return refuse(request, verdict)
    offset = MOVES[direction]
    press(request, lambda: services.item_move(by=request.user, item=item, offset=offset))
    return redirect(_back(item.meeting) + f"#item-{item.pk}")


@login_required
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_edit_agenda(request.user, item.meeting)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ReasonForm(
        request.POST or None,
        label="Why is the item withdrawn?",
        hint="The agenda, the meeting packs and the minutes show the item as withdrawn with "
        "this reason, including to the public. Its paper is withdrawn with it.",
    )
    return submit_form(
        request,
        form,
        lambda: services.item_withdraw(
            by=request.user, item=item, reason=form.cleaned_data["reason"]
        ),
        done="Item withdrawn.",
        to=_back(item.meeting),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Withdraw item: {item.title}",
            "button": "Withdraw",
            "back": _back(item.meeting),
        },
    )
