"""Render Django forms as GOV.UK Frontend markup.

Set ``FORM_RENDERER = "remit.ui.forms.GovukFormRenderer"`` and ``{{ form }}``
gives an error summary, then each field as a GOV.UK form group (label, hint,
error message and input) linked by ids that screen readers follow.
"""

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    """Django's own template engine for forms, pointed at the GOV.UK templates.

    The templates live in this app, so the renderer works whatever the
    project's ``TEMPLATES`` setting says.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
