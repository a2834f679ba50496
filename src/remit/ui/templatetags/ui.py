"""Template helpers for what Django's template language cannot say by itself."""

import copy
from decimal import Decimal
from typing import Any

from django import forms
from django import template
from django.core.paginator import Page
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

from remit.ui.formatting import format_pence
from remit.ui.formatting import format_pounds

register = template.Library()

# GOV.UK Frontend's class for each kind of control, and the modifier it takes
# when the field has an error.
_CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}

# Short answers get a short box, which tells people what is expected.
_NARROW_INPUTS = (forms.DateInput, forms.NumberInput)

_ISO_DATE = "%Y-%m-%d"


@register.filter
def field_kind(field: forms.BoundField) -> str:
    """Name the GOV.UK pattern a field is drawn with.

    One of ``radios``, ``checkboxes`` (several choices), ``checkbox`` (a single
    yes/no box), ``select``, ``textarea``, ``file`` or ``input``.
    """
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.simple_tag
def field_id(field: forms.BoundField) -> str:
    """The id of the control that takes focus for a field: the target of its error link.

    For radios and checkboxes that is the first option; for split widgets the
    first part.
    """
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return ""
    if isinstance(widget, forms.RadioSelect | forms.MultiWidget):
        return f"{id_}_0"
    return str(widget.id_for_label(id_) or id_)


@register.simple_tag
def govuk_widget(field: forms.BoundField) -> SafeString:
    """Render a field's control with GOV.UK classes added to its own.

    A plain ``DateInput`` is drawn as the browser's date picker, which sends
    the ISO dates every ``DateField`` accepts.
    """
    widget = field.field.widget
    kind = field_kind(field)
    base, error = _CONTROL_CLASSES.get(kind, ("", ""))
    classes = [widget.attrs.get("class", ""), base]
    if field.errors:
        classes.append(error)
    if isinstance(widget, _NARROW_INPUTS):
        classes.append("govuk-input--width-10")
    attrs: dict[str, str | bool] = {"class": " ".join(c for c in classes if c)}
    if type(widget) is forms.DateInput and widget.input_type == "text":
        widget = copy.deepcopy(widget)
        widget.input_type = "date"
        widget.format = _ISO_DATE
    return field.as_widget(widget=widget, attrs=attrs)


@register.filter
def pounds(pence: int | str | None) -> str:
    """Integer pence as money, e.g. ``{{ 123456|pounds }}`` gives £1,234.56; blank stays blank."""
    if isinstance(pence, int):
        return format_pence(pence)
    if pence is None or pence == "":
        return ""
    raise TypeError(f"an amount in pence must be an int, not {type(pence).__name__}")


@register.filter
def pounds_decimal(amount: Decimal | int | str | None) -> str:
    """``Decimal`` pounds as money to the penny, e.g. Decimal("1234.5") gives £1,234.50."""
    if isinstance(amount, Decimal | int):
        return format_pounds(amount)
    if amount is None or amount == "":
        return ""
    raise TypeError(f"an amount in pounds must be a Decimal or an int, not {type(amount).__name__}")


@register.filter
def sentence(text: str | None) -> str:
    """Someone's own words ended with one full stop, so a page that goes on after them does
    not show ".." when they typed one themselves."""
    words = (text or "").strip()
    return words if not words or words[-1] in ".!?" else f"{words}."


@register.filter
def elided_pages(page: Page[Any]) -> list[int | str]:
    """Page numbers around the current page, with gaps shown as the paginator's ellipsis."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, key: str, value: Any) -> str:
    """The current query string with one parameter set, so filters survive paging."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    params[key] = str(value)
    return "?" + params.urlencode()


@register.filter
def tag_modifier(status: object) -> str:
    """A status value as the suffix of its ``remit-tag--`` class: ``in_review`` -> ``in-review``."""
    return str(status).strip().lower().replace("_", "-").replace(" ", "-")


_ACTIONS_HEADER = mark_safe(
    '<th scope="col" class="govuk-table__header">'
    '<span class="govuk-visually-hidden">Actions</span></th>'
)


@register.simple_tag
def table_head(*headings: object, numeric: str = "", actions: object = False) -> SafeString:
    """`{% table_head "Bid" "Area" "Amount" numeric="Amount" actions=can_edit %}`: a GOV.UK
    table head written one way. Columns named in ``numeric`` (separated by "|") hold figures,
    so their headings align right over them; ``actions`` adds a last column for row buttons,
    named for screen readers only."""
    numbers = {name for name in numeric.split("|") if name}
    unknown = numbers - {str(heading) for heading in headings}
    if unknown:
        raise template.TemplateSyntaxError(
            f"{{% table_head %}} has no column {sorted(unknown)[0]!r} to mark numeric"
        )
    cells = format_html_join(
        "",
        '<th scope="col" class="govuk-table__header{}">{}</th>',
        (
            (" govuk-table__header--numeric" if str(heading) in numbers else "", heading)
            for heading in headings
        ),
    )
    if actions:
        cells += _ACTIONS_HEADER
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>', cells
    )


class WideTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList, label: Any, labelledby: Any) -> None:
        self.nodelist = nodelist
        self.label = label
        self.labelledby = labelledby

    def render(self, context: template.Context) -> str:
        if self.labelledby is not None:
            name = format_html(' aria-labelledby="{}"', self.labelledby.resolve(context))
        else:
            name = format_html(' aria-label="{}"', self.label.resolve(context))
        return format_html(
            '<div class="remit-wide-table">'
            '<p class="govuk-body-s remit-wide-table__cue">{}</p>'
            '<div class="remit-wide-table__scroll" role="region"{} tabindex="0">{}</div>'
            "</div>",
            WIDE_TABLE_CUE,
            name,
            self.nodelist.render(context),
        )


WIDE_TABLE_CUE = "Scroll sideways to see every column."


@register.tag
def wide_table(parser: template.base.Parser, token: template.base.Token) -> WideTableNode:
    """`{% wide_table "Grants" %}<table>…</table>{% end_wide_table %}`, or
    `{% wide_table labelledby="caption-id" %}`: a table wider than a phone scrolls on its own,
    in a region keyboard users can reach and a screen reader names, with a visible cue and
    its first column kept in view, so the page itself never scrolls sideways."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(
            '{% wide_table %} takes a label, or labelledby="id" of the table\'s caption'
        )
    nodelist = parser.parse(("end_wide_table",))
    parser.delete_first_token()
    argument = bits[1]
    if argument.startswith("labelledby="):
        return WideTableNode(
            nodelist, None, parser.compile_filter(argument.removeprefix("labelledby="))
        )
    return WideTableNode(nodelist, parser.compile_filter(argument), None)
