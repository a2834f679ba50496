"""The OpenAPI document as the API behaves: problem responses and security where they apply.

Ninja declares only the success responses an operation names. Every operation here can also
answer with a problem document, so each declares the problems it can give: 404 (nothing
found, or no region loaded) always; 422 when it takes parameters or a body; 401 and 403 when
it reads a token; 409, 412 (changed since read) and 413 when it changes something. Where
the token is optional, an empty security requirement stands beside the bearer one.
"""

from __future__ import annotations

from http.client import responses as reasons
from typing import TYPE_CHECKING
from typing import Any

from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from remit.core.apikit.problems import CONTENT_TYPE
from remit.core.apikit.problems import Problem

if TYPE_CHECKING:
    from ninja import NinjaAPI

PROBLEM_REF = "#/components/schemas/Problem"
READS = {"GET", "HEAD", "OPTIONS"}


def problem_statuses(operation: Operation) -> list[int]:
    statuses = [404]
    if operation.models:
        statuses.append(422)
    if operation.auth_callbacks:
        statuses += [401, 403]
    if set(operation.methods) - READS:
        statuses += [409, 412, 413]
    return sorted(statuses)


class ContractSchema(OpenAPISchema):
    def __init__(self, api: NinjaAPI, path_prefix: str) -> None:
        super().__init__(api, path_prefix)
        self["components"]["schemas"]["Problem"] = Problem.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        defs = self["components"]["schemas"]["Problem"].pop("$defs", {})
        self["components"]["schemas"].update(defs)

    def responses(self, operation: Operation) -> dict[int, Any]:
        result = super().responses(operation)
        for status in problem_statuses(operation):
            result.setdefault(
                status,
                {
                    "description": reasons.get(status, "Problem"),
                    "content": {CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}},
                },
            )
        return result

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        security = super().operation_security(operation)
        if security and any(getattr(a, "optional", False) for a in operation.auth_callbacks):
            return [{}, *security]
        return security
