"""What needs this person, built from what the records already say.

Each section comes from one app's own selectors and is shown only to those that app's
permission functions let do the work; within a section each item is checked the same way,
so nobody is offered something they cannot open. Every section costs a fixed number of
queries, however many items it holds. ``today`` and ``now`` are passed in, never read here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from remit.core.models import Region, Role
from remit.core.permissions import role_of
from remit.funding import permissions as funding_permissions
from remit.funding import selectors as funding
from remit.indicators import permissions as indicator_permissions
from remit.indicators import selectors as indicators
from remit.meetings import permissions as meeting_permissions
from remit.meetings import selectors as meetings
from remit.meetings.deadlines import forward_plan_deadline
from remit.notifications import selectors as notifications
from remit.proposals import permissions as proposal_permissions
from remit.proposals import selectors as proposals
from remit.ui.formatting import format_pence
from remit.work import permissions
from remit.work.freshness import next_figures_due
from remit.work.items import Item, Section, urgent_first
from remit.work.models import FailedJobAction, LastLooked

WRITE_UP_DAYS = 7
"""Decisions and draft minutes are due within a week of the meeting."""
PAYMENTS_AHEAD_DAYS = 30
RETURNS_AHEAD_DAYS = 30
RECENT_DAYS = 30
"""How far back recent determinations, refused imports and new decisions reach."""
NEXT_MEETINGS = 10
LATEST_NOTIFICATIONS = 3


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def _local(moment: datetime) -> date:
    return timezone.localdate(moment)


def last_looked(user: Any) -> datetime | None:
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None  # nobody signed in has looked
    mark = LastLooked.objects.filter(user_id=user_id).first()
    return mark.at if mark else None


def unread_count(user: Any) -> int:
    return notifications.unread_count(user)


def latest_unread(user: Any) -> list[Any]:
    """The person's newest few unread notifications."""
    return notifications.latest_unread(user, LATEST_NOTIFICATIONS)


# Policy officer


def papers_section(region: Region, today: date) -> Section:
    items = []
    for item, paper in meetings.papers_due(region, today):
        meeting = item.meeting
        deadline = meeting.deadline()
        if paper is not None:
            url = reverse("meetings:paper", args=[paper.pk])
            state = "Draft written, not yet published to members"
        else:
            url = reverse("meetings:paper_create", args=[item.paper_holder.pk])
            state = "No paper written yet"
        items.append(
            Item(
                title=f"{item.title}: paper for {meeting.name}, {_day(meeting.date)}",
                url=url,
                due=deadline.effective,
                detail=f"{state}. The deadline is set by {deadline.binding_rule}.",
                due_label="Publish by",
            )
        )
    return Section(
        "Papers to publish",
        "No papers are due for upcoming meetings.",
        items,
        more_url=reverse("meetings:compliance"),
        more_label="See the publication dashboard",
    )


def write_up_section(region: Region, today: date) -> Section:
    items = []
    for meeting in meetings.meetings_to_write_up(region, today):
        due = meeting.date + timedelta(days=WRITE_UP_DAYS)
        held = f"{meeting.name}, {_day(meeting.date)}"
        if meeting.status != meeting.Status.HELD:
            items.append(
                Item(
                    title=f"Record that {held} was held",
                    url=reverse("meetings:meeting", args=[meeting.pk]),
                    due=due,
                    detail="Record who attended; then its decisions and minutes.",
                )
            )
            continue
        if meeting.open_items:
            count = meeting.open_items
            items.append(
                Item(
                    title=f"Record the decisions of {held}",
                    url=reverse("meetings:meeting", args=[meeting.pk]),
                    due=due,
                    detail=f"{count} item{'s' if count != 1 else ''} with no decision recorded.",
                )
            )
        if not meeting.has_minutes:
            items.append(
                Item(
                    title=f"Write the minutes of {held}",
                    url=reverse("meetings:minutes_edit", args=[meeting.pk]),
                    due=due,
                    detail="No minutes recorded yet.",
                )
            )
    return Section(
        "Meetings to write up", "Every meeting held has its decisions and minutes.", items
    )


