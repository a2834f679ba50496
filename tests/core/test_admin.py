"""The Django admin is no back door: Remit's records are shown there, never written.

Every registered admin is walked, so a new model registered with a plain admin fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from remit.core.admin import EDITABLE_IN_ADMIN
from remit.core.admin import ReadOnlyModelAdmin
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Role

REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)
READ_ONLY = [(m, a) for m, a in REGISTERED if m._meta.label not in EDITABLE_IN_ADMIN]
REMIT_APPS = {"core", "funding", "proposals", "meetings", "appraisal", "indicators"}


def _label(value: Any) -> str:
    return str(value._meta.label) if hasattr(value, "_meta") else ""


def test_the_admins_that_edit_are_exactly_the_named_accounts_and_other_packages() -> None:
    editable = {m._meta.label for m, a in REGISTERED if not isinstance(a, ReadOnlyModelAdmin)}
    assert editable == EDITABLE_IN_ADMIN
    remit_editable = {label for label in editable if label.split(".")[0] in REMIT_APPS}
    assert remit_editable == {"core.User"}


@pytest.mark.parametrize(("model", "model_admin"), READ_ONLY, ids=lambda v: _label(v))
def test_every_record_whose_rules_live_in_services_is_read_only_in_the_admin(
    model: Any, model_admin: Any, make_user: Any
) -> None:
    request = RequestFactory().get("/admin/")
    request.user = make_user(Role.ADMIN)
    assert isinstance(model_admin, ReadOnlyModelAdmin)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert "delete_selected" not in model_admin.get_actions(request)
    assert model_admin.has_view_permission(request)
    for inline in model_admin.get_inline_instances(request):
        assert not inline.has_add_permission(request, None)
        assert not inline.has_change_permission(request)
        assert not inline.has_delete_permission(request)


@pytest.mark.parametrize(("model", "model_admin"), READ_ONLY, ids=lambda v: _label(v))
def test_every_read_only_admin_list_still_opens(
    client: Any, model: Any, model_admin: Any, make_user: Any
) -> None:
    client.force_login(make_user(Role.ADMIN))
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200


@pytest.fixture
def admin_client_user(client: Any, make_user: Any) -> Any:
    client.force_login(make_user(Role.ADMIN))
    return client


def _organisation_form(organisation: Organisation, **changes: Any) -> dict[str, Any]:
    return {
        "region": organisation.region_id,
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "org_id": organisation.org_id,
        "website": organisation.website,
        **changes,
    }


def test_the_admin_refuses_to_add_change_or_delete_a_registry_record(
    admin_client_user: Any, region: Region
) -> None:
    client = admin_client_user
    organisation = region.organisations.get(slug="safe-streets")
    change = reverse("admin:core_organisation_change", args=[organisation.pk])
    delete = reverse("admin:core_organisation_delete", args=[organisation.pk])
    add = reverse("admin:core_organisation_add")

    assert client.get(change).status_code == 200
    assert client.post(change, _organisation_form(organisation, name="Taken")).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(add, _organisation_form(organisation, slug="new")).status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).name == "Safe Streets Trust"
    assert not Organisation.objects.filter(slug="new").exists()


def test_the_admin_refuses_to_revert_a_record_to_a_past_version(
    admin_client_user: Any, region: Region
) -> None:
    client = admin_client_user
    organisation = region.organisations.get(slug="safe-streets")
    version = organisation.history.latest("history_date")
    revert = reverse(
        "admin:core_organisation_simple_history", args=[organisation.pk, version.history_id]
    )

    assert client.get(revert).status_code == 200
    response = client.post(revert, _organisation_form(organisation, name="Rewritten"))

    assert response.status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).name == "Safe Streets Trust"
    assert organisation.history.count() == 1
