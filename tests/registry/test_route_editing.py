"""Governance routes made, changed and deleted in the registry, kept to a pack's rules."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core import services
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import Proposal
from remit.proposals.models import Routing

ROUTE_HISTORY_MOST_QUERIES = 12


def _board(region: Region, slug: str) -> Board:
    return Board.objects.create(region=region, slug=slug, name=slug.upper(), kind="officer_group")


def _steps(route: GovernanceRoute) -> list[str]:
    return [s.board.slug for s in route.steps.order_by("position")]


def _on_route(route: GovernanceRoute, *, state: str = "active") -> Proposal:
    region = route.region
    deal = Deal.objects.get_or_create(
        region=region, slug="deal", defaults={"name": "Testshire Deal", "route": route}
    )[0]
    theme = Theme.objects.get_or_create(region=region, slug="safety", name="Safer places")[0]
    workstream = Workstream.objects.get_or_create(theme=theme, slug="crime", name="Crime")[0]
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title=f"Proposal {Proposal.all_objects.count() + 1}",
        summary="What it does.",
        ask_type="funding",
        form_of_devolution="single",
    )
    first = route.steps.order_by("position").first()
    Routing.objects.create(
        route=route,
        proposal=proposal,
        state=state,
        current_position=1 if state == "active" else None,
        current_board=first.board if first and state == "active" else None,
    )
    return proposal


def test_a_route_is_created_with_its_steps_in_order_and_history_says_who(
    route: GovernanceRoute, officer: User
) -> None:
    assert _steps(route) == ["slog", "dsg"]
    assert route.final_board is not None
    assert route.final_board.slug == "ca-board"
    created = route.history.get()
    assert created.history_user == officer
    assert created.history_change_reason == "Created: steps now 1. SLOG, 2. DSG"


def test_a_route_can_end_with_one_person_deciding_alone(
    officer: User, region: Region, boards: dict[str, Board]
) -> None:
    pcc = Person.objects.get(region=region, slug="commissioner")
    made = services.route_create(
        by=officer,
        region=region,
        data={"name": "PCC", "slug": "pcc", "steps": [boards["slog"]], "final_decision_maker": pcc},
    )
    assert made.final_decision_maker == pcc
    assert made.final_board is None


def _refused_create(by: User, region: Region, data: dict[str, Any]) -> DomainError:
    with pytest.raises(DomainError) as refused:
        services.route_create(by=by, region=region, data={"name": "New", "slug": "new", **data})
    assert not GovernanceRoute.objects.filter(slug="new").exists()
    return refused.value


def test_a_route_needs_a_step(officer: User, region: Region, boards: dict[str, Board]) -> None:
    error = _refused_create(officer, region, {"steps": [], "final_board": boards["ca-board"]})
    assert error.message == "Choose at least one board for the route to pass through."
    assert error.field == "step_1"


def test_a_board_is_a_step_once(officer: User, region: Region, boards: dict[str, Board]) -> None:
    slog, dsg = boards["slog"], boards["dsg"]
    error = _refused_create(
        officer, region, {"steps": [slog, dsg, slog], "final_board": boards["ca-board"]}
    )
    assert error.message == "Step 3: SLOG is already step 1. Choose each board once."
    assert error.field == "step_3"


def test_the_final_board_is_not_also_the_last_step(
    officer: User, region: Region, boards: dict[str, Board]
) -> None:
    error = _refused_create(
        officer, region, {"steps": [boards["slog"]], "final_board": boards["slog"]}
    )
    assert error.message.startswith("SLOG is already the last step.")
    assert error.field == "final_board"


def test_a_step_board_from_another_region_is_refused(
    officer: User, region: Region, boards: dict[str, Board]
) -> None:
    elsewhere = Region.objects.create(slug="elsewhere", name="Elsewhere")
    theirs = _board(elsewhere, "theirs")
    error = _refused_create(
        officer, region, {"steps": [boards["slog"], theirs], "final_board": boards["ca-board"]}
    )
    assert error.message == (
        "Step 2: THEIRS is a board of another region. Choose a board in Testshire."
    )
    assert error.field == "step_2"


def test_a_route_ends_at_a_board_or_a_person_not_both_nor_neither(
    officer: User, region: Region, boards: dict[str, Board]
) -> None:
    pcc = Person.objects.get(region=region, slug="commissioner")
    both = _refused_create(
        officer,
        region,
        {"steps": [boards["slog"]], "final_board": boards["ca-board"], "final_decision_maker": pcc},
    )
    assert both.message == "Choose who takes the final decision: a board or a person, not both."
    neither = _refused_create(officer, region, {"steps": [boards["slog"]]})
    assert neither.message == (
        "Choose who takes the final decision: a board, or a person who decides alone."
    )
    assert neither.field == "final_board"


def test_a_short_name_is_used_once(
    route: GovernanceRoute, officer: User, region: Region, boards: dict[str, Board]
) -> None:
    with pytest.raises(DomainError, match="already a governance route with that short name"):
        services.route_create(
            by=officer,
            region=region,
            data={
                "name": "Again",
                "slug": "deal-route",
                "steps": [boards["dsg"]],
                "final_board": boards["ca-board"],
            },
        )
    assert GovernanceRoute.objects.filter(slug="deal-route").count() == 1


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.PARTNER, Role.ANALYST])
def test_only_officers_and_admins_change_routes(
    role: str, make_user: Any, route: GovernanceRoute, region: Region, boards: dict[str, Board]
) -> None:
    user = make_user(role, organisation=region.organisations.first())
    with pytest.raises(NotPermitted, match="cannot change governance routes"):
        services.route_update(by=user, route=route, data={"name": "Renamed"})
    with pytest.raises(NotPermitted):
        services.route_delete(by=user, route=route)
    route.refresh_from_db()
    assert route.name == "Deal route"


def test_steps_are_reordered_and_replaced_with_history(
    route: GovernanceRoute, make_user: Any, boards: dict[str, Board], region: Region
) -> None:
    admin = make_user(Role.ADMIN)
    extra = _board(region, "fdg")
    services.route_update(
        by=admin, route=route, data={"steps": [boards["dsg"], extra, boards["slog"]]}
    )
    assert _steps(route) == ["dsg", "fdg", "slog"]
    latest = route.history.order_by("-history_id").first()
    assert latest is not None
    assert latest.history_user == admin
    assert latest.history_change_reason == "Edited: steps now 1. DSG, 2. FDG, 3. SLOG"


def test_an_edit_breaking_a_rule_changes_nothing(
    route: GovernanceRoute, officer: User, boards: dict[str, Board]
) -> None:
    with pytest.raises(DomainError, match="Step 2: DSG is already step 1"):
        services.route_update(
            by=officer,
            route=route,
            data={"name": "Renamed", "steps": [boards["dsg"], boards["dsg"]]},
        )
    route.refresh_from_db()
    assert route.name == "Deal route"
    assert _steps(route) == ["slog", "dsg"]
    assert route.history.count() == 1


def test_steps_cannot_change_under_a_proposal_on_the_route(
    route: GovernanceRoute, officer: User, boards: dict[str, Board]
) -> None:
    _on_route(route)
    with pytest.raises(DomainError) as refused:
        services.route_update(by=officer, route=route, data={"steps": [boards["dsg"]]})
    assert refused.value.message.startswith(
        "1 proposal or position paper is on this route now. You cannot change its steps"
    )
    assert _steps(route) == ["slog", "dsg"]
    services.route_update(by=officer, route=route, data={"name": "Renamed route"})
    route.refresh_from_db()
    assert route.name == "Renamed route"


def test_the_final_say_cannot_change_once_decisions_are_recorded_along_it(
    route: GovernanceRoute, officer: User, region: Region
) -> None:
    _on_route(route, state="completed")
    pcc = Person.objects.get(region=region, slug="commissioner")
    with pytest.raises(DomainError, match="Add a new route instead"):
        services.route_update(
            by=officer, route=route, data={"final_board": None, "final_decision_maker": pcc}
        )
    route.refresh_from_db()
    assert route.final_decision_maker is None


def test_a_route_nothing_uses_is_deleted_with_history(
    route: GovernanceRoute, officer: User
) -> None:
    pk = route.pk
    services.route_delete(by=officer, route=route)
    assert not GovernanceRoute.objects.filter(pk=pk).exists()
    gone = GovernanceRoute.history.filter(id=pk).order_by("-history_id").first()
    assert gone is not None
    assert gone.history_type == "-"
    assert gone.history_user == officer


def test_a_route_in_use_is_not_deleted(route: GovernanceRoute, officer: User) -> None:
    _on_route(route)
    _on_route(route)
    with pytest.raises(DomainError) as refused:
        services.route_delete(by=officer, route=route)
    assert refused.value.message == (
        "2 proposals or position papers have used this route, so it cannot be deleted: their "
        "decisions are recorded against its steps."
    )
    assert GovernanceRoute.objects.filter(pk=route.pk).exists()


def test_a_route_a_deal_follows_is_not_deleted(route: GovernanceRoute, officer: User) -> None:
    Deal.objects.create(region=route.region, slug="deal", name="Deal", route=route)
    with pytest.raises(DomainError, match=r"1 deal follows this route\. Move it to another route"):
        services.route_delete(by=officer, route=route)


# The pages


def test_the_route_pages_show_steps_final_say_and_who_is_on_it(
    client: Any, officer: User, route: GovernanceRoute
) -> None:
    proposal = _on_route(route)
    client.force_login(officer)
    listing = client.get(reverse("registry:routes")).content.decode()
    assert "Deal route" in listing
    assert "SLOG, then DSG" in listing
    assert "Add a governance route" in listing
    page = client.get(reverse("registry:route", args=["deal-route"])).content.decode()
    assert "Final endorsement by" in page
    assert "CA-BOARD" in page
    assert proposal.title in page
    assert "Change route" in page
    assert reverse("registry:route_history", args=["deal-route"]) in page
    home = client.get(reverse("registry:home")).content.decode()
    assert reverse("registry:routes") in home


def test_a_route_is_added_from_the_form_skipping_blank_steps(
    client: Any, officer: User, boards: dict[str, Board]
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("registry:route_create"),
        {
            "name": "Mayor's route",
            "slug": "mayors-route",
            "step_1": boards["slog"].pk,
            "step_3": boards["dsg"].pk,
            "final_board": boards["ca-board"].pk,
        },
    )
    assert response.status_code == 302
    made = GovernanceRoute.objects.get(slug="mayors-route")
    assert _steps(made) == ["slog", "dsg"]
    history = client.get(reverse("registry:route_history", args=["mayors-route"]))
    assert "Created: steps now 1. SLOG, 2. DSG" in history.content.decode()


def test_the_form_asks_for_a_first_step(
    client: Any, officer: User, boards: dict[str, Board]
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("registry:route_create"),
        {"name": "None", "slug": "none", "final_board": boards["ca-board"].pk},
    )
    body = response.content.decode()
    assert 'href="#id_step_1"' in body
    assert "Step 1 (optional)" not in body
    assert not GovernanceRoute.objects.filter(slug="none").exists()


def test_a_refusal_lands_on_the_step_the_person_chose(
    client: Any, officer: User, boards: dict[str, Board]
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("registry:route_create"),
        {
            "name": "Twice",
            "slug": "twice",
            "step_1": boards["slog"].pk,
            "step_4": boards["slog"].pk,
            "final_board": boards["ca-board"].pk,
        },
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Step 2: SLOG is already step 1. Choose each board once." in body
    assert 'href="#id_step_4"' in body
    assert not GovernanceRoute.objects.filter(slug="twice").exists()


def test_the_edit_form_keeps_the_steps_and_saves_a_rename(
    client: Any, officer: User, route: GovernanceRoute, boards: dict[str, Board]
) -> None:
    client.force_login(officer)
    url = reverse("registry:route_edit", args=["deal-route"])
    form = client.get(url)
    assert form.status_code == 200
    assert f'<option value="{boards["dsg"].pk}" selected>' in form.content.decode()
    response = client.post(
        url,
        {
            "name": "Renamed",
            "slug": "deal-route",
            "step_1": boards["slog"].pk,
            "step_2": boards["dsg"].pk,
            "final_board": boards["ca-board"].pk,
            "version": form.context["form"]["version"].initial,
        },
    )
    assert response.status_code == 302
    route.refresh_from_db()
    assert route.name == "Renamed"


def test_delete_asks_first_then_deletes(client: Any, officer: User, route: GovernanceRoute) -> None:
    client.force_login(officer)
    url = reverse("registry:route_delete", args=["deal-route"])
    ask = client.get(url).content.decode()
    assert "The route and its steps will be deleted." in ask
    assert GovernanceRoute.objects.filter(slug="deal-route").exists()
    response = client.post(url, follow=True)
    assert "Deal route deleted." in response.content.decode()
    assert not GovernanceRoute.objects.filter(slug="deal-route").exists()


def test_delete_of_a_route_in_use_says_why_and_keeps_it(
    client: Any, officer: User, route: GovernanceRoute
) -> None:
    _on_route(route)
    client.force_login(officer)
    url = reverse("registry:route_delete", args=["deal-route"])
    assert "1 proposal or position paper has used this route" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "1 proposal or position paper has used this route" in response.content.decode()
    assert GovernanceRoute.objects.filter(slug="deal-route").exists()


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ANALYST])
def test_others_see_routes_but_no_edit_buttons_and_are_refused_the_forms(
    client: Any, make_user: Any, role: str, route: GovernanceRoute
) -> None:
    client.force_login(make_user(role))
    page = client.get(reverse("registry:route", args=["deal-route"])).content.decode()
    assert "Deal route" in page
    assert "Change route" not in page
    assert "Delete route" not in page
    assert "Add a governance route" not in client.get(reverse("registry:routes")).content.decode()
    for name, args in [
        ("registry:route_create", []),
        ("registry:route_edit", ["deal-route"]),
        ("registry:route_delete", ["deal-route"]),
    ]:
        refused = client.get(reverse(name, args=args))
        assert refused.status_code == 403
        assert "cannot change governance routes" in refused.content.decode()
    assert client.post(reverse("registry:route_delete", args=["deal-route"])).status_code == 403
    assert GovernanceRoute.objects.filter(slug="deal-route").exists()


def _more_routes(region: Region, boards: dict[str, Board], officer: User) -> None:
    for n in range(8):
        extra = _board(region, f"extra-{n}")
        made = services.route_create(
            by=officer,
            region=region,
            data={
                "name": f"Route {n}",
                "slug": f"route-{n}",
                "steps": [boards["slog"], extra],
                "final_board": boards["ca-board"],
            },
        )
        _on_route(made)


def test_the_route_list_makes_no_more_queries_with_more_routes(
    client: Any,
    officer: User,
    region: Region,
    route: GovernanceRoute,
    boards: dict[str, Board],
    page_queries_stay_flat: Any,
) -> None:
    client.force_login(officer)
    body = page_queries_stay_flat(
        reverse("registry:routes"), lambda: _more_routes(region, boards, officer)
    )
    assert "Route 7" in body


def test_the_route_page_makes_no_more_queries_with_more_on_it(
    client: Any,
    officer: User,
    route: GovernanceRoute,
    page_queries_stay_flat: Any,
) -> None:
    _on_route(route)
    _on_route(route, state="completed")
    client.force_login(officer)

    def grow() -> None:
        for _ in range(8):
            _on_route(route)
        _on_route(route, state="completed")

    body = page_queries_stay_flat(reverse("registry:route", args=["deal-route"]), grow)
    assert "Proposal 11" in body


def test_a_partner_is_told_how_many_are_on_a_route_but_not_shown_drafts(
    client: Any, make_user: Any, route: GovernanceRoute, region: Region
) -> None:
    proposal = _on_route(route)
    client.force_login(make_user(Role.PARTNER, organisation=region.organisations.first()))
    page = client.get(reverse("registry:route", args=["deal-route"])).content.decode()
    assert "1 sent along this route" in page
    assert "only officers who work on proposals can see which" in page
    assert proposal.title not in page
    assert reverse("proposals:detail", args=[proposal.pk]) not in page


def test_a_routes_history_makes_no_more_queries_with_more_changes(
    client: Any,
    officer: User,
    route: GovernanceRoute,
    boards: dict[str, Board],
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    orders = ([boards["dsg"], boards["slog"]], [boards["slog"], boards["dsg"]])

    def edit(numbers: range) -> None:
        for n in numbers:
            route.refresh_from_db()
            services.route_update(
                by=officer,
                route=route,
                data={"name": f"Deal route {n}", "steps": orders[n % 2]},
            )

    client.force_login(officer)
    edit(range(1))
    url = reverse("registry:route_history", args=["deal-route"])
    body = page_queries_stay_flat(url, lambda: edit(range(1, 11)))
    assert body.count('class="remit-history__action"') == 12, "created, then eleven edits"
    for n in range(11):
        assert f'<ins class="remit-history__new">Deal route {n}</ins>' in body
    assert "steps now 1. DSG, 2. SLOG" in body
    assert "steps now 1. SLOG, 2. DSG" in body
    with django_assert_max_num_queries(ROUTE_HISTORY_MOST_QUERIES):
        client.get(url)
