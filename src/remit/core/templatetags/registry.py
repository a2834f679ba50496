from typing import Any

from django import template

register = template.Library()


@register.filter
def attr_key(obj: Any, name: str) -> Any:
    """The value an entity is addressed by in its URL (slug, code or number)."""
    return getattr(obj, name)
