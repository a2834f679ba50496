"""The wide-table wrapper: a named, focusable scroll region with a cue that it scrolls."""

import pytest
from django.template import Context
from django.template import Template
from django.template import TemplateSyntaxError

from remit.ui.templatetags.ui import WIDE_TABLE_CUE


def _render(source: str, **context: object) -> str:
    return Template("{% load ui %}" + source).render(Context(context))


def test_a_wide_table_scrolls_in_a_named_region_keyboard_users_can_reach() -> None:
    html = _render(
        '{% wide_table "Grants for "|add:name %}<table></table>{% end_wide_table %}',
        name="Walsall <CSP>",
    )
    assert (
        '<div class="remit-wide-table"><p class="govuk-body-s remit-wide-table__cue">'
        f"{WIDE_TABLE_CUE}</p>"
        '<div class="remit-wide-table__scroll" role="region" '
        'aria-label="Grants for Walsall &lt;CSP&gt;" tabindex="0"><table></table></div></div>'
    ) == html


def test_a_wide_table_can_be_named_by_its_caption() -> None:
    html = _render(
        '{% wide_table labelledby="coverage-caption" %}<table></table>{% end_wide_table %}'
    )
    assert 'role="region" aria-labelledby="coverage-caption" tabindex="0"' in html


def test_a_wide_table_must_be_named() -> None:
    with pytest.raises(TemplateSyntaxError):
        _render("{% wide_table %}<table></table>{% end_wide_table %}")
