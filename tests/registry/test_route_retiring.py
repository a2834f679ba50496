"""Retiring a governance route a partnership has stopped using, and reinstating it.

A route anything has used cannot be deleted, so it is retired instead: it is no longer
offered for deals and nothing new is sent along it, while whatever is on it carries on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core import services
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import GovernanceRoute
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.forms import DealForm
from remit.proposals.models import Deal
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import deal_create
from remit.proposals.services import deal_update
from remit.proposals.services import paper_route
from remit.proposals.services import proposal_route

TODAY = timezone.localdate()
SAID = f"{TODAY.day} {TODAY:%B %Y}"


@pytest.fixture
def route_slug() -> str:
    return "old-route"


@pytest.fixture
def deal(route: GovernanceRoute) -> Deal:
    return Deal.objects.create(region=route.region, slug="deal", name="Testshire Deal", route=route)


def _proposal(deal: Deal) -> Proposal:
    theme = Theme.objects.get_or_create(region=deal.region, slug="safety", name="Safer places")[0]
    workstream = Workstream.objects.get_or_create(theme=theme, slug="crime", name="Crime")[0]
    return Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title=f"Proposal {Proposal.all_objects.count() + 1}",
        summary="What it does.",
        ask_type="funding",
        form_of_devolution="single",
    )


def _on_route(deal: Deal, *, state: str = "active") -> Proposal:
    proposal = _proposal(deal)
    first = deal.route.steps.order_by("position").first()
    Routing.objects.create(
        route=deal.route,
        proposal=proposal,
        state=state,
        current_position=1 if state == "active" else None,
        current_board=first.board if first and state == "active" else None,
    )
    return proposal


# The services


def test_a_route_is_retired_with_its_reason_and_history_says_who(
    route: GovernanceRoute, officer: User
) -> None:
    services.route_retire(by=officer, route=route, reason="Replaced by the new board structure")
    route.refresh_from_db()
    assert route.retired
    assert route.retired_on == TODAY
    assert route.retired_reason == "Replaced by the new board structure"
    latest = route.history.order_by("-history_id").first()
    assert latest is not None
    assert latest.history_user == officer
    assert latest.history_change_reason == "Retired: Replaced by the new board structure"


def test_a_retired_route_is_reinstated_with_history(
    route: GovernanceRoute, officer: User, make_user: Any
) -> None:
    admin = make_user(Role.ADMIN)
    services.route_retire(by=officer, route=route, reason="Not used")
    services.route_reinstate(by=admin, route=route)
    route.refresh_from_db()
    assert not route.retired
    assert route.retired_on is None
    assert route.retired_reason == ""
    latest = route.history.order_by("-history_id").first()
    assert latest is not None
    assert (latest.history_user, latest.history_change_reason) == (admin, "Reinstated")


def test_retiring_needs_a_reason_and_changes_nothing_without_one(
    route: GovernanceRoute, officer: User
) -> None:
    with pytest.raises(DomainError) as refused:
        services.route_retire(by=officer, route=route, reason="   ")
    assert refused.value.message == "Enter why the route is being retired."
    assert refused.value.field == "reason"
    route.refresh_from_db()
    assert not route.retired
    assert route.history.count() == 1


def test_a_route_is_retired_once_and_reinstated_only_when_retired(
    route: GovernanceRoute, officer: User
) -> None:
    with pytest.raises(services.RouteConflict, match=r"Old route is in use, not retired\."):
        services.route_reinstate(by=officer, route=route)
    services.route_retire(by=officer, route=route, reason="Not used")
    with pytest.raises(services.RouteConflict) as again:
        services.route_retire(by=officer, route=route, reason="Again")
    assert again.value.message == f"Old route was already retired on {SAID}."
    route.refresh_from_db()
    assert route.retired_reason == "Not used"


def test_a_stale_retire_is_refused(route: GovernanceRoute, officer: User) -> None:
    from remit.core.services.writes import StaleEdit
    from remit.core.services.writes import version_of

    read = version_of(route)
    services.route_update(by=officer, route=route, data={"name": "Renamed"})
    with pytest.raises(StaleEdit):
        services.route_retire(by=officer, route=route, reason="Not used", version=read)
    route.refresh_from_db()
    assert not route.retired


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.PARTNER, Role.ANALYST])
def test_only_officers_and_admins_retire_or_reinstate(
    role: str, make_user: Any, route: GovernanceRoute, region: Region, officer: User
) -> None:
    user = make_user(role, organisation=region.organisations.first())
    with pytest.raises(NotPermitted, match="cannot retire governance routes"):
        services.route_retire(by=user, route=route, reason="Mine")
    services.route_retire(by=officer, route=route, reason="Not used")
    with pytest.raises(NotPermitted, match="cannot retire governance routes"):
        services.route_reinstate(by=user, route=route)
    route.refresh_from_db()
    assert route.retired


def test_a_new_deal_cannot_follow_a_retired_route(
    route: GovernanceRoute, officer: User, region: Region
) -> None:
    services.route_retire(by=officer, route=route, reason="Not used")
    with pytest.raises(DomainError) as refused:
        deal_create(by=officer, region=region, data={"name": "New", "slug": "new", "route": route})
    assert refused.value.field == "route"
    assert refused.value.message == (
        f"Old route was retired on {SAID}, so nothing new can be sent along it. Choose a route "
        "that is in use."
    )
    assert not Deal.objects.filter(slug="new").exists()


def test_a_deal_cannot_move_to_a_retired_route_but_keeps_the_one_it_follows(
    deal: Deal, officer: User, region: Region, make_route: Callable[[str], GovernanceRoute]
) -> None:
    other = make_route("other-route")
    services.route_retire(by=officer, route=other, reason="Not used")
    with pytest.raises(DomainError) as refused:
        deal_update(by=officer, deal=deal, data={"route": other})
    assert refused.value.field == "route"
    services.route_retire(by=officer, route=deal.route, reason="Not used either")
    deal_update(by=officer, deal=deal, data={"name": "Renamed deal", "route": deal.route})
    deal.refresh_from_db()
    assert (deal.name, deal.route.slug) == ("Renamed deal", "old-route")


def test_nothing_new_is_sent_along_a_retired_route(
    deal: Deal, officer: User, make_user: Any
) -> None:
    proposal = _proposal(deal)
    paper = PositionPaper.objects.create(deal=deal, title="Paper")
    paper.proposals.add(proposal)
    services.route_retire(by=officer, route=deal.route, reason="Not used")
    admin = make_user(Role.ADMIN)
    for send in (
        lambda: proposal_route(by=admin, proposal=proposal),
        lambda: paper_route(by=admin, paper=paper),
    ):
        with pytest.raises(DomainError) as refused:
            send()
        assert refused.value.field == "route"
        assert "Give the deal a route that is in use, then send it." in refused.value.message
    assert not Routing.objects.exists()


def test_what_is_on_a_retired_route_carries_on(deal: Deal, officer: User) -> None:
    proposal = _on_route(deal)
    services.route_retire(by=officer, route=deal.route, reason="Not used")
    routing = Routing.objects.get(proposal=proposal)
    assert routing.state == "active"
    assert routing.route.retired
    services.route_update(by=officer, route=deal.route, data={"name": "Old route (retired)"})


def test_the_deal_form_offers_routes_in_use_and_the_deal_s_own(
    deal: Deal, officer: User, region: Region, make_route: Callable[[str], GovernanceRoute]
) -> None:
    other = make_route("other-route")
    services.route_retire(by=officer, route=deal.route, reason="Not used")
    fresh = DealForm(region=region)
    assert list(fresh.fields["route"].queryset) == [other]  # type: ignore[attr-defined]
    editing = DealForm(region=region, instance=deal)
    assert set(editing.fields["route"].queryset) == {other, deal.route}  # type: ignore[attr-defined]


# The pages


def test_the_pages_show_a_retired_route_with_its_date_and_reason(
    client: Any,
    officer: User,
    route: GovernanceRoute,
    region: Region,
    make_route: Callable[[str], GovernanceRoute],
) -> None:
    make_route("a-route-in-use")
    services.route_retire(by=officer, route=route, reason="Replaced by the new boards")
    client.force_login(officer)
    listing = client.get(reverse("registry:routes")).content.decode()
    assert f"Retired</strong> on {SAID}: Replaced by the new boards" in listing
    assert listing.index("A route in use") < listing.index("Old route")
    page = client.get(reverse("registry:route", args=["old-route"])).content.decode()
    assert f"Retired on {SAID}: Replaced by the new boards." in page
    assert "Reinstate route" in page
    assert "Retire route" not in page


def test_a_reason_that_ends_with_a_full_stop_is_not_given_a_second_one(
    client: Any, officer: User, route: GovernanceRoute
) -> None:
    services.route_retire(by=officer, route=route, reason="Replaced by the new boards.")
    client.force_login(officer)
    page = client.get(reverse("registry:route", args=["old-route"])).content.decode()
    assert f"Retired on {SAID}: Replaced by the new boards. It is not offered" in page
    assert "boards.." not in page


def test_a_route_is_retired_from_its_page_then_reinstated(
    client: Any, officer: User, route: GovernanceRoute
) -> None:
    client.force_login(officer)
    url = reverse("registry:route_retire", args=["old-route"])
    form = client.get(url)
    assert form.status_code == 200
    assert "Why is the route being retired?" in form.content.decode()
    blank = client.post(url, {"reason": "", "version": form.context["form"]["version"].initial})
    assert blank.status_code == 422
    assert "Enter why the route is being retired." in blank.content.decode()
    done = client.post(
        url,
        {"reason": "Not used", "version": form.context["form"]["version"].initial},
        follow=True,
    )
    assert "Old route retired." in done.content.decode()
    route.refresh_from_db()
    assert route.retired_reason == "Not used"
    again = client.post(reverse("registry:route_reinstate", args=["old-route"]), follow=True)
    assert "Old route reinstated." in again.content.decode()
    route.refresh_from_db()
    assert not route.retired
    history = client.get(reverse("registry:route_history", args=["old-route"])).content.decode()
    assert "Retired: Not used" in history
    assert "Reinstated" in history


def test_a_stale_retire_form_says_what_changed(
    client: Any, officer: User, route: GovernanceRoute
) -> None:
    client.force_login(officer)
    url = reverse("registry:route_retire", args=["old-route"])
    version = client.get(url).context["form"]["version"].initial
    services.route_update(by=officer, route=route, data={"name": "Renamed"})
    response = client.post(url, {"reason": "Not used", "version": version})
    assert response.status_code == 422
    assert "Someone else changed this governance route" in response.content.decode()
    route.refresh_from_db()
    assert not route.retired


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ANALYST])
def test_others_see_no_retire_button_and_are_refused(
    client: Any, make_user: Any, role: str, route: GovernanceRoute, officer: User
) -> None:
    client.force_login(make_user(role))
    page = client.get(reverse("registry:route", args=["old-route"])).content.decode()
    assert "Retire route" not in page
    refused = client.get(reverse("registry:route_retire", args=["old-route"]))
    assert refused.status_code == 403
    assert "cannot retire governance routes" in refused.content.decode()
    services.route_retire(by=officer, route=route, reason="Not used")
    assert (
        "Reinstate route"
        not in client.get(reverse("registry:route", args=["old-route"])).content.decode()
    )
    assert client.post(reverse("registry:route_reinstate", args=["old-route"])).status_code == 403
    route.refresh_from_db()
    assert route.retired


def test_the_proposal_page_does_not_offer_a_retired_route(
    client: Any, deal: Deal, officer: User, make_user: Any
) -> None:
    proposal = _proposal(deal)
    admin = make_user(Role.ADMIN)
    client.force_login(admin)
    url = reverse("proposals:detail", args=[proposal.pk])
    assert "Send to the first forum" in client.get(url).content.decode()
    services.route_retire(by=officer, route=deal.route, reason="Not used")
    page = client.get(url).content.decode()
    assert "Send to the first forum" not in page
    assert f"This deal's route, Old route, was retired on {SAID}." in page


def test_the_retire_form_makes_no_more_queries_with_more_on_the_route(
    client: Any, officer: User, deal: Deal, page_queries_stay_flat: Any
) -> None:
    _on_route(deal)
    client.force_login(officer)

    def grow() -> None:
        for _ in range(8):
            _on_route(deal)

    body = page_queries_stay_flat(reverse("registry:route_retire", args=["old-route"]), grow)
    assert "Retire Old route" in body


def test_the_route_list_with_retired_routes_makes_no_more_queries(
    client: Any,
    officer: User,
    region: Region,
    route: GovernanceRoute,
    make_route: Callable[[str], GovernanceRoute],
    page_queries_stay_flat: Any,
) -> None:
    services.route_retire(by=officer, route=route, reason="Not used")
    client.force_login(officer)

    def grow() -> None:
        for n in range(6):
            made = make_route(f"route-{n}")
            services.route_retire(by=officer, route=made, reason=f"Reason {n}")

    body = page_queries_stay_flat(reverse("registry:routes"), grow)
    assert "Reason 5" in body


def test_dates_are_said_as_pages_say_them() -> None:
    assert services.said_on(date(2026, 3, 1)) == "1 March 2026"


def test_the_deal_and_paper_pages_say_their_route_is_retired(
    client: Any, deal: Deal, officer: User, make_user: Any
) -> None:
    paper = PositionPaper.objects.create(deal=deal, title="Paper")
    paper.proposals.add(_proposal(deal))
    services.route_retire(by=officer, route=deal.route, reason="Not used")
    client.force_login(make_user(Role.ADMIN))
    page = client.get(reverse("proposals:deal", args=["deal"])).content.decode()
    assert f"Old route was retired on {SAID}: Not used." in page
    paper_page = client.get(reverse("proposals:paper", args=[paper.pk])).content.decode()
    assert f"This deal's route, Old route, was retired on {SAID}." in paper_page
    assert "Send to the first forum" not in paper_page
