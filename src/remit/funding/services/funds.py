"""Funds and their allocation scenarios: writing, comparing and adopting them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import apply_many
from remit.core.services.writes import check_version
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.funding import permissions
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import allocate
from remit.funding.allocation import allocation_to_json
from remit.funding.models import AllocationScenario
from remit.funding.models import DecisionRule
from remit.funding.models import Fund
from remit.funding.models import ScenarioAdoption
from remit.funding.rules import carried_forward_yaml
from remit.funding.rules import money
from remit.funding.rules import next_financial_year
from remit.funding.rules import pence
from remit.funding.scenario import load_scenario
from remit.funding.scenario import said
from remit.funding.scenario import where_in_words
from remit.funding.services._common import edited

FUND_FIELDS = (
    "description",
    "priorities",
    "transition_year",
    "identifier_prefix",
    "notice_reference_prefix",
    "owner",
    "decision_maker",
    "decision_rule",
)
FUND_MANY = ("joint_owners", "joint_decision_makers", "areas")


def _check_leads(fund: Fund, data: Mapping[str, Any]) -> None:
    for name in ("owner", "decision_maker"):
        chosen = data.get(name)
        if chosen is not None and chosen.region_id != fund.region_id:
            raise DomainError(f"Choose the {name.replace('_', ' ')} from this region.", field=name)


def _joint_list(fund: Fund, data: Mapping[str, Any], name: str, lead: Any) -> list[Any] | None:
    """The joint owners or decision makers given, less the lead; None when not given."""
    if data.get(name) is None:
        return None
    chosen = [item for item in data[name] if lead is None or item.pk != lead.pk]
    for item in chosen:
        if item.region_id != fund.region_id:
            raise DomainError(f"{item} is not part of {fund.region}.", field=name)
    return chosen


def _check_areas(fund: Fund, areas: Any) -> None:
    for area in areas or ():
        if area.region_id != fund.region_id or area.context:
            raise DomainError(
                f"{area.name} is not one of the areas of {fund.region} a fund may fund.",
                field="areas",
            )


def check_governance(fund: Fund, data: Mapping[str, Any]) -> dict[str, Any]:
    """The fund's owners, decision makers, rule and areas as given, checked against its region.

    Returns ``data`` with the joint lists cleaned: the lead is never also listed as joint.
    """
    _check_leads(fund, data)
    lead = data.get("decision_maker", fund.decision_maker)
    cleaned = dict(data)
    for name, first in (
        ("joint_owners", data.get("owner", fund.owner)),
        ("joint_decision_makers", lead),
    ):
        chosen = _joint_list(fund, data, name, first)
        if chosen is not None:
            cleaned[name] = chosen
    _check_areas(fund, data.get("areas"))
    rule = data.get("decision_rule", fund.decision_rule)
    if rule not in DecisionRule.values:
        raise DomainError("Choose how the decision makers decide.", field="decision_rule")
    joint = cleaned.get("joint_decision_makers")
    if joint is None:
        joint = list(fund.joint_decision_makers.all())
    if lead is None and (joint or rule == DecisionRule.LEAD):
        raise DomainError(
            "Choose the lead decision maker: they sign the decision notices, and decide "
            "alone under the lead rule.",
            field="decision_maker",
        )
    return cleaned


@transaction.atomic
def fund_update(
    *, by: User, fund: Fund, data: Mapping[str, Any], version: int | None = None
) -> Fund:
    """Change a fund's details, owners, decision makers, decision rule or areas.

    A new rule or new decision makers apply to bids not yet determined: decisions already
    recorded stay, and the rule is read afresh at the next decision.
    """
    fund = locked(fund, related=("region",))
    require(permissions.can_edit_fund(by, fund))
    check_version(fund, version)
    if "priorities" in data:
        priorities = [str(p).strip() for p in data["priorities"] if str(p).strip()]
        if len(set(priorities)) != len(priorities):
            raise DomainError("Each priority should be listed once.", field="priorities")
        data = {**data, "priorities": priorities}
    data = check_governance(fund, data)
    changed = apply_changes(fund, data, FUND_FIELDS)
    for name in FUND_MANY:
        if apply_many(fund, name, data.get(name)):
            changed.append(name)
    if not changed:
        return fund
    return save_attributed(fund, by=by, reason=edited(changed))


def evaluate(fund: Fund, yaml_text: str) -> dict[str, Any]:
    """The allocation for a scenario's YAML, or a `DomainError` naming the path in it."""
    try:
        result = allocation_to_json(allocate(load_scenario(yaml_text)))
    except ScenarioError as error:
        raise DomainError(said(error, yaml_text), field="yaml") from None
    known = set(fund.region.areas.values_list("code", flat=True))
    fundable = dict(fund.fundable_areas().values_list("code", "name"))
    areas: list[dict[str, Any]] = result["areas"]  # type: ignore[assignment]
    for index, area in enumerate(areas):
        where = where_in_words(f"areas[{index}].code", yaml_text)
        where = where[:1].upper() + where[1:]
        if area["code"] not in known:
            raise DomainError(
                f"{where}: {area['code']} is not an area of {fund.region}", field="yaml"
            )
        if fund.areas.exists() and area["code"] not in fundable:
            raise DomainError(
                f"{where}: {fund} does not fund {area['code']}; it funds "
                f"{', '.join(sorted(fundable.values()))}",
                field="yaml",
            )
    year = result.get("financial_year")
    if year and year != fund.financial_year:
        raise DomainError(
            f"Financial year: the scenario is for {year} but the fund is for {fund.financial_year}",
            field="yaml",
        )
    return result


