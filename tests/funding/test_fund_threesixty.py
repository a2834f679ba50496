"""Openness: the grants register as a 360Giving package valid against the official schema,
and as the 360Giving spreadsheet's CSV, from the command line and the public site."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded
from funding_support import ready
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from typer.testing import CliRunner

from remit.core.models import Organisation
from remit.core.models import User
from remit.funding import threesixty
from remit.funding.cli import grants_app

runner = CliRunner()
SHARED = Path(os.environ.get("REMIT_SHARED", Path(__file__).resolve().parents[3] / "shared"))
STANDARD = SHARED / "standards" / "360giving"


@pytest.fixture
def standard() -> Path:
    if not (STANDARD / "360-giving-package-schema.json").is_file():
        pytest.skip(f"the official 360Giving schemas are not at {STANDARD}")
    return STANDARD


def official_validator(directory: Path) -> Draft202012Validator:
    """The package schema, with the grant schema registered locally under the URL it is
    referred to by; draft 2020-12 is named explicitly because the schemas say `http:`."""
    grant = json.loads((directory / "360-giving-schema.json").read_text())
    package = json.loads((directory / "360-giving-package-schema.json").read_text())
    reference = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resource(reference, DRAFT202012.create_resource(grant))
    return Draft202012Validator(
        package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def published(make_bid: Any, officer: User, commissioner: User, other_partner: User) -> list[Any]:
    other_partner.organisation.org_id = "GB-CHC-1234567"
    other_partner.organisation.save()
    return [
        ready(awarded(make_bid, officer, commissioner), officer),
        ready(
            awarded(make_bid, officer, commissioner, by=other_partner, title="Youth club"), officer
        ),
    ]


def test_the_shipped_schemas_are_the_official_ones_unchanged(standard: Path) -> None:
    for name in ("360-giving-schema.json", "360-giving-package-schema.json"):
        shipped = (threesixty.SCHEMAS / name).read_bytes()
        assert (
            hashlib.sha256(shipped).digest()
            == hashlib.sha256((standard / name).read_bytes()).digest()
        )


def test_the_export_is_valid_against_the_official_schema(
    tmp_path: Path, standard: Path, published: list[Any]
) -> None:
    out = tmp_path / "grants.json"
    result = runner.invoke(grants_app, ["export", "--format", "360giving", "--output", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    errors = list(official_validator(standard).iter_errors(data))
    assert errors == []
    assert len(data["grants"]) == 2


def test_grants_and_organisations_carry_360giving_identifiers(published: list[Any]) -> None:
    result = runner.invoke(grants_app, ["export"])
    data = json.loads(result.stdout)
    by_title = {grant["title"]: grant for grant in data["grants"]}
    charity = by_title["Youth club"]
    trust = by_title["Safer routes home"]
    assert trust["id"] == f"360G-opcc-{published[0].pk}"
    assert charity["recipientOrganization"][0]["id"] == "GB-CHC-1234567"
    assert trust["recipientOrganization"][0]["id"] == "360G-opcc-org-safe-streets"
    assert trust["fundingOrganization"][0] == {
        "id": "360G-opcc-org-opcc",
        "name": "Office of the Testshire PCC",
    }
    assert trust["amountAwarded"] == 20000
    assert trust["awardDate"] == "2018-03-20T00:00:00+00:00"
    assert trust["beneficiaryLocation"] == [
        {"name": "Northton", "geoCode": "E08000901", "countryCode": "GB", "geoCodeType": "MD"}
    ]


def test_a_council_keeps_its_org_id(
    make_bid: Any, officer: User, commissioner: User, council_partner: User
) -> None:
    ready(awarded(make_bid, officer, commissioner, by=council_partner), officer)
    data = json.loads(runner.invoke(grants_app, ["export"]).stdout)
    assert data["grants"][0]["recipientOrganization"][0]["id"] == "GB-LAE-NTN"


def test_pence_are_written_exactly_as_pounds() -> None:
    assert threesixty._pounds(123_456) == 1234.56
    assert json.dumps(threesixty._pounds(123_456)) == "1234.56"
    assert json.dumps(threesixty._pounds(10_000)) == "100"
    assert json.dumps(threesixty._pounds(99_999_999_999_999)) == "999999999999.99"


def test_the_csv_uses_the_360giving_column_titles(published: list[Any]) -> None:
    result = runner.invoke(grants_app, ["export", "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["Identifier"].startswith("360G-opcc-")
    assert {row["Amount Awarded"] for row in rows} == {"20000.00"}
    assert rows[0]["Beneficiary Location:Geographic Code"] == "E08000901"


def test_the_csv_neutralises_text_a_spreadsheet_would_run(
    make_bid: Any, officer: User, commissioner: User, other_partner: User, client: Any
) -> None:
    Organisation.objects.filter(pk=other_partner.organisation.pk).update(
        name='=HYPERLINK("http://evil.example","Click")'
    )
    other_partner.organisation.refresh_from_db()
    bid = awarded(make_bid, officer, commissioner, by=other_partner, title="-2+3")
    ready(bid, officer)

    response = client.get(reverse("funding_public:export_csv"))
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    names = {row["Recipient Org:Name"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Click")' in names
    assert not any(name.startswith("=") for name in names)
    assert {row["Title"] for row in rows} == {"'-2+3"}


def test_no_published_grants_is_a_clear_error(db: Any, region: Any) -> None:
    result = runner.invoke(grants_app, ["export"])
    assert result.exit_code == 2
    assert "has published no grants" in result.stderr


def test_an_invalid_package_is_reported_with_its_path() -> None:
    problems = threesixty.problems({"grants": [{"id": "360G-x-1", "title": "t"}]})
    assert problems
    assert problems[0].startswith("grants/0: ")


def test_unpublished_grants_stay_out_of_the_open_data(
    client: Any, make_bid: Any, officer: User, commissioner: User, published: list[Any]
) -> None:
    awarded(make_bid, officer, commissioner, title="Not on the register")
    response = client.get(reverse("funding_public:export_json"))
    titles = {grant["title"] for grant in json.loads(response.getvalue())["grants"]}
    assert titles == {"Safer routes home", "Youth club"}
    assert Organisation.objects.filter(org_id="GB-CHC-1234567").exists()
