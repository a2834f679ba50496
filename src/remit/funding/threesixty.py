"""Publishing grants in the 360Giving Data Standard: a JSON package, or the spreadsheet's CSV.

Plain records in, plain data out; no Django here. Grant identifiers are ``360G-<prefix>-<id>``.
Organisations keep their org-id.guide identifier (``GB-LAE-…`` for English councils,
``GB-CHC-…`` for charities); one without gets ``360G-<prefix>-org-<slug>``, as 360Giving
allows for organisations with no registered number.

Dates are written in full date-time form. The standard accepts a plain date too, but its
``oneOf`` then leans on a date-time format checker that not every validator has; a full
date-time is valid under both.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from remit.core.spreadsheets import safe_row

SCHEMAS = Path(__file__).resolve().parent / "schemas"
GRANT_SCHEMA = "360-giving-schema.json"
PACKAGE_SCHEMA = "360-giving-package-schema.json"
VERSION = "1.4"
CURRENCY = "GBP"
GEO_CODE_TYPES = {
    "E06": "UA",
    "W06": "UA",
    "E07": "NMD",
    "E08": "MD",
    "E09": "LONB",
    "E10": "CTY",
    "E05": "WD",
    "E01": "LSOA",
    "E02": "MSOA",
    "E22": "CSP",
    "E23": "PFA",
}
ONE_AREA = "GLS050"
SEVERAL_AREAS = "GLS040"
CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:Name",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
    "From An Open Call?",
    "Last Modified",
    "URL",
)


class ExportError(ValueError):
    """An export that is not valid 360Giving data; ``path`` locates the first problem."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.message = message
        self.path = path


@dataclass(frozen=True)
class Organisation:
    identifier: str
    name: str


@dataclass(frozen=True)
class Location:
    code: str
    name: str


@dataclass(frozen=True)
class Disbursement:
    """Money paid to the recipient: a 360Giving disbursement transaction (a reversal is a
    negative one)."""

    identifier: str
    paid_on: date
    amount_pence: int
    description: str
    modified: datetime


@dataclass(frozen=True)
class GrantRecord:
    identifier: str
    title: str
    description: str
    amount_awarded_pence: int
    amount_applied_for_pence: int
    award_date: date
    recipient: Organisation
    funder: Organisation
    programme_code: str
    programme_title: str
    locations: tuple[Location, ...]
    planned_start: date | None
    planned_end: date | None
    modified: datetime
    url: str = ""
    disbursements: tuple[Disbursement, ...] = ()

    @property
    def amount_disbursed_pence(self) -> int:
        return sum(d.amount_pence for d in self.disbursements)


def organisation_identifier(org_id: str, slug: str, prefix: str) -> str:
    """The org-id.guide identifier if the organisation has one, else one under our prefix."""
    return org_id.strip() or f"360G-{prefix}-org-{slug}"


def grant_identifier(prefix: str, key: int | str) -> str:
    return f"360G-{prefix}-{key}"


def _moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.isoformat(timespec="seconds")
    return datetime.combine(value, time(0), tzinfo=UTC).isoformat(timespec="seconds")


def _pounds(pence: int) -> int | float:
    """A JSON number for pence as pounds; two decimal places print exactly as written."""
    whole, part = divmod(pence, 100)
    if part == 0:
        return whole
    return float(Decimal(pence) / 100)


def _location(location: Location) -> dict[str, Any]:
    found: dict[str, Any] = {
        "name": location.name,
        "geoCode": location.code,
        "countryCode": "GB",
    }
    kind = GEO_CODE_TYPES.get(location.code[:3])
    if kind:
        found["geoCodeType"] = kind
    return found


