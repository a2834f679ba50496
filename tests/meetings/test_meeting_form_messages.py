"""A private agenda item without its exemption is refused in words, on the exemption field."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting


def test_a_private_item_without_an_exemption_is_told_to_select_one(
    client: Any, officer: Any, meeting: Meeting
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {"kind": "report", "title": "Contract award", "private": "on", "exemption": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Constraint" not in page
    assert "private_item_names_exemption" not in page
    message = "Select the exemption that allows the item to be taken in private"
    assert f'<a href="#id_exemption">{message}' in page
    assert 'id="id_exemption_error"' in page
    assert not AgendaItem.objects.filter(title="Contract award").exists()
