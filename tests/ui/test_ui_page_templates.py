"""The page template and the shared includes."""

import re
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.template import Context
from django.template import Template
from django.template.loader import render_to_string
from django.test import RequestFactory

NAV = [
    {"href": "/", "text": "Home", "active": False},
    {"href": "/boards/", "text": "Boards", "active": True},
    {"href": "/missions/", "text": "Missions", "active": False},
]


@dataclass
class SignedInUser:
    first_name: str
    last_name: str
    username: str
    is_authenticated: bool = True

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_username(self) -> str:
        return self.username


def render_page(path: str = "/boards/", user=None, **context) -> str:
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return render_to_string("base.html", context, request=request)


def render_include(include: str, path: str = "/", **context) -> str:
    request = RequestFactory().get(path)
    template = Template(f'{{% include "ui/includes/{include}" %}}')
    return template.render(Context({"request": request, **context}))


def test_the_page_is_in_british_english():
    assert '<html lang="en-GB" class="govuk-template">' in render_page()


def test_the_skip_link_comes_first_and_targets_main():
    html = render_page()
    body = html[html.index("<body") :]
    first_link = re.search(r"<a [^>]*>", body)
    assert first_link is not None
    assert 'href="#main-content"' in first_link.group(0)
    assert '<main class="govuk-main-wrapper" id="main-content">' in html


def test_the_header_names_the_service_and_the_region():
    html = render_page(region_name="West Midlands")
    assert '<a href="/" class="remit-header__service-name">Remit</a>' in html
    assert '<span class="remit-header__region">West Midlands</span>' in html


def test_without_a_region_only_the_service_is_named():
    assert "remit-header__region" not in render_page()


def test_there_is_no_gov_uk_crown_or_logo():
    html = render_page(region_name="West Midlands", nav_items=NAV)
    assert "GOV.UK" not in html
    assert "govuk-header" not in html
    assert "<svg" not in html


def test_an_anonymous_visitor_is_offered_sign_in():
    html = render_page()
    assert '<a class="remit-header__link" href="/accounts/login/">Sign in</a>' in html
    assert "Sign out" not in html


def test_a_signed_in_user_sees_their_name_and_a_sign_out_form():
    html = render_page(user=SignedInUser("Asha", "Patel", "asha"))
    assert "Signed in as </span>Asha Patel</span>" in html
    form = re.search(
        r'<form class="remit-header__form" method="post" action="([^"]+)">(.*?)</form>', html, re.S
    )
    assert form is not None
    assert form.group(1) == "/accounts/logout/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)
    assert "Sign in" not in html


def test_a_user_without_a_full_name_is_shown_by_username():
    assert "</span>asha</span>" in render_page(user=SignedInUser("", "", "asha"))


def test_the_current_section_is_marked_for_sight_and_for_screen_readers():
    html = render_page(path="/boards/", nav_items=NAV)
    assert re.search(
        r'govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" '
        r'href="/boards/" aria-current="page"><strong class="govuk-service-navigation__active-'
        r'fallback">Boards</strong></a>',
        html,
    )
    assert html.count("aria-current") == 1


def test_an_active_section_below_its_own_page_is_current_but_not_the_page():
    html = render_page(path="/boards/7/", nav_items=NAV)
    assert 'href="/boards/" aria-current="true"' in html


def test_without_navigation_items_there_is_no_menu():
    assert "govuk-service-navigation" not in render_page()


def test_the_footer_links_to_the_accessibility_statement_and_the_api_docs():
    html = render_page()
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    assert 'href="/api/docs">API documentation</a>' in html


def test_styles_and_scripts_are_files_not_inline():
    html = render_page(nav_items=NAV, user=SignedInUser("Asha", "Patel", "asha"))
    assert '<link rel="stylesheet" href="/static/ui/build/remit.css">' in html
    assert '<script type="module" src="/static/ui/remit-init.js"></script>' in html
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html


def test_the_phase_banner_says_beta():
    assert 'govuk-phase-banner__content__tag">Beta</strong>' in render_page()


def test_messages_are_shown_as_notification_banners():
    messages = [
        Message(constants.SUCCESS, "Bid submitted"),
        Message(constants.INFO, "The round closes on Friday"),
    ]
    html = render_page(messages=messages)
    assert re.search(r'govuk-notification-banner--success" role="alert"', html)
    assert ">Success</h2>" in html
    assert 'role="region" aria-labelledby="notification-banner-title-2"' in html
    assert ">Important</h2>" in html
    assert html.index("Bid submitted") > html.index('id="main-content"')


def test_breadcrumbs_mark_an_unlinked_last_crumb_as_the_current_page():
    html = render_include(
        "breadcrumbs.html", crumbs=[{"text": "Home", "href": "/"}, {"text": "Boards"}]
    )
    assert '<a class="govuk-breadcrumbs__link" href="/">Home</a>' in html
    assert 'aria-current="page">Boards</li>' in html


