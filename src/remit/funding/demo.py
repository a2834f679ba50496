"""Demo data for the community safety fund: the 2018/19 round from bids to published grants.

The budget (£3,863,308 for 2018/19, a transition year) and the districts' populations and
deprivation scores are real; the scenario's top slice, protected amounts and previous
allocations, and every bid, score, recommendation, determination and grant are ILLUSTRATIVE,
invented to show the fund at work. The adopted scenario is the one in
`examples/scenarios/wm-2018-19.yaml`.

`demo_load(region)` is idempotent (records are found by their names and slugs) and does
nothing for a region without a fund, or before the demo accounts exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction

from remit.core.models import Organisation, Region, Role, User
from remit.funding import selectors, services
from remit.funding.models import Bid, Fund, Grant, Round
from remit.funding.rules import ScenarioArea, scenario_yaml
from remit.funding.workflow import BidStatus, Outcome

LONDON = ZoneInfo("Europe/London")
EXAMPLE = Path("examples") / "scenarios" / "wm-2018-19.yaml"
ADOPTED = "Need with transition protection"
BY_POPULATION = "Population only"
ROUND_SLUG = "2018-19-main-round"
ROUND_BUDGET = 56_000_000
PRIORITIES = [
    "Making communities safer",
    "Supporting victims of crime",
    "Bringing offenders to justice",
    "Reducing anti-social behaviour",
    "Reducing offending and reoffending",
]
QUESTIONS = [
    ("What need does the project meet, and what is the evidence for it?", ""),
    ("How will you work with the local Community Safety Partnership and other partners?", ""),
    ("How will the work continue after the grant ends?", "Optional for single-year bids."),
]
CRITERIA = [
    ("Fit with the Police and Crime Plan", "30"),
    ("Evidence of need", "25"),
    ("Value for money", "25"),
    ("Partnership and match funding", "20"),
]


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


@dataclass(frozen=True)
class DemoBid:
    organisation: str
    title: str
    summary: str
    lead: str
    areas: tuple[str, ...]
    priorities: tuple[int, ...]
    years: tuple[int, ...]
    match: tuple[tuple[str, int, bool], ...] = ()
    outcome: tuple[str, str, str] = ("", "", "")
    scores: tuple[tuple[int, ...], tuple[int, ...]] = ((4, 4, 4, 4), (4, 4, 4, 4))
    # The amount in part: one amount, or one for each year of a multi-year bid.
    recommendation: tuple[str, int | tuple[int, ...] | None, str] = (Outcome.FUND_IN_FULL, None, "")
    determination: tuple[str, int | tuple[int, ...] | None, str] | None = None
    submit: bool = True
    reports: bool = False


BIDS = [
    DemoBid(
        "birmingham-csp",
        "Knife crime prevention in Birmingham schools",
        "Workshops and mentoring in twenty secondary schools where knife crime among young "
        "people is highest, delivered with youth workers and school staff.",
        "E08000025",
        ("E08000025",),
        (0, 4),
        (18_000_000, 15_000_000),
        match=(("Birmingham City Council public health grant", 4_000_000, True),),
        outcome=(
            "Fewer young people carry knives",
            "Self-reported carrying, before and after",
            "A fall of a quarter",
        ),
        scores=((5, 5, 3, 4), (4, 5, 4, 4)),
        recommendation=(
            Outcome.FUND_IN_PART,
            (18_000_000, 7_000_000),
            "Strong fit and evidence; the "
            "second year should be confirmed once first-year results are in.",
        ),
        reports=True,
    ),
    DemoBid(
        "coventry-csp",
        "Safer nights in Coventry city centre",
        "Street pastors, a safe haven and taxi marshals on Friday and Saturday nights.",
        "E08000026",
        ("E08000026",),
        (0, 3),
        (6_000_000,),
        match=(("Coventry Business Improvement District", 1_500_000, True),),
        outcome=(
            "Less violence in the night-time economy",
            "Recorded violence, 10pm to 4am",
            "A fall of 10%",
        ),
        scores=((4, 4, 4, 4), (4, 3, 4, 4)),
        recommendation=(Outcome.FUND_IN_FULL, None, "Good value and well matched."),
    ),
    DemoBid(
        "sandwell-csp",
        "Domestic abuse advocates in Sandwell",
        "Two independent domestic violence advisers based with the police and the hospital.",
        "E08000028",
        ("E08000028",),
        (1,),
        (8_500_000,),
        match=(("Sandwell Council", 2_000_000, False),),
        outcome=("Victims are safer", "Risk reduced at case closure", "80% of cases"),
        scores=((5, 5, 4, 3), (3, 4, 4, 3)),
        recommendation=(Outcome.FUND_IN_FULL, None, "Meets a clear gap in provision."),
    ),
    DemoBid(
        "wm-voluntary-sector",
        "Victim support navigators across the Black Country",
        "Volunteer navigators who help victims of crime through the justice system, "
        "working from community centres in four districts.",
        "E08000027",
        ("E08000027", "E08000028", "E08000030", "E08000031"),
        (1, 2),
        (12_000_000,),
        outcome=(
            "Victims stay with the justice process",
            "Cases that reach court",
            "70% of supported cases",
        ),
        scores=((4, 4, 3, 3), (4, 3, 3, 3)),
        recommendation=(Outcome.FUND_IN_FULL, None, "Regional reach at modest cost."),
    ),
    DemoBid(
        "walsall-csp",
        "Anti-social behaviour hotspots in Walsall",
        "Joint patrols and youth outreach in the five areas with most reports.",
        "E08000030",
        ("E08000030",),
        (3,),
        (4_500_000,),
        outcome=("Less anti-social behaviour", "Reports to police and council", "A fall of 15%"),
        scores=((3, 3, 4, 3), (3, 3, 3, 3)),
        recommendation=(Outcome.FUND_IN_FULL, None, "Local priority with police support."),
    ),
    DemoBid(
        "wolverhampton-csp",
        "Youth diversion in Wolverhampton",
        "Sport and mentoring for young people at risk of criminal exploitation.",
        "E08000031",
        ("E08000031",),
        (4,),
        (7_000_000,),
        outcome=("Young people are diverted from crime", "First-time entrants", "30 fewer"),
        scores=((2, 3, 2, 2), (4, 3, 2, 2)),
        recommendation=(
            Outcome.DO_NOT_FUND,
            None,
            "Scored below the other bids; overlaps existing provision.",
        ),
        determination=(
            Outcome.FUND_IN_PART,
            3_500_000,
            "Exploitation of young people is "
            "rising in the city; half the amount funds a pilot for one year.",
        ),
    ),
    DemoBid(
        "solihull-csp",
        "Fraud awareness for older people in Solihull",
        "Talks and home visits to help older residents spot and report fraud.",
        "E08000029",
        ("E08000029",),
        (1,),
        (3_000_000,),
        outcome=("Fewer older people lose money to fraud", "Reported losses", "A fall of 20%"),
        scores=((3, 4, 4, 3), (3, 4, 4, 4)),
        recommendation=(Outcome.FUND_IN_FULL, None, "Low cost, clear outcomes."),
    ),
    DemoBid(
        "dudley-csp",
        "Mentoring for prison leavers in Dudley",
        "Peer mentors for people leaving prison; the bid was not finished in time.",
        "E08000027",
        ("E08000027",),
        (4,),
        (5_000_000,),
        submit=False,
    ),
]


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


def _example_yaml() -> str | None:
    path = Path(settings.PROJECT_DIR) / EXAMPLE
    return path.read_text(encoding="utf-8") if path.is_file() else None


def demo_load(region: Region) -> None:
    """Load the fund's demo into `region` once; a region without a fund is left alone."""
    fund = selectors.fund_list(region).filter(financial_year="2018/19").first()
    if fund is None or fund.decision_maker_id is None:
        return
    officer = _actor(Role.OFFICER, "officer") or _actor(Role.ADMIN, "admin")
    second = _actor(Role.ADMIN, "admin")
    commissioner = User.objects.filter(
        role=Role.DECISION_MAKER, person_id=fund.decision_maker_id, is_active=True
    ).first()
    if officer is None or second is None or commissioner is None or second == officer:
        return
    _load(fund, officer, second, commissioner)


