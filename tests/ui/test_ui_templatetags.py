"""Template helpers: control ids, GOV.UK classes on controls, money, paging links."""

from decimal import Decimal

import pytest
from django import forms
from django.core.paginator import Paginator
from django.template import Context
from django.template import Template
from django.template import TemplateSyntaxError
from django.test import RequestFactory

from remit.ui.templatetags.ui import elided_pages
from remit.ui.templatetags.ui import field_id
from remit.ui.templatetags.ui import field_kind
from remit.ui.templatetags.ui import govuk_widget
from remit.ui.templatetags.ui import pounds
from remit.ui.templatetags.ui import pounds_decimal
from remit.ui.templatetags.ui import sentence
from remit.ui.templatetags.ui import tag_modifier


class ReportForm(forms.Form):
    title = forms.CharField(widget=forms.TextInput(attrs={"class": "remit-wide"}))
    notes = forms.CharField(widget=forms.Textarea)
    council = forms.ChoiceField(choices=[("wal", "Walsall"), ("dud", "Dudley")])
    priority = forms.ChoiceField(
        choices=[("high", "High"), ("low", "Low")], widget=forms.RadioSelect
    )
    themes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    public = forms.BooleanField(required=False)
    meets_on = forms.DateField()
    held_at = forms.SplitDateTimeField()
    paper = forms.FileField()
    score = forms.IntegerField()
    code = forms.CharField(widget=forms.TextInput(attrs={"id": "own-id"}))


@pytest.fixture
def blank_form():
    return ReportForm()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("title", "input"),
        ("notes", "textarea"),
        ("council", "select"),
        ("priority", "radios"),
        ("themes", "checkboxes"),
        ("public", "checkbox"),
        ("meets_on", "input"),
        ("paper", "file"),
    ],
)
def test_each_widget_is_drawn_with_its_gov_uk_pattern(blank_form, name, kind):
    assert field_kind(blank_form[name]) == kind


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("title", "id_title"),
        ("priority", "id_priority_0"),
        ("themes", "id_themes_0"),
        ("held_at", "id_held_at_0"),
        ("code", "own-id"),
    ],
)
def test_an_error_link_targets_the_first_control_of_its_field(blank_form, name, expected):
    assert field_id(blank_form[name]) == expected


def test_a_form_without_ids_has_no_link_target():
    form = ReportForm(auto_id=False)
    assert field_id(form["title"]) == ""


def test_gov_uk_classes_join_the_widgets_own(blank_form):
    html = govuk_widget(blank_form["title"])
    assert 'class="remit-wide govuk-input"' in html


def test_a_field_in_error_gets_the_error_modifier():
    form = ReportForm(data={})
    html = govuk_widget(form["notes"])
    assert 'class="govuk-textarea govuk-textarea--error"' in html
    assert 'aria-describedby="id_notes_error"' in html


def test_a_plain_date_input_becomes_a_date_picker_with_an_iso_value():
    from datetime import date

    form = ReportForm(initial={"meets_on": date(2025, 4, 1)})
    html = govuk_widget(form["meets_on"])
    assert 'type="date"' in html
    assert 'value="2025-04-01"' in html
    assert "govuk-input--width-10" in html
    assert ReportForm.base_fields["meets_on"].widget.input_type == "text"


def test_numbers_get_a_narrow_box(blank_form):
    assert "govuk-input--width-10" in govuk_widget(blank_form["score"])


def test_select_and_file_controls_get_their_classes(blank_form):
    assert 'class="govuk-select"' in govuk_widget(blank_form["council"])
    assert 'class="govuk-file-upload"' in govuk_widget(blank_form["paper"])


def test_pounds_filter_formats_pence_and_leaves_blanks_blank():
    assert pounds(250000) == "£2,500.00"
    assert pounds(None) == ""
    assert pounds("") == ""


def test_pounds_decimal_filter_formats_pounds():
    assert pounds_decimal(Decimal("1234.567")) == "£1,234.57"
    assert pounds_decimal(None) == ""


def test_money_filters_work_in_templates():
    html = Template("{% load ui %}{{ p|pounds }} {{ d|pounds_decimal }}").render(
        Context({"p": 123456, "d": Decimal("0.5")})
    )
    assert html == "£1,234.56 £0.50"


def test_long_page_ranges_are_elided_around_the_current_page():
    page = Paginator(range(200), 10).page(10)
    assert elided_pages(page) == [1, "…", 9, 10, 11, "…", 20]


def test_paging_links_keep_the_other_query_parameters():
    request = RequestFactory().get("/bids/", {"q": "youth work", "page": "2"})
    html = Template("{% load ui %}{% query_with 'page' 3 %}").render(Context({"request": request}))
    assert html == "?q=youth+work&amp;page=3"


def test_paging_links_work_without_a_request():
    html = Template("{% load ui %}{% query_with 'page' 3 %}").render(Context({}))
    assert html == "?page=3"


@pytest.mark.parametrize(
    ("status", "modifier"),
    [("draft", "draft"), ("in_review", "in-review"), ("Published", "published")],
)
def test_statuses_become_tag_modifiers(status, modifier):
    assert tag_modifier(status) == modifier


@pytest.mark.parametrize("bad", [12.5, "1200", True])
def test_pounds_filter_refuses_anything_but_integer_pence(bad):
    with pytest.raises(TypeError, match="pence must be an int"):
        pounds(bad)


@pytest.mark.parametrize("bad", [12.5, "12.50"])
def test_pounds_decimal_filter_refuses_floats_and_text(bad):
    with pytest.raises(TypeError, match="must be a Decimal or an int"):
        pounds_decimal(bad)


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("Replaced by the new boards", "Replaced by the new boards."),
        ("Replaced by the new boards.", "Replaced by the new boards."),
        ("Is it still needed?", "Is it still needed?"),
        ("  Merged  ", "Merged."),
        ("", ""),
        (None, ""),
    ],
)
def test_someones_words_end_with_one_full_stop(words, said):
    assert sentence(words) == said


def test_a_table_head_has_one_column_header_per_heading():
    html = Template('{% load ui %}{% table_head "Bid" "Area" "Amount" numeric="Amount" %}').render(
        Context()
    )
    assert html == (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Bid</th>'
        '<th scope="col" class="govuk-table__header">Area</th>'
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Amount</th>'
        "</tr></thead>"
    )


def test_a_table_head_escapes_headings_and_names_the_actions_column_for_screen_readers():
    html = Template("{% load ui %}{% table_head heading actions=can_edit %}").render(
        Context({"heading": "Costs <£m>", "can_edit": True})
    )
    assert "Costs &lt;£m&gt;</th>" in html
    assert html.endswith(
        '<th scope="col" class="govuk-table__header">'
        '<span class="govuk-visually-hidden">Actions</span></th></tr></thead>'
    )
    assert "Actions" not in Template("{% load ui %}{% table_head 'Name' actions=False %}").render(
        Context()
    )


def test_a_table_head_refuses_to_mark_a_column_it_does_not_have():
    with pytest.raises(TemplateSyntaxError, match="'Amount'"):
        Template('{% load ui %}{% table_head "Bid" numeric="Amount" %}').render(Context())
