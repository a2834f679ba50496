"""Demo data: the region's proposals story, walked through the services.

The story is data beside the region's pack (``regions/demo/<region>/proposals.yaml``, see
docs/region-packs.md): deals with their milestones, engagement, proposals and position papers,
each taken part-way along the region's governance routes. `demo_load(region)` is safe to run
again: every record is found by its natural key first, and routes are only walked for proposals
and papers that have never been routed, since forum decisions are never rewritten. A region with
no story gets no proposals; a deal whose route the region lacks is left out; whatever else the
region lacks (a person, an organisation, a mission) is simply left out.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals import services
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import Idea
from remit.proposals.models import Milestone
from remit.proposals.models import NegotiationEntry
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.regions.story import read_story

logger = logging.getLogger(__name__)

DEMO_OFFICER = "proposals-demo"
POUND = 100
Spec = dict[str, Any]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class _Demo:
    """Walks one deal of the story through the services, as the officers would have."""

    def __init__(self, region: Region, route: GovernanceRoute, by: User) -> None:
        self.region, self.route, self.by = region, route, by
        self.ideas: dict[str, Idea] = {}
        self.made: dict[str, Proposal] = {}

    def person(self, slug: str) -> Person | None:
        return Person.objects.filter(region=self.region, slug=slug).first() if slug else None

    def organisations(self, slugs: list[str]) -> list[Organisation]:
        return list(Organisation.objects.filter(region=self.region, slug__in=slugs))

    def workstream(self, slug: str | None) -> Workstream | None:
        found = Workstream.objects.filter(theme__region=self.region, slug=slug).first()
        return found or Workstream.objects.filter(theme__region=self.region).first()

    def deal(self, spec: Spec) -> Deal:
        found = Deal.objects.filter(region=self.region, slug=spec["slug"]).first()
        return found or services.deal_create(
            by=self.by,
            region=self.region,
            data={
                "slug": spec["slug"],
                "name": spec["name"],
                "description": spec["description"],
                "route": self.route,
            },
        )

    def milestones(self, deal: Deal, specs: list[Spec]) -> None:
        for spec in specs:
            if not Milestone.objects.filter(deal=deal, title=spec["title"]).exists():
                services.milestone_create(
                    by=self.by,
                    deal=deal,
                    data={
                        "kind": spec["kind"],
                        "title": spec["title"],
                        "planned_on": _day(spec["planned_on"]),
                        "actual_on": _day(spec.get("actual_on")),
                    },
                )

    def session(self, deal: Deal, spec: Spec) -> EngagementSession | None:
        """The session, found or held; a bilateral with a department the region lacks is not."""
        found = EngagementSession.objects.filter(deal=deal, title=spec["title"]).first()
        if found:
            return found
        data: Spec = {
            "kind": spec["kind"],
            "title": spec["title"],
            "held_on": _day(spec["held_on"]),
            "stage": spec["stage"],
            "workstream": self.workstream(spec.get("workstream")),
        }
        if "organisations" in spec:
            data["organisations"] = self.organisations(spec["organisations"])
        if "department" in spec:
            department = self.organisations([spec["department"]])
            if not department:
                return None
            data["department"] = department[0]
        return services.session_create(by=self.by, deal=deal, data=data)

    def engage(self, deal: Deal, specs: list[Spec]) -> list[tuple[EngagementSession, Spec]]:
        """Hold the sessions and note the ideas they found, to be adopted as proposals."""
        held = []
        for spec in specs:
            session = self.session(deal, spec)
            if session is None:
                continue
            held.append((session, spec))
            for idea in spec.get("ideas", []):
                found = Idea.objects.filter(session=session, title=idea["title"]).first()
                self.ideas[idea["title"]] = found or services.idea_add(
                    by=self.by,
                    session=session,
                    data={"title": idea["title"], "description": idea["description"]},
                )
        return held

    def proposal(self, deal: Deal, spec: Spec) -> Proposal | None:
        """The proposal, found or made (from its idea, if it has one), aligned and screened."""
        found = Proposal.all_objects.filter(deal=deal, title=spec["title"]).first()
        if found:
            return found
        workstream = self.workstream(spec["workstream"])
        if workstream is None:
            return None
        years = spec.get("years", ["", ""])
        amount = spec.get("amount")
        data: Spec = {
            "workstream": workstream,
            "title": spec["title"],
            "summary": spec["summary"],
            "ask_type": spec["ask_type"],
            "amount_pence": amount * POUND if amount is not None else None,
            "years_from": years[0],
            "years_to": years[1],
            "powers_asked": spec.get("powers", ""),
            "legislation": spec.get("legislation", ""),
            "form_of_devolution": spec["form"],
            "stage": spec["stage"],
            "lead_officer": self.person(spec.get("lead", "")),
            "sponsor": self.person(spec.get("sponsor", "")),
            "partners": self.organisations(spec.get("partners", [])),
            "departments": self.organisations(spec.get("departments", [])),
        }
        idea = self.ideas.get(spec.get("from_idea", ""))
        if idea is not None and not Proposal.all_objects.filter(source_idea=idea).exists():
            proposal = services.idea_adopt(by=self.by, idea=idea, data=data)
        else:
            proposal = services.proposal_create(by=self.by, deal=deal, data=data)
        self.align(proposal, spec.get("missions", []))
        self.screen(proposal, spec.get("screening"))
        return proposal

    def align(self, proposal: Proposal, specs: list[Spec]) -> None:
        for spec in specs:
            mission = Mission.objects.filter(
                region=self.region, short_title__iexact=spec["mission"]
            ).first()
            if mission is not None:
                services.alignment_set(
                    by=self.by,
                    proposal=proposal,
                    mission=mission,
                    strength=spec["strength"],
                    rationale=spec["rationale"],
                )

    def screen(self, proposal: Proposal, spec: Spec | None) -> None:
        if spec is None:
            return
        services.screening_save(
            by=self.by,
            proposal=proposal,
            ratings=spec["ratings"],
            full_assessment_needed=spec.get("full_assessment_needed", False),
            mitigations=spec.get("mitigations", ""),
        )
        if spec.get("signed_off"):
            services.screening_sign_off(by=self.by, proposal=proposal)

    def feedback(self, session: EngagementSession, specs: list[Spec]) -> None:
        for spec in specs:
            feedback = Feedback.objects.filter(session=session, text=spec["text"]).first()
            if feedback is None:
                feedback = services.feedback_add(
                    by=self.by,
                    session=session,
                    data={
                        "text": spec["text"],
                        "proposal": self.made.get(spec.get("proposal", "")),
                        "themes": list(
                            Theme.objects.filter(
                                region=self.region, slug__in=spec.get("themes", [])
                            )
                        ),
                    },
                )
            if "response" in spec and not feedback.acted_on:
                services.feedback_mark_acted_on(
                    by=self.by, feedback=feedback, response=spec["response"]
                )

    def walk(self, routing: Routing, decisions: list[Spec]) -> None:
        """Record each decision in turn at the next board on the route."""
        for spec in decisions:
            routing.refresh_from_db()
            day = _day(spec["date"])
            services.forum_decision_record(
                by=self.by,
                routing=routing,
                position=routing.current_position or 1,
                outcome=spec["outcome"],
                decided_on=day,
                meeting_reference=f"Meeting of {day:%-d %B %Y}",
                changes=spec.get("changes", ""),
                reasons=spec.get("reasons", ""),
            )

    def govern(self, proposal: Proposal, spec: Spec) -> None:
        """The proposal's journey: the forums, government, the final decision, publication."""
        routing = services.proposal_route(by=self.by, proposal=proposal)
        self.walk(routing, spec["forums"])
        proposal.refresh_from_db()
        if "submitted_on" in spec:
            if not proposal.departments.exists():
                return
            services.proposal_submit(
                by=self.by, proposal=proposal, submitted_on=_day(spec["submitted_on"])
            )
            self.negotiate(proposal, spec.get("negotiations", []))
        if "final_board" in spec:
            self.walk(routing, [spec["final_board"]])
            proposal.refresh_from_db()
        if "outcome" in spec:
            outcome = spec["outcome"]
            services.outcome_record(
                by=self.by,
                proposal=proposal,
                outcome=outcome["outcome"],
                decided_on=_day(outcome["date"]),
                conditions=outcome.get("conditions", ""),
            )
        if "decided_alone" in spec:
            self.decide_alone(routing, spec["decided_alone"])
            proposal.refresh_from_db()
        if spec.get("published"):
            services.proposal_publish(by=self.by, proposal=proposal)

    def negotiate(self, proposal: Proposal, specs: list[Spec]) -> None:
        for spec in specs:
            found = self.organisations([spec["department"]])
            day = _day(spec["held_on"])
            if (
                found
                and not NegotiationEntry.objects.filter(
                    proposal=proposal, department=found[0], held_on=day
                ).exists()
            ):
                services.negotiation_log(
                    by=self.by,
                    proposal=proposal,
                    department=found[0],
                    held_on=day,
                    summary=spec["summary"],
                    next_steps=spec.get("next_steps", ""),
                )

    def decide_alone(self, routing: Routing, spec: Spec) -> None:
        """The route's final decision maker records their own decision."""
        person = self.route.final_decision_maker
        if person is None:
            return
        routing.refresh_from_db()
        services.forum_decision_record(
            by=_deciding_alone(person),
            routing=routing,
            position=routing.current_position or self.route.steps.count() + 1,
            outcome=spec["outcome"],
            decided_on=_day(spec["date"]),
            reasons=spec["reasons"],
        )

    def paper(self, deal: Deal, spec: Spec) -> None:
        members = [self.made[t] for t in spec["proposals"] if t in self.made]
        paper = PositionPaper.objects.filter(deal=deal, title=spec["title"]).first()
        if paper is None:
            paper = services.paper_create(
                by=self.by,
                deal=deal,
                data={"title": spec["title"], "summary": spec["summary"], "proposals": members},
            )
        if members and spec.get("forums") and not paper.routings.exists():
            self.walk(services.paper_route(by=self.by, paper=paper), spec["forums"])


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


