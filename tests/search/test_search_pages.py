"""/search/: each person finds what they may open, with the right link, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from search_support import WORD_PHRASE
from search_support import add_paper

from remit.core.models import User
from remit.meetings.models import Appendix
from remit.meetings.models import Paper
from remit.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def results(client: Client, **params: Any) -> str:
    response = client.get(reverse("search:search"), params)
    assert response.status_code == 200
    return response.content.decode()


def links(html: str) -> list[str]:
    return re.findall(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"', html)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_phrase_only_in_a_word_appendix_finds_its_published_paper(
    client: Client, world: dict[str, Any]
) -> None:
    html = results(client, q=f'"{WORD_PHRASE}"')
    paper = world["public"]
    assert links(html) == [reverse("meetings_public:paper", args=[paper.pk])]
    assert "<mark>turquoise</mark> <mark>lighthouse</mark> <mark>keepers</mark>" in html


def test_words_in_a_pdf_appendix_find_the_paper(client: Client, world: dict[str, Any]) -> None:
    html = results(client, q="saffron")
    assert links(html) == [reverse("meetings_public:paper", args=[world["public"].pk])]


def test_the_public_finds_only_what_is_published(client: Client, world: dict[str, Any]) -> None:
    html = results(client, q="harbour", kind="paper")
    assert "Harbour safety plan" in html.replace("<mark>Harbour</mark>", "Harbour")
    for hidden in ("members briefing", "contract award", "draft thinking"):
        assert hidden not in html


@pytest.mark.parametrize(
    ("who", "papers"),
    [
        ("officer", {"public", "members", "private", "draft"}),
        ("admin", {"public", "members", "private", "draft"}),
        ("member", {"public", "members", "private"}),
        ("outsider", {"public"}),
        ("partner", {"public"}),
        ("analyst", {"public"}),
        ("commissioner", {"public"}),
    ],
)
def test_each_role_finds_the_papers_it_may_open_and_every_link_opens(
    world: dict[str, Any], users: dict[str, User], who: str, papers: set[str]
) -> None:
    client = signed_in(users[who])
    html = results(client, q="harbour", kind="paper")
    found = links(html)
    assert len(found) == len(papers)
    ids = {str(world[name].pk) for name in papers}
    assert {re.search(r"papers/(\d+)/", url).group(1) for url in found} == ids  # type: ignore[union-attr]
    for url in links(results(client, q="harbour")):
        assert client.get(url).status_code == 200, url


def test_a_member_of_the_board_gets_the_inside_page_and_others_the_public_one(
    world: dict[str, Any], users: dict[str, User]
) -> None:
    paper = world["public"]
    inside = reverse("meetings:paper", args=[paper.pk])
    assert inside in links(results(signed_in(users["member"]), q="saffron"))
    assert links(results(signed_in(users["outsider"]), q="saffron")) == [inside]
    assert links(results(Client(), q="saffron")) == [
        reverse("meetings_public:paper", args=[paper.pk])
    ]


def test_the_index_follows_writes_when_they_commit(
    client: Client, world: dict[str, Any], indexed: Callable[[], Any]
) -> None:
    draft: Paper = world["draft"]
    assert "draft thinking" not in results(client, q="thinking")
    with indexed():
        meeting = draft.item.meeting
        meeting.public_at = world["public_meeting"].public_at
        meeting.save()
        draft.status = Paper.Status.PUBLIC
        draft.members_published_at = draft.public_published_at = meeting.public_at
        draft.save()
    assert links(results(client, q="thinking", kind="paper")) == [
        reverse("meetings_public:paper", args=[draft.pk])
    ]
    with indexed():
        Appendix.objects.filter(paper=world["public"], kind=Appendix.Kind.DOCX).delete()
    assert links(results(client, q="turquoise")) == []


def test_a_write_rolled_back_leaves_the_index_alone(world: dict[str, Any]) -> None:
    before = SearchDocument.objects.count()
    add_paper(world["quiet_meeting"], "Never committed", position=9)
    assert SearchDocument.objects.count() == before


def test_filters_by_kind_board_date_and_order(
    client: Client, world: dict[str, Any], users: dict[str, User], board: Any
) -> None:
    officer = signed_in(users["officer"])
    every = links(results(officer, q="harbour"))
    assert len(every) == 8  # four papers and their four agenda items
    assert len(links(results(officer, q="harbour", kind="agenda_item"))) == 4
    assert len(links(results(officer, q="harbour", board=board.pk))) == 8
    assert links(results(officer, q="harbour", board=board.pk + 999)) == []
    later = links(results(officer, q="harbour", kind="paper", **{"from": "2030-05-01"}))
    assert later == [reverse("meetings:paper", args=[world["draft"].pk])]
    newest = links(results(officer, q="harbour", kind="paper", order="newest"))
    assert newest[0] == reverse("meetings:paper", args=[world["draft"].pk])


def test_results_are_grouped_by_kind_with_counts(
    world: dict[str, Any], users: dict[str, User]
) -> None:
    html = results(signed_in(users["officer"]), q="harbour")
    assert re.search(r"<h3[^>]*>Papers</h3>", html)
    assert re.search(r"<h3[^>]*>Agenda items</h3>", html)
    assert "Papers (4)" in html


def test_a_date_that_is_not_a_date_is_named_and_searches_nothing(
    client: Client, world: dict[str, Any]
) -> None:
    html = results(client, q="harbour", **{"from": "30 February"})
    assert "Date from must be a real date" in html
    assert links(html) == []


def test_what_is_typed_is_escaped_on_the_page(client: Client, world: dict[str, Any]) -> None:
    html = results(client, q='<script>alert("x")</script> harbour')
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("typed", ['"', "-", "AND OR NOT", "*", "(((", "NEAR(", "'", "title:"])
def test_search_syntax_typed_is_never_an_error(
    client: Client, world: dict[str, Any], typed: str
) -> None:
    results(client, q=typed)
    results(client, q=f"harbour {typed}")


def test_the_header_of_every_page_has_the_search_box(client: Client, region: Any) -> None:
    html = client.get("/published/meetings/").content.decode()
    assert 'id="header-search"' in html
    assert 'action="/search/"' in html