def forums_section(region: Region, today: date) -> Section:
    # The selector returns only proposals' routings that are at a board.
    waiting = [
        (routing.proposal, routing.current_board)
        for routing in proposals.waiting_at_forums(region)
        if routing.proposal is not None and routing.current_board is not None
    ]
    next_dates = meetings.next_meeting_dates({board.pk for _, board in waiting}, today)
    items = []
    for proposal, board in waiting:
        next_date = next_dates.get(board.pk)
        items.append(
            Item(
                title=f"{proposal.title}, waiting for {board.name}",
                url=reverse("proposals:detail", args=[proposal.pk]),
                due=next_date,
                detail="" if next_date else "No meeting of the board is scheduled.",
                due_label="Next meeting",
            )
        )
    return Section("Proposals waiting at a forum", "No proposals are waiting at a forum.", items)


def screenings_section(region: Region) -> Section:
    items = [
        Item(
            title=f"Impact screening of {screening.proposal.title}",
            url=reverse("proposals:screening", args=[screening.proposal.pk]),
            detail="A full impact assessment is needed."
            if screening.full_assessment_needed
            else "Screened; waiting to be signed off.",
        )
        for screening in proposals.screenings_to_sign_off(region)
    ]
    return Section("Impact screenings to sign off", "No impact screenings to sign off.", items)


def assessment_section(region: Region, user: Any, now: datetime) -> Section:
    items = []
    if funding_permissions.can_open_moderation(user):
        for round in funding.rounds_to_moderate(region, now):
            items.append(
                Item(
                    title=f"Open moderation of {round.title} ({round.fund.name})",
                    url=reverse("funding:moderation", args=[round.pk]),
                    detail=f"Closed on {_day(_local(round.closes_at))}; "
                    f"{round.waiting} bid{'s' if round.waiting != 1 else ''} submitted.",
                )
            )
    if funding_permissions.can_recommend(user):
        for round in funding.rounds_in_moderation(region):
            items.append(
                Item(
                    title=f"Record recommendations for {round.title} ({round.fund.name})",
                    url=reverse("funding:moderation", args=[round.pk]),
                    detail=f"{round.waiting} bid{'s' if round.waiting != 1 else ''} "
                    "with no recommendation.",
                )
            )
    for bid in funding.bids_to_assess(region, user):
        scored = f"you have scored {bid.my_scores} of {bid.criteria_count} criteria"
        items.append(
            Item(
                title=f"Score {bid.title} ({bid.organisation.name})",
                url=reverse("funding:bid_score", args=[bid.pk]),
                due=_local(bid.round.closes_at),
                due_label="Round closes",
                detail=f"{bid.reference}, {bid.round.title}: {scored}.",
            )
        )
    return Section(
        "Bids to assess or moderate", "No bids are waiting for assessment.", items, ordered=False
    )


def grants_section(region: Region, user: Any, today: date) -> Section:
    items = [
        Item(
            title=f"Pay {format_pence(instalment.amount_pence)} to "
            f"{instalment.grant.bid.organisation.name}",
            url=reverse("funding:grant", args=[instalment.grant_id]),
            due=instalment.due_on,
            detail=f"An instalment of the grant for {instalment.grant.bid.title}.",
        )
        for instalment in funding.instalments_due(region, today, PAYMENTS_AHEAD_DAYS)
    ]
    items += [
        Item(
            title=f"Monitoring return from {ret.grant.bid.organisation.name}",
            url=reverse("funding:grant_return", args=[ret.grant_id, ret.pk]),
            due=ret.due_on,
            detail=f"For {ret.grant.bid.title}, {_day(ret.period_start)} to "
            f"{_day(ret.period_end)}; not yet received.",
        )
        for ret in funding.returns_outstanding(region, user, due_by=today - timedelta(days=1))
    ]
    return Section(
        "Grant payments and overdue returns",
        f"No instalments fall due in the next {PAYMENTS_AHEAD_DAYS} days and no returns are "
        "overdue.",
        items,
        more_url=reverse("funding:grants"),
        more_label="See all grants",
    )


