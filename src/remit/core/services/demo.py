"""The demo: a shipped region pack plus one account per role, loaded idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.core.services.region import LoadReport
from remit.core.services.region import region_load
from remit.regions.pack import read_pack_text
from remit.regions.pack import shipped_packs

DEMO_PASSWORD = "remit-demo"  # noqa: S105 - published demo accounts only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    first_name: str
    last_name: str
    bound_to: str


def _partner_organisation(region: Region) -> Organisation | None:
    for kind in (Organisation.Kind.VOLUNTARY_SECTOR, Organisation.Kind.LOCAL_AUTHORITY):
        found = region.organisations.filter(kind=kind).order_by("name").first()
        if found:
            return found
    return region.organisations.order_by("name").first()


def _decision_maker(region: Region) -> Person | None:
    fund = region.funds.select_related("decision_maker").exclude(decision_maker=None).first()
    if fund:
        return fund.decision_maker
    return region.people.filter(organisation__kind=Organisation.Kind.PCC_OFFICE).first()


def _board_member(region: Region) -> Person | None:
    membership = (
        region.boards.filter(memberships__role="member")
        .values_list("memberships__person", flat=True)
        .first()
    )
    return Person.objects.filter(pk=membership).first() if membership else None


def demo_pack_path(region: str) -> Path:
    """A shipped pack by its region's slug, or any pack file by its path."""
    packs = shipped_packs()
    if region in packs:
        return packs[region]
    path = Path(region)
    if path.is_file():
        return path
    if path.suffix in {".yaml", ".yml"} or "/" in region:
        raise KeyError(f"{region}: no such file. Check the path of the region pack file.")
    raise KeyError(
        f"No shipped region pack '{region}'. Known: {', '.join(sorted(packs))}. "
        "Or give the path of a region pack file."
    )


@transaction.atomic
def demo_load(*, region: str = "west-midlands") -> tuple[LoadReport, list[DemoAccount]]:
    """Load a region pack (a shipped slug or a file) and one account per role from its
    people and boards."""
    path = demo_pack_path(region)
    report = region_load(by=None, text=read_pack_text(path), source=str(path), activate=True)
    loaded = report.region
    partner_org = _partner_organisation(loaded)
    commissioner = _decision_maker(loaded)
    member = _board_member(loaded)
    accounts = [
        DemoAccount("admin", Role.ADMIN, "Ada", "Admin", "all of the site"),
        DemoAccount("officer", Role.OFFICER, "Olu", "Officer", "the policy team"),
        DemoAccount("member", Role.BOARD_MEMBER, "Mo", "Member", str(member or "a board member")),
        DemoAccount("partner", Role.PARTNER, "Pat", "Partner", str(partner_org)),
        DemoAccount(
            "commissioner", Role.DECISION_MAKER, "Cam", "Commissioner", str(commissioner or "")
        ),
        DemoAccount("analyst", Role.ANALYST, "Ana", "Analyst", "indicators and data"),
    ]
    for account in accounts:
        user = User.objects.filter(username=account.username).first() or User(
            username=account.username
        )
        user.role = account.role
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = f"{account.username}@demo.remit.invalid"
        user.is_staff = user.is_superuser = account.role == Role.ADMIN
        user.organisation = partner_org if account.role == Role.PARTNER else None
        user.person = {Role.DECISION_MAKER: commissioner, Role.BOARD_MEMBER: member}.get(
            account.role
        )
        if not user.pk or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.save()
    return report, accounts
