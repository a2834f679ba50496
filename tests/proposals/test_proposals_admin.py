"""The admin: decisions and routes are read-only there; admins see drafts."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory

from remit.core.models import Role
from remit.proposals.models import DecisionEffect
from remit.proposals.models import ForumDecision
from remit.proposals.models import Routing


@pytest.mark.parametrize("model", [ForumDecision, DecisionEffect, Routing])
def test_records_kept_by_services_are_read_only_in_the_admin(model: type, make_user: Any) -> None:
    request = RequestFactory().get("/admin/")
    request.user = make_user(Role.ADMIN)
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_admin_lists_drafts(client: Any, make_user: Any, make_proposal: Any) -> None:
    make_proposal(title="An unpublished draft")
    client.force_login(make_user(Role.ADMIN))
    response = client.get("/admin/proposals/proposal/")
    assert "An unpublished draft" in response.content.decode()


def test_the_openapi_document_lists_the_proposals_endpoints(client: Any, db: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/proposals", "/api/proposals/{pk}/decisions", "/api/deals"} <= set(paths)
    assert paths["/api/proposals"]["get"]["tags"] == ["proposals"]
