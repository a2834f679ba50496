"""Who may do what with indicators, crime data and results: one verdict per action.

Analysts and officers (and administrators) define indicators, load their figures, import
crime data, publish, and keep the results that proposals and grants declare (for a
proposal or grant they can see). Everyone signed in reads all of it, drafts included;
the public reads what is published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from remit.core.models import Role
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import only_roles
from remit.core.permissions import role_of

if TYPE_CHECKING:
    from remit.indicators.models import Indicator
    from remit.indicators.models import Result

KEEPERS = (Role.ADMIN, Role.OFFICER, Role.ANALYST)


def can_view_drafts(user: Any) -> Verdict:
    return ALLOW if role_of(user) is not None else SIGN_IN


def can_view_indicator(user: Any, indicator: Indicator) -> Verdict:
    return ALLOW if indicator.is_published else can_view_drafts(user)


def can_define_indicator(user: Any, indicator: Indicator | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "define indicators")


def can_set_target(user: Any, indicator: Indicator) -> Verdict:
    """Only indicators that measure performance have targets; context figures are facts."""
    verdict = can_define_indicator(user, indicator)
    if verdict and not indicator.is_performance:
        from remit.indicators.models import NO_CONTEXT_TARGET

        return Verdict(False, NO_CONTEXT_TARGET)
    return verdict


def can_load_values(user: Any, indicator: Indicator | None = None) -> Verdict:
    """Uploading a series or refreshing one from the crime store."""
    return only_roles(user, KEEPERS, "load indicator data")


def can_publish_indicator(user: Any, indicator: Indicator | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "publish indicators")


def can_import_crime(user: Any) -> Verdict:
    return only_roles(user, KEEPERS, "import crime data")


def can_view_crime_data(user: Any) -> Verdict:
    return can_view_drafts(user)


def can_view_report(user: Any) -> Verdict:
    return can_view_drafts(user)


def can_view_result(user: Any, result: Result) -> Verdict:
    return ALLOW if result.is_published else can_view_drafts(user)


def can_edit_result(user: Any, result: Result | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "record results")


def can_declare_result(user: Any, owner: Any = None) -> Verdict:
    """Declaring a result for a proposal or grant: a keeper of results who can see that record."""
    verdict = only_roles(user, KEEPERS, "record results")
    if not verdict or owner is None:
        return verdict
    return can_view_owner(user, owner)


def can_view_owner(user: Any, owner: Any) -> Verdict:
    """The proposal or grant declaring a result, by that record's own rule."""
    from remit.indicators.owners import kind_of

    kind = kind_of(owner)
    return kind.may_view(user, owner) if kind else ALLOW
