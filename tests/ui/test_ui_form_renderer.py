"""Django forms rendered as GOV.UK form groups, with ids that tie errors to controls."""

import re

import pytest
from django import forms
from django.template import Context
from django.template import Template

from remit.ui.forms import GovukFormRenderer


class BidForm(forms.Form):
    title = forms.CharField(help_text="A short name the panel will recognise")
    summary = forms.CharField(widget=forms.Textarea, required=False)
    theme = forms.ChoiceField(
        choices=[("safety", "Community safety"), ("youth", "Youth diversion")],
        widget=forms.RadioSelect,
    )
    areas = forms.MultipleChoiceField(
        choices=[("wal", "Walsall"), ("dud", "Dudley")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(label="I confirm the figures", help_text="Tick to confirm")
    round_id = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") == "duplicate":
            raise forms.ValidationError("A bid with this title already exists")
        return cleaned


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_forms_use_the_gov_uk_renderer():
    form = BidForm()
    assert isinstance(form.renderer, GovukFormRenderer)


def test_a_text_field_has_a_label_hint_and_input_linked_by_ids():
    html = BidForm().render()
    assert '<label class="govuk-label" for="id_title">Title</label>' in html
    assert '<div class="govuk-hint" id="id_title_helptext">' in html
    assert re.search(
        r'<input type="text" name="title" class="govuk-input"[^>]*'
        r'aria-describedby="id_title_helptext"',
        html,
    )


def test_optional_fields_say_so_in_their_label():
    html = BidForm().render()
    assert "Summary (optional)</label>" in html
    assert "Areas (optional)</legend>" in html


def test_an_error_is_shown_above_its_control_and_described_to_screen_readers():
    form = BidForm(data={})
    html = form.render()
    assert "govuk-form-group govuk-form-group--error" in html
    assert (
        '<p class="govuk-error-message" id="id_title_error">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>'
    ) in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert "govuk-input--error" in html


def test_radios_are_a_fieldset_whose_legend_is_the_question():
    html = BidForm(data={}).render()
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_theme_error">' in html
    assert '<legend class="govuk-fieldset__legend">Theme</legend>' in html
    assert '<div class="govuk-radios" data-module="govuk-radios">' in html
    assert re.search(
        r'<input class="govuk-radios__input" type="radio" name="theme" value="safety" '
        r'id="id_theme_0"[^>]*>\s*<label class="govuk-label govuk-radios__label" '
        r'for="id_theme_0">Community safety</label>',
        html,
    )


def test_chosen_options_stay_chosen_after_an_error():
    html = BidForm(data={"theme": "youth", "areas": ["dud"]}).render()
    assert re.search(r'value="youth" id="id_theme_1"[^>]* checked', html)
    assert re.search(r'value="dud" id="id_areas_1"[^>]* checked', html)
    assert not re.search(r'value="safety" id="id_theme_0"[^>]* checked', html)


def test_several_checkboxes_share_a_fieldset():
    html = BidForm().render()
    assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes">' in html
    assert 'for="id_areas_0">Walsall</label>' in html


def test_a_single_checkbox_is_labelled_beside_its_box_with_its_hint_below():
    html = BidForm().render()
    assert re.search(
        r'<input type="checkbox" name="confirm" class="govuk-checkboxes__input"[^>]*>\s*'
        r'<label class="govuk-label govuk-checkboxes__label" for="id_confirm">'
        r"I confirm the figures</label>\s*"
        r'<div class="govuk-hint govuk-checkboxes__hint" id="id_confirm_helptext">',
        html,
    )


def test_hidden_fields_are_rendered_without_a_form_group():
    html = BidForm(initial={"round_id": 4}).render()
    assert '<input type="hidden" name="round_id" value="4" id="id_round_id">' in html


def test_every_label_points_at_a_control_that_exists():
    html = BidForm(data={}).render()
    ids = ids_in(html)
    for target in re.findall(r'<label[^>]* for="([^"]+)"', html):
        assert target in ids


def render_summary(form: forms.Form) -> str:
    template = Template('{% include "ui/includes/error_summary.html" %}')
    return template.render(Context({"form": form}))


def test_the_error_summary_links_each_error_to_its_control():
    form = BidForm(data={"title": "", "confirm": ""})
    summary = render_summary(form)
    fields = form.render()
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [target for target, _ in links] == ["id_title", "id_theme_0", "id_confirm"]
    for target, _ in links:
        assert target in ids_in(fields)
    assert "There is a problem" in summary


def test_the_error_summary_lists_errors_that_belong_to_no_field():
    form = BidForm(data={"title": "duplicate", "theme": "youth", "confirm": "on", "round_id": 1})
    summary = render_summary(form)
    assert "<li>A bid with this title already exists</li>" in summary


def test_the_error_summary_names_a_hidden_field_in_error():
    form = BidForm(data={"title": "x", "theme": "youth", "confirm": "on"})
    summary = render_summary(form)
    assert "<li>Round id: This field is required.</li>" in summary


def test_no_summary_is_shown_for_a_valid_or_unbound_form():
    assert render_summary(BidForm()).strip() == ""
    valid = BidForm(data={"title": "x", "theme": "youth", "confirm": "on", "round_id": 1})
    assert valid.is_valid()
    assert render_summary(valid).strip() == ""


@pytest.mark.parametrize("markup", ["<script", " style="])
def test_forms_carry_no_inline_script_or_style(markup):
    assert markup not in BidForm(data={}).render()
