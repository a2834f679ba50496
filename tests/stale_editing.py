"""Two people editing one record from the same page: what each would send back."""

from __future__ import annotations

from typing import Any


def posted(response: Any, **changes: Any) -> dict[str, Any]:
    """What the form on the page would send back as it stands, with ``changes`` typed in."""
    data: dict[str, Any] = {}
    for field in response.context["form"]:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else value
    data.update(changes)
    return data


def two_editors(client: Any, url: str, officer: Any, other: Any) -> tuple[Any, Any]:
    """The same edit page as read first by ``officer``, then by ``other``."""
    client.force_login(officer)
    mine = client.get(url)
    client.force_login(other)
    theirs = client.get(url)
    return mine, theirs
