"""Demo data: a trailblazer deal with proposals part-way along the region's governance route.

`demo_load(region)` is safe to run again: every record is found by its natural key first,
and routes are only walked for proposals and papers that have never been routed, since
forum decisions are never rewritten. A region without a governance route gets nothing.
People, organisations and workstreams are looked up by their slugs in the West Midlands
pack; in another region whatever is missing is simply left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from remit.core.models import (
    GovernanceRoute,
    Mission,
    Organisation,
    Person,
    Region,
    Role,
    Theme,
    User,
    Workstream,
)
from remit.proposals import services
from remit.proposals.models import (
    Deal,
    EngagementSession,
    Feedback,
    Idea,
    Milestone,
    NegotiationEntry,
    PositionPaper,
    Proposal,
    Routing,
)

DEMO_OFFICER = "proposals-demo"
POUND = 100
MILLION = 1_000_000 * POUND


@dataclass(frozen=True)
class Ask:
    title: str
    workstream: str
    summary: str
    ask_type: str
    form: str
    stage: str
    amount_pence: int | None = None
    years: tuple[str, str] = ("", "")
    powers: str = ""
    legislation: str = ""
    lead: str = ""
    sponsor: str = ""
    partners: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    # Each mission by its short title, as the region's pack names it: (title, strength, why).
    missions: tuple[tuple[str, str, str], ...] = ()
    ratings: dict[str, str] = field(default_factory=dict)
    mitigations: str = ""


VIOLENCE = Ask(
    title="Regional violence reduction partnership",
    workstream="crime-community-safety-resilience",
    summary=(
        "Bring the separate short-term grants for serious violence into one multi-year "
        "budget held by the combined authority and the commissioner, so that councils, "
        "police, health and schools plan prevention together rather than bid year by year."
    ),
    ask_type="both",
    form="double",
    stage="develop",
    amount_pence=36 * MILLION,
    years=("2023/24", "2025/26"),
    powers=(
        "A duty on specified authorities to share data with the partnership and to take "
        "part in a single regional response strategy."
    ),
    legislation="Police, Crime, Sentencing and Courts Act 2022, Part 2 (serious violence duty)",
    lead="simon-down",
    sponsor="crime-community-safety-resilience-sponsor",
    partners=(
        "west-midlands-police",
        "wm-public-health-ccg",
        "birmingham-council",
        "wm-voluntary-sector",
    ),
    departments=("home-office", "dluhc"),
    missions=(
        ("Crime", "primary", "Serious violence falls fastest where it is most concentrated."),
        ("Health", "secondary", "Fewer assault injuries and admissions narrow the health gap."),
        (
            "Well-being",
            "secondary",
            "People feel safer in the neighbourhoods that now feel least safe.",
        ),
    ),
    ratings={"age": "positive", "race": "positive", "sex": "neutral", "deprived_areas": "positive"},
)
VICTIMS = Ask(
    title="Devolved victims' services budget",
    workstream="crime-community-safety-resilience",
    summary=(
        "Pass the victims' services grant to the region for three years so services for "
        "victims are commissioned once, with one set of outcomes, instead of through "
        "several national and local contracts."
    ),
    ask_type="funding",
    form="single",
    stage="define",
    amount_pence=27 * MILLION,
    years=("2023/24", "2025/26"),
    lead="alethea-fuller",
    sponsor="crime-community-safety-resilience-sponsor",
    partners=("wm-voluntary-sector", "west-midlands-police"),
    departments=("ministry-of-justice",),
    missions=(
        ("Crime", "secondary", "Victims who stay engaged help bring more offenders to justice."),
        ("Well-being", "primary", "Victims recover sooner with support shaped around them."),
    ),
    ratings={"sex": "positive", "disability": "positive", "victims": "positive"},
)
YOUTH = Ask(
    title="Youth diversion and early intervention fund",
    workstream="crime-community-safety-resilience",
    summary=(
        "A pooled fund, passed on to councils and then to community groups, for diverting "
        "children from first offending and from exploitation by gangs."
    ),
    ask_type="funding",
    form="triple",
    stage="define",
    amount_pence=15 * MILLION,
    years=("2023/24", "2025/26"),
    lead="brendan-warner-southwell",
    sponsor="crime-community-safety-resilience-sponsor",
    partners=("wm-youth-offending", "wm-voluntary-sector", "sandwell-council"),
    departments=("home-office", "ministry-of-justice"),
    missions=(
        ("Crime", "primary", "Fewer children are drawn into knife crime and exploitation."),
        ("Education", "secondary", "Children kept out of the justice system stay in school."),
    ),
    ratings={"age": "positive", "race": "positive", "justice_contact": "positive"},
)
PROBATION = Ask(
    title="Probation co-commissioning",
    workstream="crime-community-safety-resilience",
    summary=(
        "Commission rehabilitative services jointly with the Probation Service, so that "
        "housing, employment and treatment for people leaving prison are joined up locally."
    ),
    ask_type="powers",
    form="double",
    stage="discover",
    powers="A joint commissioning role for rehabilitative services in the region.",
    legislation="Offender Rehabilitation Act 2014",
    lead="brendan-warner-southwell",
    partners=("national-probation-service", "wm-public-health-ccg"),
    departments=("ministry-of-justice",),
    missions=(("Crime", "primary", "Fewer people who leave prison go on to reoffend."),),
)
BUSES = Ask(
    title="Bus fares and franchising settlement",
    workstream="transport",
    summary=(
        "A long-term settlement for buses with the freedom to franchise services and to "
        "set simpler fares across the region."
    ),
    ask_type="both",
    form="single",
    stage="develop",
    amount_pence=120 * MILLION,
    years=("2023/24", "2027/28"),
    powers="Bus franchising without further consent, and control of fares and ticketing.",
    legislation="Transport Act 2000, Part 2 (as amended by the Bus Services Act 2017)",
    lead="transport-lead",
    sponsor="transport-sponsor",
    departments=("dluhc", "hm-treasury"),
    missions=(
        ("Transport", "primary", "Services and fares move closer to the London standard."),
        ("Living standards", "secondary", "More people can reach more jobs in reasonable time."),
    ),
)
SKILLS = Ask(
    title="Adult skills funding flexibilities",
    workstream="skills",
    summary="Freedom to move adult skills money between programmes to meet local employer need.",
    ask_type="both",
    form="single",
    stage="develop",
    amount_pence=8 * MILLION,
    years=("2023/24", "2024/25"),
    powers="Flexibility across the adult skills and bootcamp budgets.",
    lead="skills-lead",
    sponsor="skills-sponsor",
    departments=("dluhc",),
    missions=(
        ("Skills", "primary", "More adults finish good training where skills are lowest."),
        ("Living standards", "secondary", "Better skills raise pay where it is lowest."),
    ),
)
RETROFIT = Ask(
    title="Home retrofit programme",
    workstream="net-zero",
    summary="A single regional budget to insulate and decarbonise the least efficient homes.",
    ask_type="funding",
    form="double",
    stage="discover",
    amount_pence=60 * MILLION,
    years=("2024/25", "2026/27"),
    lead="net-zero-lead",
    departments=("dluhc",),
    missions=(
        ("Housing", "secondary", "Fewer rented homes fall below the decent homes standard."),
    ),
)
DIGITAL = Ask(
    title="Digital inclusion fund",
    workstream="digital",
    summary="Devices, data and help online for households that are offline.",
    ask_type="funding",
    form="triple",
    stage="discover",
    amount_pence=5 * MILLION,
    years=("2023/24", "2024/25"),
    lead="digital-lead",
    departments=("dluhc",),
    missions=(
        (
            "Digital connectivity",
            "secondary",
            "Coverage counts only when households can afford to use it.",
        ),
    ),
)
ASKS = (VIOLENCE, VICTIMS, YOUTH, PROBATION, BUSES, SKILLS, RETROFIT, DIGITAL)
# The commissioner's own ask, on a route that ends with their decision taken alone.
SAFER_STREETS = Ask(
    title="Safer Streets Fund settlement",
    workstream="crime-community-safety-resilience",
    summary=(
        "Pass the Home Office's Safer Streets Fund to the commissioner as a three-year "
        "allocation instead of yearly competitions, so that councils and police plan "
        "neighbourhood crime prevention together."
    ),
    ask_type="funding",
    form="single",
    stage="develop",
    amount_pence=9 * MILLION,
    years=("2023/24", "2025/26"),
    lead="simon-down",
    partners=("west-midlands-police", "birmingham-council"),
    departments=("home-office",),
    missions=(
        (
            "Crime",
            "primary",
            "Fewer burglaries and robberies where neighbourhood crime is highest.",
        ),
    ),
    ratings={"age": "neutral", "sex": "positive", "deprived_areas": "positive"},
)
ALONE_DEAL = "policing-asks"


class _Demo:
    def __init__(self, region: Region, route: GovernanceRoute, by: User) -> None:
        self.region, self.route, self.by = region, route, by

    def person(self, slug: str) -> Person | None:
        return Person.objects.filter(region=self.region, slug=slug).first() if slug else None

    def organisations(self, slugs: tuple[str, ...]) -> list[Organisation]:
        return list(Organisation.objects.filter(region=self.region, slug__in=slugs))

    def workstream(self, slug: str) -> Workstream | None:
        found = Workstream.objects.filter(theme__region=self.region, slug=slug).first()
        return found or Workstream.objects.filter(theme__region=self.region).first()

    def deal(self) -> Deal:
        """The devolution deal, on the route that ends at a board."""
        found = Deal.objects.filter(region=self.region, slug="trailblazer").first()
        if found:
            return found
        west_midlands = self.region.slug == "west-midlands"
        return services.deal_create(
            by=self.by,
            region=self.region,
            data={
                "slug": "trailblazer",
                "name": "Trailblazer Devolution Deal"
                if west_midlands
                else f"{self.region.name} devolution deal",
                "description": (
                    "Deeper devolution negotiated with government: powers and multi-year "
                    "funding across the region's twenty workstreams."
                ),
                "route": self.route,
            },
        )

    def proposal(self, deal: Deal, ask: Ask, idea: Idea | None = None) -> Proposal | None:
        found = Proposal.all_objects.filter(deal=deal, title=ask.title).first()
        if found:
            return found
        workstream = self.workstream(ask.workstream)
        if workstream is None:
            return None
        data: dict[str, Any] = {
            "workstream": workstream,
            "title": ask.title,
            "summary": ask.summary,
            "ask_type": ask.ask_type,
            "amount_pence": ask.amount_pence,
            "years_from": ask.years[0],
            "years_to": ask.years[1],
            "powers_asked": ask.powers,
            "legislation": ask.legislation,
            "form_of_devolution": ask.form,
            "stage": ask.stage,
            "lead_officer": self.person(ask.lead),
            "sponsor": self.person(ask.sponsor),
            "partners": self.organisations(ask.partners),
            "departments": self.organisations(ask.departments),
        }
        if idea is not None and not Proposal.all_objects.filter(source_idea=idea).exists():
            return services.idea_adopt(by=self.by, idea=idea, data=data)
        return services.proposal_create(by=self.by, deal=deal, data=data)

    def align(self, proposal: Proposal, ask: Ask) -> None:
        for title, strength, rationale in ask.missions:
            mission = Mission.objects.filter(region=self.region, short_title__iexact=title).first()
            if mission is not None:
                services.alignment_set(
                    by=self.by,
                    proposal=proposal,
                    mission=mission,
                    strength=strength,
                    rationale=rationale,
                )

    def screen(self, proposal: Proposal, ask: Ask, *, sign: bool) -> None:
        if not ask.ratings:
            return
        services.screening_save(
            by=self.by,
            proposal=proposal,
            ratings=ask.ratings,
            full_assessment_needed=sign,
            mitigations=ask.mitigations,
        )
        if sign:
            services.screening_sign_off(by=self.by, proposal=proposal)

    def walk(self, routing: Routing, steps: list[tuple[str, date, str]], upto: int) -> None:
        """Record decisions in turn, (outcome, date, changes or reasons), for `upto` forums.

        A route longer than the script is walked with endorsements on the last date.
        """
        padded = steps + [("endorsed", steps[-1][1], "")] * max(0, upto - len(steps))
        for outcome, day, text in padded[:upto]:
            routing.refresh_from_db()
            services.forum_decision_record(
                by=self.by,
                routing=routing,
                position=routing.current_position or 1,
                outcome=outcome,
                decided_on=day,
                meeting_reference=f"Meeting of {day:%-d %B %Y}",
                changes=text if outcome == "endorsed_with_changes" else "",
                reasons=text if outcome in ("referred_back", "rejected") else "",
            )


def _alone_route(region: Region) -> GovernanceRoute | None:
    """A route whose final decision one person takes alone, such as a commissioner's."""
    return (
        GovernanceRoute.objects.filter(region=region, final_decision_maker__isnull=False)
        .select_related("final_decision_maker")
        .order_by("pk")
        .first()
    )