@transaction.atomic
def _load(fund: Fund, officer: User, second: User, commissioner: User) -> None:
    if not fund.priorities:
        services.fund_update(
            by=officer,
            fund=fund,
            data={
                "description": "Crime and disorder grants to partners whose work helps meet the "
                "Police and Crime Plan. Partners bid; the West Midlands Community Safety "
                "Partnership recommends; the commissioner decides.",
                "priorities": PRIORITIES,
                "transition_year": True,
                "identifier_prefix": "wmpcc",
            },
        )
    _scenarios(fund, officer)
    if Round.objects.filter(fund=fund, slug=ROUND_SLUG).exists():
        return
    round = _round(fund, officer)
    for spec in BIDS:
        organisation = fund.region.organisations.filter(slug=spec.organisation).first()
        if organisation is None:
            continue
        _bid(round, spec, organisation, officer, second, commissioner)
    services.moderation_open(by=second, round=round)


def _scenarios(fund: Fund, officer: User) -> None:
    if not fund.scenarios.filter(name=BY_POPULATION).exists():
        areas = [
            ScenarioArea(a.code, a.name, int(a.population or 0))
            for a in selectors.prefill_areas(fund.region, fund)
            if a.constituent
        ]
        if areas:
            services.scenario_create(
                by=officer,
                fund=fund,
                name=BY_POPULATION,
                yaml_text=scenario_yaml(
                    title=f"{fund.name}: population only",
                    financial_year=fund.financial_year,
                    budget_pence=fund.budget_pence,
                    areas=areas,
                ),
            )
    text = _example_yaml()
    if text is None or fund.scenarios.filter(name=ADOPTED).exists():
        return
    scenario = services.scenario_create(by=officer, fund=fund, name=ADOPTED, yaml_text=text)
    services.scenario_adopt(
        by=officer,
        scenario=scenario,
        reasons="Shares the budget by population and deprivation, keeps the critical "
        "capabilities named by the heads of community safety in this transition year, and "
        "stops any one district taking more than 30% of the formula pot.",
        decided_on=date(2018, 1, 18),
    )