def _check_name(fund: Fund, name: str, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise DomainError("Give the scenario a name.", field="name")
    clash = fund.scenarios.filter(name=name).exclude(pk=exclude or 0)
    if clash.exists():
        raise DomainError(f"This fund already has a scenario called {name}.", field="name")
    return name


@transaction.atomic
def scenario_create(*, by: User, fund: Fund, name: str, yaml_text: str) -> AllocationScenario:
    fund = locked(fund, related=("region",))
    require(permissions.can_manage_scenarios(by, fund))
    name = _check_name(fund, name)
    result = evaluate(fund, yaml_text)
    scenario = AllocationScenario(
        fund=fund, name=name, yaml=yaml_text, result=result, created_by=by
    )
    return save_attributed(scenario, by=by, reason="Created")


@transaction.atomic
def scenario_update(
    *,
    by: User,
    scenario: AllocationScenario,
    name: str,
    yaml_text: str,
    version: int | None = None,
) -> AllocationScenario:
    fund = locked(scenario.fund, related=("region",))
    scenario = locked(scenario)
    require(permissions.can_manage_scenarios(by, fund))
    check_version(scenario, version)
    if scenario.adoptions.exists():
        raise DomainError(
            "This scenario has been adopted, so it is kept as it was decided: "
            "start a new scenario from its YAML instead.",
            field="yaml",
        )
    name = _check_name(fund, name, exclude=scenario.pk)
    result = evaluate(fund, yaml_text)
    changed = apply_changes(scenario, {"name": name, "yaml": yaml_text}, ("name", "yaml"))
    if not changed:
        return scenario
    scenario.result = result
    if "yaml" in changed:
        scenario.provenance = {}
    return save_attributed(scenario, by=by, reason=edited(changed))


@transaction.atomic
def scenario_adopt(
    *, by: User, scenario: AllocationScenario, reasons: str, decided_on: date
) -> ScenarioAdoption:
    """Record the decision that this scenario's area envelopes apply to the fund."""
    fund = locked(scenario.fund, related=("region",))
    require(permissions.can_adopt_scenario(by, fund))
    if not reasons.strip():
        raise DomainError("Give the reasons for adopting this scenario.", field="reasons")
    budget = pence(str(scenario.result["totals"]["budget"]))
    if budget != fund.budget_pence:
        raise DomainError(
            f"The scenario shares a budget of {money(budget)} but the fund's budget is "
            f"{money(fund.budget_pence)}: correct the scenario's budget first.",
            field="reasons",
        )
    if fund.adopted_scenario_id == scenario.pk:
        raise DomainError("This scenario is already the adopted one.", field="reasons")
    current = fund.adoptions.filter(superseded_by__isnull=True).order_by("-adopted_at").first()
    adoption = save_attributed(
        ScenarioAdoption(
            fund=fund,
            scenario=scenario,
            reasons=reasons.strip(),
            decided_on=decided_on,
            adopted_by=by,
            supersedes=current,
        ),
        by=by,
        reason="Adopted",
    )
    fund.adopted_scenario = scenario
    save_attributed(fund, by=by, reason=f"Adopted scenario: {scenario.name}")
    return adoption


@transaction.atomic
def fund_next_year(
    *,
    by: User,
    fund: Fund,
    name: str,
    budget_pence: int | None,
    scenario: AllocationScenario | None = None,
    transition_year: bool = False,
) -> Fund:
    """Set up next year's fund from this one.

    The new fund keeps the owners, decision makers and their rule, areas, recommending board,
    description, priorities, 360Giving prefix and notice prefix (so its notices go on being
    numbered under it); it has its own name, budget and rounds. The chosen scenario of this
    fund (its adopted one, usually) is carried forward as the new fund's first scenario, for
    the new year and budget; adopting it for the new year is a decision of its own.
    """
    fund = locked(fund, related=("region",))
    require(permissions.can_create_fund(by, fund))
    if Fund.objects.filter(previous=fund).exists():
        made = Fund.objects.get(previous=fund)
        raise DomainError(
            f"Next year's fund has already been set up from this one: {made.name}.", field=None
        )
    year = next_financial_year(fund.financial_year)
    name = name.strip()
    if not name:
        raise DomainError("Enter the name of next year's fund.", field="name")
    slug = slugify(name)[:80]
    if not slug or fund.region.funds.filter(slug=slug).exists():
        raise DomainError(
            f"There is already a fund called {name} (or one with the same web address): "
            "choose another name.",
            field="name",
        )
    if budget_pence is None or budget_pence <= 0:
        raise DomainError("Enter next year's budget.", field="budget_pence")
    if scenario is not None and scenario.fund_id != fund.pk:
        raise DomainError("Choose one of this fund's scenarios.", field="scenario")
    made = save_attributed(
        Fund(
            region=fund.region,
            slug=slug,
            name=name,
            financial_year=year,
            budget_pence=budget_pence,
            owner=fund.owner,
            decision_maker=fund.decision_maker,
            recommending_board=fund.recommending_board,
            description=fund.description,
            priorities=list(fund.priorities),
            transition_year=transition_year,
            identifier_prefix=fund.identifier_prefix,
            notice_reference_prefix=fund.notice_reference_prefix,
            decision_rule=fund.decision_rule,
            previous=fund,
        ),
        by=by,
        reason=f"Set up for {year} from {fund.name}",
    )
    for name in FUND_MANY:
        apply_many(made, name, getattr(fund, name).all())
    if scenario is not None:
        yaml_text = carried_forward_yaml(scenario.yaml, year, budget_pence)
        try:
            result = evaluate(made, yaml_text)
        except DomainError as error:
            raise DomainError(
                f"The scenario {scenario.name} does not work for next year's budget: "
                f"{error.message}",
                field="scenario",
            ) from None
        save_attributed(
            AllocationScenario(
                fund=made,
                name=f"{scenario.name} (carried forward from {fund.financial_year})",
                yaml=yaml_text,
                result=result,
                created_by=by,
            ),
            by=by,
            reason=f"Carried forward from {fund.name}",
        )
    return made
