"""A posted form's service call: saved, confirmed and followed, or the form shown again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest
from django.test import RequestFactory

from remit.core.errors import DomainError
from remit.ui.views import submit_form


class _Note(forms.Form):
    title = forms.CharField()


def _request(data: dict[str, str] | None = None) -> HttpRequest:
    factory = RequestFactory()
    request = factory.get("/notes/new") if data is None else factory.post("/notes/new", data)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def test_a_form_not_posted_is_shown_and_nothing_is_written() -> None:
    calls: list[str] = []
    request = _request()
    form = _Note(None)
    answer = submit_form(request, form, lambda: calls.append("x"), done="Saved.", to="/notes")
    assert answer is None
    assert calls == []


def test_a_form_posted_with_errors_is_shown_again_and_nothing_is_written() -> None:
    calls: list[str] = []
    request = _request({"title": ""})
    form = _Note(request.POST)
    answer = submit_form(request, form, lambda: calls.append("x"), done="Saved.", to="/notes")
    assert answer is None
    assert calls == []
    assert form.errors


def test_a_saved_form_says_so_on_the_page_it_goes_to() -> None:
    request = _request({"title": "Budget"})
    form = _Note(request.POST)

    def write() -> Any:
        return {"pk": 7, "title": form.cleaned_data["title"]}

    answer = submit_form(
        request,
        form,
        write,
        done=lambda note: f"{note['title']} saved.",
        to=lambda note: f"/notes/{note['pk']}",
    )
    assert answer is not None
    assert answer.status_code == 302
    assert answer["Location"] == "/notes/7"
    assert [str(m) for m in get_messages(request)] == ["Budget saved."]


def test_a_refusal_lands_on_the_field_it_names_and_nothing_is_said() -> None:
    request = _request({"title": "Budget"})
    form = _Note(request.POST)

    def write() -> Any:
        raise DomainError("Enter a title not used before.", field="title")

    answer = submit_form(request, form, write, done="Saved.", to="/notes")
    assert answer is None
    assert form.errors["title"] == ["Enter a title not used before."]
    assert list(get_messages(request)) == []
