"""The API object: routers from each app, mounted under /api/."""

from ninja import NinjaAPI

from remit.api import problems
from remit.core.api import router as core_router

api = NinjaAPI(
    title="Remit API",
    version="1",
    description=(
        "Read what a region publishes; officers write with a bearer token "
        "(`remit token create USERNAME`). Errors are problem details (RFC 9457)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
problems.install(api)
api.add_router("/", core_router)
