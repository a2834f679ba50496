"""Demo business case for the West Midlands: serious violence reduction, three options.

ILLUSTRATIVE FIGURES ONLY, invented for the demo (the same shape as
`examples/cases/violence-reduction.yaml`). The story: the strategic outline case went to the
Strategic Policing and Crime Board and was approved; the outline business case is now being
written, so some sections are drafting, one is with reviewers and one stays approved.

`demo_load(region)` is idempotent (the case is found by its title) and does nothing for a
region without the West Midlands boards, or before the demo accounts exist.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Risk
from remit.appraisal.models import Section
from remit.appraisal.workflow import SectionKind
from remit.appraisal.workflow import SectionStatus
from remit.appraisal.workflow import Stage
from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User

TITLE = "Serious violence reduction in the West Midlands"
BASE_YEAR = 2025
YEARS = range(BASE_YEAR, BASE_YEAR + 10)
APPROVING_BOARD = "spcb"
NEEDED_BOARDS = ("spcb", "wmcsp")
OWNER = "assistant-pcc-partnerships"
RISK_OWNERS = ("assistant-pcc-partnerships", "wmp-representative", "opcc-secretariat")
# The missions the case serves, by their short titles in the region's pack.
MISSIONS = ("Crime", "Health")
PROPOSAL = "Regional violence reduction partnership"


def _titles() -> set[str]:
    return {title.lower() for title in MISSIONS}


def _by_year(*amounts: int, first: int = BASE_YEAR) -> dict[int, int]:
    """Amounts for consecutive years from `first`."""
    return {first + index: amount for index, amount in enumerate(amounts)}


def _case_file(*, expanded_revenue: int) -> dict[str, Any]:
    """The appraisal inputs; the outline case revises the expanded programme's running cost."""
    harm = "reduced harm from violence with injury"
    return {
        "title": TITLE,
        "base_year": BASE_YEAR,
        "deflators": _by_year(100, 102, 104, 106, 108, 111, 113, 115, 117, 120),
        "options": [
            {
                "name": "Business as usual",
                "description": "Local partnerships keep their current serious violence work, "
                "funded a year at a time, with no regional coordination.",
                "counterfactual": True,
                "revenue": dict.fromkeys(YEARS, 1_200_000),
                "benefits": {harm: dict.fromkeys(YEARS, 850_000)},
            },
            {
                "name": "Regional violence reduction unit",
                "description": "A regional unit joining police, health, education and youth "
                "services: shared data, navigators in emergency departments and custody, and "
                "a commissioning fund.",
                "nominal": True,
                "capital": _by_year(500_000, 150_000),
                "revenue": _by_year(
                    1_900_000,
                    2_450_000,
                    2_500_000,
                    2_550_000,
                    2_600_000,
                    2_650_000,
                    2_700_000,
                    2_760_000,
                    2_820_000,
                    2_880_000,
                ),
                "benefits": {
                    harm: {
                        "flows": _by_year(
                            1_265_000,
                            2_645_000,
                            3_565_000,
                            4_025_000,
                            4_255_000,
                            4_370_000,
                            4_485_000,
                            4_600_000,
                            4_715_000,
                            4_830_000,
                        ),
                        "deadweight": Decimal("0.25"),
                        "displacement": Decimal("0.10"),
                        "leakage": Decimal("0.05"),
                    },
                    "fewer hospital admissions": {
                        "flows": _by_year(
                            180_000,
                            260_000,
                            300_000,
                            320_000,
                            330_000,
                            340_000,
                            350_000,
                            360_000,
                            370_000,
                            first=2026,
                        ),
                        "deadweight": Decimal("0.25"),
                    },
                    "police time released": _by_year(
                        210_000,
                        280_000,
                        300_000,
                        310_000,
                        320_000,
                        330_000,
                        340_000,
                        350_000,
                        360_000,
                        first=2026,
                    ),
                },
                "optimism_bias": {"capital": Decimal("0.24"), "revenue": Decimal("0.05")},
            },
            {
                "name": "Expanded programme",
                "description": "The regional unit plus youth hubs in the four highest-harm "
                "local authority areas and a schools programme, in refurbished buildings.",
                "capital": _by_year(1_200_000, 900_000),
                "revenue": {2025: 2_200_000, **dict.fromkeys(YEARS[1:], expanded_revenue)},
                "benefits": {
                    harm: {
                        "flows": _by_year(
                            1_380_000,
                            3_335_000,
                            4_945_000,
                            5_750_000,
                            6_095_000,
                            6_325_000,
                            6_440_000,
                            6_555_000,
                            6_670_000,
                            6_785_000,
                        ),
                        "deadweight": Decimal("0.25"),
                        "displacement": Decimal("0.15"),
                        "leakage": Decimal("0.05"),
                    },
                    "fewer hospital admissions": {
                        "flows": _by_year(
                            220_000,
                            340_000,
                            400_000,
                            420_000,
                            430_000,
                            440_000,
                            450_000,
                            460_000,
                            470_000,
                            first=2026,
                        ),
                        "deadweight": Decimal("0.25"),
                    },
                    "police time released": _by_year(
                        260_000,
                        380_000,
                        420_000,
                        430_000,
                        440_000,
                        450_000,
                        460_000,
                        470_000,
                        480_000,
                        first=2026,
                    ),
                    "fewer young people excluded from school": {
                        "flows": _by_year(
                            150_000,
                            250_000,
                            300_000,
                            320_000,
                            330_000,
                            340_000,
                            350_000,
                            360_000,
                            first=2027,
                        ),
                        "deadweight": Decimal("0.4"),
                    },
                },
                "optimism_bias": {
                    "project_type": "standard_buildings",
                    "bound": "upper",
                    "mitigation": Decimal("0.4"),
                },
            },
        ],
    }


