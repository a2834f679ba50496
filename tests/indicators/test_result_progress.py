"""Keeping a result up to date from its page: progress, milestones, and the history of both."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import Result

TODAY = timezone.localdate()


@pytest.fixture
def analyst(make_user: Callable[..., User]) -> User:
    return make_user(Role.ANALYST, first_name="Ana", last_name="Lyst")


@pytest.fixture
def result(region: Region, analyst: User) -> Result:
    return services.result_create(
        by=analyst,
        region=region,
        data={"title": "Safer streets in Northton", "owner_label": "Grant to Safe Streets Trust"},
    )


def test_progress_is_updated_with_a_note_kept_in_the_history(
    client: Any, analyst: User, result: Result
) -> None:
    client.force_login(analyst)
    page = client.get(reverse("indicators:result", args=[result.pk])).content.decode()
    url = reverse("indicators:result_progress", args=[result.pk])
    assert url in page
    response = client.post(url, {"progress_percent": "40", "note": "Lighting on 2 of 5 streets"})
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.progress_percent == 40
    latest = result.history.first()
    assert latest.history_user == analyst
    assert latest.history_change_reason == "Progress 0% to 40%: Lighting on 2 of 5 streets"


@pytest.mark.parametrize(
    ("data", "field", "says"),
    [
        ({"progress_percent": "140"}, "progress_percent", "Progress must be 100 or less"),
        ({"progress_percent": "-1"}, "progress_percent", "Progress must be 0 or more"),
        ({"progress_percent": ""}, "progress_percent", "Enter the progress"),
        (
            {"progress_percent": "50", "note": "x" * 1001},
            "note",
            "must be 1000 characters or fewer",
        ),
    ],
)
def test_bad_progress_is_an_error_on_its_field_and_changes_nothing(
    client: Any, analyst: User, result: Result, data: dict[str, str], field: str, says: str
) -> None:
    client.force_login(analyst)
    response = client.post(reverse("indicators:result_progress", args=[result.pk]), data)
    assert response.status_code == 200
    assert says in response.context["form"].errors[field][0]
    result.refresh_from_db()
    assert result.progress_percent == 0
    assert result.history.count() == 1


def test_the_service_refuses_a_long_note_and_a_reader(
    make_user: Callable[..., User], analyst: User, result: Result
) -> None:
    with pytest.raises(DomainError) as refused:
        services.result_progress(by=analyst, result=result, percent=10, note="y" * 1001)
    assert refused.value.field == "note"
    with pytest.raises(NotPermitted):
        services.result_progress(by=make_user(Role.BOARD_MEMBER), result=result, percent=10)
    result.refresh_from_db()
    assert result.progress_percent == 0


def test_a_reader_cannot_update_progress_or_milestones(
    client: Any, make_user: Callable[..., User], result: Result
) -> None:
    client.force_login(make_user(Role.BOARD_MEMBER))
    page = client.get(reverse("indicators:result", args=[result.pk])).content.decode()
    assert reverse("indicators:result_progress", args=[result.pk]) not in page
    for name in ("result_progress", "milestone_add"):
        response = client.post(reverse(f"indicators:{name}", args=[result.pk]), {})
        assert response.status_code == 403


def test_milestones_are_added_and_marked_done_from_the_page(
    client: Any, analyst: User, result: Result
) -> None:
    client.force_login(analyst)
    due = TODAY - timedelta(days=2)
    response = client.post(
        reverse("indicators:milestone_add", args=[result.pk]),
        {"title": "Survey of the streets", "due": due.isoformat()},
    )
    assert response.status_code == 302
    milestone = result.milestones.get()
    assert selectors.find_result(result.region, result.pk, analyst).delivery == "red"
    page = client.get(reverse("indicators:result", args=[result.pk])).content.decode()
    done_url = reverse("indicators:milestone_done", args=[result.pk, milestone.pk])
    assert done_url in page
    assert client.post(done_url).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY
    assert selectors.find_result(result.region, result.pk, analyst).delivery == "green"
    again = client.post(done_url, follow=True)
    assert "That milestone is already done." in again.content.decode()


def test_a_milestone_needs_a_title_and_a_date(client: Any, analyst: User, result: Result) -> None:
    client.force_login(analyst)
    response = client.post(reverse("indicators:milestone_add", args=[result.pk]), {"title": ""})
    assert set(response.context["form"].errors) == {"title", "due"}
    assert not result.milestones.exists()


def test_the_history_shows_the_result_and_its_milestones_with_who_and_why(
    client: Any, analyst: User, result: Result
) -> None:
    services.result_progress(by=analyst, result=result, percent=30, note="Survey done")
    milestone = services.milestone_add(
        by=analyst, result=result, data={"title": "Lights installed", "due": TODAY}
    )
    services.milestone_complete(by=analyst, milestone=milestone, on=TODAY)
    entries = selectors.result_history(result)
    assert [(e["what"], e["reason"]) for e in entries] == [
        ("Milestone “Lights installed”", f"Done on {TODAY:%d %B %Y}"),
        ("Milestone “Lights installed”", "Added"),
        ("The result", "Progress 0% to 30%: Survey done"),
        ("The result", "Declared"),
    ]
    assert {e["who"] for e in entries} == {"Ana Lyst"}
    assert entries[2]["changes"] == [{"field": "Progress (%)", "old": "0", "new": "30"}]
    client.force_login(analyst)
    html = client.get(reverse("indicators:result_history", args=[result.pk])).content.decode()
    assert "Milestone “Lights installed”" in html
    assert "Progress 0% to 30%: Survey done" in html
    assert "Ana Lyst" in html
