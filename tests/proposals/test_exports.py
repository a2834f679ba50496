"""The register and coverage downloads: one row per proposal, one column per mission."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from remit.core.models import Mission
from remit.core.models import Region
from remit.proposals.models import MissionAlignment


def _aligned(make_proposal: Any, region: Region) -> Any:
    proposal = make_proposal(title="=HYPERLINK(evil)", amount_pence=123_456)
    for number, strength in [(11, "primary"), (7, "secondary")]:
        MissionAlignment.objects.create(
            proposal=proposal,
            mission=Mission.objects.get(region=region, number=number),
            strength=strength,
            rationale="It helps.",
        )
    make_proposal(title="Unaligned", workstream="youth")
    return proposal


def test_the_csv_register_has_a_column_per_mission(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    client.force_login(officer)
    response = client.get(reverse("proposals:export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))

    assert response["Content-Disposition"] == 'attachment; filename="proposals-register.csv"'
    assert len(rows) == 2
    first = rows[0]
    assert first["Mission 11: Crime"] == "Primary"
    assert first["Mission 7: Health"] == "Secondary"
    assert first["Mission 3: Transport"] == ""
    assert first["Amount (£)"] == "1234.56"


def test_a_title_that_looks_like_a_formula_is_not_run_by_a_spreadsheet(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    client.force_login(officer)
    body = client.get(reverse("proposals:export", args=["csv"])).content.decode()
    assert "'=HYPERLINK(evil)" in body


def test_the_xlsx_register_matches_the_csv(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    client.force_login(officer)
    response = client.get(reverse("proposals:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content))["Register"]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert sheet.max_row == 3
    assert values["Mission 11: Crime"] == "Primary"
    assert values["Amount (£)"] == 1234.56


def test_the_export_follows_the_filters(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    client.force_login(officer)
    response = client.get(reverse("proposals:export", args=["csv"]), {"workstream": "youth"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["Title"] for r in rows] == ["Unaligned"]


def test_the_coverage_matrix_counts_and_flags_unserved_missions(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    client.force_login(officer)
    body = client.get(reverse("proposals:coverage")).content.decode()
    assert "No proposal serves 2 missions: 3 (Transport), 12 (Local leadership)." in body

    download = client.get(reverse("proposals:coverage"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][3:] == [
        "Mission 3: Transport",
        "Mission 7: Health",
        "Mission 11: Crime",
        "Mission 12: Local leadership",
    ]
    assert rows[-2][2:] == ["Primary", "0", "0", "1", "0"]
    assert rows[-1][2:] == ["Secondary", "0", "1", "0", "0"]


def test_the_coverage_matrix_filters_by_theme(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    _aligned(make_proposal, region)
    make_proposal(title="Skills ask", workstream="skills")
    client.force_login(officer)
    body = client.get(reverse("proposals:coverage"), {"theme": "growth"}).content.decode()
    assert "Skills ask" in body
    assert "Unaligned" not in body
    assert "No proposal serves 4 missions" in body


def test_only_csv_and_xlsx_are_offered(client: Any, officer: Any, deal: Any) -> None:
    client.force_login(officer)
    assert client.get(reverse("proposals:export", args=["pdf"])).status_code == 404


def test_control_characters_never_break_the_register_exports(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    from remit.core.models import Organisation

    partner = Organisation.objects.filter(region=region).first()
    assert partner is not None
    Organisation.objects.filter(pk=partner.pk).update(name="Safer\x0bStreets\x07 Trust\x1b")
    proposal = make_proposal(title="Youth\x0cdiversion\x1b")
    proposal.partners.add(partner)
    client.force_login(officer)

    xlsx = client.get(reverse("proposals:export", args=["xlsx"]))
    text = client.get(reverse("proposals:export", args=["csv"])).content.decode()

    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content))["Register"]
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert values["Title"] == "Youth\ndiversion"
    assert values["Partners"] == "Safer\nStreets Trust"
    assert "Safer\nStreets Trust" in text
    assert "\x07" not in text
