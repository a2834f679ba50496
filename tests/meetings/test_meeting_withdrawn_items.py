"""A withdrawn agenda item is shown as withdrawn, with its reason, everywhere: the public and
internal meeting pages, both meeting packs and the minutes; it carries no paper to readers and
asks for none to be written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.errors import DomainError
from remit.core.models import Person
from remit.core.models import User
from remit.meetings import pack
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper

REASON = "The provider withdrew its bid."


@pytest.fixture
def public_meeting(
    meeting: Meeting,
    write_paper: Callable[..., Paper],
    officer: User,
    django_capture_on_commit_callbacks: Any,
) -> dict[str, Any]:
    """An upcoming meeting, public, with two papers; the second item is then withdrawn."""
    kept = write_paper(meeting, title="Progress update")
    dropped = write_paper(meeting, title="Grant to Safe Streets")
    with django_capture_on_commit_callbacks(execute=False):
        services.agenda_publish(by=officer, meeting=meeting)
        services.meeting_publish_public(by=officer, meeting=meeting, build_pack=False)
        services.item_withdraw(by=officer, item=dropped.item, reason=REASON)
    dropped.refresh_from_db()
    return {"meeting": meeting, "kept": kept, "dropped": dropped}


def _line(content: Any, title: str) -> Any:
    return next(line for line in content.agenda if line.title == title)


def test_a_withdrawn_item_shows_as_withdrawn_with_its_reason_on_the_public_meeting_page(
    client: Any, public_meeting: dict[str, Any]
) -> None:
    meeting, kept, dropped = (
        public_meeting["meeting"],
        public_meeting["kept"],
        public_meeting["dropped"],
    )
    body = client.get(reverse("meetings_public:meeting", args=[meeting.pk])).content.decode()
    assert "Grant to Safe Streets" in body
    assert f"This item was withdrawn from the agenda: {REASON}" in body
    assert reverse("meetings_public:paper", args=[dropped.pk]) not in body
    assert reverse("meetings_public:paper", args=[kept.pk]) in body


@pytest.mark.parametrize("audience", [PackBuild.Audience.MEMBERS, PackBuild.Audience.PUBLIC])
def test_a_withdrawn_item_carries_no_paper_in_either_pack_and_says_why(
    public_meeting: dict[str, Any], audience: str
) -> None:
    content = selectors.pack_content(public_meeting["meeting"], audience)
    line = _line(content, "Grant to Safe Streets")
    assert line.withdrawn is True
    assert line.paper is None
    assert line.note == f"Withdrawn: {REASON}"
    assert [p.title for p in content.papers] == ["Progress update"]
    html, _ = pack.prepare(content, open_file=lambda name: None)
    assert f"Withdrawn: {REASON}" in html
    assert "Grant to Safe Streets (late paper)" not in html


def test_withdrawing_an_item_withdraws_its_own_paper_with_the_reason(
    public_meeting: dict[str, Any],
) -> None:
    dropped = public_meeting["dropped"]
    assert dropped.status == Paper.Status.WITHDRAWN
    assert dropped.withdrawn_reason == f"The item was withdrawn: {REASON}"
    item = AgendaItem.objects.get(pk=dropped.item_id)
    assert item.withdrawn_reason == REASON
    assert item.history.first().history_change_reason == f"Withdrawn: {REASON}"


def test_the_meeting_page_offers_no_paper_to_write_for_a_withdrawn_item(
    client: Any, officer: User, meeting: Meeting
) -> None:
    item = services.item_add(
        by=officer, meeting=meeting, data={"kind": "decision", "title": "Violence reduction"}
    )
    client.force_login(officer)
    page = reverse("meetings:meeting", args=[meeting.pk])
    assert reverse("meetings:paper_create", args=[item.pk]) in client.get(page).content.decode()
    services.item_withdraw(by=officer, item=item, reason="Taken at the next meeting instead.")
    body = client.get(page).content.decode()
    assert reverse("meetings:paper_create", args=[item.pk]) not in body
    assert "Taken at the next meeting instead." in body


def test_members_see_a_withdrawn_item_as_withdrawn_without_its_paper(
    client: Any, member_user: User, public_meeting: dict[str, Any]
) -> None:
    client.force_login(member_user)
    body = client.get(
        reverse("meetings:meeting", args=[public_meeting["meeting"].pk])
    ).content.decode()
    assert REASON in body
    assert reverse("meetings:paper", args=[public_meeting["dropped"].pk]) not in body


def test_a_withdrawn_item_leaves_out_the_paper_it_inherited_from_an_inquorate_meeting(
    past: list[Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first, second = past
    paper = write_paper(first, title="Community safety plan")
    services.agenda_publish(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    hold(first, officer, present=[chair])
    rolled = second.items.get(rolled_from=paper.item)
    with django_capture_on_commit_callbacks(execute=False):
        services.item_withdraw(by=officer, item=rolled, reason="Superseded by the new plan.")
    paper.refresh_from_db()
    assert paper.status == Paper.Status.MEMBERS, "the earlier meeting keeps its paper"
    line = _line(selectors.pack_content(second, PackBuild.Audience.MEMBERS), rolled.title)
    assert line.paper is None
    assert line.note.startswith("Withdrawn: Superseded by the new plan.")


def test_approved_minutes_list_withdrawn_items_with_their_reason(
    client: Any, recorded: dict[str, Any], officer: User
) -> None:
    item = AgendaItem.objects.filter(meeting=recorded["first"]).first()
    assert item is not None
    AgendaItem.objects.filter(pk=item.pk).update(state="withdrawn", withdrawn_reason=REASON)
    body = client.get(
        reverse("meetings_public:minutes", args=[recorded["first"].pk])
    ).content.decode()
    assert "Withdrawn items" in body
    assert REASON in body


def test_the_api_agenda_gives_a_withdrawn_item_its_reason_and_no_paper(
    client: Any, public_meeting: dict[str, Any]
) -> None:
    items = client.get(f"/api/meetings/{public_meeting['meeting'].pk}/items").json()
    item = next(i for i in items if i["title"] == "Grant to Safe Streets")
    assert (item["state"], item["withdrawn_reason"], item["paper"]) == ("withdrawn", REASON, None)


def test_a_withdrawn_item_takes_no_paper(
    officer: User, meeting: Meeting, write_paper: Callable[..., Paper]
) -> None:
    item = services.item_add(
        by=officer, meeting=meeting, data={"kind": "decision", "title": "Violence reduction"}
    )
    services.item_withdraw(by=officer, item=item, reason="Taken at the next meeting instead.")
    with pytest.raises(DomainError, match="was withdrawn from the agenda") as caught:
        services.paper_create(
            by=officer, item=item, data={"title": "Violence reduction", "purpose": "To decide."}
        )
    assert caught.value.field == "item"
    assert not Paper.objects.filter(item=item).exists()
