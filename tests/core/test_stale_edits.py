"""No lost updates in the registry: an edit made from a copy read before someone else's change is
refused, says what changed, keeps what was typed, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core import services
from remit.core.errors import NotPermitted
from remit.core.models import Board
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.permissions import ALLOW
from remit.core.permissions import Verdict
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import version_of

ORGANISATION = {
    "name": "Safe Streets Trust",
    "slug": "safe-streets",
    "kind": "voluntary_sector",
    "area": "",
    "constituent": "unknown",
    "org_id": "",
    "website": "",
}


def _version(response: Any) -> str:
    return str(response.context["form"]["version"].value())


def test_a_second_organisation_edit_read_at_the_same_version_is_refused_naming_what_changed(
    client: Any, officer: Any, make_user: Any, region: Region
) -> None:
    other = make_user(organisation=officer.organisation)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    client.force_login(officer)
    mine = _version(client.get(url))
    client.force_login(other)
    theirs = _version(client.get(url))
    assert mine == theirs

    first = client.post(url, {**ORGANISATION, "name": "Safe Streets North", "version": theirs})
    assert first.status_code == 302

    client.force_login(officer)
    second = client.post(url, {**ORGANISATION, "website": "https://safe.example", "version": mine})

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this organisation while you were editing it." in body
    assert "Name: Safe Streets Trust → Safe Streets North" in body
    assert 'value="https://safe.example"' in body
    stored = Organisation.objects.get(slug="safe-streets")
    assert (stored.name, stored.website) == ("Safe Streets North", "")
    assert _version(second) == str(version_of(stored))


def test_saving_again_after_a_refusal_keeps_the_second_editors_changes(
    client: Any, officer: Any, region: Region
) -> None:
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    client.force_login(officer)
    read = _version(client.get(url))
    organisation = Organisation.objects.get(slug="safe-streets")
    services.organisation_update(by=officer, organisation=organisation, data={"org_id": "GB-1"})
    refused = client.post(url, {**ORGANISATION, "website": "https://safe.example", "version": read})
    assert refused.status_code == 200

    again = client.post(
        url, {**ORGANISATION, "website": "https://safe.example", "version": _version(refused)}
    )

    assert again.status_code == 302
    assert Organisation.objects.get(slug="safe-streets").website == "https://safe.example"


@pytest.mark.parametrize(
    ("model", "key", "update", "data"),
    [
        (
            Organisation,
            "safe-streets",
            services.organisation_update,
            {"website": "https://x.example"},
        ),
        (Person, "trust-lead", services.person_update, {"job_title": "Director"}),
        (Board, "csp", services.board_update, {"quorum": 3}),
    ],
)
def test_a_registry_save_from_a_stale_version_changes_nothing(
    officer: Any, region: Region, model: Any, key: str, update: Any, data: dict[str, Any]
) -> None:
    record = model.objects.get(slug=key)
    read = version_of(record)
    update(by=officer, **{model._meta.model_name: record, "data": {"name": "Renamed"}})
    with pytest.raises(StaleEdit) as refused:
        update(by=officer, **{model._meta.model_name: record, "data": data, "version": read})
    assert "Name: " in refused.value.message
    record.refresh_from_db()
    assert record.name == "Renamed"
    assert all(getattr(record, name) != value for name, value in data.items())


def test_a_save_at_the_current_version_goes_through(officer: Any, region: Region) -> None:
    person = Person.objects.get(slug="trust-lead")
    services.person_update(
        by=officer, person=person, data={"job_title": "Director"}, version=version_of(person)
    )
    assert Person.objects.get(slug="trust-lead").job_title == "Director"


def test_an_edit_opens_on_the_stored_row_and_asks_who_may_edit_it_of_that_row(
    officer: Any, region: Region
) -> None:
    person = Person.objects.get(slug="trust-lead")
    services.person_update(by=officer, person=person, data={"job_title": "Director"})
    person.job_title = "typed into a form"
    asked: list[str] = []

    def may(fresh: Person) -> Verdict:
        asked.append(fresh.job_title)
        return ALLOW

    fresh = locked_to_edit(person, version_of(person), may)
    assert asked == ["Director"]
    assert fresh.job_title == "Director"


def test_an_edit_refuses_who_may_not_edit_before_saying_what_changed(
    officer: Any, region: Region
) -> None:
    person = Person.objects.get(slug="trust-lead")
    read = version_of(person)
    services.person_update(by=officer, person=person, data={"job_title": "Director"})
    with pytest.raises(NotPermitted, match="Only officers"):
        locked_to_edit(person, read, Verdict(False, "Only officers may edit people."))
    with pytest.raises(StaleEdit, match="Job title"):
        locked_to_edit(person, read, lambda fresh: ALLOW)
