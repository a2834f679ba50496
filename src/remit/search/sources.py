"""What each kind of record puts in the search index, and who may see it.

Every ``Source`` turns one record into one or two index rows (``Entry``). Who may open a
row is worked out here with the permission function the record's own detail page calls:
the roles that may open it are those a person with only that role (no board seat, no
organisation, no person record) is allowed by that function, and the rules that turn on
who someone is are carried as the board whose members may open it, the organisation whose
partners may, and the person who owns it. What the public may see follows the selector
the published page uses. Where the public page shows less than the inside one (a business
case's approved summary, a grant as published), the public gets a row of its own with the
public words only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.urls import reverse

from remit.appraisal import permissions as case_rules
from remit.appraisal.models import BusinessCase
from remit.appraisal.selectors import PUBLIC_SECTIONS
from remit.core import permissions as registry_rules
from remit.core.models import Organisation, Person, Role
from remit.funding import permissions as fund_rules
from remit.funding.models import Bid, Grant
from remit.indicators import permissions as indicator_rules
from remit.indicators.models import Indicator
from remit.meetings import permissions as meeting_rules
from remit.meetings.models import AgendaItem, Appendix, Decision, Meeting, Minutes, Paper
from remit.meetings.workflow import MinutesStatus, PaperStatus
from remit.proposals import permissions as proposal_rules
from remit.proposals.models import Proposal
from remit.search import extract
from remit.search.models import Kind

BODY_LIMIT = 300_000


@dataclass
class Entry:
    kind: str
    object_id: int
    region_id: int
    title: str
    body: str
    url: str
    public_url: str = ""
    published: bool = False
    public_from: date | None = None
    roles: tuple[str, ...] = ()
    member_board: int | None = None
    organisation: int | None = None
    owner_person: int | None = None
    board: int | None = None
    missions: tuple[int, ...] = ()
    date: date | None = None
    public_copy: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {
            "region_id": self.region_id,
            "title": self.title[:500],
            "body": self.body[:BODY_LIMIT],
            "url": self.url,
            "public_url": self.public_url if self.published else "",
            "published": self.published,
            "public_from": self.public_from,
            "roles": "|" + "|".join(self.roles) + "|" if self.roles else "",
            "member_board": self.member_board,
            "organisation": self.organisation,
            "owner_person": self.owner_person,
            "board": self.board,
            "missions": "|" + "|".join(str(m) for m in self.missions) + "|"
            if self.missions
            else "",
            "date": self.date,
        }


class RoleOnly:
    """Someone holding a role and nothing else: no person record, organisation or board seat."""

    is_authenticated = True
    is_active = True
    person_id = None
    organisation_id = None

    def __init__(self, role: str) -> None:
        self.role = role
        self.is_superuser = role == Role.ADMIN
        self._meetings_board_ids: frozenset[int] = frozenset()


ROLE_ONLY = {role: RoleOnly(role) for role in Role.values}


def roles_allowed(check: Callable[[Any, Any], Any], obj: Any) -> tuple[str, ...]:
    """The roles the permission function lets open the record on role alone."""
    return tuple(role for role, user in ROLE_ONLY.items() if check(user, obj))


def _join(*parts: object) -> str:
    return "\n".join(str(p) for p in parts if p)


def _day(value: Any) -> date | None:
    if value is None:
        return None
    day: date = value.date() if hasattr(value, "date") and callable(value.date) else value
    return day


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[Model]
    queryset: Callable[[], QuerySet[Any]]
    entries: Callable[[Any], list[Entry]]


# --- proposals ---------------------------------------------------------------------------------


def _proposals() -> QuerySet[Proposal]:
    return Proposal.with_drafts.select_related("deal", "workstream").prefetch_related("alignments")


def _opens_proposal(user: Any, p: Proposal) -> bool:
    """The inside page asks both: may see the register (drafts), and may see this proposal."""
    return bool(proposal_rules.can_view_drafts(user) and proposal_rules.can_view_proposal(user, p))


def _proposal(p: Proposal) -> list[Entry]:
    return [
        Entry(
            kind=Kind.PROPOSAL,
            object_id=p.pk,
            region_id=p.deal.region_id,
            title=p.title,
            body=_join(p.summary, p.powers_asked, p.legislation, p.workstream.name),
            url=reverse("proposals:detail", args=[p.pk]),
            public_url=reverse("published_proposals:detail", args=[p.pk]),
            published=p.is_published,
            roles=roles_allowed(_opens_proposal, p),
            missions=tuple(a.mission_id for a in p.alignments.all()),
            date=_day(p.published_at) or _day(p.created_at),
        )
    ]


# --- meetings ----------------------------------------------------------------------------------


def _meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings:meeting", args=[meeting.pk]) + anchor


def _public_meeting_url(meeting: Meeting, anchor: str = "") -> str:
    return reverse("meetings_public:meeting", args=[meeting.pk]) + anchor


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("board")


def _meeting(m: Meeting) -> list[Entry]:
    return [
        Entry(
            kind=Kind.MEETING,
            object_id=m.pk,
            region_id=m.board.region_id,
            title=f"{m.name}, {m.date:%-d %B %Y}",
            body=_join(m.board.name, m.location),
            url=_meeting_url(m),
            public_url=_public_meeting_url(m),
            published=m.public_at is not None,
            roles=roles_allowed(meeting_rules.can_view_meeting, m),
            member_board=m.board_id,
            board=m.board_id,
            date=m.date,
        )
    ]


def _items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("meeting__board")


def _item(i: AgendaItem) -> list[Entry]:
    m = i.meeting
    return [
        Entry(
            kind=Kind.AGENDA_ITEM,
            object_id=i.pk,
            region_id=m.board.region_id,
            title=i.title,
            body=_join(i.summary, i.presenter, m.name),
            url=_meeting_url(m),
            public_url=_public_meeting_url(m),
            published=m.public_at is not None and not i.private,
            roles=roles_allowed(meeting_rules.can_view_meeting, m),
            member_board=m.board_id,
            board=m.board_id,
            date=m.date,
        )
    ]


def appendix_text(appendix: Appendix, limit: int) -> str:
    if limit <= 0 or not appendix.file:
        return ""
    try:
        with appendix.file.open("rb") as stream:
            if appendix.kind == Appendix.Kind.PDF:
                return extract.pdf_text(stream, limit)
            from remit.core.archives import ArchiveRefused, ZipLimits, open_zip

            try:
                with open_zip(stream, ZipLimits.configured(documents=True)):
                    pass
            except (ArchiveRefused, OSError, ValueError):
                return ""
            stream.seek(0)
            return extract.docx_text(stream, limit)
    except OSError:
        return ""


def _papers() -> QuerySet[Paper]:
    return Paper.objects.select_related("item__meeting__board").prefetch_related(
        "sections", "recommendations", "appendices"
    )


def _paper(p: Paper) -> list[Entry]:
    m = p.item.meeting
    parts = [p.purpose]
    parts += [_join(s.heading, s.body) for s in p.sections.all()]
    parts += [r.text for r in p.recommendations.all()]
    parts += [p.financial_implications, p.legal_implications, p.equality_implications]
    limit = getattr(settings, "REMIT_SEARCH_APPENDIX_CHARS", extract.DEFAULT_LIMIT)
    for appendix in p.appendices.all():
        parts += [appendix.title, appendix_text(appendix, limit)]
    public = (
        meeting_rules.is_public_paper(p)
        and p.status in (PaperStatus.PUBLIC, PaperStatus.WITHDRAWN)
        and not p.item.private
    )
    return [
        Entry(
            kind=Kind.PAPER,
            object_id=p.pk,
            region_id=m.board.region_id,
            title=p.title,
            body=_join(*parts),
            url=reverse("meetings:paper", args=[p.pk]),
            public_url=reverse("meetings_public:paper", args=[p.pk]),
            published=public,
            roles=roles_allowed(meeting_rules.can_view_paper, p),
            member_board=m.board_id if p.members_published_at is not None else None,
            board=m.board_id,
            date=m.date,
        )
    ]


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related("board", "item__meeting__board")


def _decision(d: Decision) -> list[Entry]:
    m = d.item.meeting
    return [
        Entry(
            kind=Kind.DECISION,
            object_id=d.pk,
            region_id=d.board.region_id,
            title=f"{d.reference}: {d.item.title}",
            body=d.summary,
            url=_meeting_url(m),
            public_url=reverse("meetings_public:decision", args=[d.pk]),
            published=not d.item.private and m.public_at is not None,
            public_from=d.published_on,
            roles=roles_allowed(meeting_rules.can_view_meeting, m),
            member_board=m.board_id,
            board=d.board_id,
            date=d.published_on,
        )
    ]


def _all_minutes() -> QuerySet[Minutes]:
    return Minutes.objects.select_related("meeting__board")


def _minutes(record: Minutes) -> list[Entry]:
    m = record.meeting
    return [
        Entry(
            kind=Kind.MINUTES,
            object_id=record.pk,
            region_id=m.board.region_id,
            title=f"Minutes: {m.name}, {m.date:%-d %B %Y}",
            body=record.body,
            url=_meeting_url(m),
            public_url=reverse("meetings_public:minutes", args=[m.pk]),
            published=record.status == MinutesStatus.APPROVED,
            roles=roles_allowed(meeting_rules.can_edit_minutes, m),
            member_board=m.board_id if record.status == MinutesStatus.APPROVED else None,
            board=m.board_id,
            date=record.approved_on or m.date,
        )
    ]


# --- business cases ----------------------------------------------------------------------------


def _cases() -> QuerySet[BusinessCase]:
    return BusinessCase.all_cases.select_related("approved_decision").prefetch_related(
        "sections", "missions"
    )


def _snapshot_text(snapshot: dict[str, Any]) -> str:
    parts: list[str] = [snapshot.get("summary") or ""]
    for section in (snapshot.get("sections") or {}).values():
        if isinstance(section, dict):
            parts += [str(v) for v in section.values() if isinstance(v, str)]
        elif isinstance(section, str):
            parts.append(section)
    return _join(*parts)


def _case(c: BusinessCase) -> list[Entry]:
    common: dict[str, Any] = {
        "kind": Kind.BUSINESS_CASE,
        "object_id": c.pk,
        "region_id": c.region_id,
        "roles": roles_allowed(case_rules.can_view_case, c),
        "owner_person": c.owner_id,
        "missions": tuple(m.pk for m in c.missions.all()),
    }
    inside = Entry(
        title=c.title,
        body=_join(c.summary, *(_join(s.text, s.objectives) for s in c.sections.all())),
        url=reverse("appraisal:detail", args=[c.pk]),
        date=_day(c.created_at),
        **common,
    )
    entries = [inside]
    decision = c.approved_decision
    if decision is not None and case_rules.is_published(c):
        snapshot = decision.snapshot or {}
        public_kinds = {str(k) for k in PUBLIC_SECTIONS}
        sections = {k: v for k, v in (snapshot.get("sections") or {}).items() if k in public_kinds}
        entries.append(
            Entry(
                title=snapshot.get("title") or c.title,
                body=_snapshot_text({**snapshot, "sections": sections}),
                url=inside.url,
                public_url=reverse("appraisal_public:detail", args=[c.pk]),
                published=True,
                public_copy=True,
                date=decision.decided_on,
                **common,
            )
        )
    return entries


# --- funding -----------------------------------------------------------------------------------


def _bids() -> QuerySet[Bid]:
    return Bid.all_bids.select_related("round__fund", "organisation").prefetch_related("answers")


def _bid(b: Bid) -> list[Entry]:
    return [
        Entry(
            kind=Kind.BID,
            object_id=b.pk,
            region_id=b.round.fund.region_id,
            title=f"{b.reference}: {b.title}",
            body=_join(
                b.summary, b.organisation.name, b.round.title, *(a.text for a in b.answers.all())
            ),
            url=reverse("funding:bid", args=[b.pk]),
            roles=roles_allowed(fund_rules.can_view_bid, b),
            organisation=b.organisation_id,
            board=b.round.fund.recommending_board_id,
            date=_day(b.submitted_at) or _day(b.created_at),
        )
    ]


def _grants() -> QuerySet[Grant]:
    return Grant.all_grants.select_related("bid__round__fund", "bid__organisation", "publication")


def _grant(g: Grant) -> list[Entry]:
    bid = g.bid
    common: dict[str, Any] = {
        "kind": Kind.GRANT,
        "object_id": g.pk,
        "region_id": bid.round.fund.region_id,
        "roles": roles_allowed(fund_rules.can_view_grant, g),
        "organisation": bid.organisation_id,
        "board": bid.round.fund.recommending_board_id,
    }
    inside = Entry(
        title=bid.title,
        body=_join(bid.summary, bid.organisation.name, bid.round.fund.name, g.conditions),
        url=reverse("funding:grant", args=[g.pk]),
        date=g.agreement_start,
        **common,
    )
    entries = [inside]
    published = g.publication if g.publication_id else None
    if published is not None:
        entries.append(
            Entry(
                title=published.title,
                body=_join(published.description, published.recipient_name, published.funder_name),
                url=inside.url,
                public_url=reverse("funding_public:detail", args=[g.pk]),
                published=True,
                public_copy=True,
                date=published.award_date,
                **common,
            )
        )
    return entries


# --- registry and indicators -------------------------------------------------------------------


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("area")


def _organisation(o: Organisation) -> list[Entry]:
    return [
        Entry(
            kind=Kind.ORGANISATION,
            object_id=o.pk,
            region_id=o.region_id,
            title=o.name,
            body=_join(o.get_kind_display(), o.area.name if o.area_id and o.area else ""),
            url=reverse("registry:detail", args=["organisations", o.slug]),
            roles=roles_allowed(lambda user, _: registry_rules.can_view_registry(user), o),
        )
    ]


def _people() -> QuerySet[Person]:
    return Person.objects.select_related("organisation")


def _person(p: Person) -> list[Entry]:
    return [
        Entry(
            kind=Kind.PERSON,
            object_id=p.pk,
            region_id=p.region_id,
            title=p.name,
            body=_join(p.job_title, p.organisation.name if p.organisation else ""),
            url=reverse("registry:detail", args=["people", p.slug]),
            roles=roles_allowed(lambda user, _: registry_rules.can_view_registry(user), p),
        )
    ]


def _indicators() -> QuerySet[Indicator]:
    return Indicator.all_indicators.prefetch_related("missions")


def _indicator(i: Indicator) -> list[Entry]:
    return [
        Entry(
            kind=Kind.INDICATOR,
            object_id=i.pk,
            region_id=i.region_id,
            title=i.name,
            body=_join(i.description, i.source),
            url=reverse("indicators:detail", args=[i.slug]),
            public_url=reverse("indicators_public:detail", args=[i.slug]),
            published=i.is_published,
            roles=roles_allowed(indicator_rules.can_view_indicator, i),
            missions=tuple(m.pk for m in i.missions.all()),
            date=_day(i.published_at),
        )
    ]


SOURCES: dict[str, Source] = {
    s.kind: s
    for s in [
        Source(Kind.PROPOSAL, Proposal, _proposals, _proposal),
        Source(Kind.MEETING, Meeting, _meetings, _meeting),
        Source(Kind.AGENDA_ITEM, AgendaItem, _items, _item),
        Source(Kind.PAPER, Paper, _papers, _paper),
        Source(Kind.DECISION, Decision, _decisions, _decision),
        Source(Kind.MINUTES, Minutes, _all_minutes, _minutes),
        Source(Kind.BUSINESS_CASE, BusinessCase, _cases, _case),
        Source(Kind.BID, Bid, _bids, _bid),
        Source(Kind.GRANT, Grant, _grants, _grant),
        Source(Kind.ORGANISATION, Organisation, _organisations, _organisation),
        Source(Kind.PERSON, Person, _people, _person),
        Source(Kind.INDICATOR, Indicator, _indicators, _indicator),
    ]
}


def _ids(qs: QuerySet[Any], kind: str) -> Iterable[tuple[str, int]]:
    return ((kind, pk) for pk in qs.values_list("pk", flat=True))


def _meeting_family(meeting_id: int) -> Iterable[tuple[str, int]]:
    yield Kind.MEETING, meeting_id
    yield from _ids(AgendaItem.objects.filter(meeting_id=meeting_id), Kind.AGENDA_ITEM)
    yield from _ids(Paper.objects.filter(item__meeting_id=meeting_id), Kind.PAPER)
    yield from _ids(Decision.objects.filter(item__meeting_id=meeting_id), Kind.DECISION)
    yield from _ids(Minutes.objects.filter(meeting_id=meeting_id), Kind.MINUTES)


def _item_family(item: AgendaItem) -> Iterable[tuple[str, int]]:
    yield Kind.AGENDA_ITEM, item.pk
    yield from _ids(Paper.objects.filter(item_id=item.pk), Kind.PAPER)
    yield from _ids(Decision.objects.filter(item_id=item.pk), Kind.DECISION)


def _bid_family(bid_id: int) -> Iterable[tuple[str, int]]:
    yield Kind.BID, bid_id
    yield from _ids(Grant.all_grants.filter(bid_id=bid_id), Kind.GRANT)


def affected(instance: Model) -> list[tuple[str, int]]:
    """The index rows a saved or deleted record changes: its own, and those built from it."""
    from remit.appraisal.models import Section
    from remit.funding.models import Answer
    from remit.meetings.models import PaperSection, Recommendation
    from remit.proposals.models import MissionAlignment

    label = type(instance)
    own = next((s.kind for s in SOURCES.values() if s.model is label), None)
    pk: Any = instance.pk
    if label is Meeting:
        return list(_meeting_family(pk))
    if label is AgendaItem:
        return list(_item_family(instance))  # type: ignore[arg-type]
    if label is Bid:
        return list(_bid_family(pk))
    if own is not None:
        return [(own, pk)]
    parents: dict[type[Model], tuple[str, str]] = {
        Appendix: (Kind.PAPER, "paper_id"),
        PaperSection: (Kind.PAPER, "paper_id"),
        Recommendation: (Kind.PAPER, "paper_id"),
        Section: (Kind.BUSINESS_CASE, "business_case_id"),
        MissionAlignment: (Kind.PROPOSAL, "proposal_id"),
    }
    if label is Answer:
        return [(Kind.BID, instance.bid_id)]  # type: ignore[attr-defined]
    if label in parents:
        kind, attribute = parents[label]
        return [(kind, getattr(instance, attribute))]
    return []


def watched_models() -> list[type[Model]]:
    from remit.appraisal.models import Section
    from remit.funding.models import Answer
    from remit.meetings.models import PaperSection, Recommendation
    from remit.proposals.models import MissionAlignment

    return [
        *(s.model for s in SOURCES.values()),
        Appendix,
        PaperSection,
        Recommendation,
        Section,
        MissionAlignment,
        Answer,
    ]
