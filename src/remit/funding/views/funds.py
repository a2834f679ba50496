"""Fund pages: the fund, its allocation scenarios compared side by side, and adopting one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from remit.core.selectors import history_for
from remit.funding import forms
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.rules import next_financial_year
from remit.funding.views.common import form_page
from remit.funding.views.common import fund_or_404
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import submit_form

MOST_COMPARED = 6


@login_required
def home(request: HttpRequest) -> HttpResponse:
    here = region_or_404()
    funds = list(selectors.fund_list(here).prefetch_related("rounds"))
    now = timezone.now()
    rows = [
        {"fund": fund, "rounds": [(r, r.state(now)) for r in fund.rounds.all()]} for fund in funds
    ]
    own = (
        list(selectors.own_bids(request.user))
        if getattr(request.user, "organisation_id", None)
        and permissions.can_create_bid(request.user)
        else []
    )
    return render(
        request,
        "funding/home.html",
        {
            "rows": rows,
            "own_bids": own,
            "is_partner": bool(permissions.can_create_bid(request.user)),
        },
    )


@login_required
def fund_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.fund_page(fund_or_404(slug))
    user = request.user
    now = timezone.now()
    return render(
        request,
        "funding/fund_detail.html",
        {
            "page": page,
            "fund": page.fund,
            "rounds": [(r, r.state(now)) for r in page.rounds],
            "can_edit": permissions.can_edit_fund(user, page.fund),
            "can_scenarios": permissions.can_manage_scenarios(user, page.fund),
            "can_rounds": permissions.can_manage_round(user, page.fund),
            "can_create_fund": permissions.can_create_fund(user, page.fund),
            "next_year": Fund.objects.filter(previous=page.fund).first(),
        },
    )


@login_required
def fund_next_year(request: HttpRequest, slug: str) -> HttpResponse:
    """Set up next year's fund from this one and carry its scenario forward."""
    fund = fund_or_404(slug)
    verdict = permissions.can_create_fund(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    made = Fund.objects.filter(previous=fund).first()
    if made is not None:
        messages.info(request, f"Next year's fund has already been set up: {made.name}.")
        return redirect("funding:fund", made.slug)
    year = next_financial_year(fund.financial_year)
    initial = {
        "name": fund.name.replace(fund.financial_year, year)
        if fund.financial_year in fund.name
        else f"{fund.name} {year}",
        "budget_pence": forms.pounds_text(fund.budget_pence),
        "scenario": str(fund.adopted_scenario_id or forms.NextFundForm.NONE),
    }
    form = forms.NextFundForm(request.POST or None, initial=initial, fund=fund)

    def write() -> Any:
        data = form.cleaned_data
        return services.fund_next_year(
            by=request.user,
            fund=fund,
            name=data["name"],
            budget_pence=data["budget_pence"],
            scenario=form.chosen_scenario(),
            transition_year=data["transition_year"],
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda made: f"{made.name} set up for {made.financial_year}.",
        to=lambda made: reverse("funding:fund", args=[made.slug]),
    ) or form_page(
        request,
        form,
        title=f"Set up the fund for {year}",
        caption=fund.name,
        intro=(
            "Next year's fund keeps this fund's owner, decision maker, recommending board, "
            "description, priorities, 360Giving prefix and decision notice prefix. Its rounds "
            "are set up afresh."
        ),
        back=reverse("funding:fund", args=[fund.slug]),
        button="Set up next year's fund",
    )


@login_required
def fund_edit(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    verdict = permissions.can_edit_fund(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.FundForm(
        request.POST or None,
        initial=forms.FundForm.initial_for(fund),
        record=fund,
        region=fund.region,
    )
    return submit_form(
        request,
        form,
        lambda: services.fund_update(
            by=request.user, fund=fund, data=form.cleaned_data, version=form.read_version
        ),
        done="Fund details saved.",
        to=reverse("funding:fund", kwargs={"slug": fund.slug}),
    ) or form_page(
        request,
        form,
        title="Fund details",
        caption=fund.name,
        back=reverse("funding:fund", args=[fund.slug]),
        button="Save the details",
    )


@login_required
def fund_history(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    return render(
        request,
        "funding/history.html",
        {
            "title": fund.name,
            "back": reverse("funding:fund", args=[fund.slug]),
            "entries": [{**entry, "what": "The fund"} for entry in history_for(fund)],
            "adoptions": selectors.adoptions(fund),
        },
    )


def _chosen(
    request: HttpRequest, all_scenarios: list[AllocationScenario]
) -> list[AllocationScenario]:
    wanted = {int(v) for v in request.GET.getlist("s") if v.isdigit()}
    chosen = [s for s in all_scenarios if s.pk in wanted] if wanted else all_scenarios
    return chosen[:MOST_COMPARED]


@login_required
def scenario_list(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    all_scenarios = selectors.scenarios(fund)
    chosen = _chosen(request, all_scenarios)
    comparison = selectors.compare(chosen, fund.adopted_scenario_id) if chosen else None
    return render(
        request,
        "funding/scenarios.html",
        {
            "fund": fund,
            "scenarios": all_scenarios,
            "chosen": {s.pk for s in chosen},
            "comparison": comparison,
            "most": MOST_COMPARED,
            "can_write": permissions.can_manage_scenarios(request.user, fund),
            "can_build": permissions.can_build_scenario(request.user, fund),
        },
    )


def _scenario(fund: Fund, pk: int) -> AllocationScenario:
    found = fund.scenarios.select_related("created_by", "fund__region").filter(pk=pk).first()
    if found is None:
        raise Http404("No such scenario.")
    return found


def _prefilled(request: HttpRequest, fund: Fund) -> dict[str, Any]:
    codes = request.GET.getlist("areas")
    if codes:
        return {"name": "By population", "yaml": selectors.scenario_prefill(fund, codes)}
    copy = request.GET.get("copy", "")
    if copy.isdigit():
        source = fund.scenarios.filter(pk=int(copy)).first()
        if source is not None:
            return {"name": f"{source.name} (copy)", "yaml": source.yaml}
    return {}


@login_required
def scenario_create(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    verdict = permissions.can_manage_scenarios(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ScenarioForm(request.POST or None, initial=_prefilled(request, fund))
    return submit_form(
        request,
        form,
        lambda: services.scenario_create(
            by=request.user,
            fund=fund,
            name=form.cleaned_data["name"],
            yaml_text=form.cleaned_data["yaml"],
        ),
        done=lambda scenario: f"Scenario {scenario.name} saved.",
        to=lambda scenario: reverse(
            "funding:scenario", kwargs={"slug": fund.slug, "pk": scenario.pk}
        ),
    ) or render(
        request,
        "funding/scenario_form.html",
        {"form": form, "fund": fund, "scenario": None},
    )


@login_required
def scenario_from_areas(request: HttpRequest, slug: str) -> HttpResponse:
    fund = fund_or_404(slug)
    verdict = permissions.can_manage_scenarios(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    areas = selectors.prefill_areas(region_or_404(), fund)
    constituent = [a.code for a in areas if a.constituent]
    form = forms.PrefillForm(areas=areas, initial={"areas": constituent or [a.code for a in areas]})
    return render(request, "funding/scenario_from_areas.html", {"form": form, "fund": fund})


@login_required
def scenario_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fund = fund_or_404(slug)
    scenario = _scenario(fund, pk)
    adoptions = list(scenario.adoptions.select_related("adopted_by").order_by("adopted_at"))
    return render(
        request,
        "funding/scenario_detail.html",
        {
            "fund": fund,
            "scenario": scenario,
            "page": selectors.scenario_page(scenario),
            "scenario_map": selectors.scenario_map(scenario),
            "adoptions": adoptions,
            "is_adopted": fund.adopted_scenario_id == scenario.pk,
            "can_write": permissions.can_manage_scenarios(request.user, fund),
            "can_adopt": permissions.can_adopt_scenario(request.user, fund),
            "can_build": permissions.can_build_scenario(request.user, fund),
            "can_export": permissions.can_export_scenario(request.user, fund),
            "history": history_for(scenario),
        },
    )


@login_required
def scenario_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fund = fund_or_404(slug)
    scenario = _scenario(fund, pk)
    verdict = permissions.can_manage_scenarios(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ScenarioForm(
        request.POST or None,
        initial={"name": scenario.name, "yaml": scenario.yaml},
        record=scenario,
    )
    return submit_form(
        request,
        form,
        lambda: services.scenario_update(
            by=request.user,
            scenario=scenario,
            name=form.cleaned_data["name"],
            yaml_text=form.cleaned_data["yaml"],
            version=form.read_version,
        ),
        done="Scenario saved.",
        to=reverse("funding:scenario", kwargs={"slug": fund.slug, "pk": scenario.pk}),
    ) or render(
        request, "funding/scenario_form.html", {"form": form, "fund": fund, "scenario": scenario}
    )


@login_required
def scenario_adopt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fund = fund_or_404(slug)
    scenario = _scenario(fund, pk)
    verdict = permissions.can_adopt_scenario(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    form = forms.AdoptForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    posted = submit_form(
        request,
        form,
        lambda: services.scenario_adopt(
            by=request.user,
            scenario=scenario,
            reasons=form.cleaned_data["reasons"],
            decided_on=form.cleaned_data["decided_on"],
        ),
        done=f"Scenario {scenario.name} adopted.",
        to=reverse("funding:fund", kwargs={"slug": fund.slug}),
    )
    if posted is not None:
        return posted
    current = fund.adopted_scenario
    intro = (
        f"Its area envelopes will apply to the fund's rounds in place of {current.name}'s; "
        "both adoptions stay on the record."
        if current
        else "Its area envelopes will apply to the fund's rounds."
    )
    return form_page(
        request,
        form,
        title=f"Adopt {scenario.name}",
        caption=fund.name,
        intro="Adopting a scenario is a recorded decision, kept with who made it and why. " + intro,
        back=reverse("funding:scenario", args=[fund.slug, scenario.pk]),
        button="Adopt the scenario",
    )