def grant_json(record: GrantRecord) -> dict[str, Any]:
    grant: dict[str, Any] = {
        "id": record.identifier,
        "title": record.title,
        "description": record.description or record.title,
        "currency": CURRENCY,
        "amountAppliedFor": _pounds(record.amount_applied_for_pence),
        "amountAwarded": _pounds(record.amount_awarded_pence),
        "amountDisbursed": _pounds(record.amount_disbursed_pence),
        "awardDate": _moment(record.award_date),
        "recipientOrganization": [
            {"id": record.recipient.identifier, "name": record.recipient.name}
        ],
        "fundingOrganization": [{"id": record.funder.identifier, "name": record.funder.name}],
        "grantProgramme": [{"code": record.programme_code, "title": record.programme_title}],
        "fromOpenCall": "Yes",
        "dateModified": _moment(record.modified),
    }
    if record.planned_start:
        dates: dict[str, Any] = {"startDate": _moment(record.planned_start)}
        if record.planned_end:
            dates["endDate"] = _moment(record.planned_end)
        grant["plannedDates"] = [dates]
    if record.locations:
        grant["beneficiaryLocation"] = [_location(loc) for loc in record.locations]
        grant["locationScope"] = ONE_AREA if len(record.locations) == 1 else SEVERAL_AREAS
    if record.url:
        grant["url"] = record.url
    if record.disbursements:
        grant["disbursementTransaction"] = [_disbursement(d) for d in record.disbursements]
    return grant


def _disbursement(disbursement: Disbursement) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": disbursement.identifier,
        "transactionDate": _moment(disbursement.paid_on),
        "currency": CURRENCY,
        "value": _pounds(disbursement.amount_pence),
        "dateModified": _moment(disbursement.modified),
    }
    if disbursement.description:
        found["description"] = disbursement.description
    return found


def package_json(
    records: Sequence[GrantRecord], *, publisher: Organisation, title: str, issued: datetime
) -> dict[str, Any]:
    return {
        "grants": [grant_json(record) for record in records],
        "version": VERSION,
        "title": title,
        "issued": _moment(issued),
        "modified": _moment(max((r.modified for r in records), default=issued)),
        "publisher": {"identifier": publisher.identifier, "name": publisher.name},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }


def _money_text(pence: int) -> str:
    whole, part = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 else ''}{whole}.{part:02d}"


def to_csv(records: Sequence[GrantRecord]) -> str:
    """The 360Giving spreadsheet layout: one row per grant and location."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        for location in record.locations or (None,):
            writer.writerow(
                safe_row(
                    [
                        record.identifier,
                        record.title,
                        record.description or record.title,
                        CURRENCY,
                        _money_text(record.amount_applied_for_pence),
                        _money_text(record.amount_awarded_pence),
                        _money_text(record.amount_disbursed_pence),
                        record.award_date.isoformat(),
                        record.planned_start.isoformat() if record.planned_start else "",
                        record.planned_end.isoformat() if record.planned_end else "",
                        record.recipient.identifier,
                        record.recipient.name,
                        record.funder.identifier,
                        record.funder.name,
                        record.programme_code,
                        record.programme_title,
                        location.name if location else "",
                        location.code if location else "",
                        GEO_CODE_TYPES.get(location.code[:3], "") if location else "",
                        "Yes",
                        _moment(record.modified),
                        record.url,
                    ]
                )
            )
    return out.getvalue()


def load_schemas(directory: Path = SCHEMAS) -> tuple[dict[str, Any], dict[str, Any]]:
    """The grant and package schemas from a directory (the shipped copy by default)."""
    grant = json.loads((directory / GRANT_SCHEMA).read_text(encoding="utf-8"))
    package = json.loads((directory / PACKAGE_SCHEMA).read_text(encoding="utf-8"))
    return grant, package


def package_validator(directory: Path = SCHEMAS) -> Any:
    """A validator for packages that finds the grant schema locally, never on the network.

    The package schema names the grant schema by its published URL; the local copy is
    registered under that URL (and its own ``$id``) as a draft 2020-12 resource. The schemas
    declare their dialect with an ``http:`` URL, so the specification is given explicitly.
    """
    from jsonschema import Draft202012Validator
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    grant, package = load_schemas(directory)
    resource = DRAFT202012.create_resource(grant)
    reference = package["properties"]["grants"]["items"]["$ref"]
    registry: Registry[Any] = Registry().with_resources(
        [(reference, resource), (grant["$id"], resource)]
    )
    return Draft202012Validator(
        package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems(data: dict[str, Any], directory: Path = SCHEMAS) -> list[str]:
    """Every way the package breaks the standard, each with its path, most specific first."""
    validator = package_validator(directory)
    found = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(package)"
        found.append(f"{where}: {error.message}")
    return found


def check(data: dict[str, Any], directory: Path = SCHEMAS) -> None:
    found = problems(data, directory)
    if found:
        first, _, message = found[0].partition(": ")
        raise ExportError(message, first)