def forward_plan_section(region: Region) -> Section:
    items = [
        Item(
            title=f"Put {entry.title} ({entry.maker}) on the forward plan",
            url=reverse("meetings:forward_plan_edit", args=[entry.pk]),
            due=forward_plan_deadline(entry.expected_date),
            due_label="Publish by",
            detail=f"Decision expected on {_day(entry.expected_date)}; 28 clear days' notice.",
        )
        for entry in meetings.forward_plan_unpublished(region)
    ]
    return Section(
        "Key decisions for the forward plan",
        "Every planned key decision is on the published forward plan.",
        items,
        more_url=reverse("meetings:forward_plan"),
        more_label="See the forward plan",
    )


# Board member


def member_sections(region: Region, user: Any, today: date, since: datetime) -> list[Section]:
    upcoming = meetings.next_meetings_for(user, region, today, NEXT_MEETINGS)
    next_items = []
    declare_items = []
    for meeting in upcoming:
        name = f"{meeting.name}, {_day(meeting.date)}"
        papers = f"{meeting.papers_out} paper{'s' if meeting.papers_out != 1 else ''} out"
        pack = "; the members' pack is ready" if meeting.pack_ready else ""
        next_items.append(
            Item(
                title=name,
                url=reverse("meetings:meeting", args=[meeting.pk]),
                due=meeting.date,
                due_label="Meeting",
                detail=f"{papers}{pack}.",
            )
        )
        if not meeting.declared and meeting_permissions.can_record_declaration(user, meeting, None):
            declare_items.append(
                Item(
                    title=f"Declare any interests for {name}",
                    url=reverse("meetings:declaration_add", args=[meeting.pk]),
                    due=meeting.date,
                    due_label="Meeting",
                    detail="You have not declared an interest for this meeting.",
                )
            )
    minutes_items = [
        Item(
            title=f"Minutes of {item.minutes_of.name}, {_day(item.minutes_of.date)}",
            url=reverse("meetings:meeting", args=[item.meeting_id]),
            due=item.meeting.date,
            due_label="Meeting",
            detail=f"To approve at {item.meeting.name}, {_day(item.meeting.date)}.",
        )
        for item in meetings.minutes_to_approve_for(user, region, today)
        if item.minutes_of is not None
    ]
    decision_items = [
        Item(
            title=f"{decision.reference}: {decision.board.name}",
            url=reverse("meetings:decision", args=[decision.pk]),
            detail=f"Published on {_day(decision.published_on)}. {_short(decision.summary)}",
        )
        for decision in meetings.decisions_since(user, region, since)
    ]
    since_text = _day(_local(since))
    return [
        Section("Your next meetings", "No meetings of your boards are coming up.", next_items),
        Section(
            "Declarations of interest to make",
            "You have declared for every meeting coming up.",
            declare_items,
        ),
        Section("Minutes to approve", "No minutes are waiting for your approval.", minutes_items),
        Section(
            f"Decisions of your boards since {since_text}",
            f"Your boards have made no decisions since {since_text}.",
            decision_items,
            ordered=False,
        ),
    ]


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Partner


def partner_sections(region: Region, user: Any, today: date, now: datetime) -> list[Section]:
    round_items = []
    if funding_permissions.can_create_bid(user):
        for round in funding.open_rounds_for(region, user, now):
            yours = (
                f"; you have {round.own_bids} bid{'s' if round.own_bids != 1 else ''} in it"
                if round.own_bids
                else ""
            )
            round_items.append(
                Item(
                    title=f"{round.title} ({round.fund.name})",
                    url=reverse("funding:round", args=[round.pk]),
                    due=_local(round.closes_at),
                    due_label="Closes",
                    detail=f"Open for bids{yours}.",
                )
            )
    drafts, submitted = [], []
    for bid in funding.live_bids_for(region, user):
        if bid.submitted_at is None:
            drafts.append(
                Item(
                    title=bid.title,
                    url=reverse("funding:bid", args=[bid.pk]),
                    due=_local(bid.round.closes_at),
                    due_label="Submit by",
                    detail=f"Draft for {bid.round.title}; not yet submitted.",
                )
            )
        else:
            submitted.append(
                Item(
                    title=bid.title,
                    url=reverse("funding:bid", args=[bid.pk]),
                    detail=f"{bid.reference}, submitted on {_day(_local(bid.submitted_at))}; "
                    "waiting for the decision.",
                )
            )
    grant_items = [
        Item(
            title=grant.bid.title,
            url=reverse("funding:grant", args=[grant.pk]),
            detail=f"{format_pence(grant.amount_pence)} awarded"
            + (
                f"; the agreement ends on {_day(grant.agreement_end)}"
                if grant.agreement_end
                else ""
            )
            + ".",
        )
        for grant in funding.grants_for(region, user)
    ]
    return_items = [
        Item(
            title=f"Monitoring return for {ret.grant.bid.title}",
            url=reverse("funding:grant_return", args=[ret.grant_id, ret.pk]),
            due=ret.due_on,
            detail=f"For {_day(ret.period_start)} to {_day(ret.period_end)}.",
        )
        for ret in funding.returns_outstanding(
            region, user, due_by=today + timedelta(days=RETURNS_AHEAD_DAYS)
        )
    ]
    return [
        Section("Funding rounds open for bids", "No funding rounds are open.", round_items),
        Section(
            "Your bids",
            "You have no draft or submitted bids.",
            [*urgent_first(drafts), *submitted],
            ordered=False,
        ),
        Section("Your grants", "Your organisation has no grants.", grant_items, ordered=False),
        Section(
            "Monitoring returns due",
            f"No returns are due in the next {RETURNS_AHEAD_DAYS} days.",
            return_items,
        ),
    ]


