"""A person's own notifications and how they want them: thin views over the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from remit.notifications import selectors
from remit.notifications import services
from remit.notifications.forms import PreferencesForm
from remit.ui.views import form_page
from remit.ui.views import submit_form

PAGE_SIZE = 50


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    unread = selectors.unread_count(request.user)
    return render(request, "notifications/list.html", {"page_obj": page, "unread": unread})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one's own notification read and go to the thing; another's is not found."""
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404("There is no such notification.")
    link = services.notification_open(by=request.user, notification=notification)
    if not url_has_allowed_host_and_scheme(link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(link)


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(by=request.user)
    if count:
        messages.success(
            request, f"{count} notification{'s' if count != 1 else ''} marked as read."
        )
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.preferences_for(request.user)
    form = PreferencesForm(request.POST or None, current=current)
    return submit_form(
        request,
        form,
        lambda: services.preferences_save(by=request.user, choices=form.cleaned_data),
        done="Your notification choices have been saved.",
        to="notifications:preferences",
    ) or form_page(
        request,
        form,
        title="Choose which notifications you get",
        back=reverse("notifications:list"),
        button="Save choices",
        intro=(
            "For each kind, choose how to hear about it. Unless you choose not to be told, it "
            "also appears in your notifications in Remit straight away."
        ),
    )
