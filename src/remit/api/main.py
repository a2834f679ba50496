"""The API object: routers from each app, mounted under /api/."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from remit.api.docs import LocalSwagger
from remit.api.openapi import ContractSchema
from remit.appraisal.api import router as appraisal_router
from remit.core.api import router as core_router
from remit.core.apikit import problems
from remit.core.apikit.inputs import check_parameters
from remit.funding.api import router as funding_router
from remit.indicators.api import router as indicators_router
from remit.meetings.api import router as meetings_router
from remit.proposals.api import router as proposals_router
from remit.search.api import router as search_router


class RemitAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> ContractSchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractSchema(self, path_prefix)


api = RemitAPI(
    title="Remit API",
    version="1",
    description=(
        "Read what a region publishes; officers write with a bearer token "
        "(`remit token create USERNAME`). Errors are problem details (RFC 9457)."
    ),
    urls_namespace="api",
    docs_url="/docs",
    docs=LocalSwagger(),
)
problems.install(api)
api.add_decorator(check_parameters, mode="view")
api.add_router("/", core_router)
api.add_router("/", meetings_router)
api.add_router("/", appraisal_router)
api.add_router("/", proposals_router)
api.add_router("/", funding_router)
api.add_router("/", indicators_router)
api.add_router("/", search_router)
