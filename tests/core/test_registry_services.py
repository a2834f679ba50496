"""Registry writes: attributed, validated, and refused for the wrong role."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core import services
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Board
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Role


def test_organisation_update_records_who_and_what(region: Region, officer: Any) -> None:
    org = region.organisations.get(slug="safe-streets")

    services.organisation_update(
        by=officer, organisation=org, data={"website": "https://safe.example"}
    )

    org.refresh_from_db()
    assert org.website == "https://safe.example"
    latest = org.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Edited: website"
    assert latest.history_type == "~"


def test_unchanged_save_writes_no_history(region: Region, officer: Any) -> None:
    org = region.organisations.get(slug="safe-streets")
    before = org.history.count()

    services.organisation_update(by=officer, organisation=org, data={"name": org.name})

    assert org.history.count() == before


def test_partner_cannot_edit_another_organisation(region: Region, partner: Any) -> None:
    other = region.organisations.get(slug="northton-council")

    with pytest.raises(NotPermitted, match="own organisation"):
        services.organisation_update(by=partner, organisation=other, data={"name": "Hijacked"})

    other.refresh_from_db()
    assert other.name == "Northton Council"


def test_partner_edits_its_own_organisation(region: Region, partner: Any) -> None:
    own = partner.organisation
    services.organisation_update(by=partner, organisation=own, data={"org_id": "GB-CHC-1234567"})
    own.refresh_from_db()
    assert own.org_id == "GB-CHC-1234567"


def test_invalid_value_names_the_field_and_saves_nothing(region: Region, officer: Any) -> None:
    org = region.organisations.get(slug="safe-streets")

    with pytest.raises(DomainError) as caught:
        services.organisation_update(by=officer, organisation=org, data={"website": "not a url"})

    assert caught.value.field == "website"
    assert Organisation.objects.get(pk=org.pk).website == ""


def test_board_cannot_sit_under_its_own_sub_group(region: Region, officer: Any) -> None:
    parent = region.boards.get(slug="csp")
    child = services.board_create(
        by=officer,
        region=region,
        data={"slug": "csp-sub", "name": "Sub-group", "parent": parent, "quorum": 2},
    )

    with pytest.raises(DomainError) as caught:
        services.board_update(by=officer, board=parent, data={"parent": child})

    assert caught.value.field == "parent"
    assert Board.objects.get(pk=parent.pk).parent is None


def test_membership_must_end_after_it_starts(region: Region, officer: Any) -> None:
    from datetime import date

    membership = region.boards.get(slug="csp").memberships.first()
    assert membership is not None
    with pytest.raises(DomainError):
        services.membership_update(
            by=officer, membership=membership, data={"end": date(2017, 1, 1)}
        )


@pytest.mark.parametrize(
    "change",
    [{"name": "North Town"}, {"kind": "unitary"}, {"constituent": False}],
    ids=["name", "kind", "constituent"],
)
def test_analysts_keep_area_data_but_cannot_rename_areas_or_change_their_kind(
    region: Region, make_user: Any, change: dict[str, Any]
) -> None:
    analyst = make_user(Role.ANALYST)
    area = region.areas.get(code="E08000901")

    with pytest.raises(NotPermitted, match="cannot rename areas or change their kind"):
        services.area_update(by=analyst, area=area, data={"population": 302000, **change})

    kept = region.areas.get(code="E08000901")
    assert (kept.name, kept.kind, kept.constituent, kept.population) == (
        "Northton",
        "metropolitan_district",
        True,
        300000,
    )
    same = {"name": "Northton", "kind": "metropolitan_district", "population": 302000}
    services.area_update(by=analyst, area=area, data=same)
    assert region.areas.get(code="E08000901").population == 302000


def test_analyst_may_correct_a_population_but_not_a_board(region: Region, make_user: Any) -> None:
    analyst = make_user(Role.ANALYST)
    area = region.areas.get(code="E08000901")
    services.area_update(by=analyst, area=area, data={"population": 301000})
    assert region.areas.get(code="E08000901").population == 301000
    with pytest.raises(NotPermitted):
        services.board_update(by=analyst, board=region.boards.get(slug="csp"), data={"quorum": 3})
