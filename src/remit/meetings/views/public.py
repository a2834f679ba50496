"""The published record, for anyone: meetings, agendas, public papers, decisions, minutes, feeds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import Region
from remit.funding.selectors import public_notices
from remit.meetings import forms
from remit.meetings import ical
from remit.meetings import rendering
from remit.meetings import rules
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.documents import content_hash
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.views.papers import DOCX
from remit.meetings.views.papers import appendix_response
from remit.meetings.views.papers import download
from remit.meetings.views.records import decision_context
from remit.meetings.views.records import pack_file
from remit.ui.views import region_or_404

DEFAULT_LENGTH = timedelta(hours=2)


def _with_papers_notes(meetings: Iterable[Meeting], today: date) -> list[Meeting]:
    """Each meeting with what the public got, said truthfully for meetings already past."""
    listed = list(meetings)
    for m in listed:
        public_on = timezone.localdate(m.public_at) if m.public_at else None
        m.papers_note = rules.papers_published_note(m.status, m.date, public_on, today)  # type: ignore[attr-defined]
    return listed


def _board(region: Region, slug: str) -> Board:
    board = region.boards.filter(slug=slug).first()
    if board is None:
        raise Http404("No such board.")
    return board


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    today = timezone.localdate()
    meetings = Meeting.objects.for_region(region).select_related("board")
    return render(
        request,
        "meetings/public/home.html",
        {
            "upcoming": _with_papers_notes(
                meetings.upcoming(today).order_by("date", "start_time")[:20], today
            ),
            "recent": _with_papers_notes(
                meetings.agenda_public().filter(date__lt=today).order_by("-date")[:20], today
            ),
            "boards": selectors.public_boards(region),
            "decisions": selectors.public_decisions(region, today)[:10],
        },
    )


@require_safe
def board(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    found = _board(region, slug)
    today = timezone.localdate()
    return render(
        request,
        "meetings/public/board.html",
        {
            "board": found,
            "meetings": _with_papers_notes(found.meetings.order_by("-date", "-start_time"), today),
            "decisions": selectors.public_decisions(region).filter(board=found)[:10],
            "form": forms.SubscribeForm(),
            "today": today,
        },
    )


def _event(meeting: Meeting, request: HttpRequest, revisions: int) -> ical.CalendarEvent:
    start = timezone.make_aware(datetime.combine(meeting.date, meeting.start_time))
    end = (
        timezone.make_aware(datetime.combine(meeting.date, meeting.end_time))
        if meeting.end_time
        else start + DEFAULT_LENGTH
    )
    url = request.build_absolute_uri(reverse("meetings_public:meeting", args=[meeting.pk]))
    description = f"Agenda and papers: {url}"
    if meeting.online_link:
        description += f"\nJoin online: {meeting.online_link}"
    return ical.CalendarEvent(
        uid=f"meeting-{meeting.pk}@{request.get_host().split(':')[0]}",
        start=start,
        end=end,
        summary=meeting.name,
        stamp=timezone.now(),
        location=meeting.location or meeting.online_link,
        description=description,
        url=url,
        cancelled=meeting.status == Meeting.Status.CANCELLED,
        sequence=max(revisions - 1, 0),
    )


@require_safe
def board_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    found = _board(region_or_404(), slug)
    meetings = list(found.meetings.order_by("date", "start_time"))
    revisions = dict(
        Meeting.history.model.objects.filter(id__in=[m.pk for m in meetings])
        .values("id")
        .annotate(n=Count("history_id"))
        .values_list("id", "n")
    )
    text = ical.calendar(found.name, [_event(m, request, revisions.get(m.pk, 1)) for m in meetings])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{found.slug}.ics"'
    return response


def subscribe(request: HttpRequest, slug: str) -> HttpResponse:
    found = _board(region_or_404(), slug)
    form = forms.SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_request(board=found, email=form.cleaned_data["email"])
        except DomainError as exc:
            form.add_error("email", exc.message)
        else:
            return render(request, "meetings/public/subscription_sent.html", {"board": found})
    return render(request, "meetings/public/subscribe.html", {"board": found, "form": form})


def _token_page(request: HttpRequest, token: str, *, confirm: bool) -> HttpResponse:
    template = "meetings/public/subscription_token.html"
    if request.method != "POST":
        return render(request, template, {"confirm": confirm, "done": False})
    try:
        if confirm:
            found = services.subscription_confirm(token=token).board
        else:
            found = services.subscription_cancel(token=token)
    except DomainError as exc:
        return render(request, template, {"confirm": confirm, "error": exc.message}, status=400)
    return render(request, template, {"confirm": confirm, "done": True, "board": found})


def subscription_confirm(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(request, token, confirm=True)


def subscription_stop(request: HttpRequest, token: str) -> HttpResponse:
    return _token_page(request, token, confirm=False)


def _public_meeting(pk: int) -> Meeting:
    meeting = (
        Meeting.objects.for_region(region_or_404()).select_related("board").filter(pk=pk).first()
    )
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


@require_safe
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    found = _public_meeting(pk)
    page = None
    pack = None
    if found.public_at is not None:
        page = selectors.meeting_page(found, paper_filter=selectors.public_pack_paper)
        current = content_hash(selectors.pack_content(found, PackBuild.Audience.PUBLIC))
        pack = PackBuild.objects.filter(
            meeting=found,
            audience=PackBuild.Audience.PUBLIC,
            status=PackBuild.Status.DONE,
            content_hash=current,
        ).first()
    minutes = Minutes.objects.filter(meeting=found, status=Minutes.Status.APPROVED).first()
    today = timezone.localdate()
    public_on = timezone.localdate(found.public_at) if found.public_at else None
    return render(
        request,
        "meetings/public/meeting.html",
        {
            "meeting": found,
            "page": page,
            "pack": pack,
            "minutes": minutes,
            "today": today,
            "state_note": rules.meeting_state_note(found.status, found.quorate, found.date, today),
            "papers_note": rules.papers_published_note(found.status, found.date, public_on, today),
        },
    )


def _public_paper(pk: int) -> Paper:
    paper = (
        selectors.public_papers()
        .filter(item__meeting__board__region=region_or_404(), pk=pk)
        .select_related("item__meeting__board")
        .first()
    )
    if paper is None:
        raise Http404("No such paper, or it has not been published.")
    return paper


@require_safe
def paper(request: HttpRequest, pk: int) -> HttpResponse:
    found = _public_paper(pk)
    return render(
        request,
        "meetings/public/paper.html",
        {
            "paper": found,
            "document": selectors.document_for(found),
            "meeting": found.item.meeting,
            "appendices": list(found.appendices.all()),
        },
    )


@require_safe
def paper_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = _public_paper(pk)
    return download(
        rendering.paper_pdf(selectors.document_for(found)),
        "application/pdf",
        f"paper-{found.pk}.pdf",
    )


@require_safe
def paper_docx(request: HttpRequest, pk: int) -> HttpResponse:
    found = _public_paper(pk)
    return download(
        rendering.paper_docx(selectors.document_for(found)), DOCX, f"paper-{found.pk}.docx"
    )


@require_safe
def appendix(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = Appendix.objects.filter(pk=pk, paper__in=selectors.public_papers()).first()
    if found is None:
        raise Http404("No such appendix.")
    return appendix_response(found)


@require_safe
def pack(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = (
        PackBuild.objects.select_related("meeting__board")
        .filter(pk=pk, audience=PackBuild.Audience.PUBLIC, meeting__board__region=region_or_404())
        .first()
    )
    if found is None:
        raise Http404("No such pack.")
    return pack_file(found)


@require_safe
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    found = _public_meeting(pk)
    record = (
        Minutes.objects.filter(meeting=found, status=Minutes.Status.APPROVED)
        .select_related("approved_at_item__meeting")
        .first()
    )
    if record is None:
        raise Http404("These minutes have not been approved yet.")
    page = selectors.meeting_page(found, paper_filter=selectors.public_pack_paper)
    return render(
        request,
        "meetings/public/minutes.html",
        {
            "meeting": found,
            "minutes": record,
            "page": page,
            "record": selectors.minutes_record(page, public=True),
        },
    )


@require_safe
def decisions(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    decided_by = selectors.DecidedBy.parse(request.GET.get("decided_by", ""))
    if decided_by is None and request.GET.get("board"):
        decided_by = selectors.DecidedBy("board", request.GET["board"])
    page = Paginator(selectors.published_decisions(region, decided_by), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "meetings/public/decisions.html",
        {
            "page_obj": page,
            "rows": [selectors.decision_row(item) for item in page],
            "boards": selectors.public_boards(region),
            "people": selectors.people_deciding_alone(region),
            "decided_by": decided_by.value if decided_by else "",
            "notices": [] if decided_by else list(public_notices(region)),
        },
    )


@require_safe
def decision(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.public_decisions(region_or_404()).filter(pk=pk).first()
    if found is None:
        raise Http404("No such decision.")
    context = decision_context(found) | {"public": True}
    return render(request, "meetings/public/decision.html", context)


@require_safe
def decision_by_reference(request: HttpRequest, reference: str) -> HttpResponse:
    found = selectors.public_decisions(region_or_404()).filter(reference=reference.upper()).first()
    if found is None:
        raise Http404("No such decision.")
    return redirect(reverse("meetings_public:decision", args=[found.pk]))


@require_safe
def forward_plan(request: HttpRequest) -> HttpResponse:
    entries = selectors.forward_plan(region_or_404(), public=True)
    return render(request, "meetings/public/forward_plan.html", {"entries": entries})