TEXT = {
    SectionKind.STRATEGIC: (
        "Violence with injury has risen across the seven districts since 2014, and is "
        "concentrated in a small number of neighbourhoods in Birmingham, Sandwell and "
        "Wolverhampton. Police, health, education and youth services each respond on their "
        "own, funded a year at a time.\n\n"
        "A regional approach would share data between partners, reach young people at the "
        "moments that matter (in emergency departments, in custody, at exclusion) and "
        "commission what works across borough boundaries."
    ),
    SectionKind.ECONOMIC: (
        "Three options were appraised over ten years against business as usual. Both "
        "options to change pay their way; the regional unit adds the most net value and "
        "returns the most for each pound, so it is preferred. The expanded programme pays "
        "less well and rests on new buildings.\n\n"
        "The outline case revises the running costs of the expanded programme."
    ),
    SectionKind.COMMERCIAL: (
        "Navigator services are to be commissioned through an open procedure in lots by "
        "district, on three-year contracts with a two-year extension, paid partly on "
        "outcomes. Data sharing sits with the commissioner's office under a data sharing "
        "agreement with each partner."
    ),
    SectionKind.FINANCIAL: (
        "The commissioner's community safety budget carries the unit from 2025; the Home "
        "Office serious violence grant and the integrated care board contribute from 2026. "
        "A gap remains from 2027 that the partners must close before the full business case."
    ),
    SectionKind.MANAGEMENT: (
        "The Assistant Police and Crime Commissioner is the senior responsible owner. A "
        "programme board of the partners meets monthly and reports to the regional "
        "Community Safety Partnership each quarter and to the Strategic Policing and Crime "
        "Board twice a year. An independent evaluation reports at the end of year two."
    ),
}

OBJECTIVES = (
    "Reduce hospital admissions for assault with a sharp object by a fifth by 2030.\n"
    "Reach every young person admitted to an emergency department after violence within "
    "48 hours.\n"
    "Share violence data between police, health and councils every month."
)

FUNDING = (
    ("Police and Crime Commissioner community safety budget", 2025, 2_700_000),
    ("Police and Crime Commissioner community safety budget", 2026, 1_900_000),
    ("Police and Crime Commissioner community safety budget", 2027, 1_500_000),
    ("Home Office serious violence duty grant", 2026, 600_000),
    ("Home Office serious violence duty grant", 2027, 600_000),
    ("Integrated care board contribution", 2026, 300_000),
    ("Integrated care board contribution", 2027, 250_000),
)

MILESTONES = (
    ("Strategic outline case approved", date(2025, 3, 18), date(2025, 3, 18)),
    ("Data sharing agreement signed by all partners", date(2025, 6, 30), None),
    ("Navigator contracts awarded", date(2025, 10, 1), None),
    ("Full business case to the board", date(2026, 1, 20), None),
    ("Evaluation interim report", date(2027, 4, 30), None),
)

RISKS = (
    (
        "Partners do not agree to share data monthly",
        3,
        4,
        "Agreement drafted with each "
        "partner's data protection officer; escalation to the partnership chair.",
    ),
    (
        "Home Office grant ends after 2027",
        4,
        4,
        "Plan for the commissioner's budget and the "
        "integrated care board to take on the cost; evaluate early to make the case.",
    ),
    (
        "Navigator posts hard to recruit",
        2,
        3,
        "Joint recruitment with the NHS trusts; secondments from youth services.",
    ),
)


def _actor(role: str, username: str) -> User | None:
    found = User.objects.filter(username=username, role=role, is_active=True).first()
    return found or User.objects.filter(role=role, is_active=True).order_by("pk").first()


def _proposal(region: Region) -> Any:
    """The proposals demo's violence reduction ask, when it has been loaded."""
    from remit.proposals.models import Proposal

    return Proposal.all_objects.filter(deal__region=region, title=PROPOSAL).first()