def _round(fund: Fund, officer: User) -> Round:
    round = services.round_create(
        by=officer,
        fund=fund,
        data={
            "slug": ROUND_SLUG,
            "title": "2018/19 main round",
            "description": "The first round in which partners bid for the community safety "
            "budget instead of receiving a fixed share.",
            "opens_at": _at(date(2018, 1, 8), 9),
            "closes_at": _at(date(2018, 2, 23), 12),
            "eligibility": "Community Safety Partnerships, councils, public bodies and "
            "voluntary and community organisations working in the West Midlands police "
            "force area.",
            "max_years": 2,
            "budget_pence": ROUND_BUDGET,
            "match_funding_rules": "Match funding is welcome and counts towards value for "
            "money; say whether it is confirmed.",
        },
    )
    for text, hint in QUESTIONS:
        services.question_add(
            by=officer,
            round=round,
            data={"text": text, "hint": hint, "required": not hint},
        )
    for title, weight in CRITERIA:
        services.criterion_add(
            by=officer, round=round, data={"title": title, "weight": weight, "scale_max": 5}
        )
    return round


def _bid(
    round: Round,
    spec: DemoBid,
    organisation: Organisation,
    officer: User,
    second: User,
    commissioner: User,
) -> None:
    region = round.fund.region
    areas = {a.code: a for a in region.areas.filter(code__in=spec.areas)}
    bidder = _bidder(organisation)
    years = round.years
    bid = services.bid_create(
        by=bidder,
        round=round,
        now=_at(date(2018, 1, 22)),
        data={
            "title": spec.title,
            "summary": spec.summary,
            "lead_area": areas.get(spec.lead),
            "areas": [areas[c] for c in spec.areas if c in areas],
            "priorities": [PRIORITIES[i] for i in spec.priorities],
            "amounts": dict(zip(years, spec.years, strict=False)),
            "answers": {
                q.pk: f"{spec.summary} (Illustrative answer for the demo.)"
                for q in round.questions.filter(required=True)
            },
        },
    )
    for source, amount, confirmed in spec.match:
        services.match_funding_add(
            by=bidder,
            bid=bid,
            data={"source": source, "amount_pence": amount, "confirmed": confirmed},
        )
    if spec.outcome[0]:
        services.outcome_add(
            by=bidder,
            bid=bid,
            data={
                "outcome": spec.outcome[0],
                "measure": spec.outcome[1],
                "target": spec.outcome[2],
            },
        )
    if not spec.submit:
        return
    services.bid_submit(by=bidder, bid=bid, now=_at(date(2018, 2, 20), 15))
    criteria = list(round.criteria.order_by("position"))
    for assessor, values in zip((officer, second), spec.scores, strict=True):
        services.scores_record(
            by=assessor,
            bid=bid,
            scores={c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
        )
    outcome, amount, reasons = spec.recommendation
    services.recommendation_record(
        by=officer,
        bid=bid,
        outcome=outcome,
        reasons=reasons,
        recommended_on=date(2018, 3, 8),
        **_amounts(amount, years),
    )
    outcome, amount, reasons = spec.determination or (outcome, amount, "")
    services.determination_record(
        by=commissioner,
        bid=bid,
        outcome=outcome,
        **_amounts(amount, years),
        reasons=reasons,
        decided_on=date(2018, 3, 20),
        reference=f"WMPCC 2018/{bid.pk:03d}",
    )
    bid = Bid.all_objects.get(pk=bid.pk)
    if bid.status == BidStatus.AWARDED:
        _grant(Grant.all_objects.get(bid=bid), bidder, officer, spec.reports)


def _amounts(amount: int | tuple[int, ...] | None, years: tuple[str, ...]) -> dict[str, Any]:
    """A decision's amount: one, or one for each year of a multi-year bid."""
    if isinstance(amount, tuple):
        return {"amounts_pence": dict(zip(years, amount, strict=False))}
    return {"amount_pence": amount}


def _grant(grant: Grant, bidder: User, officer: User, reports: bool) -> None:
    services.grant_agreement_set(
        by=officer,
        grant=grant,
        data={
            "agreement_start": date(2018, 4, 1),
            "agreement_end": date(2019, 3, 31),
            "agreement_signed_on": date(2018, 3, 28),
            "conditions": "Quarterly monitoring returns; unspent money is returned.",
            "return_frequency": "quarterly",
        },
    )
    quarter, left = divmod(grant.amount_pence, 4)
    amounts = [quarter + left, quarter, quarter, quarter]
    days = ["2018-04-30", "2018-07-31", "2018-10-31", "2019-01-31"]
    schedule = "\n".join(
        f"{day}, {amount // 100}.{amount % 100:02d}"
        for day, amount in zip(days, amounts, strict=True)
    )
    services.grant_schedule_set(by=officer, grant=grant, text=schedule)
    services.grant_publish(by=officer, grant=grant)
    for instalment in list(grant.instalments.order_by("due_on"))[:2]:
        services.payment_record(
            by=officer,
            instalment=instalment,
            paid_on=instalment.due_on,
            amount_pence=instalment.amount_pence,
            reference=f"PAY-{grant.pk:04d}-{instalment.due_on:%m%y}",
        )
    if reports:
        first = grant.returns.order_by("period_start").first()
        if first is not None:
            services.return_submit(
                by=bidder,
                monitoring_return=first,
                data={
                    "spend_to_date_pence": amounts[0] - 1_250_000,
                    "outcomes_report": "Workshops running in 12 of the 20 schools; the "
                    "before-and-after survey is under way. (Illustrative.)",
                    "rag": "amber",
                    # Illustrative: the first quarter's figure for each declared measure.
                    "figures": {o.pk: 12 for o in grant.bid.outcomes.all()},
                },
                now=_at(date(2018, 7, 20)),
            )
