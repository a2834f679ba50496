"""The demo: a shipped region pack plus one account per role, loaded idempotently."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from remit.core.models import Organisation, Person, Region, Role, User
from remit.core.services.region import LoadReport, region_load
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


@transaction.atomic
def demo_load(*, region_slug: str = "west-midlands") -> tuple[LoadReport, list[DemoAccount]]:
    packs = shipped_packs()
    if region_slug not in packs:
        raise KeyError(f"No shipped region pack '{region_slug}'. Known: {', '.join(sorted(packs))}")
    path = packs[region_slug]
    report = region_load(
        by=None, text=path.read_text(encoding="utf-8"), source=str(path), activate=True
    )
    region = report.region
    partner_org = _partner_organisation(region)
    commissioner = _decision_maker(region)
    member = _board_member(region)
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
