"""The interactive API docs, served under the site's own Content Security Policy.

Swagger UI's files come from django-ninja's static folder (no CDN); its settings travel as
JSON in a non-executable script element and an external script starts it, so the policy's
`script-src 'self'` holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    template = "api/docs.html"
    # Deep links put a link inside each operation's button, which assistive technology
    # cannot reach; without them every operation is one button.
    default_settings = {"layout": "BaseLayout", "deepLinking": False}

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {"api": api, "swagger_settings": settings})
