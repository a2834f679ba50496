"""A refusal points each person to the part of Remit their role works in, not always to
the registry: a partner to its bids and grants, a board member to their boards' meetings,
the public to the public site."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.test import RequestFactory
from django.urls import reverse

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.core.permissions import Verdict
from remit.ui.views import permission_denied
from remit.ui.views import refuse

pytestmark = pytest.mark.django_db

WAY_ON = {
    Role.PARTNER: ("See your organisation&#x27;s bids and grants", "funding:home"),
    Role.BOARD_MEMBER: ("See your boards&#x27; meetings", "meetings:home"),
    Role.DECISION_MAKER: ("See your work", "portal:home"),
    Role.ANALYST: ("See the indicators", "indicators:home"),
    Role.OFFICER: ("Go to the registry", "registry:home"),
    Role.ADMIN: ("Go to the registry", "registry:home"),
}


def _shows_way_on(html: str, words: str, name: str) -> bool:
    return f'href="{reverse(name)}">{words}</a>' in html


@pytest.mark.parametrize("role", list(WAY_ON))
def test_a_refusal_offers_the_useful_way_on_for_the_role(
    rf: RequestFactory, make_user: Callable[..., User], region: Region, role: str
) -> None:
    request = rf.get("/somewhere/")
    partner_of = {"organisation": region.organisations.get(slug="safe-streets")}
    request.user = make_user(role, **(partner_of if role == Role.PARTNER else {}))
    response = refuse(request, Verdict(False, "Your role cannot do this."))
    assert response.status_code == 403
    words, name = WAY_ON[role]
    assert _shows_way_on(response.content.decode(), words, name)


def test_a_refusal_asks_the_public_to_sign_in_or_points_to_the_public_site(
    rf: RequestFactory, region: Region
) -> None:
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    html = refuse(request, Verdict(False, "Sign in to continue.")).content.decode()
    assert f'href="{reverse("login")}?next=/somewhere/">Sign in</a>' in html
    assert _shows_way_on(html, "Go to the public site", "portal:public_home")


def test_a_refusal_keeps_the_way_on_a_page_gives(rf: RequestFactory, partner: User) -> None:
    request = rf.get("/somewhere/")
    request.user = partner
    html = refuse(
        request,
        Verdict(False, "Not yet published."),
        onward="See published proposals",
        onward_url=reverse("published_proposals:list"),
    ).content.decode()
    assert _shows_way_on(html, "See published proposals", "published_proposals:list")


def test_a_permission_denied_raised_anywhere_offers_the_way_on_for_the_role(
    rf: RequestFactory, make_user: Callable[..., User], region: Region
) -> None:
    request = rf.get("/somewhere/")
    request.user = make_user(Role.BOARD_MEMBER)
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert _shows_way_on(response.content.decode(), *WAY_ON[Role.BOARD_MEMBER])


def test_a_partner_refused_a_registry_page_is_pointed_to_its_bids_and_grants(
    client: Client, partner: User, region: Region
) -> None:
    client.force_login(partner)
    response = client.get(reverse("registry:create", args=["boards"]))
    assert response.status_code == 403
    assert _shows_way_on(response.content.decode(), *WAY_ON[Role.PARTNER])
    assert "Go to the registry" not in response.content.decode()


def test_the_site_answers_permission_denied_with_its_refusal_page(settings: Any) -> None:
    from remit import urls

    assert urls.handler403 == "remit.ui.views.permission_denied"
