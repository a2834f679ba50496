"""What every app's edit forms share: the version of the record they were read at."""

from __future__ import annotations

from typing import Any
from typing import cast

from django import forms
from django.db import models

from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of


class VersionedForm(forms.BaseForm):
    """Carries the version of the record the form was read at, in a hidden field.

    The service refuses the save when the record has changed since (``StaleEdit``); the form
    then shows what changed, keeps what was typed, and takes the current version, so saving
    again keeps this person's changes knowingly. ``read_version`` is what to pass the service.
    Put it first among the bases; a ModelForm's own instance is the record unless another is
    given as ``record``.
    """

    read_version: int | None = None

    def __init__(self, *args: Any, record: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = record if record is not None else getattr(self, "instance", None)
        field = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        if record is not None:
            field.initial = version_of(record)
        self.fields["version"] = field

    def full_clean(self) -> None:
        super().full_clean()
        cleaned = getattr(self, "cleaned_data", None)
        if cleaned is not None:
            self.read_version = cleaned.pop("version", None)

    def stale(self, error: StaleEdit) -> None:
        """Show what changed since the form was read, and move the form on to that version."""
        data = cast(Any, self.data).copy()
        data[self.add_prefix("version")] = str(error.version)
        self.data = data
        self.add_error(None, error.message)
