"""Demonstration meetings for the West Midlands: a year (2018/19) of the Strategic Policing and
Crime Board and of the regional Community Safety Partnership, the July 2022 board that took
the devolution deal update, and the August 2022 Devolution Strategy Group that decided on the
bus fares proposal, so its forum decision is the meeting's decision.

Everything goes through the services, dated in the past, so the history reads as it would have.
Loading is idempotent: a board whose first demo meeting exists is left alone. A region without
these boards or people is left untouched, and the Devolution Strategy Group meeting is held only
while the proposals demo has the bus proposal waiting for that group.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from remit.core.models import Board, Membership, Region, Role, User
from remit.meetings import services
from remit.meetings.models import AgendaItem, Meeting, Paper
from remit.meetings.schedule import Repeat, series_dates
from remit.meetings.services import OutcomeInput
from remit.proposals import selectors as proposal_selectors
from remit.proposals.models import Proposal

LLOYD_HOUSE = "Lloyd House, Colmore Circus Queensway, Birmingham"
DEMO_OFFICER = "officer"
WMCSP_FIRST = date(2018, 4, 26)
SPCB_FIRST = date(2018, 4, 17)
DEVOLUTION_DAY = date(2022, 7, 26)
DSG_DAY = date(2022, 8, 18)
BUSES = "Bus fares and franchising settlement"
SUMMER_LANE = "16 Summer Lane, Birmingham"
ALLOCATIONS = "Community safety fund: recommended allocations for 2019/20"
REQUIRED_PEOPLE = {"alethea-fuller", "brendan-warner-southwell", "david-jamieson"}


@dataclass
class PaperSpec:
    title: str
    purpose: str
    recommendations: list[str]
    sections: list[tuple[str, str]]
    financial: str
    legal: str
    equality: str
    author: str
    presented_by: str = ""
    appendices: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ItemSpec:
    kind: str
    title: str
    paper: PaperSpec | None = None
    presenter: str = ""
    exemption: str = ""
    exemption_reason: str = ""
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    resolution: str = ""
    votes: dict[str, str] = field(default_factory=dict)
    declarations: list[tuple[str, str, str]] = field(default_factory=list)
    late_reason: str = ""
    from_forward_plan: bool = False
    proposal: str = ""


@dataclass
class MeetingSpec:
    day: date
    items: list[ItemSpec]
    absent: list[str] = field(default_factory=list)
    minutes: str = ""
    location: str = LLOYD_HOUSE
    substitutes: dict[str, str] = field(default_factory=dict)
    """Member slug → the slug of the named substitute who attended in their place."""


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


WMCSP_PROGRESS = PaperSpec(
    title="West Midlands Community Safety Partnership: progress update",
    purpose="To update the Board on the work to set up the West Midlands Community Safety "
    "Partnership (WMCSP).",
    recommendations=[
        "Note the progress made in setting up the West Midlands Community Safety Partnership."
    ],
    sections=[
        (
            "Background",
            "The Police and Crime Plan 2016-2020 committed the Commissioner to explore a "
            "region-wide partnership for 2018/19, with a representative from each local "
            "authority area.\n\n"
            "The change alters the way police grant for community safety has been shared "
            "across the West Midlands since 2012. The seven local community safety partnerships "
            "keep their statutory duties under the Crime and Disorder Act 1998.",
        ),
        (
            "Why a regional partnership",
            "The Commissioner has to show that the money he allocates avoids duplication and is "
            "well spent. Today's arrangements give the public little sight of how it is spent and "
            "do little to encourage partnerships to work together.\n\n"
            "In other force areas partnerships bid for funding and the commissioner decides. Here "
            "partners will recommend how the fund is used, and the Commissioner will take the "
            "final decision.",
        ),
        (
            "What partners told us",
            "The office has met the seven heads of community safety every two months since "
            "November 2016, attended each local partnership, and held a feedback session in "
            "September 2017. Partners asked that:\n\n"
            "- the largest area should not dominate\n"
            "- funding is shared fairly and visibly, with more where need is greater\n"
            "- match funding by local partnerships is taken into account\n"
            "- grants can run for longer than a year\n"
            "- local partnerships keep room to respond to emerging issues\n"
            "- the process is open and transparent",
        ),
        (
            "Transition",
            "2018/19 is a transition year. Allocations keep the services the heads of community "
            "safety identified as critical, and regional delivery starts in April 2019.",
        ),
        (
            "Membership and role",
            "The partnership has met in shadow form since January 2018, chaired by the "
            "Commissioner, with senior representatives of the police, the seven local "
            "authorities, probation, health, youth offending, the fire service, business and the "
            "voluntary sector. It meets quarterly and makes budget recommendations to the "
            "Commissioner.",
        ),
    ],
    financial="The Commissioner's community safety budget for 2018/19 is £3,863,308.",
    legal="Schedule 9 to the Police Reform and Social Responsibility Act 2011 lets the "
    "Commissioner award crime and disorder grants to any organisation that will help him meet his "
    "crime and disorder objectives.",
    equality="An equality assessment of the new funding arrangements will come to the partnership "
    "before it recommends allocations for 2019/20.",
    author="alethea-fuller",
    presented_by="Policy and Commissioning Manager",
)

DEVOLUTION_UPDATE = PaperSpec(
    title="Trailblazer devolution deal: crime, community safety and resilience",
    purpose="To update the Board on the crime, community safety and resilience strand of the "
    "West Midlands trailblazer devolution deal.",
    recommendations=[
        "Note the progress made in developing the strand.",
        "Note the governance route the position paper will follow before it goes to government.",
    ],
    sections=[
        (
            "The trailblazer deal",
            "Devolution moves decisions and money from Whitehall to places. The West Midlands "
            "Combined Authority, set up in 2016 and led by an elected mayor since 2017, is one of "
            "two combined authorities invited by the Department for Levelling Up, Housing and "
            "Communities to negotiate a trailblazer deal.\n\n"
            "Proposals must show how they serve the twelve Levelling Up missions, among them that "
            "by 2030 homicide, serious violence and neighbourhood crime will have fallen, focused "
            "on the worst-affected areas.",
        ),
        (
            "Forms of devolution",
            "The deal can devolve in four ways:\n\n"
            "- single: powers and funding move from Whitehall to the combined authority\n"
            "- double: and on to local authorities\n"
            "- triple: and on again to communities, often through the voluntary sector\n"
            "- centralisation: local authority powers are run by the combined authority",
        ),
        (
            "How the strand was developed",
            "The deal is split into 20 strands. Crime, community safety and resilience sits "
            "wholly within the Commissioner's responsibilities, and the office has worked on it "
            "with the combined authority since March 2022.\n\n"
            "The work followed a double diamond design process: four idea generation sessions "
            "with partners; drafting with system leaders and meetings with the Department, the "
            "Home Office and the Ministry of Justice; then four consultation sessions and an "
            "extraordinary meeting of the Local Criminal Justice Board.",
        ),
        (
            "Next steps",
            "The position paper goes to the Senior Local Authority Officers Group, the Devolution "
            "Strategy Group, the Finance Directors' Group and the Met Leaders Group before it is "
            "submitted in September.\n\n"
            "Proposals agreed with government will be developed into business cases to HM "
            "Treasury Green Book standard, jointly with the Commissioner's office.",
        ),
    ],
    financial="None immediately. The deal seeks devolved funding from government.",
    legal="None immediately. The deal seeks devolved powers from government.",
    equality="The combined authority's process includes a full Equality and Health Impact "
    "Assessment, which has begun for this strand.",
    author="brendan-warner-southwell",
    presented_by="Simon Down, Head of Policy, and Brendan Warner-Southwell, Policy Manager",
)


def _report(
    title: str, purpose: str, recs: list[str], body: list[tuple[str, str]], **kw: Any
) -> PaperSpec:
    return PaperSpec(
        title=title,
        purpose=purpose,
        recommendations=recs,
        sections=body,
        financial=kw.get("financial", "None arising from this report."),
        legal=kw.get("legal", "None arising from this report."),
        equality=kw.get("equality", "None arising from this report."),
        author=kw.get("author", "alethea-fuller"),
        presented_by=kw.get("presented_by", "Policy and Commissioning Manager"),
        appendices=kw.get("appendices", []),
    )


TERMS = _report(
    "Terms of reference and membership",
    "To ask the partnership to agree its terms of reference.",
    ["Agree the terms of reference at Appendix A.", "Note the membership at Appendix B."],
    [
        (
            "Background",
            "The partnership has met in shadow form since January 2018. Its members take part "
            "at a senior level so that they can speak for their local partnerships, and "
            "membership can be reviewed at any time.\n\n"
            "Each partner keeps its own governance and accountability; the chair may set up "
            "sub-groups for particular priorities.",
        )
    ],
    appendices=[("Terms of reference", "docx"), ("Membership", "pdf")],
)

TRANSITION = _report(
    "Community safety fund 2018/19: the transition year",
    "To set out how the fund is used in the transition year.",
    ["Note that 2018/19 allocations keep the services identified as critical."],
    [
        (
            "Allocations",
            "Local partnerships do not lose their funding in April 2018. The year's "
            "allocations keep the capabilities the heads of community safety told the office "
            "were critical, while a regional response to the main priorities is developed for "
            "April 2019.",
        )
    ],
    financial="The fund for 2018/19 is £3,863,308.",
)

PRIORITIES = _report(
    "Regional priorities for 2019/20",
    "To agree how the partnership will set its regional priorities.",
    [
        "Agree that regional priorities are developed with the seven local partnerships by "
        "October 2018."
    ],
    [
        (
            "Approach",
            "A small number of regional priorities will be balanced by support for local "
            "partnerships to provide services that fit their areas.\n\n"
            "A joint strategic assessment will identify shared priorities and help show value "
            "for money.",
        )
    ],
)

LOCAL_PERFORMANCE = _report(
    "Performance of the local community safety partnerships",
    "To report on the seven local partnerships' work in the first quarter.",
    ["Note the report."],
    [
        (
            "Summary",
            "Each local partnership reported on the services kept in the transition year. "
            "Reports will come to each meeting.",
        )
    ],
)

TENDERS = _report(
    "Commissioning a regional service: evaluation of tenders",
    "To recommend a provider for the regional service.",
    ["Recommend the preferred bidder to the Commissioner."],
    [("Evaluation", "The report scores each bid against the published criteria.")],
)

FUNDING_MODEL = _report(
    "Funding model from April 2019",
    "To recommend how the community safety fund is allocated from April 2019.",
    [
        "Recommend to the Commissioner that, from April 2019, partners bid for funding "
        "against the regional priorities.",
        "Recommend that grants may run for up to three years where the outcomes justify it.",
    ],
    [
        (
            "The model",
            "Partners will bid; the partnership will make recommendations; the Commissioner "
            "will take the final decision.\n\n"
            "Bids will be assessed on need as well as population, and match funding by local "
            "partnerships will be taken into account.",
        )
    ],
    legal="Grants are made under Schedule 9 to the Police Reform and Social Responsibility "
    "Act 2011.",
)

YOUTH_FUND = _report(
    "Early Intervention Youth Fund: regional bid",
    "To seek the partnership's support for a regional bid to the Home Office.",
    ["Support the submission of the regional bid."],
    [
        (
            "The bid",
            "The bid would fund early intervention with young people at risk of serious "
            "violence in each of the seven areas.",
        )
    ],
)

PERFORMANCE = _report(
    "Performance update",
    "To report progress against the Police and Crime Plan.",
    ["Note the report."],
    [("Summary", "Progress against the plan's community safety aims is set out by area.")],
)

NOTED = [("noted", "")]
AGREED = [("agreed", "")]


def _paper_item(kind: str, paper: PaperSpec, **kwargs: Any) -> ItemSpec:
    return ItemSpec(kind, paper.title, paper, **kwargs)


def _wmcsp_year() -> list[MeetingSpec]:
    return [
        MeetingSpec(
            WMCSP_FIRST,
            [
                _paper_item(
                    "decision",
                    TERMS,
                    outcomes=[("agreed", ""), ("noted", "")],
                    resolution="The terms of reference were agreed and the membership noted.",
                ),
                _paper_item(
                    "decision",
                    TRANSITION,
                    outcomes=NOTED,
                    resolution="The partnership noted the transition year arrangements.",
                    declarations=[
                        (
                            "birmingham-csp-representative",
                            "other_registrable",
                            "Sits on Birmingham's community safety partnership, which receives "
                            "a transition year allocation.",
                        )
                    ],
                ),
            ],
            minutes="The Commissioner welcomed members to the partnership's first meeting "
            "since its shadow period began.\n\n"
            "Members discussed how local partnerships would keep a say in regional priorities.",
        ),
        MeetingSpec(
            date(2018, 7, 26),
            substitutes={"dudley-csp-representative": "dudley-csp-substitute"},
            items=[
                _paper_item(
                    "decision",
                    PRIORITIES,
                    outcomes=[
                        (
                            "agreed_as_amended",
                            "Agree that regional priorities are developed with the seven local "
                            "partnerships, with a draft shared with the heads of community "
                            "safety in September and final priorities agreed in October 2018.",
                        )
                    ],
                    resolution="Agreed as amended, with a draft shared in September.",
                    votes={
                        "assistant-pcc-partnerships": "for",
                        "wmp-representative": "for",
                        "coventry-csp-representative": "abstain",
                    },
                ),
                _paper_item(
                    "information",
                    LOCAL_PERFORMANCE,
                    outcomes=NOTED,
                    resolution="The report was noted.",
                ),
                _paper_item(
                    "decision",
                    TENDERS,
                    exemption="3",
                    exemption_reason="The report holds the bidders' commercial information; "
                    "disclosing it would harm their interests and the fairness of the procurement.",
                    outcomes=AGREED,
                    resolution="The preferred bidder was recommended to the Commissioner.",
                    votes={
                        "assistant-pcc-partnerships": "for",
                        "wmp-representative": "for",
                        "birmingham-csp-representative": "for",
                    },
                    declarations=[
                        (
                            "voluntary-sector-representative",
                            "other_prejudicial",
                            "Her organisation is part of a consortium that bid; she left the "
                            "room for this item.",
                        )
                    ],
                ),
            ],
            absent=["business-representative", "public-health-representative"],
            minutes="The partnership took the commissioning item in private. The voluntary "
            "sector representative left the room and took no part in it.",
        ),
        MeetingSpec(
            date(2018, 10, 25),
            [
                _paper_item(
                    "decision",
                    FUNDING_MODEL,
                    outcomes=[("agreed", ""), ("agreed", "")],
                    resolution="Both recommendations were agreed and go to the Commissioner.",
                ),
                _paper_item(
                    "decision",
                    YOUTH_FUND,
                    outcomes=AGREED,
                    resolution="The partnership supported the bid.",
                    late_reason="The Home Office set the bid deadline after the agenda was "
                    "published, and the partnership's support is needed before the bid goes in.",
                ),
            ],
            absent=["mayoral-representative"],
            minutes="The chair agreed to take the youth fund bid as an urgent item.",
        ),
        MeetingSpec(
            date(2019, 1, 24),
            [
                _paper_item(
                    "information", PERFORMANCE, outcomes=NOTED, resolution="The report was noted."
                ),
                ItemSpec(
                    "decision",
                    ALLOCATIONS,
                    outcomes=AGREED,
                    resolution="The partnership recommended the allocations set out at the "
                    "meeting to the Commissioner.",
                    from_forward_plan=True,
                ),
            ],
            minutes="Members asked for the recommended allocations to be published with the "
            "Commissioner's decision.",
        ),
    ]


def _spcb_year() -> list[MeetingSpec]:
    meetings = []
    for index, day in enumerate(series_dates(SPCB_FIRST, Repeat.MONTHLY, 12, same_weekday=True)):
        items = [
            ItemSpec(
                "information",
                "Chief Constable's update",
                presenter="Chief Constable",
                outcomes=[("noted", "")],
                resolution="The Board noted the Chief Constable's update.",
            )
        ]
        if index == 0:
            items.append(
                ItemSpec(
                    "information",
                    WMCSP_PROGRESS.title,
                    WMCSP_PROGRESS,
                    outcomes=[("noted", "")],
                    resolution="The Board noted the progress made.",
                )
            )
        absent: list[str] = []
        minutes = "The Board received the Chief Constable's update."
        if index == 4:
            items.append(VICTIMS_UPDATE)
            absent = ["assistant-pcc-partnerships", "chief-constable"]
            minutes = (
                "Only two voting members attended: the meeting was inquorate and decided nothing."
            )
        meetings.append(MeetingSpec(day, items, absent=absent, minutes=minutes))
    return meetings


VICTIMS_UPDATE = ItemSpec(
    "information",
    "Victims' services: commissioning update",
    _report(
        "Victims' services: commissioning update",
        "To update the Board on recommissioning support services for victims of crime.",
        ["Note the report."],
        [
            (
                "Progress",
                "The Victims Commission's findings are shaping the specification. Providers "
                "will be engaged over the summer.",
            )
        ],
    ),
    outcomes=[("noted", "")],
    resolution="The Board noted the update.",
)


def _spcb_2022() -> list[MeetingSpec]:
    return [
        MeetingSpec(
            DEVOLUTION_DAY,
            [
                ItemSpec(
                    "report",
                    DEVOLUTION_UPDATE.title,
                    DEVOLUTION_UPDATE,
                    outcomes=[("noted", ""), ("noted", "")],
                    resolution="The Board noted the strand's progress and its governance route.",
                )
            ],
        )
    ]


BUSES_PAPER = _report(
    BUSES,
    "To ask the Group to endorse the bus proposal and send it on to the Finance Directors' Group.",
    [
        "Endorse the proposal and send it on to the Finance Directors' Group.",
        "Note that the position paper goes to government at the end of September.",
    ],
    [
        (
            "The ask",
            "A settlement for buses that runs for five years from 2023/24, with the freedom to "
            "franchise services without further consent and to set one simpler set of fares "
            "across the region.",
        ),
        (
            "Since the Senior Local Authority Officers Group",
            "The officers' group endorsed the proposal on 4 August 2022. Councils asked how a "
            "fares cap would be paid for once the settlement ends.",
        ),
    ],
    financial="The ask is £120m over 2023/24 to 2027/28, from government.",
    legal="Franchising is under Part 2 of the Transport Act 2000, as amended by the Bus Services "
    "Act 2017.",
    equality="The equality and health impact screening is under way.",
    author="transport-lead",
    presented_by="Transport workstream lead",
)


def _dsg_2022() -> list[MeetingSpec]:
    return [
        MeetingSpec(
            DSG_DAY,
            [
                _paper_item(
                    "decision",
                    BUSES_PAPER,
                    outcomes=[
                        (
                            "agreed_as_amended",
                            "Endorse the proposal and send it on to the Finance Directors' "
                            "Group, with the cost of a fares cap set out for each year.",
                        ),
                        ("noted", ""),
                    ],
                    resolution="The Group endorsed the proposal, asking for the cost of a fares "
                    "cap to be set out for each year, and noted the timetable.",
                    proposal=BUSES,
                )
            ],
            minutes="The Group took the bus proposal; its decision is the forum decision on the "
            "proposal.",
            location=SUMMER_LANE,
        )
    ]


class Loader:
    """Walks meeting specs through the services, as the secretariat would have at the time."""

    def __init__(self, region: Region, officer: User) -> None:
        self.region = region
        self.by = officer
        self.people = {p.slug: p for p in region.people.all()}

    def _appendix(self, title: str, kind: str, meeting: Meeting) -> SimpleUploadedFile:
        name = title.lower().replace(" ", "-") + "." + kind
        data = _terms_of_reference() if kind == "docx" else _membership_pdf(meeting)
        return SimpleUploadedFile(name, data)

    def paper(self, item: AgendaItem, spec: PaperSpec, meeting: Meeting) -> Paper:
        author = self.people.get(spec.author)
        paper = services.paper_create(
            by=self.by,
            item=item,
            data={
                "title": spec.title,
                "purpose": spec.purpose,
                "financial_implications": spec.financial,
                "legal_implications": spec.legal,
                "equality_implications": spec.equality,
                "author": author,
                "contact_officer": author,
                "presented_by": spec.presented_by,
            },
            recommendations=spec.recommendations,
            sections=spec.sections,
        )
        for title, kind in spec.appendices:
            upload = self._appendix(title, kind, meeting)
            services.appendix_add(by=self.by, paper=paper, upload=upload, title=title)
        return paper

    def _item(self, meeting: Meeting, spec: ItemSpec) -> AgendaItem:
        presenter = spec.presenter or (spec.paper.presented_by if spec.paper else "")
        proposal = (
            Proposal.with_drafts.filter(deal__region=self.region, title=spec.proposal).first()
            if spec.proposal
            else None
        )
        return services.item_add(
            by=self.by,
            meeting=meeting,
            data={
                "kind": spec.kind,
                "title": spec.title,
                "presenter": presenter,
                "private": bool(spec.exemption),
                "exemption": spec.exemption,
                "exemption_reason": spec.exemption_reason,
                "proposal": proposal,
            },
        )

    def build(self, board: Board, spec: MeetingSpec) -> Meeting:
        """Schedule one meeting, add its items and papers, and publish them (late ones late)."""
        (meeting,) = services.meeting_schedule(
            by=self.by,
            board=board,
            first_date=spec.day,
            start_time=time(10),
            end_time=time(12),
            location=spec.location,
        )
        late = []
        for item_spec in spec.items:
            if item_spec.from_forward_plan:
                continue
            item = self._item(meeting, item_spec)
            if item_spec.paper is None:
                continue
            if item_spec.late_reason:
                late.append((item, item_spec))
            else:
                self.paper(item, item_spec.paper, meeting)
        on_time = meeting.deadline().effective - timedelta(days=1)
        services.agenda_publish(by=self.by, meeting=meeting, at=_at(on_time))
        services.meeting_publish_public(
            by=self.by, meeting=meeting, at=_at(on_time, 14), build_pack=False
        )
        for item, item_spec in late:
            paper = self.paper(item, item_spec.paper, meeting)  # type: ignore[arg-type]
            services.paper_publish(
                by=self.by,
                paper=paper,
                at=_at(spec.day - timedelta(days=2)),
                urgency_reason=item_spec.late_reason,
            )
        return meeting

    def hold(self, meeting: Meeting, spec: MeetingSpec) -> bool:
        members = Membership.objects.current(on=meeting.date).filter(board=meeting.board)
        away = {*spec.absent, *spec.substitutes}
        statuses = {
            m.person_id: "apologies" if m.person.slug in away else "present"
            for m in members.select_related("person")
        }
        stood_in = [
            (self.people[substitute].pk, self.people[member].pk)
            for member, substitute in spec.substitutes.items()
            if member in self.people and substitute in self.people
        ]
        services.attendance_record(
            by=self.by, meeting=meeting, statuses=statuses, substitutes=stood_in or None
        )
        return services.meeting_mark_held(by=self.by, meeting=meeting).quorate

    def _declare(self, meeting: Meeting, item: AgendaItem, spec: ItemSpec) -> None:
        for slug, kind, description in spec.declarations:
            person = self.people.get(slug)
            if person is not None:
                services.declaration_record(
                    by=self.by,
                    meeting=meeting,
                    person=person,
                    item=item,
                    kind=kind,
                    description=description,
                )

    def decide(self, meeting: Meeting, specs: dict[str, ItemSpec]) -> None:
        """Decide every open item, including any rolled forward from an inquorate meeting."""
        for item in meeting.items.filter(state=AgendaItem.State.OPEN).order_by("position"):
            spec = specs.get(item.title)
            if spec is None or not item.takes_decision or item.kind == AgendaItem.Kind.MINUTES:
                continue
            self._declare(meeting, item, spec)
            paper = Paper.objects.filter(item=item.paper_holder).first()
            recs: list[Any] = list(paper.recommendations.all()) if paper else [None]
            outcomes = [
                OutcomeInput(rec.pk if rec else None, outcome, amended)
                for rec, (outcome, amended) in zip(recs, spec.outcomes, strict=True)
            ]
            votes = {self.people[s].pk: v for s, v in spec.votes.items() if s in self.people}
            services.decision_record(
                by=self.by,
                item=item,
                summary=spec.resolution,
                outcomes=outcomes,
                votes=votes,
                published_on=meeting.date + timedelta(days=2),
            )

    def minute(self, meetings: list[Meeting], specs: list[MeetingSpec]) -> None:
        """Each meeting's minutes are drafted, then approved under the next meeting's item."""
        for meeting, spec in zip(meetings, specs, strict=True):
            body = spec.minutes or "The meeting took the business on the agenda."
            services.minutes_draft(by=self.by, meeting=meeting, body=body)
        for meeting in meetings:
            meeting.refresh_from_db()
            if not meeting.quorate:
                continue
            open_minutes = meeting.items.filter(
                kind=AgendaItem.Kind.MINUTES, state=AgendaItem.State.OPEN
            ).order_by("position")
            for item in open_minutes:
                services.minutes_approve(by=self.by, item=item)

    def run(self, board: Board, specs: list[MeetingSpec], before_hold: Any = None) -> list[Meeting]:
        meetings = [self.build(board, spec) for spec in specs]
        if before_hold is not None:
            before_hold(meetings)
        titles = {item.title: item for spec in specs for item in spec.items}
        for meeting, spec in zip(meetings, specs, strict=True):
            if self.hold(meeting, spec):
                self.decide(meeting, titles)
        self.minute(meetings, specs)
        return meetings


def _terms_of_reference() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("West Midlands Community Safety Partnership: terms of reference", level=1)
    document.add_paragraph("The partnership will:")
    for line in (
        "lead strategic work on policing and crime reduction across the West Midlands",
        "agree shared regional priorities where they add value to local partnership work",
        "review progress on the Police and Crime Plan and the use of the community safety fund",
        "make budget recommendations to the Commissioner",
        "share good practice and information between partners",
        "meet quarterly",
    ):
        document.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _membership_pdf(meeting: Meeting) -> bytes:
    from django.utils.html import escape

    from remit.meetings.rendering import render_pdf

    rows = "".join(
        f"<tr><td>{escape(m.person.name)}</td><td>{escape(m.represents)}</td>"
        f"<td>{escape(m.get_role_display())}</td></tr>"
        for m in Membership.objects.current(on=meeting.date)
        .filter(board=meeting.board)
        .select_related("person", "organisation")
        .order_by("organisation__name")
    )
    html = (
        f"<h1 class='paper-title'>{escape(meeting.board.name)}: membership</h1>"
        "<table class='converted-table'>"
        f"<tr><td>Member</td><td>Representing</td><td>Role</td></tr>{rows}</table>"
    )
    return bytes(render_pdf(html).write_pdf())


def _demo_officer() -> User:
    user = User.objects.filter(username=DEMO_OFFICER).first()
    if user is None:
        user = User(username=DEMO_OFFICER, role=Role.OFFICER, first_name="Olu", last_name="Officer")
        user.set_unusable_password()
        user.save()
    return user


def _forward_plan(loader: Loader, board: Board, meeting: Meeting) -> None:
    """The 2019/20 allocations were a key decision, given notice before the January meeting."""
    entry = services.forward_plan_add(
        by=loader.by,
        board=board,
        data={
            "title": ALLOCATIONS,
            "decision_maker": "Police and Crime Commissioner, on the partnership's recommendation",
            "summary": "How the fund is shared in the first year of bids.",
            "expected_date": meeting.date,
            "contact": loader.people.get("alethea-fuller"),
        },
    )
    services.forward_plan_publish(
        by=loader.by, entry=entry, at=_at(meeting.date - timedelta(days=70))
    )
    services.forward_plan_place(by=loader.by, entry=entry, meeting=meeting)


def _upcoming(loader: Loader, board: Board) -> None:
    """One meeting ahead of today with papers still to write, so the dashboard has work to show."""
    today = timezone.localdate()
    if Meeting.objects.filter(board=board, date__gte=today).exists():
        return
    (meeting,) = services.meeting_schedule(
        by=loader.by,
        board=board,
        first_date=today + timedelta(days=21),
        start_time=time(10),
        location=LLOYD_HOUSE,
    )
    for kind, title in (("report", "Performance update"), ("decision", "Bids received")):
        services.item_add(by=loader.by, meeting=meeting, data={"kind": kind, "title": title})


@transaction.atomic
def demo_load(region: Region) -> None:
    """Load the demonstration meetings for a region that has the West Midlands boards."""
    boards = {b.slug: b for b in region.boards.filter(slug__in=["wmcsp", "spcb"])}
    slugs = set(region.people.values_list("slug", flat=True))
    if set(boards) != {"wmcsp", "spcb"} or not slugs >= REQUIRED_PEOPLE:
        return
    loader = Loader(region, _demo_officer())
    wmcsp, spcb = boards["wmcsp"], boards["spcb"]
    if not Meeting.objects.filter(board=wmcsp, date=WMCSP_FIRST).exists():
        loader.run(wmcsp, _wmcsp_year(), lambda ms: _forward_plan(loader, wmcsp, ms[-1]))
    if not Meeting.objects.filter(board=spcb, date=DEVOLUTION_DAY).exists():
        loader.run(spcb, _spcb_2022())
    if not Meeting.objects.filter(board=spcb, date=SPCB_FIRST).exists():
        loader.run(spcb, _spcb_year())
    _devolution_strategy_group(loader, region)
    _upcoming(loader, wmcsp)


def _devolution_strategy_group(loader: Loader, region: Region) -> None:
    """The group decides on the bus proposal at its meeting: one record, on both sides."""
    dsg = region.boards.filter(slug="dsg").first()
    if dsg is None or Meeting.objects.filter(board=dsg, date=DSG_DAY).exists():
        return
    if not proposal_selectors.awaiting(dsg).filter(title=BUSES).exists():
        return
    loader.run(dsg, _dsg_2022())