def _route(region: Region, spec: Spec) -> GovernanceRoute | None:
    """The region's route the deal follows, if it is the route the story tells of."""
    route = (
        GovernanceRoute.objects.filter(region=region, slug=spec["slug"])
        .select_related("final_board", "final_decision_maker")
        .first()
    )
    if route is None:
        return None
    forums = [step.board.slug for step in route.steps.select_related("board").order_by("position")]
    final_board = route.final_board.slug if route.final_board else None
    final_person = route.final_decision_maker.slug if route.final_decision_maker else None
    told = (spec["forums"], spec.get("final_board"), spec.get("final_decision_maker"))
    return route if told == (forums, final_board, final_person) else None


def _deal_load(region: Region, by: User, spec: Spec) -> None:
    route = _route(region, spec["route"])
    if route is None:
        logger.info(
            "No demo deal %s for %s: it has no route %s as the story tells it",
            spec["slug"],
            region.slug,
            spec["route"]["slug"],
        )
        return
    demo = _Demo(region, route, by)
    deal = demo.deal(spec)
    demo.milestones(deal, spec.get("milestones", []))
    held = demo.engage(deal, spec.get("sessions", []))
    fresh = []
    for proposal_spec in spec["proposals"]:
        proposal = demo.proposal(deal, proposal_spec)
        if proposal is None:
            continue
        demo.made[proposal_spec["title"]] = proposal
        if "governance" in proposal_spec:
            fresh.append((proposal, proposal_spec["governance"]))
    for session, session_spec in held:
        demo.feedback(session, session_spec.get("feedback", []))
    for proposal, governance in fresh:
        if not proposal.routings.exists():
            demo.govern(proposal, governance)
    for paper in spec.get("papers", []):
        demo.paper(deal, paper)


@transaction.atomic
def demo_load(region: Region, pack: Path | None = None) -> None:
    """Load the deals of the region's proposals story, if it has one: beside `pack`, the
    region's pack file, or else shipped."""
    story = read_story(region.slug, "proposals", pack)
    if story is None:
        logger.info("No demo proposals for %s: it has no proposals story", region.slug)
        return
    if not Workstream.objects.filter(theme__region=region).exists():
        logger.info("No demo proposals for %s: it has no workstreams", region.slug)
        return
    by = _officer()
    for deal in story["deals"]:
        _deal_load(region, by, deal)
