"""The preferences form: one question per kind of event, answered with radios."""

from __future__ import annotations

from typing import Any

from django import forms

from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.ui.forms import Form


class PreferencesForm(Form):
    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.value),
                error_messages={"required": f"Choose how to hear when {kind.label.lower()}."},
            )