# Commissioner


def commissioner_sections(region: Region, user: Any, today: date) -> list[Section]:
    waiting = []
    for bid in funding.awaiting_determination(region, user):
        rec = bid.recommendation
        if rec is None:
            continue  # the selector returns only recommended bids
        amount = f" {format_pence(rec.amount_pence)}" if rec.amount_pence else ""
        board = rec.board.name if rec.board else "the partnership"
        days = (today - rec.recommended_on).days
        waiting.append(
            Item(
                title=f"{bid.title} ({bid.organisation.name})",
                url=reverse("funding:determine", args=[bid.pk]),
                detail=f"{rec.get_outcome_display()}{amount}, recommended by {board} on "
                f"{_day(rec.recommended_on)}; waiting {days} day{'s' if days != 1 else ''}.",
            )
        )
    made = [
        Item(
            title=f"{determination.bid.title}: {determination.get_outcome_display().lower()}",
            url=reverse("funding:bid", args=[determination.bid_id]),
            detail=(
                f"{format_pence(determination.amount_pence)}, "
                if determination.amount_pence
                else ""
            )
            + f"decided on {_day(determination.decided_on)}.",
        )
        for determination in funding.determinations_by(
            region, user, today - timedelta(days=RECENT_DAYS)
        )
    ]
    proposals_waiting = [
        Item(
            title=str(routing.proposal or routing.paper),
            url=reverse("proposals:detail", args=[routing.proposal_id])
            if routing.proposal_id
            else reverse("proposals:paper", args=[routing.paper_id]),
            detail="Its governance route ends with your decision.",
        )
        for routing in proposals.waiting_for_person(region, getattr(user, "person_id", None))
    ]
    return [
        Section(
            "Recommendations awaiting your determination",
            "No recommendations are waiting for your determination.",
            waiting,
            ordered=False,
        ),
        Section(
            "Determinations you made recently",
            f"You have made no determinations in the last {RECENT_DAYS} days.",
            made,
            ordered=False,
        ),
        Section(
            "Proposals waiting for your decision",
            "No proposals are waiting for your decision.",
            proposals_waiting,
            ordered=False,
        ),
    ]


# Analyst


def analyst_sections(region: Region, today: date, now: datetime) -> list[Section]:
    import_items = [
        Item(
            title=f"{job.get_status_display()}: {job.original_name}",
            url=reverse("indicators:import_job", args=[job.pk]),
            detail=job.message or f"Started on {_day(_local(job.created_at))}.",
        )
        for job in indicators.imports_to_watch(region, now - timedelta(days=RECENT_DAYS))
    ]
    stale = []
    for indicator in indicators.latest_periods(region):
        url = reverse("indicators:detail", args=[indicator.slug])
        if indicator.latest is None:
            stale.append(Item(title=indicator.name, url=url, detail="No figures loaded yet."))
            continue
        due = next_figures_due(indicator.latest)
        if due <= today:
            stale.append(
                Item(
                    title=indicator.name,
                    url=url,
                    due=due,
                    due_label="Next figures due",
                    detail=f"The latest figures are for {indicator.latest}.",
                )
            )
    targets = [
        Item(
            title=f"{target.indicator.name}: target for "
            f"{target.area.name if target.area else 'the region'}",
            url=reverse("indicators:detail", args=[target.indicator.slug]),
            due=target.due,
            due_label="Target date",
            detail="No figures to measure it by.",
        )
        for target in indicators.targets_without_data(region)
    ]
    return [
        Section(
            "Crime data imports", "No imports are running and none has been refused.", import_items
        ),
        Section("Indicators out of date", "Every indicator has its latest figures.", stale),
        Section("Targets without data", "Every target has figures to measure it by.", targets),
    ]


