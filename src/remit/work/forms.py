"""Dismissing a failed background job: the reason is required."""

from __future__ import annotations

from django import forms


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="Why can it be dismissed?",
        help_text="For example, the meeting it built a pack for was cancelled.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the job can be dismissed."},
    )
