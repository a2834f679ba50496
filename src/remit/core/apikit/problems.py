"""Problem details (RFC 9457) for every API error, so clients parse one shape."""

from __future__ import annotations

import json
import logging
from http.client import responses as reasons
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import NinjaAPI
from ninja import Schema
from ninja.errors import AuthenticationError
from ninja.errors import HttpError
from ninja.errors import ValidationError

from remit.core.apikit.versions import etag
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.services.writes import StaleEdit

CONTENT_TYPE = "application/problem+json"

log = logging.getLogger("remit.api")


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    """An error: what went wrong (`title`), for this request (`detail`), per field (`errors`)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None


def problem(
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
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=CONTENT_TYPE
    )


def invalid_input(request: HttpRequest, errors: list[dict[str, Any]]) -> HttpResponse:
    return problem(request, 422, "Invalid input", "The request has invalid fields.", errors)


TITLES = {413: "Request too large"}


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    return problem(request, 413, TITLES[413], f"Send at most {limit:,} bytes in the request body.")


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {
                "field": ".".join(
                    str(p)
                    for p in e.get("loc", ())
                    if p not in ("body", "payload", "query", "path", "filters")
                ),
                "message": e.get("msg", "invalid"),
            }
            for e in exc.errors
        ]
        return invalid_input(request, errors)

    @api.exception_handler(NotPermitted)
    def refused(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
        return problem(request, 403, "Not permitted", exc.message)

    @api.exception_handler(StaleEdit)
    def stale(request: HttpRequest, exc: StaleEdit) -> HttpResponse:
        changes = [{"field": c.label, "message": f"{c.old} → {c.new}"} for c in exc.changes]
        response = problem(request, 412, "Changed since you read it", exc.message, changes)
        response["ETag"] = etag(exc.version)
        return response

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": exc.field or "", "message": exc.message}]
        return problem(request, 422, "Invalid input", str(exc), errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            request,
            401,
            "Not signed in",
            "Send a valid API token as `Authorization: Bearer <token>`.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(request, 404, "Not found", str(exc) or "No such resource.")

    @api.exception_handler(RequestDataTooBig)
    def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        title = TITLES.get(exc.status_code, reasons.get(exc.status_code, "Error"))
        return problem(request, exc.status_code, title, str(exc.message))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("Unexpected error answering %s %s", request.method, request.path)
        return problem(request, 500, "Server error", "Something went wrong; it has been logged.")
