"""Who may do what to the registry: one verdict function per action.

Views, the API and services all call these.

Every rule lives here so that a permissions matrix test can pin each one down.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from remit.core.errors import NotPermitted
from remit.core.models import Role

if TYPE_CHECKING:
    from remit.core.models import Area
    from remit.core.models import Board
    from remit.core.models import Membership
    from remit.core.models import Mission
    from remit.core.models import Organisation
    from remit.core.models import Person


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Verdict(True)
SIGN_IN = Verdict(False, "Sign in to continue.")


def require(verdict: Verdict) -> None:
    """Services call this first: a refusal stops the write with the rule's own reason."""
    if not verdict.allowed:
        raise NotPermitted(verdict.reason)


def signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def role_of(user: Any) -> str | None:
    """The role every app's rules read: none when signed out, admin for a superuser."""
    if not signed_in(user):
        return None
    if user.is_superuser:
        return Role.ADMIN
    return str(user.role)


def person_of(user: Any) -> int | None:
    """The person record a user acts as, if any (anonymous users have none)."""
    return getattr(user, "person_id", None) or None


def organisation_of(user: Any) -> int | None:
    """The organisation a user acts for, if any (anonymous users have none)."""
    return getattr(user, "organisation_id", None) or None


def deny(role: str | None, what: str) -> Verdict:
    """A refusal naming the role; a signed-out user is asked to sign in instead."""
    if role is None:
        return SIGN_IN
    return Verdict(False, f"Your role ({Role(role).label.lower()}) cannot {what}.")


def only_roles(user: Any, roles: Collection[str], what: str) -> Verdict:
    """Allow these roles; refuse anyone else with the reason `deny` gives."""
    role = role_of(user)
    return ALLOW if role in roles else deny(role, what)


def can_view_registry(user: Any) -> Verdict:
    return ALLOW if signed_in(user) else SIGN_IN


def can_view_history(user: Any, obj: object) -> Verdict:
    return ALLOW if signed_in(user) else SIGN_IN


def can_edit_organisation(user: Any, organisation: Organisation | None) -> Verdict:
    """Officers keep the registry; a partner may correct its own organisation's entry only."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.OFFICER):
        return ALLOW
    if role == Role.PARTNER and organisation is not None:
        if organisation.pk is not None and organisation.pk == user.organisation_id:
            return ALLOW
        return Verdict(False, "Partners can only edit their own organisation.")
    return deny(role, "edit organisations")


def can_create_organisation(user: Any) -> Verdict:
    role = role_of(user)
    return ALLOW if role in (Role.ADMIN, Role.OFFICER) else deny(role, "add organisations")


def can_edit_person(user: Any, person: Person | None) -> Verdict:
    """Officers edit anyone; partners their own organisation's people; members themselves."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.OFFICER):
        return ALLOW
    if person is not None and person.pk is not None:
        if role == Role.PARTNER:
            if (
                person.organisation_id is not None
                and person.organisation_id == user.organisation_id
            ):
                return ALLOW
            return Verdict(False, "Partners can only edit people in their own organisation.")
        if role == Role.BOARD_MEMBER:
            if person.pk == user.person_id:
                return ALLOW
            return Verdict(False, "Board members can only edit their own details.")
    return deny(role, "edit people")


def can_create_person(user: Any, organisation: Organisation | None = None) -> Verdict:
    role = role_of(user)
    if role in (Role.ADMIN, Role.OFFICER):
        return ALLOW
    if role == Role.PARTNER:
        if organisation is not None and organisation.pk == user.organisation_id:
            return ALLOW
        return Verdict(False, "Partners can only add people to their own organisation.")
    return deny(role, "add people")


def can_edit_board(user: Any, board: Board | None) -> Verdict:
    role = role_of(user)
    return ALLOW if role in (Role.ADMIN, Role.OFFICER) else deny(role, "edit boards")


def can_edit_route(user: Any) -> Verdict:
    """Governance routes are kept by those who keep the boards they pass through."""
    role = role_of(user)
    return ALLOW if role in (Role.ADMIN, Role.OFFICER) else deny(role, "change governance routes")


def can_retire_route(user: Any) -> Verdict:
    """Retiring a route and reinstating it are for those who may change routes."""
    return ALLOW if can_edit_route(user) else deny(role_of(user), "retire governance routes")


def can_edit_membership(user: Any, membership: Membership | None) -> Verdict:
    role = role_of(user)
    return ALLOW if role in (Role.ADMIN, Role.OFFICER) else deny(role, "change board memberships")


def can_edit_area(user: Any, area: Area | None) -> Verdict:
    """Analysts keep area data (populations) up to date alongside officers."""
    role = role_of(user)
    if role in (Role.ADMIN, Role.OFFICER, Role.ANALYST):
        return ALLOW
    return deny(role, "edit areas")


def can_rename_area(user: Any, area: Area | None) -> Verdict:
    """An area's name, kind and membership of the authority are the registry's, not data."""
    return only_roles(user, (Role.ADMIN, Role.OFFICER), "rename areas or change their kind")


def can_edit_mission(user: Any, mission: Mission | None) -> Verdict:
    role = role_of(user)
    return ALLOW if role in (Role.ADMIN, Role.OFFICER) else deny(role, "edit missions")


def can_load_region(user: Any) -> Verdict:
    role = role_of(user)
    return ALLOW if role == Role.ADMIN else deny(role, "load region packs")
