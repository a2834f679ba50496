"""Every write to the registry: one function per use case, attributed and in a transaction."""

from remit.core.services.region import LoadReport
from remit.core.services.region import region_activate
from remit.core.services.region import region_load
from remit.core.services.registry import RouteConflict
from remit.core.services.registry import area_update
from remit.core.services.registry import board_create
from remit.core.services.registry import board_update
from remit.core.services.registry import membership_create
from remit.core.services.registry import membership_update
from remit.core.services.registry import mission_update
from remit.core.services.registry import organisation_create
from remit.core.services.registry import organisation_update
from remit.core.services.registry import person_create
from remit.core.services.registry import person_update
from remit.core.services.registry import refuse_retired_route
from remit.core.services.registry import route_create
from remit.core.services.registry import route_delete
from remit.core.services.registry import route_delete_refusal
from remit.core.services.registry import route_reinstate
from remit.core.services.registry import route_retire
from remit.core.services.registry import route_update
from remit.core.services.registry import said_on

__all__ = [
    "LoadReport",
    "RouteConflict",
    "area_update",
    "board_create",
    "board_update",
    "membership_create",
    "membership_update",
    "mission_update",
    "organisation_create",
    "organisation_update",
    "person_create",
    "person_update",
    "refuse_retired_route",
    "region_activate",
    "region_load",
    "route_create",
    "route_delete",
    "route_delete_refusal",
    "route_reinstate",
    "route_retire",
    "route_update",
    "said_on",
]
