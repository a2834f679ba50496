"""In the admin, decisions and minutes can be read but never added, changed or deleted."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Role
from remit.meetings.models import Decision
from remit.meetings.models import Minutes


@pytest.fixture
def admin_client(client: Any, make_user: Any) -> Any:
    client.force_login(make_user(Role.ADMIN))
    return client


@pytest.mark.parametrize("model", ["decision", "minutes"])
def test_the_record_is_listed_read_only(
    admin_client: Any, recorded: dict[str, Any], model: str
) -> None:
    obj = recorded[model]
    changelist = admin_client.get(reverse(f"admin:meetings_{model}_changelist"))
    assert changelist.status_code == 200
    change_url = reverse(f"admin:meetings_{model}_change", args=[obj.pk])
    view = admin_client.get(change_url)
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert (
        admin_client.post(change_url, {"summary": "Changed.", "body": "Changed."}).status_code
        == 403
    )
    assert (
        admin_client.post(
            reverse(f"admin:meetings_{model}_delete", args=[obj.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert admin_client.get(reverse(f"admin:meetings_{model}_add")).status_code == 403


def test_nothing_in_the_record_moved(admin_client: Any, recorded: dict[str, Any]) -> None:
    admin_client.post(
        reverse("admin:meetings_decision_changelist"),
        {"action": "delete_selected", "_selected_action": [recorded["decision"].pk], "post": "yes"},
    )
    assert Decision.objects.filter(pk=recorded["decision"].pk).exists()
    assert Minutes.objects.get(pk=recorded["minutes"].pk).status == "approved"
