"""Approved business cases for everyone: the summary each board decided on, not the commercial
case, the risk register or the reviewers' comments."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from remit.appraisal import selectors
from remit.ui.views import region_or_404


def case_list(request: HttpRequest) -> HttpResponse:
    cases = list(selectors.published_cases(region_or_404()))
    return render(request, "appraisal/public/case_list.html", {"cases": cases})


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.published_case(region_or_404(), pk)
    if case is None or case.approved_decision is None:
        raise Http404("No such published business case.")
    decision = case.approved_decision
    snapshot = decision.snapshot
    appraisal = snapshot.get("appraisal")
    return render(
        request,
        "appraisal/public/case_detail.html",
        {
            "case": case,
            "decision": decision,
            "snapshot": snapshot,
            "view": selectors.appraisal_view(appraisal) if appraisal else None,
            "affordability": selectors.snapshot_affordability(snapshot),
            "milestones": [
                {
                    "title": row["title"],
                    "due_on": date.fromisoformat(row["due_on"]),
                    "achieved_on": date.fromisoformat(row["achieved_on"])
                    if row.get("achieved_on")
                    else None,
                }
                for row in snapshot.get("milestones", ())
            ],
        },
    )