def _deciding_alone(person: Person) -> User:
    """The account that records the person's own decision: theirs, or one made for the demo."""
    found = User.objects.filter(role=Role.DECISION_MAKER, person=person, is_active=True).first()
    if found:
        return found
    user, created = User.objects.get_or_create(
        username=f"{DEMO_OFFICER}-{person.slug}"[:150],
        defaults={
            "role": Role.DECISION_MAKER,
            "person": person,
            "first_name": person.name[:150],
            "last_name": "",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _officer() -> User:
    found = User.objects.filter(username="officer", role=Role.OFFICER).first()
    if found:
        return found
    user, created = User.objects.get_or_create(
        username=DEMO_OFFICER,
        defaults={"role": Role.OFFICER, "first_name": "Demo", "last_name": "Policy officer"},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _route(region: Region) -> GovernanceRoute | None:
    """A route ending at a board: the demo's officer records every decision, and a decision
    one person takes alone is theirs to record."""
    routes = GovernanceRoute.objects.filter(region=region, final_board__isnull=False)
    return routes.filter(slug="tdd-position-paper").first() or routes.order_by("pk").first()


@transaction.atomic
def demo_load(region: Region) -> None:
    """Load the demo deal for `region`; nothing happens if it has no governance route."""
    route = _route(region)
    if route is None or not Workstream.objects.filter(theme__region=region).exists():
        return
    demo = _Demo(region, route, _officer())
    deal = demo.deal()
    _milestones(demo, deal)
    ideas = _engagement(demo, deal)
    made = {ask.title: demo.proposal(deal, ask, ideas.get(ask.title)) for ask in ASKS}
    for ask in ASKS:
        proposal = made[ask.title]
        if proposal is not None:
            demo.align(proposal, ask)
            demo.screen(proposal, ask, sign=ask is VIOLENCE)
    _feedback(demo, deal, made)
    _governance(demo, deal, made)
    _decided_alone(demo)


def _milestones(demo: _Demo, deal: Deal) -> None:
    for kind, title, planned, actual in [
        (
            "proposition_to_board",
            "Proposition to the combined authority board",
            date(2022, 6, 10),
            date(2022, 6, 17),
        ),
        (
            "submission",
            "Position paper submitted to government",
            date(2022, 9, 30),
            date(2022, 9, 30),
        ),
        ("announcement", "Initial announcement by government", date(2022, 8, 1), None),
        ("fiscal_event", "Spring Budget: deal published", date(2023, 3, 15), date(2023, 3, 15)),
    ]:
        if not Milestone.objects.filter(deal=deal, title=title).exists():
            services.milestone_create(
                by=demo.by,
                deal=deal,
                data={"kind": kind, "title": title, "planned_on": planned, "actual_on": actual},
            )


def _session(demo: _Demo, deal: Deal, data: dict[str, Any]) -> EngagementSession:
    found = EngagementSession.objects.filter(deal=deal, title=data["title"]).first()
    return found or services.session_create(by=demo.by, deal=deal, data=data)


def _engagement(demo: _Demo, deal: Deal) -> dict[str, Idea]:
    """Sessions through the Double Diamond; the ideas that later became proposals."""
    crime = demo.workstream("crime-community-safety-resilience")
    partners = demo.organisations(
        (
            "west-midlands-police",
            "wm-youth-offending",
            "national-probation-service",
            "wm-voluntary-sector",
            "birmingham-csp",
            "coventry-csp",
            "wm-fire-rescue",
        )
    )
    first = _session(
        demo,
        deal,
        {
            "kind": "idea_generation",
            "title": "Idea generation: what if every barrier were gone?",
            "held_on": date(2022, 3, 22),
            "stage": "discover",
            "workstream": crime,
            "organisations": partners,
        },
    )
    ideas = {}
    for title, description, becomes in [
        ("One budget for tackling serious violence", "Stop bidding for yearly pots.", VIOLENCE),
        ("Commission probation services with the region", "Join up resettlement.", PROBATION),
        (
            "Community-led diversion for young people",
            "Money that reaches grassroots groups.",
            YOUTH,
        ),
    ]:
        idea = Idea.objects.filter(session=first, title=title).first() or services.idea_add(
            by=demo.by, session=first, data={"title": title, "description": description}
        )
        ideas[becomes.title] = idea
    for department, day in [
        ("home-office", date(2022, 5, 12)),
        ("ministry-of-justice", date(2022, 6, 9)),
    ]:
        found = demo.organisations((department,))
        if found:
            _session(
                demo,
                deal,
                {
                    "kind": "bilateral",
                    "title": f"Bilateral with {found[0].name} officials",
                    "held_on": day,
                    "stage": "define",
                    "workstream": crime,
                    "department": found[0],
                },
            )
    _session(
        demo,
        deal,
        {
            "kind": "consultation",
            "title": "Consultation with criminal justice partners",
            "held_on": date(2022, 7, 5),
            "stage": "develop",
            "workstream": crime,
            "organisations": partners,
        },
    )
    return ideas


def _feedback(demo: _Demo, deal: Deal, made: dict[str, Proposal | None]) -> None:
    session = EngagementSession.objects.filter(
        deal=deal, title="Consultation with criminal justice partners"
    ).first()
    if session is None:
        return
    themes = list(Theme.objects.filter(region=demo.region, slug="building-social-capital"))
    for text, about, response in [
        (
            "Keep specialist services for victims of domestic abuse in the pooled budget.",
            VICTIMS,
            "Ring-fenced a share for specialist providers in the ask.",
        ),
        ("Fire and rescue should sit on the violence partnership.", VIOLENCE, ""),
    ]:
        feedback = Feedback.objects.filter(session=session, text=text).first()
        if feedback is None:
            feedback = services.feedback_add(
                by=demo.by,
                session=session,
                data={"text": text, "proposal": made.get(about.title), "themes": themes},
            )
        if response and not feedback.acted_on:
            services.feedback_mark_acted_on(by=demo.by, feedback=feedback, response=response)


def _all_the_way(demo: _Demo, violence: Proposal, forum_steps: int) -> None:
    """Every forum, submission, negotiation, the final board, then agreement."""
    routing = services.proposal_route(by=demo.by, proposal=violence)
    steps = [
        ("endorsed", date(2022, 8, 4), ""),
        (
            "endorsed_with_changes",
            date(2022, 8, 18),
            "Show how the partnership works alongside existing community safety partnerships.",
        ),
        ("endorsed", date(2022, 9, 1), ""),
        ("endorsed", date(2022, 9, 15), ""),
    ]
    demo.walk(routing, steps, forum_steps)
    violence.refresh_from_db()
    if not violence.departments.exists():
        return
    services.proposal_submit(by=demo.by, proposal=violence, submitted_on=date(2022, 9, 30))
    for department, day, summary, next_steps in [
        (
            "home-office",
            date(2022, 11, 10),
            "Officials support a multi-year settlement if outcomes are reported each year.",
            "Draft an outcomes framework.",
        ),
        ("dluhc", date(2023, 1, 19), "Agreed to include the ask in the deal text.", ""),
    ]:
        found = demo.organisations((department,))
        if (
            found
            and not NegotiationEntry.objects.filter(
                proposal=violence, department=found[0], held_on=day
            ).exists()
        ):
            services.negotiation_log(
                by=demo.by,
                proposal=violence,
                department=found[0],
                held_on=day,
                summary=summary,
                next_steps=next_steps,
            )
    demo.walk(routing, [("endorsed", date(2023, 3, 10), "")], 1)
    violence.refresh_from_db()
    services.outcome_record(
        by=demo.by,
        proposal=violence,
        outcome="agreed",
        decided_on=date(2023, 3, 15),
        conditions="An annual outcomes report to the Home Office.",
    )
    services.proposal_publish(by=demo.by, proposal=violence)


def _governance(demo: _Demo, deal: Deal, made: dict[str, Proposal | None]) -> None:
    """Walk routes once only: decisions already on record are never recorded again."""
    violence, buses, skills = made[VIOLENCE.title], made[BUSES.title], made[SKILLS.title]
    forum_steps = demo.route.steps.count()
    if violence is not None and not violence.routings.exists():
        _all_the_way(demo, violence, forum_steps)
    _paper(demo, deal, made)
    for proposal, steps in [
        (buses, [("endorsed", date(2022, 8, 4), "")]),
        (
            skills,
            [
                ("endorsed", date(2022, 8, 4), ""),
                (
                    "endorsed_with_changes",
                    date(2022, 8, 18),
                    "Say which budgets would be pooled and which stay separate.",
                ),
            ],
        ),
    ]:
        if proposal is not None and not proposal.routings.exists():
            routing = services.proposal_route(by=demo.by, proposal=proposal)
            demo.walk(routing, steps, min(len(steps), forum_steps))
            proposal.refresh_from_db()
            services.proposal_publish(by=demo.by, proposal=proposal)


def _paper(demo: _Demo, deal: Deal, made: dict[str, Proposal | None]) -> None:
    """Two crime asks go together in a position paper, which the second forum refers back."""
    members = [p for p in (made[VICTIMS.title], made[YOUTH.title]) if p is not None]
    title = "Crime, community safety and resilience position paper"
    paper = PositionPaper.objects.filter(deal=deal, title=title).first()
    if paper is None:
        paper = services.paper_create(
            by=demo.by,
            deal=deal,
            data={
                "title": title,
                "summary": "The strand's asks of government, for the forums to consider together.",
                "proposals": members,
            },
        )
    if members and not paper.routings.exists():
        routing = services.paper_route(by=demo.by, paper=paper)
        steps = [
            ("endorsed", date(2022, 8, 4), ""),
            (
                "referred_back",
                date(2022, 8, 18),
                "Set out the current grant baselines from each department before the "
                "finance directors see it.",
            ),
        ]
        demo.walk(routing, steps, min(len(steps), demo.route.steps.count()))


def _decided_alone(demo: _Demo) -> None:
    """The commissioner's ask goes through the forums on its route, then the commissioner
    decides alone and it is published, so their decision shows on the public decisions page
    and in the feed."""
    route = _alone_route(demo.region)
    if route is None or route.final_decision_maker is None:
        return
    person = route.final_decision_maker
    deal = Deal.objects.filter(region=demo.region, slug=ALONE_DEAL).first()
    if deal is None:
        deal = services.deal_create(
            by=demo.by,
            region=demo.region,
            data={
                "slug": ALONE_DEAL,
                "name": "Policing and crime asks of government",
                "description": (
                    f"Asks of government for policing and community safety. The forums on the "
                    f"route consider each one, then {person.name_with_office} decides alone."
                ),
                "route": route,
            },
        )
    proposal = demo.proposal(deal, SAFER_STREETS)
    if proposal is None or proposal.routings.exists():
        return
    demo.align(proposal, SAFER_STREETS)
    demo.screen(proposal, SAFER_STREETS, sign=True)
    routing = services.proposal_route(by=demo.by, proposal=proposal)
    forums = route.steps.count()
    demo.walk(routing, [("endorsed", date(2022, 7, 26), "")], forums)
    routing.refresh_from_db()
    services.forum_decision_record(
        by=_deciding_alone(person),
        routing=routing,
        position=routing.current_position or forums + 1,
        outcome="endorsed",
        decided_on=date(2022, 8, 9),
        reasons="No concerns were raised, and the settlement fits the police and crime plan.",
    )
    proposal.refresh_from_db()
    services.proposal_publish(by=demo.by, proposal=proposal)