def test_pagination_keeps_the_search_and_marks_the_current_page():
    page = Paginator(range(95), 10).page(5)
    html = render_include("pagination.html", path="/bids/?q=youth&page=5", page_obj=page)
    assert 'href="?q=youth&amp;page=4" rel="prev"' in html
    assert 'href="?q=youth&amp;page=6" rel="next"' in html
    assert 'aria-label="Page 5" aria-current="page">5</a>' in html
    assert "govuk-pagination__item--ellipses" in html


def test_pagination_on_the_first_page_has_no_previous_link():
    page = Paginator(range(30), 10).page(1)
    html = render_include("pagination.html", page_obj=page)
    assert 'rel="prev"' not in html
    assert 'rel="next"' in html


def test_a_single_page_needs_no_pagination():
    page = Paginator(range(5), 10).page(1)
    assert render_include("pagination.html", page_obj=page).strip() == ""


def test_pagination_may_use_another_parameter():
    page = Paginator(range(30), 10).page(2)
    html = render_include("pagination.html", page_obj=page, page_param="p")
    assert 'href="?p=1" rel="prev"' in html


def test_a_summary_list_shows_each_pair_and_says_when_a_value_is_missing():
    html = render_include(
        "summary_list.html", rows=[("Organisation", "Walsall Youth Trust"), ("Decision", None)]
    )
    assert '<dt class="govuk-summary-list__key">Organisation</dt>' in html
    assert ">Walsall Youth Trust</dd>" in html
    assert ">Not recorded</span></dd>" in html


def test_a_summary_list_shows_zero_as_a_value():
    html = render_include("summary_list.html", rows=[("Score", 0)])
    assert '<dd class="govuk-summary-list__value">0</dd>' in html


HISTORY = [
    {
        "when": datetime(2025, 4, 3, 13, 5, tzinfo=ZoneInfo("UTC")),
        "who": "Asha Patel",
        "action": "Changed the bid",
        "changes": [
            {"field": "Amount", "old": "£10,000.00", "new": "£12,000.00"},
            {"field": "Summary", "old": "", "new": "Mentoring"},
        ],
    },
    {"when": date(2025, 4, 1), "who": "Sam Jones", "action": "Created the bid", "changes": []},
]


def test_history_shows_when_who_and_what_changed():
    html = render_include("history.html", history=HISTORY)
    assert '<th scope="col" class="govuk-table__header">What changed</th>' in html
    assert '<time datetime="2025-04-03T14:05:00+01:00">3 Apr 2025 14:05</time>' in html
    assert '<time datetime="2025-04-01">1 Apr 2025</time>' in html
    assert "Asha Patel" in html
    assert '<del class="remit-history__old">£10,000.00</del>' in html
    assert '<ins class="remit-history__new">£12,000.00</ins>' in html


def test_history_reads_as_a_sentence_to_screen_readers():
    html = render_include("history.html", history=HISTORY)
    assert '<span class="govuk-visually-hidden">changed from</span>' in html
    assert '<span class="govuk-visually-hidden">to</span>' in html
    assert '<span class="remit-history__blank">blank</span>' in html


def test_an_empty_history_says_so():
    assert "No changes have been recorded." in render_include("history.html", history=[])


@pytest.mark.parametrize(
    ("status", "label", "expected"),
    [
        ("draft", "Draft", '<strong class="govuk-tag remit-tag remit-tag--draft">Draft</strong>'),
        (
            "in_review",
            "In review",
            '<strong class="govuk-tag remit-tag remit-tag--in-review">In review</strong>',
        ),
        ("published", None, 'remit-tag--published">published</strong>'),
    ],
)
def test_a_tag_names_its_status(status, label, expected):
    assert expected in render_include("tag.html", status=status, label=label)


def test_the_timeline_marks_the_current_step():
    events = [
        {"title": "Submitted", "when": date(2025, 4, 1)},
        {"title": "Assessed", "current": True, "body": "Scored 72 out of 100."},
    ]
    html = render_include("timeline.html", events=events)
    assert '<time class="remit-timeline__date" datetime="2025-04-01">1 April 2025</time>' in html
    assert 'remit-timeline__item--current" aria-current="step"' in html
    assert "Scored 72 out of 100." in html


def test_the_search_form_keeps_what_was_searched_for():
    html = render_include("search_form.html", path="/bids/?q=youth+work", label="Search bids")
    assert '<form class="remit-search" method="get" role="search">' in html
    assert '<label class="govuk-label" for="search-q">Search bids</label>' in html
    assert 'name="q" type="search" value="youth work"' in html


def test_the_search_form_may_post_elsewhere_under_another_name():
    html = render_include("search_form.html", action="/search/", name="term", value="fund")
    assert 'action="/search/"' in html
    assert 'id="search-term" name="term" type="search" value="fund"' in html


def test_page_text_is_escaped():
    html = render_page(region_name="<b>West</b>")
    assert "&lt;b&gt;West&lt;/b&gt;" in html


def test_times_are_shown_in_london_time():
    summer = datetime(2025, 7, 1, 11, 0, tzinfo=ZoneInfo("UTC"))
    html = render_include("history.html", history=[{**HISTORY[1], "when": summer}])
    assert "1 Jul 2025 12:00" in html