# Administrator


def _failed_jobs() -> Any:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)


def failed_job(job_id: Any, *, lock: bool = False) -> Any:
    """One failed background job, or None; ``lock`` holds its row while it is dealt with."""
    jobs = _failed_jobs().filter(pk=job_id)
    return (jobs.select_for_update() if lock else jobs).first()


def failed_job_action(job_id: Any) -> FailedJobAction | None:
    return FailedJobAction.objects.select_related("by").filter(job_id=job_id).first()


def job_name(task_path: str) -> str:
    """What a job did, in words: ``remit.meetings.tasks.build_pack`` is "Build pack"."""
    return task_path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def failure_of(job: Any) -> str:
    """The error a failed job ended with: the last line of its traceback."""
    lines = [line for line in (job.traceback or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else job.exception_class_path or "No error was recorded."


def failed_jobs_section(now: datetime) -> Section:
    """Failed jobs of the last 30 days that nobody has run again or dismissed."""
    jobs = (
        _failed_jobs()
        .filter(finished_at__gte=now - timedelta(days=RECENT_DAYS))
        .exclude(pk__in=FailedJobAction.objects.values("job_id"))
        .order_by("-finished_at")
    )
    items = [
        Item(
            title=job_name(job.task_path),
            url=reverse("work:failed_job", args=[job.pk]),
            detail=f"Failed on {_day(_local(job.finished_at))}: "
            f"{job.exception_class_path.rsplit('.', 1)[-1] or 'an error'}.",
        )
        for job in jobs
    ]
    return Section(
        "Background jobs that failed",
        f"No background job has failed in the last {RECENT_DAYS} days without being run "
        "again or dismissed.",
        items,
        ordered=False,
    )


def your_work(
    user: Any, region: Region, *, today: date, now: datetime, since: datetime | None
) -> list[Section]:
    """The sections of the person's work, in the order their day runs.

    Each part is shown only to those its own app's permission functions let do that work.
    """
    role = role_of(user)
    since = since or now - timedelta(days=RECENT_DAYS)
    sits = role in meeting_permissions.MEMBER_ROLES and meeting_permissions.member_board_ids(user)
    parts: list[tuple[object, Callable[[], list[Section]]]] = [
        (role == Role.DECISION_MAKER, lambda: commissioner_sections(region, user, today)),
        (meeting_permissions.can_write_paper(user), lambda: [papers_section(region, today)]),
        (
            meeting_permissions.can_record_decision(user),
            lambda: [write_up_section(region, today)],
        ),
        (proposal_permissions.can_record_decision(user), lambda: [forums_section(region, today)]),
        (
            proposal_permissions.can_sign_off_assessment(user, None),  # type: ignore[arg-type]
            lambda: [screenings_section(region)],
        ),
        (
            funding_permissions.can_view_scores(user),
            lambda: [assessment_section(region, user, now)],
        ),
        (funding_permissions.can_manage_grant(user), lambda: [grants_section(region, user, today)]),
        (meeting_permissions.can_manage_forward_plan(user), lambda: [forward_plan_section(region)]),
        (sits, lambda: member_sections(region, user, today, since)),
        (role == Role.PARTNER, lambda: partner_sections(region, user, today, now)),
        (
            role in (Role.ANALYST, Role.ADMIN) and indicator_permissions.can_load_values(user),
            lambda: analyst_sections(region, today, now),
        ),
        (permissions.can_see_failed_jobs(user), lambda: [failed_jobs_section(now)]),
    ]
    return [section for allowed, build in parts if allowed for section in build()]
