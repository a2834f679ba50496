"""Building a scenario on a form from held figures, and taking its YAML away."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.text import slugify

from remit.funding import permissions
from remit.funding import scenario_forms
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Fund
from remit.funding.views.common import fund_or_404
from remit.ui.views import refuse
from remit.ui.views import run_service


def _initial(request: HttpRequest, fund: Fund, choices: selectors.BuilderChoices) -> dict[str, Any]:
    copy = request.GET.get("copy", "")
    source = fund.scenarios.filter(pk=int(copy)).first() if copy.isdigit() else None
    if source is not None and source.provenance.get("choices"):
        return scenario_forms.initial_from(source.provenance["choices"], f"{source.name} (copy)")
    constituent = [a.code for a in choices.areas if a.constituent]
    return {
        "areas": constituent or [a.code for a in choices.areas],
        "weight-population": "1",
    }


@login_required
def scenario_build(request: HttpRequest, slug: str) -> HttpResponse:
    """Pick the areas, the indicators and their weights, and the limits; the figures are held."""
    fund = fund_or_404(slug)
    verdict = permissions.can_build_scenario(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    choices = selectors.builder_choices(fund, request.user)
    form = scenario_forms.ScenarioBuildForm(
        request.POST or None,
        initial=_initial(request, fund, choices),
        areas=choices.areas,
        indicators=choices.indicators,
    )
    if request.method == "POST" and form.is_valid():
        gaps = run_service(
            form,
            lambda: services.scenario_gaps(by=request.user, fund=fund, choices=form.choices()),
        )
        for gap in gaps or []:
            form.add_error(gap.field if gap.field in form.fields else None, gap.message)
        scenario = (
            None
            if gaps is None or gaps
            else run_service(
                form,
                lambda: services.scenario_build(by=request.user, fund=fund, choices=form.choices()),
            )
        )
        if scenario is not None:
            messages.success(request, f"Scenario {scenario.name} saved.")
            return redirect("funding:scenario", slug=fund.slug, pk=scenario.pk)
    return render(
        request,
        "funding/scenario_build.html",
        {"form": form, "fund": fund, "choices": choices},
    )


@login_required
def scenario_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The scenario as YAML, for `remit fund allocate` and for importing elsewhere."""
    fund = fund_or_404(slug)
    verdict = permissions.can_export_scenario(request.user, fund)
    if not verdict:
        return refuse(request, verdict)
    scenario = fund.scenarios.filter(pk=pk).first()
    if scenario is None:
        raise Http404("No such scenario.")
    response = HttpResponse(scenario.yaml, content_type="application/yaml; charset=utf-8")
    filename = f"{slugify(fund.name)}-{slugify(scenario.name) or scenario.pk}.yaml"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
