"""Governance routes over the API: read as the registry's pages show them, written through
the same services, each refusal a located problem document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from remit.core import services
from remit.core.apikit.auth import token_create
from remit.core.models import GovernanceRoute
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing

PROBLEM = "application/problem+json"
TODAY = timezone.localdate()


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test')[1]}"}


@pytest.fixture
def as_officer(officer: User) -> dict[str, str]:
    return _bearer(officer)


def _send(client: Any, method: str, url: str, headers: dict[str, str], body: Any = None) -> Any:
    call = getattr(client, method)
    if body is None:
        return call(url, **headers)
    return call(url, body, content_type="application/json", **headers)


def _used(route: GovernanceRoute) -> None:
    """One proposal and one paper sent along the route, the proposal still on it."""
    deal = Deal.objects.create(region=route.region, slug="deal", name="Deal", route=route)
    theme = Theme.objects.create(region=route.region, slug="safety", name="Safer places")
    workstream = Workstream.objects.create(theme=theme, slug="crime", name="Crime")
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title="Proposal",
        summary="What it does.",
        ask_type="funding",
        form_of_devolution="single",
    )
    first = route.steps.order_by("position").first()
    assert first is not None
    Routing.objects.create(
        route=route,
        proposal=proposal,
        state="active",
        current_position=1,
        current_board=first.board,
    )
    paper = PositionPaper.objects.create(deal=deal, title="Paper")
    Routing.objects.create(route=route, paper=paper, state="completed")


def test_a_route_is_read_with_its_steps_final_say_state_and_counts(
    client: Any, route: GovernanceRoute, as_officer: dict[str, str]
) -> None:
    _used(route)
    response = client.get("/api/routes/deal-route", **as_officer)
    assert response.status_code == 200, response.content
    assert response["ETag"]
    assert response.json() == {
        "slug": "deal-route",
        "name": "Deal route",
        "steps": [
            {"position": 1, "board": "slog", "board_name": "SLOG"},
            {"position": 2, "board": "dsg", "board_name": "DSG"},
        ],
        "final_board": "ca-board",
        "final_decision_maker": None,
        "retired": False,
        "retired_on": None,
        "retired_reason": "",
        "deals": 1,
        "on_route": 1,
        "proposals": 1,
        "papers": 1,
    }


def test_routes_are_listed_and_filtered_by_retired(
    client: Any,
    route: GovernanceRoute,
    officer: User,
    region: Region,
    make_route: Callable[[str], GovernanceRoute],
    as_officer: dict[str, str],
    django_assert_max_num_queries: Any,
) -> None:
    other = make_route("other-route")
    services.route_retire(by=officer, route=other, reason="Replaced")
    with django_assert_max_num_queries(7):
        listed = client.get("/api/routes", **as_officer).json()
    assert listed["count"] == 2
    assert [r["slug"] for r in listed["items"]] == ["deal-route", "other-route"]
    retired = client.get("/api/routes", {"retired": "true"}, **as_officer).json()["items"]
    assert [(r["slug"], r["retired_on"], r["retired_reason"]) for r in retired] == [
        ("other-route", TODAY.isoformat(), "Replaced")
    ]
    in_use = client.get("/api/routes", {"retired": "false"}, **as_officer).json()["items"]
    assert [r["slug"] for r in in_use] == ["deal-route"]


def test_the_list_makes_no_more_queries_with_more_routes(
    client: Any,
    route: GovernanceRoute,
    officer: User,
    region: Region,
    make_route: Callable[[str], GovernanceRoute],
    as_officer: dict[str, str],
    django_assert_max_num_queries: Any,
) -> None:
    client.get("/api/routes", **as_officer)
    with django_assert_max_num_queries(7):
        client.get("/api/routes", **as_officer)
    for n in range(8):
        make_route(f"route-{n}")
    with django_assert_max_num_queries(7):
        assert client.get("/api/routes", **as_officer).json()["count"] == 9


@pytest.mark.parametrize("role", list(Role))
def test_routes_are_read_with_a_token_as_the_registry_pages_are_signed_in(
    client: Any, route: GovernanceRoute, make_user: Any, region: Region, role: Role
) -> None:
    assert client.get("/api/routes").status_code == 401
    assert client.get("/api/routes/deal-route").status_code == 401
    user = make_user(role, organisation=region.organisations.get(slug="safe-streets"))
    assert client.get("/api/routes/deal-route", **_bearer(user)).status_code == 200


def test_a_route_is_added_changed_and_deleted_with_history(
    client: Any,
    officer: User,
    make_route: Callable[[str], GovernanceRoute],
    region: Region,
    as_officer: dict[str, str],
) -> None:
    made = _send(
        client,
        "post",
        "/api/routes",
        as_officer,
        {
            "name": "PCC route",
            "slug": "pcc-route",
            "steps": ["slog"],
            "final_decision_maker": "commissioner",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["final_decision_maker"]["slug"] == "commissioner"
    route = GovernanceRoute.objects.get(slug="pcc-route")
    assert route.history.get().history_user == officer

    changed = _send(
        client,
        "patch",
        "/api/routes/pcc-route",
        {**as_officer, "HTTP_IF_MATCH": made["ETag"]},
        {"steps": ["dsg", "slog"], "final_board": "ca-board"},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert [s["board"] for s in body["steps"]] == ["dsg", "slog"]
    assert (body["final_board"], body["final_decision_maker"]) == ("ca-board", None)

    deleted = _send(client, "delete", "/api/routes/pcc-route", as_officer)
    assert deleted.status_code == 204
    assert not GovernanceRoute.objects.filter(slug="pcc-route").exists()


def test_a_route_is_retired_and_reinstated(
    client: Any, route: GovernanceRoute, officer: User, as_officer: dict[str, str]
) -> None:
    etag = client.get("/api/routes/deal-route", **as_officer)["ETag"]
    retired = _send(
        client,
        "post",
        "/api/routes/deal-route/retire",
        {**as_officer, "HTTP_IF_MATCH": etag},
        {"reason": "Replaced by the new boards"},
    )
    assert retired.status_code == 200, retired.content
    assert (retired.json()["retired"], retired.json()["retired_reason"]) == (
        True,
        "Replaced by the new boards",
    )
    again = _send(client, "post", "/api/routes/deal-route/retire", as_officer, {"reason": "Twice"})
    assert again.status_code == 409
    assert again["Content-Type"] == PROBLEM
    assert "was already retired on" in again.json()["detail"]

    back = _send(client, "post", "/api/routes/deal-route/reinstate", as_officer)
    assert back.status_code == 200, back.content
    assert back.json()["retired"] is False
    reasons = [h.history_change_reason for h in route.history.order_by("history_id")]
    assert reasons[-2:] == ["Retired: Replaced by the new boards", "Reinstated"]
    assert _send(client, "post", "/api/routes/deal-route/reinstate", as_officer).status_code == 409


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"steps": ["slog", "slog"]}, "steps.1", "Step 2: SLOG is already step 1."),
        ({"steps": ["slog", "nope"]}, "steps.1", "There is no board nope."),
        ({"steps": []}, "steps.0", "Choose at least one board"),
        ({"final_board": "slog", "steps": ["slog"]}, "final_board", "SLOG is already the last"),
        ({"final_decision_maker": "nobody"}, "final_decision_maker", "There is no person"),
        ({"slug": "other-route"}, "slug", "There is already a governance route with that short"),
    ],
)
def test_a_bad_change_is_refused_naming_the_field_and_changes_nothing(
    client: Any,
    route: GovernanceRoute,
    officer: User,
    region: Region,
    make_route: Callable[[str], GovernanceRoute],
    as_officer: dict[str, str],
    payload: dict[str, Any],
    field: str,
    message: str,
) -> None:
    make_route("other-route")
    response = _send(client, "patch", "/api/routes/deal-route", as_officer, payload)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert errors[0]["field"] == field
    assert errors[0]["message"].startswith(message)
    assert route.history.count() == 1


def test_retiring_without_a_reason_is_refused_naming_it(
    client: Any, route: GovernanceRoute, as_officer: dict[str, str]
) -> None:
    response = _send(client, "post", "/api/routes/deal-route/retire", as_officer, {"reason": " "})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "reason", "message": "Enter why the route is being retired."}
    ]


def test_a_route_in_use_is_not_deleted(
    client: Any, route: GovernanceRoute, as_officer: dict[str, str]
) -> None:
    _used(route)
    response = _send(client, "delete", "/api/routes/deal-route", as_officer)
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert "have used this route, so it cannot be deleted" in response.json()["detail"]
    assert GovernanceRoute.objects.filter(slug="deal-route").exists()


def test_steps_under_a_proposal_on_the_route_are_not_changed(
    client: Any, route: GovernanceRoute, as_officer: dict[str, str]
) -> None:
    _used(route)
    response = _send(client, "patch", "/api/routes/deal-route", as_officer, {"steps": ["dsg"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "steps.0"
    assert [s.board.slug for s in route.steps.order_by("position")] == ["slog", "dsg"]


def test_a_stale_if_match_is_refused(
    client: Any, route: GovernanceRoute, officer: User, as_officer: dict[str, str]
) -> None:
    etag = client.get("/api/routes/deal-route", **as_officer)["ETag"]
    services.route_update(by=officer, route=route, data={"name": "Renamed"})
    for method, url, body in [
        ("patch", "/api/routes/deal-route", {"name": "Mine"}),
        ("post", "/api/routes/deal-route/retire", {"reason": "Not used"}),
    ]:
        response = _send(client, method, url, {**as_officer, "HTTP_IF_MATCH": etag}, body)
        assert response.status_code == 412, url
        assert "Someone else changed this governance route" in response.json()["detail"]
    route.refresh_from_db()
    assert (route.name, route.retired) == ("Renamed", False)


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.PARTNER, Role.ANALYST])
def test_a_role_that_may_not_change_routes_is_refused(
    client: Any, route: GovernanceRoute, make_user: Any, region: Region, role: Role
) -> None:
    headers = _bearer(make_user(role, organisation=region.organisations.get(slug="safe-streets")))
    for method, url, body in [
        (
            "post",
            "/api/routes",
            {"name": "X", "slug": "x", "steps": ["slog"], "final_board": "dsg"},
        ),
        ("patch", "/api/routes/deal-route", {"name": "Mine"}),
        ("delete", "/api/routes/deal-route", None),
        ("post", "/api/routes/deal-route/retire", {"reason": "Mine"}),
        ("post", "/api/routes/deal-route/reinstate", None),
    ]:
        response = _send(client, method, url, headers, body)
        assert response.status_code == 403, (method, url)
        assert response["Content-Type"] == PROBLEM
    route.refresh_from_db()
    assert (route.name, route.retired) == ("Deal route", False)
    assert not GovernanceRoute.objects.filter(slug="x").exists()
