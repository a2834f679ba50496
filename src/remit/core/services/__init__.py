"""Every write to the registry: one function per use case, attributed and in a transaction."""

from remit.core.services.region import LoadReport, region_activate, region_load
from remit.core.services.registry import (
    area_update,
    board_create,
    board_update,
    membership_create,
    membership_update,
    mission_update,
    organisation_create,
    organisation_update,
    person_create,
    person_update,
    route_create,
    route_delete,
    route_delete_refusal,
    route_update,
)

__all__ = [
    "LoadReport",
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
    "region_activate",
    "region_load",
    "route_create",
    "route_delete",
    "route_delete_refusal",
    "route_update",
]
