"""Bearer tokens for the API. Only a token's SHA-256 is stored; the token is shown once.

One class answers for every operation. `TokenAuth()` requires a token; `TokenAuth(optional=
True)` reads a request without an `Authorization` header as the public's, and still refuses
a header that carries no valid token, so nobody is silently shown the public view by mistake.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from remit.core.models import ApiToken
from remit.core.models import User

LAST_USED_GRAIN = timedelta(hours=1)
"""A token's last use is kept to the hour, so reading the API does not write on every call."""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    key = "rmt_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=_digest(key), prefix=key[4:12])
    return token, key


class TokenAuth(HttpBearer):
    def __init__(self, *, optional: bool = False) -> None:
        super().__init__()
        self.optional = optional

    def __call__(self, request: HttpRequest) -> Any:
        if self.optional and not request.headers.get("Authorization"):
            return AnonymousUser()
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=_digest(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_GRAIN:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


TOKEN = TokenAuth()
"""A token is required: writes, and reads the pages show only to people signed in."""

TOKEN_OR_PUBLIC = TokenAuth(optional=True)
"""No token reads as the public; a token shows what its holder may see."""
