"""What the API accepts: no NUL character or half a surrogate pair, no number too big to hold.

PostgreSQL cannot store NUL in text, no encoder can write a lone surrogate and no database
column holds a whole number past 64 bits, so all three are refused at the door with 422
naming the field, before any service or query sees them. Bodies are
checked by `Input`, the base of every request schema; query and path parameters by
`check_parameters`, which also reads an empty query parameter as one not sent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models import Choices
from django.http import HttpRequest
from django.http import QueryDict
from django.http.response import HttpResponseBase
from ninja import Field
from ninja import Schema
from pydantic import ValidationInfo
from pydantic import field_validator
from pydantic_core import PydanticCustomError

from remit.core.apikit.problems import invalid_input


def unsafe_text(value: str) -> str | None:
    """Why the text cannot be stored, or None when it can."""
    if "\x00" in value:
        return "must not contain a NUL character (U+0000): remove it and send again"
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return "must not contain half a surrogate pair: send well-formed Unicode text"
    return None


BIGGEST = 2**63 - 1


def unsafe_number(value: int) -> str | None:
    """Why the whole number cannot be stored, or None when it can."""
    if not -BIGGEST - 1 <= value <= BIGGEST:
        return f"must be a whole number between {-BIGGEST - 1} and {BIGGEST}"
    return None


def _first_unsafe(value: Any) -> str | None:
    if isinstance(value, str):
        return unsafe_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return unsafe_number(value)
    if isinstance(value, dict):
        items: list[Any] = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple | set | frozenset):
        items = list(value)
    else:
        return None
    for item in items:
        reason = _first_unsafe(item)
        if reason:
            return reason
    return None


def choice(choices: type[Choices], default: Any = ..., description: str = "") -> Any:
    """A text field that takes one of a model's choices; `Input` refuses any other value."""
    values: list[Any] = list(choices.values)
    return Field(
        default,
        description=description or "One of " + ", ".join(values) + ".",
        json_schema_extra={"enum": [*values, None] if default is None else values},
    )


class Input(Schema):
    """The base of every request schema: text is storable and choices are kept to."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        reason = _first_unsafe(value)
        if reason:
            raise PydanticCustomError("unsafe_text", "{field} " + reason, {"field": name})
        extra = cls.model_fields[name].json_schema_extra if name in cls.model_fields else None
        allowed = extra.get("enum") if isinstance(extra, dict) else None
        if isinstance(value, str) and isinstance(allowed, list) and value not in allowed:
            raise PydanticCustomError(
                "choice",
                "{field} must be one of {allowed}",
                {"field": name, "allowed": ", ".join(map(str, allowed))},
            )
        return value


def _number_text(value: str) -> str | None:
    """Digits past 64 bits are refused wherever they are sent, as no column could match them."""
    digits = value.strip().lstrip("+-")
    if digits.isascii() and digits.isdigit() and len(digits) > 18:
        return unsafe_number(int(digits) * (-1 if value.strip().startswith("-") else 1))
    return None


def check_parameters(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wraps every operation: refuse unsafe text in the path or query; drop empty queries."""

    @functools.wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        errors = [
            {"field": name, "message": f"{name} {reason}"}
            for name, value in kwargs.items()
            if (reason := _first_unsafe(value) or _number_text(str(value)))
        ]
        query = QueryDict(mutable=True)
        for name, values in request.GET.lists():
            for value in values:
                reason = unsafe_text(name) or unsafe_text(value) or _number_text(value)
                if reason:
                    errors.append({"field": name, "message": f"{name} {reason}"})
                elif value != "":
                    query.appendlist(name, value)
        if errors:
            return invalid_input(request, errors)
        query._mutable = False
        request.GET = query  # type: ignore[assignment]
        return run(request, *args, **kwargs)

    return checked
