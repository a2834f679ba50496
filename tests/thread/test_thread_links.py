"""Every link both ways: records link to their place on the thread, and the thread to them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from thread_support import Seeded

from remit.core.models import Region
from remit.core.models import User


def _thread(anchor: str, *, public: bool = False) -> str:
    name = "thread_public:mission" if public else "thread:mission"
    return f"{reverse(name, args=[11])}#{anchor}"


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return str(response.content.decode())


def test_a_grant_page_links_to_its_place_on_the_thread_and_its_proposal(
    client: Any, seeded: Seeded, officer: User
) -> None:
    client.force_login(officer)
    html = _page(client, reverse("funding:grant", args=[seeded.grant.pk]))
    assert _thread(f"grant-{seeded.grant.pk}") in html
    assert "Mission 11: Crime" in html
    unit = seeded.proposals[0]
    assert reverse("proposals:detail", args=[unit.pk]) in html
    public = _page(client, reverse("funding_public:detail", args=[seeded.grant.pk]))
    assert _thread(f"grant-{seeded.grant.pk}", public=True) in public
    assert reverse("published_proposals:detail", args=[unit.pk]) in public


def test_the_thread_links_to_the_grant(client: Any, seeded: Seeded, officer: User) -> None:
    client.force_login(officer)
    html = _page(client, reverse("thread:mission", args=[11]))
    assert f'id="grant-{seeded.grant.pk}"' in html
    assert reverse("funding:grant", args=[seeded.grant.pk]) in html


def test_an_indicator_page_shows_the_grants_and_proposals_that_claim_to_move_it(
    client: Any, seeded: Seeded, officer: User
) -> None:
    client.force_login(officer)
    html = _page(client, reverse("indicators:detail", args=["violent-crime"]))
    assert _thread("indicator-violent-crime") in html
    assert "Grants that say they will move it" in html
    assert reverse("funding:grant", args=[seeded.grant.pk]) in html
    assert "Proposals that say they will move it" in html
    assert reverse("proposals:detail", args=[seeded.proposals[0].pk]) in html
    public = _page(client, reverse("indicators_public:detail", args=["violent-crime"]))
    assert _thread("indicator-violent-crime", public=True) in public
    assert reverse("funding_public:detail", args=[seeded.grant.pk]) in public
    assert reverse("published_proposals:detail", args=[seeded.proposals[0].pk]) in public


def test_an_indicator_page_names_no_unpublished_grant_to_the_public(
    client: Any, seeded: Seeded, region: Region, officer: User
) -> None:
    from thread_support import make_result

    make_result(region, seeded.unpublished_grant, "Hidden claim", indicator=seeded.indicator)
    public = _page(client, reverse("indicators_public:detail", args=["violent-crime"]))
    assert "Unpublished grant project" not in public
    assert "not yet published" not in public
    client.force_login(officer)
    html = _page(client, reverse("indicators:detail", args=["violent-crime"]))
    assert reverse("funding:grant", args=[seeded.unpublished_grant.pk]) in html


def test_a_proposal_page_links_to_its_thread(client: Any, seeded: Seeded, officer: User) -> None:
    unit = seeded.proposals[0]
    public = _page(client, reverse("published_proposals:detail", args=[unit.pk]))
    assert _thread(f"proposal-{unit.pk}", public=True) in public
    client.force_login(officer)
    html = _page(client, reverse("proposals:detail", args=[unit.pk]))
    assert _thread(f"proposal-{unit.pk}") in html


def test_a_business_case_shows_its_mission_and_proposal(
    client: Any, seeded: Seeded, officer: User
) -> None:
    case = next(c for c in seeded.cases if c.title == "Violence unit business case")
    unit = seeded.proposals[0]
    public = _page(client, reverse("appraisal_public:detail", args=[case.pk]))
    assert _thread(f"case-{case.pk}", public=True) in public
    assert reverse("published_proposals:detail", args=[unit.pk]) in public
    client.force_login(officer)
    html = _page(client, reverse("appraisal:detail", args=[case.pk]))
    assert _thread(f"case-{case.pk}") in html
    assert "The proposal it develops" in html


def test_a_mission_page_links_to_its_thread(client: Any, seeded: Seeded, officer: User) -> None:
    public = _page(client, reverse("indicators_public:mission", args=[11]))
    assert reverse("thread_public:mission", args=[11]) in public
    client.force_login(officer)
    html = _page(client, reverse("indicators:mission", args=[11]))
    assert reverse("thread:mission", args=[11]) in html


def test_the_thread_links_back_to_every_record(client: Any, seeded: Seeded, officer: User) -> None:
    client.force_login(officer)
    html = _page(client, reverse("thread:mission", args=[11]))
    assert reverse("proposals:detail", args=[seeded.proposals[0].pk]) in html
    assert reverse("appraisal:detail", args=[seeded.cases[0].pk]) in html
    assert reverse("indicators:detail", args=["violent-crime"]) in html
    assert reverse("meetings:decision", args=[seeded.public_decision.pk]) in html
    assert reverse("indicators:mission", args=[11]) in html
