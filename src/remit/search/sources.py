"""What each kind of record puts in the search index, and who may see it.

``SOURCES`` is one table: for each kind, where each field of its index row comes from;
``entries_of`` turns one record of any kind into one or two rows (``Entry``). Who may open a
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

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.db.models import QuerySet
from django.urls import reverse

from remit.appraisal import permissions as case_rules
from remit.appraisal.models import BusinessCase
from remit.appraisal.selectors import PUBLIC_SECTIONS
from remit.core import permissions as registry_rules
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Role
from remit.funding import permissions as fund_rules
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.indicators import permissions as indicator_rules
from remit.indicators.models import Indicator
from remit.meetings import permissions as meeting_rules
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import Paper
from remit.meetings.workflow import MinutesStatus
from remit.meetings.workflow import PaperStatus
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


Of = Callable[[Any], Any]


@dataclass(frozen=True)
class Source:
    """How one kind of record becomes its index rows: each field is read from the record.

    ``rule`` is the permission function the record's inside page calls, asked about
    ``rule_on(record)``; the fields left out stay empty. ``public_copy``, where the public
    page shows less than the inside one, gives the public row's own title, body, public_url
    and date (or None while there is no public version).
    """

    kind: str
    model: type[Model]
    queryset: Callable[[], QuerySet[Any]]
    region: Of
    title: Of
    body: Of
    url: Of
    rule: Callable[[Any, Any], Any]
    rule_on: Of = lambda record: record
    public_url: Of | None = None
    published: Of | None = None
    public_from: Of | None = None
    member_board: Of | None = None
    organisation: Of | None = None
    owner_person: Of | None = None
    board: Of | None = None
    missions: Of | None = None
    date: Of | None = None
    public_copy: Of | None = None

    def entries(self, record: Any) -> list[Entry]:
        return entries_of(self, record)


def entries_of(source: Source, record: Any) -> list[Entry]:
    """The one way every kind becomes rows: the inside row, and a public copy if it has one."""

    def read(field: Of | None, empty: Any = None) -> Any:
        return empty if field is None else field(record)

    common: dict[str, Any] = {
        "kind": source.kind,
        "object_id": record.pk,
        "region_id": source.region(record),
        "roles": roles_allowed(source.rule, source.rule_on(record)),
        "member_board": read(source.member_board),
        "organisation": read(source.organisation),
        "owner_person": read(source.owner_person),
        "board": read(source.board),
        "missions": tuple(read(source.missions, ())),
    }
    inside = Entry(
        title=source.title(record),
        body=source.body(record),
        url=source.url(record),
        public_url=read(source.public_url, ""),
        published=bool(read(source.published, False)),
        public_from=read(source.public_from),
        date=read(source.date),
        **common,
    )
    copy = read(source.public_copy)
    if copy is None:
        return [inside]
    return [inside, Entry(url=inside.url, published=True, public_copy=True, **copy, **common)]


def _opens_proposal(user: Any, p: Proposal) -> bool:
    """The inside page asks both: may see the register (drafts), and may see this proposal."""
    return bool(proposal_rules.can_view_drafts(user) and proposal_rules.can_view_proposal(user, p))


def _meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.pk])


def _public_meeting_url(meeting: Meeting) -> str:
    return reverse("meetings_public:meeting", args=[meeting.pk])


def appendix_text(appendix: Appendix, limit: int) -> str:
    if limit <= 0 or not appendix.file:
        return ""
    try:
        with appendix.file.open("rb") as stream:
            if appendix.kind == Appendix.Kind.PDF:
                return extract.pdf_text(stream, limit)
            from remit.core.archives import ArchiveRefused
            from remit.core.archives import ZipLimits
            from remit.core.archives import open_zip

            try:
                with open_zip(stream, ZipLimits.configured(documents=True)):
                    pass
            except (ArchiveRefused, OSError, ValueError):
                return ""
            stream.seek(0)
            return extract.docx_text(stream, limit)
    except OSError:
        return ""


def _paper_text(p: Paper) -> str:
    parts = [p.purpose]
    parts += [_join(s.heading, s.body) for s in p.sections.all()]
    parts += [r.text for r in p.recommendations.all()]
    parts += [p.financial_implications, p.legal_implications, p.equality_implications]
    limit = getattr(settings, "REMIT_SEARCH_APPENDIX_CHARS", extract.DEFAULT_LIMIT)
    for appendix in p.appendices.all():
        parts += [appendix.title, appendix_text(appendix, limit)]
    return _join(*parts)


def _paper_is_public(p: Paper) -> bool:
    return (
        meeting_rules.is_public_paper(p)
        and p.status in (PaperStatus.PUBLIC, PaperStatus.WITHDRAWN)
        and not p.item.private
    )


def _snapshot_text(snapshot: dict[str, Any]) -> str:
    parts: list[str] = [snapshot.get("summary") or ""]
    for section in (snapshot.get("sections") or {}).values():
        if isinstance(section, dict):
            parts += [str(v) for v in section.values() if isinstance(v, str)]
        elif isinstance(section, str):
            parts.append(section)
    return _join(*parts)


def _case_public(c: BusinessCase) -> dict[str, Any] | None:
    """The approved case as published: its snapshot's title and public sections only."""
    decision = c.approved_decision
    if decision is None or not case_rules.is_published(c):
        return None
    snapshot = decision.snapshot or {}
    public_kinds = {str(k) for k in PUBLIC_SECTIONS}
    sections = {k: v for k, v in (snapshot.get("sections") or {}).items() if k in public_kinds}
    return {
        "title": snapshot.get("title") or c.title,
        "body": _snapshot_text({**snapshot, "sections": sections}),
        "public_url": reverse("appraisal_public:detail", args=[c.pk]),
        "date": decision.decided_on,
    }


