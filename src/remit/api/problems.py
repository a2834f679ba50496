"""Problem details (RFC 9457) for every API error, so clients parse one shape."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from remit.api.versions import etag
from remit.core.errors import DomainError, NotPermitted
from remit.core.services.writes import StaleEdit

CONTENT_TYPE = "application/problem+json"


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    title: str,
    detail: str = "",
    errors: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors is not None:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = CONTENT_TYPE
    return response


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "field": ".".join(
                    str(p)
                    for p in e.get("loc", ())
                    if p not in ("body", "payload", "query", "path")
                ),
                "message": e.get("msg", "invalid"),
            }
            for e in exc.errors
        ]
        return problem(
            api, request, 422, "Invalid input", "The request has invalid fields.", errors
        )

    @api.exception_handler(NotPermitted)
    def refused(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        return problem(api, request, 403, "Not permitted", exc.message)

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        changes = [{"field": c.label, "message": f"{c.old} → {c.new}"} for c in exc.changes]
        response = problem(api, request, 412, "Changed since you read it", exc.message, changes)
        response["ETag"] = etag(exc.version)
        return response

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": exc.field or "", "message": exc.message}]
        return problem(api, request, 422, "Invalid input", str(exc), errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            api,
            request,
            401,
            "Not signed in",
            "Send a valid API token as `Authorization: Bearer <token>`.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, 404, "Not found", str(exc) or "No such resource.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc.message), "")

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem(
            api, request, 500, "Server error", "Something went wrong; it has been logged."
        )
