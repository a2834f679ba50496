"""Form fields for figures as people type them: "£45,000", "285,478", "12.5%"."""

from __future__ import annotations

from typing import Any

from django import forms

_TYPED_EXTRAS = ("£", ",", " ", "\u00a0", "%")


def typed_figure(text: str) -> str:
    """A typed figure without its pound sign, thousands commas, spaces or per cent sign."""
    for extra in _TYPED_EXTRAS:
        text = text.replace(extra, "")
    return text.strip()


class FigureField(forms.DecimalField):
    """A decimal figure; a pound sign, commas and spaces are allowed as typed."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value: Any) -> Any:
        return super().to_python(typed_figure(value) if isinstance(value, str) else value)


class WholeNumberField(forms.IntegerField):
    """A whole number; commas and spaces are allowed as typed."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value: Any) -> Any:
        return super().to_python(typed_figure(value) if isinstance(value, str) else value)
