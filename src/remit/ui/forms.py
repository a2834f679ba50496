"""Render Django forms as GOV.UK Frontend markup.

Set ``FORM_RENDERER = "remit.ui.forms.GovukFormRenderer"`` and ``{{ form }}``
gives each field as a GOV.UK form group (label, hint, error message and
control) tied together by ids that screen readers follow. The error summary
belongs at the top of the page, above the heading, so pages include
``ui/includes/error_summary.html`` there themselves.

Every Remit form is a ``remit.ui.forms.Form`` or ``ModelForm``: an empty
required field is then named in its message ("Enter the title", "Select the
workstream"), as GOV.UK's error message guidance asks.
"""

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError
from django.forms.forms import DeclarativeFieldsMetaclass
from django.forms.models import ModelFormMetaclass
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name

from remit.ui.constraints import field_of


class GovukFormRenderer(DjangoTemplates):
    """Django's own template engine for forms, pointed at the GOV.UK templates.

    The templates live in this app, so the renderer works whatever the
    project's ``TEMPLATES`` setting says.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


# Django's own words when a required field is left empty; Remit says which field instead.
GENERIC_REQUIRED = str(forms.Field.default_error_messages["required"])
GENERIC_EMPTY_LABEL = "---------"

_VERBS = ("Add ", "Choose ", "Enter ", "Give ", "Say ", "Select ", "Tick ", "Upload ")
_QUESTION_WORDS = ("how ", "what ", "when ", "where ", "which ", "who ", "why ")
_TRAILING_NOTE = re.compile(r"\s*\([^)]*\)$")


def _noun(label: str) -> str:
    """The label as it reads inside a sentence: its note in brackets dropped, first letter
    lower case unless it starts an abbreviation ("RAG status", "CSV file")."""
    text = _TRAILING_NOTE.sub("", label.strip()).rstrip("?:").strip()
    words = text.split()
    proper = len(words) > 1 and words[1][:1].isupper()
    if len(text) > 1 and not text[1].isupper() and not proper:
        text = text[0].lower() + text[1:]
    return text


def is_choice(field: forms.Field) -> bool:
    return isinstance(field, forms.ChoiceField) or isinstance(
        field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple
    )


def required_message(field: forms.Field, label: str) -> str:
    """ "Enter the title", "Select the workstream", "Upload the CSV file": the GOV.UK error
    message for an empty required field, said from its label and the kind of control."""
    label = str(label)
    if label.startswith(_VERBS):
        return _TRAILING_NOTE.sub("", label).rstrip("?:.")
    noun = _noun(label)
    if isinstance(field, forms.FileField):
        verb = "Upload"
    elif isinstance(field, forms.BooleanField):
        return f"Tick the box: {noun}"
    elif is_choice(field):
        verb = "Select"
    else:
        verb = "Enter"
    if noun.startswith(_QUESTION_WORDS):
        return f"{verb} {noun}"
    if isinstance(field, forms.DateField | forms.TimeField):
        return _when(field, noun)
    return f"{verb} the {noun}"


# Django's other messages, said of the field by name (GOV.UK: "Title must be 300 characters
# or fewer"). Only Django's own words are replaced; a form's own message stays.
_DJANGO_WORDS = ("Enter a valid", "Enter a whole number", "Enter a number", "Ensure ", "Select a")


def _said_of(field: forms.Field, label: str) -> dict[str, str]:
    noun = _noun(label).replace("%", "%%")
    name = noun[:1].upper() + noun[1:]
    said = {
        "max_length": f"{name} must be %(limit_value)d characters or fewer",
        "min_length": f"{name} must be %(limit_value)d characters or more",
        "min_value": f"{name} must be %(limit_value)s or more",
        "max_value": f"{name} must be %(limit_value)s or less",
        "max_digits": f"{name} must have no more than %(max)s digits",
        "max_decimal_places": f"{name} must have no more than %(max)s decimal places",
        "invalid_choice": f"Select one of the options for {noun}",
    }
    if isinstance(field, forms.SlugField):
        said["invalid"] = f"{name} must only include letters, numbers, hyphens and underscores"
    elif isinstance(field, forms.DateField):
        said["invalid"] = f"{name} must be a real date"
    elif isinstance(field, forms.TimeField):
        said["invalid"] = f"{name} must be a real time, like 14:30"
    elif isinstance(field, forms.IntegerField):
        said["invalid"] = f"{name} must be a whole number"
    elif isinstance(field, forms.DecimalField | forms.FloatField):
        said["invalid"] = f"{name} must be a number"
    elif isinstance(field, forms.EmailField):
        said["invalid"] = "Enter an email address in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        said["invalid"] = "Enter a web address in the correct format, like https://example.com"
    return said


def _when(field: forms.Field, noun: str) -> str:
    """ "Enter the date decided on", "Enter the date it opens", "Enter the time it starts"."""
    what = "date" if isinstance(field, forms.DateField) else "time"
    if re.search(r"\b(date|time|day)\b", noun):
        return f"Enter the {noun}"
    happens = re.fullmatch(r"(\w+s) (on|at|by)", noun)
    if happens:
        return f"Enter the {what} it {happens.group(1)}"
    return f"Enter the {what} {noun}"


def _plain_choices(field: forms.Field) -> None:
    """A required set of radios has no empty option (it would be ticked before anyone
    chooses); an optional one says "None" rather than dashes."""
    if not isinstance(field.widget, forms.RadioSelect) or isinstance(
        field.widget, forms.CheckboxSelectMultiple
    ):
        return
    if isinstance(field, forms.ModelChoiceField):
        field.empty_label = None if field.required else "None"
        field.widget.choices = field.choices
        return
    if isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if field.required:
            field.choices = [choice for choice in choices if choice[0] not in ("", None)]
        else:
            field.choices = [
                (value, "None" if str(text) == GENERIC_EMPTY_LABEL else text)
                for value, text in choices
            ]


def speak_plainly(fields: dict[str, forms.Field], labels: dict[str, str]) -> None:
    """Give each field the GOV.UK words: a required message naming the field, no dashed
    radio option, and letters-and-hyphens rules said without developer words."""
    for name, field in fields.items():
        label = labels.get(name) or pretty_name(name)
        if isinstance(field, forms.SlugField) and re.search(r"\bslug\b", label, re.I):
            field.label = label = "Short name"
            field.help_text = field.help_text or (
                "Used in web addresses: lower-case letters, numbers and hyphens."
            )
        if str(field.error_messages.get("required")) == GENERIC_REQUIRED:
            field.error_messages["required"] = required_message(field, label)
        for code, message in _said_of(field, label).items():
            if str(field.error_messages.get(code, "Ensure ")).startswith(_DJANGO_WORDS):
                field.error_messages[code] = message
        _plain_choices(field)


class _PlainWords(type):
    """Runs `speak_plainly` once a form is fully made, after its own __init__ has added
    fields, set labels and filled in choices."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        form = super().__call__(*args, **kwargs)
        speak_plainly(form.fields, {n: str(f.label) for n, f in form.fields.items() if f.label})
        return form


class _FormMetaclass(_PlainWords, DeclarativeFieldsMetaclass):
    pass


class _ModelFormMetaclass(_PlainWords, ModelFormMetaclass):
    pass


class Form(forms.Form, metaclass=_FormMetaclass):
    """Every Remit form: its messages and choices in GOV.UK words."""


class ModelForm(forms.ModelForm, metaclass=_ModelFormMetaclass):  # type: ignore[type-arg]
    """Every Remit model form: GOV.UK words, and a broken database rule shown with its own
    message on the field it is about."""

    def _post_clean(self) -> None:
        super()._post_clean()
        problems = self._errors.get(NON_FIELD_ERRORS) if self._errors else None
        if not problems:
            return
        switches = {n for n, f in self.fields.items() if isinstance(f, forms.BooleanField)}
        for constraint in self._meta.model._meta.constraints:
            message = str(constraint.get_violation_error_message())
            name = field_of(constraint, self.fields, switches)
            if name and message in problems:
                problems.data = [e for e in problems.data if _text(e) != message]
                self.add_error(name, message)
        if not problems:
            del self._errors[NON_FIELD_ERRORS]


def _text(error: Any) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


class SignInForm(AuthenticationForm, Form):
    """Django's sign-in form, with its messages in GOV.UK words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
