"""Two people editing the same paper, agenda item or forward plan entry: the second save is
refused rather than silently wiping the first."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from stale_editing import posted
from stale_editing import two_editors

SECTIONS = {
    "sections-TOTAL_FORMS": "1",
    "sections-INITIAL_FORMS": "0",
    "sections-MIN_NUM_FORMS": "0",
    "sections-MAX_NUM_FORMS": "1000",
    "sections-0-heading": "Background",
    "sections-0-body": "The partnership met in shadow form.\n\nIt meets quarterly.",
}


def test_two_paper_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, meeting: Meeting, officer: Any, make_user: Any, write_paper: Any
) -> None:
    paper = write_paper(meeting)
    other = make_user(organisation=officer.organisation)
    url = reverse("meetings:paper_edit", args=[paper.pk])
    mine, theirs = two_editors(client, url, officer, other)
    first = client.post(url, {**posted(theirs, title="Progress to March"), **SECTIONS})
    assert first.status_code == 302

    client.force_login(officer)
    second = client.post(url, {**posted(mine, title="Progress to April"), **SECTIONS})

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this paper while you were editing it." in body
    assert "Progress update → Progress to March" in body
    assert "Progress to April" in body
    assert Paper.objects.get(pk=paper.pk).title == "Progress to March"


def test_two_agenda_item_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, meeting: Meeting, officer: Any, make_user: Any
) -> None:
    item = services.item_add(
        by=officer, meeting=meeting, data={"kind": "report", "title": "Fund update"}
    )
    other = make_user(organisation=officer.organisation)
    url = reverse("meetings:item_edit", args=[item.pk])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, title="Fund allocations")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, title="Fund progress"))

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this agenda item while you were editing it." in body
    assert "Fund update → Fund allocations" in body
    assert "Fund progress" in body
    assert AgendaItem.objects.get(pk=item.pk).title == "Fund allocations"


def test_two_forward_plan_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, officer: Any, make_user: Any, board: Any, rep: Any
) -> None:
    entry = services.forward_plan_add(
        by=officer,
        board=board,
        data={
            "title": "Community safety fund allocations 2019/20",
            "decision_maker": "Police and Crime Commissioner",
            "expected_date": date(2018, 7, 24),
            "contact": rep,
        },
    )
    other = make_user(organisation=officer.organisation)
    url = reverse("meetings:forward_plan_edit", args=[entry.pk])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, title="Safety fund 2019/20")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, title="Safety fund 2020/21"))

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this forward plan entry while you were editing it." in body
    assert "Community safety fund allocations 2019/20 → Safety fund 2019/20" in body
    assert "Safety fund 2020/21" in body
    assert ForwardPlanEntry.objects.get(pk=entry.pk).title == "Safety fund 2019/20"
