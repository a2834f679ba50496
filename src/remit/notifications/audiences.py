"""Who is told about an event, decided by the permission functions of the part the event
belongs to: nobody is told about a thing they could not open.

Each app names its own audiences (``remit.funding.audiences``, ``remit.meetings.audiences``…)
from the two kinds here, so notifications never reach up into the apps that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from django.db.models import Q

from remit.core.models import Membership
from remit.core.models import Role
from remit.core.models import User

if TYPE_CHECKING:
    from remit.core.models import Board

OFFICE_ROLES = (Role.ADMIN, Role.OFFICER)


def active_accounts() -> Any:
    """Every account that can still sign in, oldest first."""
    return User.objects.filter(is_active=True).order_by("pk")


def officers(allowed: Callable[[User], Any]) -> list[User]:
    """Officers and administrators whom ``allowed`` lets do the thing."""
    candidates = active_accounts().filter(Q(role__in=OFFICE_ROLES) | Q(is_superuser=True))
    return [user for user in candidates if allowed(user)]


def board_members(board: Board, allowed: Callable[[User], Any]) -> list[User]:
    """People with a seat on the board today who have an account, and whom ``allowed`` lets in."""
    people = Membership.objects.current().filter(board=board).values("person_id")
    return [user for user in active_accounts().filter(person_id__in=people) if allowed(user)]
