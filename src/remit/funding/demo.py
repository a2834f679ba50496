"""Demo data: the region's funding story, walked through the services.

The story is data beside the region's pack (``regions/demo/<region>/funding.yaml``, see
docs/region-packs.md): what the officer sets on one of the pack's funds, its allocation
scenarios, and one round of bids from drafting to published grants. `demo_load(region)` is safe
to run again: the fund's details and scenarios are set only when missing, and a round that
already exists is left as it is. A region with no story gets no fund demo, and neither does one
without the story's fund, a decision maker for it, or the demo accounts; a bid whose
organisation the region lacks is left out.
"""

from __future__ import annotations

import logging
from datetime import date
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.funding.rules import ScenarioArea
from remit.funding.rules import scenario_yaml
from remit.funding.workflow import BidStatus
from remit.regions.story import read_story
from remit.regions.story import story_path

logger = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
POUND = 100
Spec = dict[str, Any]


def _at(text: str) -> datetime:
    """A moment written YYYY-MM-DDTHH:MM, in UK time."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _actor(role: str, username: str) -> User | None:
    found = User.objects.filter(username=username, role=role, is_active=True).first()
    return found or User.objects.filter(role=role, is_active=True).order_by("pk").first()


def _bidder(organisation: Organisation) -> User:
    """A partner account for an organisation: the demo's own, or one that cannot sign in."""
    found = (
        User.objects.filter(role=Role.PARTNER, organisation=organisation, is_active=True)
        .order_by("pk")
        .first()
    )
    if found:
        return found
    user = User(
        username=f"{organisation.slug}-bids",
        role=Role.PARTNER,
        organisation=organisation,
        first_name="Bids",
        last_name=f"({organisation.name})"[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def demo_load(region: Region, pack: Path | None = None) -> None:
    """Load the region's funding story once, if it has one and the fund it tells of: beside
    `pack`, the region's pack file, or else shipped."""
    story = read_story(region.slug, "funding", pack)
    if story is None:
        logger.info("No demo fund for %s: it has no funding story", region.slug)
        return
    fund = selectors.fund_list(region).filter(slug=story["fund"]["slug"]).first()
    if fund is None or fund.decision_maker_id is None:
        logger.info(
            "No demo fund for %s: it has no fund %s with a decision maker",
            region.slug,
            story["fund"]["slug"],
        )
        return
    officer = _actor(Role.OFFICER, "officer") or _actor(Role.ADMIN, "admin")
    second = _actor(Role.ADMIN, "admin")
    commissioner = User.objects.filter(
        role=Role.DECISION_MAKER, person_id=fund.decision_maker_id, is_active=True
    ).first()
    if officer is None or second is None or commissioner is None or second == officer:
        logger.info("No demo fund for %s: it has not the demo accounts to run it", region.slug)
        return
    _Demo(
        story, fund, officer, second, commissioner, story_path(region.slug, "funding", pack)
    ).load()


class _Demo:
    """Walks the story's round through the services, as the officers and bidders would have."""

    def __init__(
        self,
        story: Spec,
        fund: Fund,
        officer: User,
        second: User,
        commissioner: User,
        source: Path | None = None,
    ) -> None:
        self.story, self.fund = story, fund
        self.officer, self.second, self.commissioner = officer, second, commissioner
        self.source = source

    @transaction.atomic
    def load(self) -> None:
        fund, spec = self.fund, self.story["fund"]
        if not fund.priorities:
            data: Spec = {"description": spec["description"], "priorities": spec["priorities"]}
            for key in ("transition_year", "identifier_prefix"):
                if key in spec:
                    data[key] = spec[key]
            services.fund_update(by=self.officer, fund=fund, data=data)
        self.scenarios(self.story.get("scenarios", {}))
        if Round.objects.filter(fund=fund, slug=self.story["round"]["slug"]).exists():
            return
        round = self.round(self.story["round"])
        for bid in self.story["bids"]:
            organisation = fund.region.organisations.filter(slug=bid["organisation"]).first()
            if organisation is None:
                continue
            self.bid(round, bid, organisation)
        services.moderation_open(by=self.second, round=round)

    def scenarios(self, spec: Spec) -> None:
        fund = self.fund
        name = spec.get("by_population")
        if name and not fund.scenarios.filter(name=name).exists():
            areas = [
                ScenarioArea(a.code, a.name, int(a.population or 0))
                for a in selectors.prefill_areas(fund.region, fund)
                if a.constituent
            ]
            if areas:
                services.scenario_create(
                    by=self.officer,
                    fund=fund,
                    name=name,
                    yaml_text=scenario_yaml(
                        title=f"{fund.name}: population only",
                        financial_year=fund.financial_year,
                        budget_pence=fund.budget_pence,
                        areas=areas,
                    ),
                )
        adopted = spec.get("adopted")
        if adopted is None or fund.scenarios.filter(name=adopted["name"]).exists():
            return
        path = self.scenario_file(adopted["file"])
        if not path.is_file():
            logger.info("No adopted demo scenario: there is no file %s", adopted["file"])
            return
        scenario = services.scenario_create(
            by=self.officer,
            fund=fund,
            name=adopted["name"],
            yaml_text=path.read_text(encoding="utf-8"),
        )
        services.scenario_adopt(
            by=self.officer,
            scenario=scenario,
            reasons=adopted["reasons"],
            decided_on=_day(adopted["decided_on"]),
        )

    def scenario_file(self, name: str) -> Path:
        """A scenario file is named from the story's own folder, so a story and its scenario
        travel together; a story read from nowhere names it from the project's folder."""
        if self.source is None:
            return Path(settings.PROJECT_DIR) / name
        return self.source.parent / name

    def round(self, spec: Spec) -> Round:
        round = services.round_create(
            by=self.officer,
            fund=self.fund,
            data={
                "slug": spec["slug"],
                "title": spec["title"],
                "description": spec["description"],
                "opens_at": _at(spec["opens_at"]),
                "closes_at": _at(spec["closes_at"]),
                "eligibility": spec.get("eligibility", ""),
                "max_years": spec["max_years"],
                "budget_pence": spec["budget"] * POUND,
                "match_funding_rules": spec.get("match_funding_rules", ""),
            },
        )
        for question in spec.get("questions", []):
            services.question_add(
                by=self.officer,
                round=round,
                data={
                    "text": question["text"],
                    "hint": question.get("hint", ""),
                    "required": question.get("required", True),
                },
            )
        for criterion in spec["criteria"]:
            services.criterion_add(
                by=self.officer,
                round=round,
                data={
                    "title": criterion["title"],
                    "weight": str(criterion["weight"]),
                    "scale_max": criterion.get("scale_max", 5),
                },
            )
        return round

    def bid(self, round: Round, spec: Spec, organisation: Organisation) -> None:
        """The bid, drafted and, when the story says so, submitted, scored and decided."""
        timing = self.story["round"]
        areas = {a.code: a for a in self.fund.region.areas.filter(code__in=spec["areas"])}
        bidder = _bidder(organisation)
        years = round.years
        bid = services.bid_create(
            by=bidder,
            round=round,
            now=_at(timing["bids_started_at"]),
            data={
                "title": spec["title"],
                "summary": spec["summary"],
                "lead_area": areas.get(spec["lead_area"]),
                "areas": [areas[code] for code in spec["areas"] if code in areas],
                "priorities": spec["priorities"],
                "amounts": {
                    year: amount * POUND
                    for year, amount in zip(years, spec["amounts"], strict=False)
                },
                "answers": {
                    q.pk: f"{spec['summary']} (Illustrative answer for the demo.)"
                    for q in round.questions.filter(required=True)
                },
            },
        )
        for match in spec.get("match_funding", []):
            services.match_funding_add(
                by=bidder,
                bid=bid,
                data={
                    "source": match["source"],
                    "amount_pence": match["amount"] * POUND,
                    "confirmed": match["confirmed"],
                },
            )
        for outcome in spec.get("outcomes", []):
            services.outcome_add(
                by=bidder,
                bid=bid,
                data={
                    "outcome": outcome["outcome"],
                    "measure": outcome["measure"],
                    "target": outcome["target"],
                },
            )
        if not spec.get("submitted", True):
            return
        services.bid_submit(by=bidder, bid=bid, now=_at(timing["bids_submitted_at"]))
        self.decide(bid, spec, years)
        bid = Bid.all_objects.get(pk=bid.pk)
        if bid.status == BidStatus.AWARDED and "grants" in self.story:
            self.grant(Grant.all_objects.get(bid=bid), bidder, spec.get("first_return"))

    def decide(self, bid: Bid, spec: Spec, years: tuple[str, ...]) -> None:
        """Two assessors score the bid, the board recommends, the decision maker determines."""
        timing = self.story["round"]
        criteria = list(bid.round.criteria.order_by("position"))
        default = [[4] * len(criteria)] * 2
        for assessor, values in zip(
            (self.officer, self.second), spec.get("scores", default), strict=True
        ):
            services.scores_record(
                by=assessor,
                bid=bid,
                scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
            )
        recommendation = spec["recommendation"]
        services.recommendation_record(
            by=self.officer,
            bid=bid,
            outcome=recommendation["outcome"],
            reasons=recommendation["reasons"],
            recommended_on=_day(timing["recommended_on"]),
            **_amounts(recommendation, years),
        )
        determination = spec.get("determination", {**recommendation, "reasons": ""})
        services.determination_record(
            by=self.commissioner,
            bid=bid,
            outcome=determination["outcome"],
            **_amounts(determination, years),
            reasons=determination["reasons"],
            decided_on=_day(timing["decided_on"]),
            reference=f"{timing['reference_prefix']}{bid.pk:03d}",
        )

    def grant(self, grant: Grant, bidder: User, first_return: Spec | None) -> None:
        """The grant agreed, scheduled in equal instalments, published and partly paid."""
        spec = self.story["grants"]
        services.grant_agreement_set(
            by=self.officer,
            grant=grant,
            data={
                "agreement_start": _day(spec["agreement_start"]),
                "agreement_end": _day(spec["agreement_end"]),
                "agreement_signed_on": _day(spec["signed_on"]),
                "conditions": spec["conditions"],
                "return_frequency": spec["return_frequency"],
            },
        )
        days = spec["instalments"]
        part, left = divmod(grant.amount_pence, len(days))
        amounts = [part + left] + [part] * (len(days) - 1)
        schedule = "\n".join(
            f"{day}, {amount // 100}.{amount % 100:02d}"
            for day, amount in zip(days, amounts, strict=True)
        )
        services.grant_schedule_set(by=self.officer, grant=grant, text=schedule)
        services.grant_publish(by=self.officer, grant=grant)
        for instalment in list(grant.instalments.order_by("due_on"))[: spec.get("paid", 0)]:
            services.payment_record(
                by=self.officer,
                instalment=instalment,
                paid_on=instalment.due_on,
                amount_pence=instalment.amount_pence,
                reference=f"PAY-{grant.pk:04d}-{instalment.due_on:%m%y}",
            )
        if first_return is not None:
            self.report(grant, bidder, first_return)

    def report(self, grant: Grant, bidder: User, spec: Spec) -> None:
        first = grant.returns.order_by("period_start").first()
        if first is None:
            return
        outcomes = grant.bid.outcomes.order_by("pk")
        services.return_submit(
            by=bidder,
            monitoring_return=first,
            data={
                "spend_to_date_pence": spec["spend_to_date"] * POUND,
                "outcomes_report": spec["report"],
                "rag": spec["rag"],
                "figures": {
                    o.pk: figure
                    for o, figure in zip(outcomes, spec.get("figures", []), strict=False)
                },
            },
            now=_at(spec["submitted_at"]),
        )


def _amounts(decision: Spec, years: tuple[str, ...]) -> dict[str, Any]:
    """A decision's amount: one, or one for each year of a multi-year bid, or none."""
    if "amounts" in decision:
        return {
            "amounts_pence": {
                year: amount * POUND
                for year, amount in zip(years, decision["amounts"], strict=False)
            }
        }
    amount = decision.get("amount")
    return {"amount_pence": amount * POUND if amount is not None else None}
