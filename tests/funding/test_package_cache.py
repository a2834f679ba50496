"""The suggested package is solved once per change of the bids, scores and envelopes it is
solved from; viewing the page again reads the kept solution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from remit.funding import package
from remit.funding import package_cache
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Round
from remit.funding.package import Bid

DAY = date(2018, 1, 18)


def _counting_solver(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = package.suggest_package

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(package, "suggest_package", counted)
    return calls


@pytest.fixture
def scored(open_round: Round, make_bid: Any, officer: Any, other_partner: Any) -> dict[str, Any]:
    yaml_text = (
        "budget: 100000.00\nweights: {population: 1}\nareas:\n"
        "  - {code: E08000901, name: Northton, population: 1}\n"
        "  - {code: E08000902, name: Southby, population: 1}\n"
    )
    scenario = services.scenario_create(
        by=officer, fund=open_round.fund, name="Even", yaml_text=yaml_text
    )
    services.scenario_adopt(by=officer, scenario=scenario, reasons="Even.", decided_on=DAY)
    strong = make_bid(amount=4_000_000, title="Strong")
    weaker = make_bid(by=other_partner, amount=2_000_000, title="Weaker")
    criteria = list(open_round.criteria.order_by("position"))
    services.scores_record(by=officer, bid=strong, scores={c.pk: (5, "") for c in criteria})
    services.scores_record(by=officer, bid=weaker, scores={c.pk: (2, "") for c in criteria})
    return {"strong": strong, "weaker": weaker, "criteria": criteria}


def _chosen(round: Round) -> list[str]:
    fresh = Round.objects.select_related("fund").get(pk=round.pk)
    return [line.bid.title for line in selectors.suggested_package(fresh).chosen]


def test_the_package_page_solves_once_until_a_score_changes(
    client: Any,
    open_round: Round,
    officer: Any,
    scored: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_solver(monkeypatch)
    client.force_login(officer)
    url = reverse("funding:package", args=[open_round.pk])
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert calls == [1]
    assert _chosen(open_round) == ["Strong"]
    assert calls == [1]

    services.scores_record(
        by=officer, bid=scored["weaker"], scores={c.pk: (5, "") for c in scored["criteria"]}
    )
    assert client.get(url).status_code == 200
    assert calls == [1, 1]
    assert client.get(url).status_code == 200
    assert calls == [1, 1]


def test_a_changed_envelope_or_budget_is_solved_afresh(
    open_round: Round, officer: Any, scored: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _counting_solver(monkeypatch)
    assert _chosen(open_round) == ["Strong"]
    yaml_text = (
        "budget: 100000.00\nweights: {population: 1}\nareas:\n"
        "  - {code: E08000901, name: Northton, population: 3}\n"
        "  - {code: E08000902, name: Southby, population: 1}\n"
    )
    scenario = services.scenario_create(
        by=officer, fund=open_round.fund, name="Northton first", yaml_text=yaml_text
    )
    services.scenario_adopt(by=officer, scenario=scenario, reasons="Need.", decided_on=DAY)
    assert sorted(_chosen(open_round)) == ["Strong", "Weaker"]
    assert calls == [1, 1]


def test_a_kept_solution_is_the_solution() -> None:
    bids = [
        Bid("A", "E08000025", 6_000, Decimal("9.5")),
        Bid("B", "E08000025", 5_000, 7),
        Bid("C", "E08000026", 5_000, Decimal("6.25")),
    ]
    envelopes = {"E08000025": 6_000}
    solved = package.suggest_package(bids, 10_000, envelopes)
    assert package.package_from_json(package.package_json(solved)) == solved
    assert package_cache.suggest("t", bids, 10_000, envelopes) == solved
    assert package_cache.suggest("t", list(reversed(bids)), 10_000, envelopes) == solved
    assert package.problem_key(bids, 10_000, envelopes) != package.problem_key(
        bids, 10_000, {"E08000025": 7_000}
    )
