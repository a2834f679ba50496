"""An organisation may serve several areas (a fire and rescue service covering four districts),
and the kinds include violence reduction units and community safety partnership areas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.services import region_load

NORTHSHIRE = Path(__file__).resolve().parents[1] / "regions" / "fixtures" / "northshire.yaml"


def _form(org: Organisation, **changes: Any) -> dict[str, Any]:
    data = {
        "name": org.name,
        "slug": org.slug,
        "kind": org.kind,
        "area": "",
        "constituent": "unknown",
        "org_id": org.org_id,
        "website": org.website,
    }
    data.update(changes)
    return data


def test_an_officer_records_the_areas_an_organisation_serves(
    client: Any, officer: Any, region: Region
) -> None:
    org = region.organisations.get(slug="safe-streets")
    both = [area.pk for area in region.areas.all()]
    client.force_login(officer)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    response = client.post(url, _form(org, kind="violence_reduction_unit", areas_served=both))
    assert response.status_code == 302

    org.refresh_from_db()
    assert org.kind == "violence_reduction_unit"
    assert sorted(org.areas_served.values_list("name", flat=True)) == ["Northton", "Southby"]
    latest = org.history.latest()
    assert latest.history_user == officer
    assert "areas served" in latest.history_change_reason

    page = client.get(reverse("registry:detail", args=["organisations", "safe-streets"]))
    body = page.content.decode()
    assert "Areas served" in body
    assert "Northton (E08000901), Southby (E08000902)" in body
    assert "Violence reduction unit" in body


def test_changing_only_the_areas_served_is_recorded_in_history(
    client: Any, officer: Any, region: Region
) -> None:
    org = region.organisations.get(slug="safe-streets")
    before = org.history.count()
    north = region.areas.get(name="Northton")
    client.force_login(officer)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    client.post(url, _form(org, areas_served=[north.pk]))
    assert org.history.count() == before + 1
    client.post(url, _form(org, areas_served=[north.pk]))
    assert org.history.count() == before + 1


def test_another_region_s_area_cannot_be_chosen(client: Any, officer: Any, region: Region) -> None:
    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    away = Area.objects.create(region=other, code="E08000999", name="Away", kind="unitary")
    org = region.organisations.get(slug="safe-streets")
    client.force_login(officer)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    response = client.post(url, _form(org, areas_served=[away.pk]))
    assert response.status_code == 200
    assert not org.areas_served.exists()


@pytest.mark.django_db
def test_a_pack_says_which_areas_an_organisation_serves() -> None:
    region_load(by=None, text=NORTHSHIRE.read_text(encoding="utf-8"))
    fire = Organisation.objects.get(slug="northshire-fire")
    assert fire.kind == "fire_and_rescue"
    assert sorted(fire.areas_served.values_list("code", flat=True)) == [
        "E06099901",
        "E06099902",
        "E06099903",
    ]
    assert Organisation.objects.get(slug="northshire-vru").areas_served.count() == 2
