"""How every view reports a service's refusal: on the form field it names, or on the refusal page."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.ui.views import run_action
from remit.ui.views import run_service


class TitleForm(forms.Form):
    title = forms.CharField()


def _refuse(error: DomainError) -> Any:
    def write() -> Any:
        raise error

    return write


def _valid(data: dict[str, str]) -> TitleForm:
    form = TitleForm(data)
    assert form.is_valid()
    return form


def _request() -> Any:
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_refusal_naming_a_field_lands_on_that_field() -> None:
    form = _valid({"title": "x"})
    assert run_service(form, _refuse(DomainError("Give a title.", field="title"))) is None
    assert form.errors["title"] == ["Give a title."]


def test_a_refusal_naming_another_field_lands_at_the_top_without_the_field_name() -> None:
    form = _valid({"title": "x"})
    refusal = DomainError("The deadline has passed.", field="deadline")
    assert run_service(form, _refuse(refusal)) is None
    assert form.non_field_errors() == ["The deadline has passed."]


def test_a_refusal_may_name_the_field_by_its_service_name() -> None:
    form = _valid({"title": "x"})
    run_service(form, _refuse(DomainError("Too long.", field="name")), aliases={"name": "title"})
    assert form.errors["title"] == ["Too long."]


def test_a_permission_refusal_lands_at_the_top() -> None:
    form = _valid({"title": "x"})
    run_service(form, _refuse(NotPermitted("Your role cannot do this.", field="title")))
    assert form.non_field_errors() == ["Your role cannot do this."]


def test_a_service_that_succeeds_returns_its_result() -> None:
    assert run_service(_valid({"title": "x"}), lambda: 42) == 42


@pytest.mark.django_db
def test_a_refused_action_shows_the_refusal_page_with_the_reason() -> None:
    response = run_action(_request(), _refuse(NotPermitted("Your role cannot publish.")))
    assert response is not None
    assert response.status_code == 403
    assert "Your role cannot publish." in response.content.decode()


def test_an_action_refused_by_a_rule_says_why_on_the_next_page() -> None:
    request = _request()
    assert run_action(request, _refuse(DomainError("It is already published.")), "Done.") is None
    assert [str(m) for m in get_messages(request)] == ["It is already published."]


def test_an_action_that_succeeds_says_what_it_did() -> None:
    request = _request()
    assert run_action(request, lambda: 3, lambda n: f"{n} recounted.") is None
    assert [str(m) for m in get_messages(request)] == ["3 recounted."]
