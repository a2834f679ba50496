"""Render Django forms as GOV.UK Frontend markup.

Set ``FORM_RENDERER = "remit.ui.forms.GovukFormRenderer"`` and ``{{ form }}``
gives each field as a GOV.UK form group (label, hint, error message and
control) tied together by ids that screen readers follow. The error summary
belongs at the top of the page, above the heading, so pages include
``ui/includes/error_summary.html`` there themselves.
"""

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    """Django's own template engine for forms, pointed at the GOV.UK templates.

    The templates live in this app, so the renderer works whatever the
    project's ``TEMPLATES`` setting says.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