def _grant_public(g: Grant) -> dict[str, Any] | None:
    """The grant as published on the register."""
    published = g.publication if g.publication_id else None
    if published is None:
        return None
    return {
        "title": published.title,
        "body": _join(published.description, published.recipient_name, published.funder_name),
        "public_url": reverse("funding_public:detail", args=[g.pk]),
        "date": published.award_date,
    }


def _registry(user: Any, _: Any) -> Any:
    return registry_rules.can_view_registry(user)


def _approved(record: Minutes) -> bool:
    return record.status == MinutesStatus.APPROVED


SOURCES: dict[str, Source] = {
    s.kind: s
    for s in [
        Source(
            kind=Kind.PROPOSAL,
            model=Proposal,
            queryset=lambda: Proposal.all_objects.select_related(
                "deal", "workstream"
            ).prefetch_related("alignments"),
            region=lambda p: p.deal.region_id,
            title=lambda p: p.title,
            body=lambda p: _join(p.summary, p.powers_asked, p.legislation, p.workstream.name),
            url=lambda p: reverse("proposals:detail", args=[p.pk]),
            public_url=lambda p: reverse("published_proposals:detail", args=[p.pk]),
            published=lambda p: p.is_published,
            rule=_opens_proposal,
            missions=lambda p: (a.mission_id for a in p.alignments.all()),
            date=lambda p: _day(p.published_at) or _day(p.created_at),
        ),
        Source(
            kind=Kind.MEETING,
            model=Meeting,
            queryset=lambda: Meeting.objects.select_related("board"),
            region=lambda m: m.board.region_id,
            title=lambda m: f"{m.name}, {m.date:%-d %B %Y}",
            body=lambda m: _join(m.board.name, m.location),
            url=_meeting_url,
            public_url=_public_meeting_url,
            published=lambda m: m.public_at is not None,
            rule=meeting_rules.can_view_meeting,
            member_board=lambda m: m.board_id,
            board=lambda m: m.board_id,
            date=lambda m: m.date,
        ),
        Source(
            kind=Kind.AGENDA_ITEM,
            model=AgendaItem,
            queryset=lambda: AgendaItem.objects.select_related("meeting__board"),
            region=lambda i: i.meeting.board.region_id,
            title=lambda i: i.title,
            body=lambda i: _join(i.summary, i.presenter, i.meeting.name),
            url=lambda i: _meeting_url(i.meeting),
            public_url=lambda i: _public_meeting_url(i.meeting),
            published=lambda i: i.meeting.public_at is not None and not i.private,
            rule=meeting_rules.can_view_meeting,
            rule_on=lambda i: i.meeting,
            member_board=lambda i: i.meeting.board_id,
            board=lambda i: i.meeting.board_id,
            date=lambda i: i.meeting.date,
        ),
        Source(
            kind=Kind.PAPER,
            model=Paper,
            queryset=lambda: Paper.objects.select_related("item__meeting__board").prefetch_related(
                "sections", "recommendations", "appendices"
            ),
            region=lambda p: p.item.meeting.board.region_id,
            title=lambda p: p.title,
            body=_paper_text,
            url=lambda p: reverse("meetings:paper", args=[p.pk]),
            public_url=lambda p: reverse("meetings_public:paper", args=[p.pk]),
            published=_paper_is_public,
            rule=meeting_rules.can_view_paper,
            member_board=lambda p: (
                p.item.meeting.board_id if p.members_published_at is not None else None
            ),
            board=lambda p: p.item.meeting.board_id,
            date=lambda p: p.item.meeting.date,
        ),
        Source(
            kind=Kind.DECISION,
            model=Decision,
            queryset=lambda: Decision.objects.select_related("board", "item__meeting__board"),
            region=lambda d: d.board.region_id,
            title=lambda d: f"{d.reference}: {d.item.title}",
            body=lambda d: d.summary,
            url=lambda d: _meeting_url(d.item.meeting),
            public_url=lambda d: reverse("meetings_public:decision", args=[d.pk]),
            published=lambda d: not d.item.private and d.item.meeting.public_at is not None,
            public_from=lambda d: d.published_on,
            rule=meeting_rules.can_view_meeting,
            rule_on=lambda d: d.item.meeting,
            member_board=lambda d: d.item.meeting.board_id,
            board=lambda d: d.board_id,
            date=lambda d: d.published_on,
        ),
        Source(
            kind=Kind.MINUTES,
            model=Minutes,
            queryset=lambda: Minutes.objects.select_related("meeting__board"),
            region=lambda r: r.meeting.board.region_id,
            title=lambda r: f"Minutes: {r.meeting.name}, {r.meeting.date:%-d %B %Y}",
            body=lambda r: r.body,
            url=lambda r: _meeting_url(r.meeting),
            public_url=lambda r: reverse("meetings_public:minutes", args=[r.meeting.pk]),
            published=_approved,
            rule=meeting_rules.can_edit_minutes,
            rule_on=lambda r: r.meeting,
            member_board=lambda r: r.meeting.board_id if _approved(r) else None,
            board=lambda r: r.meeting.board_id,
            date=lambda r: r.approved_on or r.meeting.date,
        ),
        Source(
            kind=Kind.BUSINESS_CASE,
            model=BusinessCase,
            queryset=lambda: BusinessCase.all_objects.select_related(
                "approved_decision"
            ).prefetch_related("sections", "missions"),
            region=lambda c: c.region_id,
            title=lambda c: c.title,
            body=lambda c: _join(
                c.summary, *(_join(s.text, s.objectives) for s in c.sections.all())
            ),
            url=lambda c: reverse("appraisal:detail", args=[c.pk]),
            rule=case_rules.can_view_case,
            owner_person=lambda c: c.owner_id,
            missions=lambda c: (m.pk for m in c.missions.all()),
            date=lambda c: _day(c.created_at),
            public_copy=_case_public,
        ),
        Source(
            kind=Kind.BID,
            model=Bid,
            queryset=lambda: Bid.all_objects.select_related(
                "round__fund", "organisation"
            ).prefetch_related("answers"),
            region=lambda b: b.round.fund.region_id,
            title=lambda b: f"{b.reference}: {b.title}",
            body=lambda b: _join(
                b.summary, b.organisation.name, b.round.title, *(a.text for a in b.answers.all())
            ),
            url=lambda b: reverse("funding:bid", args=[b.pk]),
            rule=fund_rules.can_view_bid,
            organisation=lambda b: b.organisation_id,
            board=lambda b: b.round.fund.recommending_board_id,
            date=lambda b: _day(b.submitted_at) or _day(b.created_at),
        ),
        Source(
            kind=Kind.GRANT,
            model=Grant,
            queryset=lambda: Grant.all_objects.select_related(
                "bid__round__fund", "bid__organisation", "publication"
            ),
            region=lambda g: g.bid.round.fund.region_id,
            title=lambda g: g.bid.title,
            body=lambda g: _join(
                g.bid.summary, g.bid.organisation.name, g.bid.round.fund.name, g.conditions
            ),
            url=lambda g: reverse("funding:grant", args=[g.pk]),
            rule=fund_rules.can_view_grant,
            organisation=lambda g: g.bid.organisation_id,
            board=lambda g: g.bid.round.fund.recommending_board_id,
            date=lambda g: g.agreement_start,
            public_copy=_grant_public,
        ),
        Source(
            kind=Kind.ORGANISATION,
            model=Organisation,
            queryset=lambda: Organisation.objects.select_related("area"),
            region=lambda o: o.region_id,
            title=lambda o: o.name,
            body=lambda o: _join(o.get_kind_display(), o.area.name if o.area_id and o.area else ""),
            url=lambda o: reverse("registry:detail", args=["organisations", o.slug]),
            rule=_registry,
        ),
        Source(
            kind=Kind.PERSON,
            model=Person,
            queryset=lambda: Person.objects.select_related("organisation"),
            region=lambda p: p.region_id,
            title=lambda p: p.name,
            body=lambda p: _join(p.job_title, p.organisation.name if p.organisation else ""),
            url=lambda p: reverse("registry:detail", args=["people", p.slug]),
            rule=_registry,
        ),
        Source(
            kind=Kind.INDICATOR,
            model=Indicator,
            queryset=lambda: Indicator.all_objects.prefetch_related("missions"),
            region=lambda i: i.region_id,
            title=lambda i: i.name,
            body=lambda i: _join(i.description, i.source),
            url=lambda i: reverse("indicators:detail", args=[i.slug]),
            public_url=lambda i: reverse("indicators_public:detail", args=[i.slug]),
            published=lambda i: i.is_published,
            rule=indicator_rules.can_view_indicator,
            missions=lambda i: (m.pk for m in i.missions.all()),
            date=lambda i: _day(i.published_at),
        ),
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
    yield from _ids(Grant.all_objects.filter(bid_id=bid_id), Kind.GRANT)


def affected(instance: Model) -> list[tuple[str, int]]:
    """The index rows a saved or deleted record changes: its own, and those built from it."""
    from remit.appraisal.models import Section
    from remit.funding.models import Answer
    from remit.meetings.models import PaperSection
    from remit.meetings.models import Recommendation
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
    from remit.meetings.models import PaperSection
    from remit.meetings.models import Recommendation
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
