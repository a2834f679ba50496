"""A board seat may belong to no organisation: a co-opted independent member of a police and
crime panel speaks for no council or body, and every page says so rather than naming one."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import Region
from remit.meetings.forms import SubstitutesForm


def _independent(region: Region) -> Membership:
    person = Person.objects.create(
        region=region, slug="independent", name="Alex Thornbury", job_title="Co-opted member"
    )
    return Membership.objects.create(
        board=Board.objects.get(slug="csp"), person=person, role="member", start=date(2019, 1, 1)
    )


def test_an_officer_adds_an_independent_member_by_leaving_the_organisation_empty(
    client: Any, officer: Any, region: Region
) -> None:
    person = Person.objects.create(region=region, slug="co-opted", name="Pat Coopted")
    client.force_login(officer)
    response = client.post(
        reverse("registry:membership_add", args=["csp"]),
        {"person": person.pk, "organisation": "", "role": "member", "start": "2019-04-01"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert membership.organisation is None
    assert membership.represents == "Independent member"
    assert membership.history.latest().history_user == officer


def test_the_board_page_lists_independent_members_after_the_organisations(
    client: Any, officer: Any, region: Region
) -> None:
    _independent(region)
    client.force_login(officer)
    body = client.get(reverse("registry:detail", args=["boards", "csp"])).content.decode()
    assert "2 organisations represented, and independent members" in body
    assert body.index("Northton Council") < body.index("Independent members")
    assert "Alex Thornbury" in body


def test_the_person_page_says_the_member_sits_as_an_independent(
    client: Any, officer: Any, region: Region
) -> None:
    _independent(region)
    client.force_login(officer)
    body = client.get(reverse("registry:detail", args=["people", "independent"])).content.decode()
    assert "member as an independent member" in body


def test_the_api_gives_an_independent_member_no_organisation(client: Any, region: Region) -> None:
    _independent(region)
    seats = client.get("/api/memberships", {"board": "csp"}).json()["items"]
    found = {seat["person"]: seat["organisation"] for seat in seats}
    assert found["independent"] is None
    assert found["northton-rep"] == "northton-council"


def test_no_one_can_be_named_to_stand_in_for_an_independent_member(region: Region) -> None:
    form = SubstitutesForm(membership=_independent(region))
    field = form.fields["substitutes"]
    assert list(field.queryset) == []  # type: ignore[attr-defined]
    assert "represents no organisation" in str(field.help_text)