def _approve(section: Section, *, by: User) -> None:
    for target in (SectionStatus.READY_FOR_REVIEW, SectionStatus.APPROVED):
        section.refresh_from_db()
        if section.status != target:
            services.section_move(by=by, section=section, target=target)


def demo_load(region: Region) -> None:
    """Load the demo case into `region` once; leave other regions untouched."""
    if BusinessCase.all_objects.filter(region=region, title=TITLE).exists():
        return
    boards = {board.slug: board for board in Board.objects.filter(region=region)}
    if any(slug not in boards for slug in NEEDED_BOARDS):
        return
    officer = _actor(Role.OFFICER, "officer") or _actor(Role.ADMIN, "admin")
    if officer is None:
        return
    reviewer = _actor(Role.BOARD_MEMBER, "member") or officer
    _load(region, boards[APPROVING_BOARD], officer, reviewer)


@transaction.atomic
def _load(region: Region, board: Board, officer: User, reviewer: User) -> None:
    people = {person.slug: person for person in Person.objects.filter(region=region)}
    case = services.business_case_create(
        by=officer,
        region=region,
        data={
            "title": TITLE,
            "summary": "A regional violence reduction unit for the West Midlands, joining "
            "police, health, education and youth services, appraised against business as "
            "usual and an expanded programme.",
            "stage": Stage.STRATEGIC_OUTLINE,
            "owner": people.get(OWNER),
            "proposal": _proposal(region),
        },
        missions=[
            m for m in Mission.objects.filter(region=region) if m.short_title.lower() in _titles()
        ],
    )
    sections = {s.kind: s for s in Section.objects.filter(business_case=case)}
    for kind, text in TEXT.items():
        data: dict[str, Any] = {"text": text}
        if kind == SectionKind.STRATEGIC:
            data["objectives"] = OBJECTIVES
        if kind == SectionKind.ECONOMIC:
            data["preferred_option"] = "Regional violence reduction unit"
        services.section_update(by=officer, section=sections[kind], data=data)
    services.appraisal_record(
        by=officer,
        case=case,
        inputs=load_case(_case_file(expanded_revenue=4_100_000)),
        source=AppraisalRun.Source.DEMO,
        note="Strategic outline case figures",
    )
    for source, year, pounds in FUNDING[:3]:
        services.row_save(
            by=officer,
            case=case,
            row=FundingLine(),
            data={"source": source, "year": year, "amount_pence": pounds * 100},
        )
    for kind in TEXT:
        _approve(sections[kind], by=officer)
    services.approval_decision_record(
        by=officer,
        case=case,
        data={
            "board": board,
            "outcome": "approved",
            "conditions": "",
            "reasons": "The board agreed the case for change and asked for an outline "
            "business case with the partners' funding confirmed.",
            "decided_on": date(2025, 3, 18),
            "minute_reference": "SPCB 03/2025 item 6",
        },
    )
    _outline(case, sections, officer, reviewer, people)


def _outline(
    case: BusinessCase,
    sections: dict[str, Section],
    officer: User,
    reviewer: User,
    people: dict[str, Person],
) -> None:
    """The outline business case under way: revised figures, more funding, the plan."""
    case = services.business_case_update(by=officer, case=case, data={"stage": Stage.OUTLINE})
    services.appraisal_record(
        by=officer,
        case=case,
        inputs=load_case(_case_file(expanded_revenue=4_200_000)),
        source=AppraisalRun.Source.DEMO,
        note="Outline case: expanded programme running costs revised",
    )
    for source, year, pounds in FUNDING[3:]:
        services.row_save(
            by=officer,
            case=case,
            row=FundingLine(),
            data={"source": source, "year": year, "amount_pence": pounds * 100},
        )
    services.section_update(
        by=officer,
        section=sections[SectionKind.COMMERCIAL],
        data={"text": TEXT[SectionKind.COMMERCIAL] + "\n\nMarket engagement is planned."},
    )
    for title, due_on, achieved_on in MILESTONES:
        services.row_save(
            by=officer,
            case=case,
            row=DeliveryMilestone(),
            data={"title": title, "due_on": due_on, "achieved_on": achieved_on},
        )
    for (title, likelihood, impact, mitigation), owner in zip(RISKS, RISK_OWNERS, strict=True):
        services.row_save(
            by=officer,
            case=case,
            row=Risk(),
            data={
                "title": title,
                "owner": people.get(owner),
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
            },
        )
    management = sections[SectionKind.MANAGEMENT]
    management.refresh_from_db()
    services.section_move(by=officer, section=management, target=SectionStatus.READY_FOR_REVIEW)
    services.comment_add(
        by=reviewer,
        section=management,
        text="The evaluation should report to the partnership as well as to this board.",
    )
    services.comment_add(
        by=reviewer,
        section=sections[SectionKind.ECONOMIC],
        text="Please show how sensitive the expanded programme is to the hubs opening late.",
    )
