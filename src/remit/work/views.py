"""The signed-in home: what needs this person, most urgent first; and the page where an
administrator deals with a background job that failed."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.core.selectors import active_region
from remit.ui.views import form_page
from remit.ui.views import refuse
from remit.ui.views import run_action
from remit.ui.views import run_service
from remit.work import forms
from remit.work import permissions
from remit.work import selectors
from remit.work import services
from remit.work.items import rows


@login_required
def your_work(request: HttpRequest) -> HttpResponse:
    region = active_region()
    today, now = timezone.localdate(), timezone.now()
    sections = []
    if region is not None:
        since = selectors.last_looked(request.user)
        sections = [
            (section, rows(section, today))
            for section in selectors.your_work(
                request.user, region, today=today, now=now, since=since
            )
        ]
        services.looked(by=request.user, at=now)
    return render(
        request,
        "work/home.html",
        {
            "sections": sections,
            "today": today,
            "region": region,
            # counted once here, for this page and the header's link alike
            "notifications_unread": selectors.unread_count(request.user),
            "latest_unread": selectors.latest_unread(request.user),
        },
    )


@login_required
def failed_job(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """What the job was doing and how it failed; run it again, or dismiss it with a reason."""
    verdict = permissions.can_handle_failed_jobs(request.user)
    if not verdict:
        return refuse(request, verdict, onward="Go to your work", onward_url="/")
    job = selectors.failed_job(job_id)
    if job is None:
        raise Http404("No background job has failed with that number.")
    done = selectors.failed_job_action(job.pk)
    form = forms.DismissForm(request.POST or None)
    if request.method == "POST" and done is None and form.is_valid():
        dismissed = run_service(
            form,
            lambda: services.failed_job_dismiss(
                by=request.user, job_id=job.pk, reason=form.cleaned_data["reason"]
            ),
        )
        if dismissed is not None:
            messages.success(request, f"{selectors.job_name(job.task_path)}: job dismissed.")
            return redirect("/")
    return form_page(
        request,
        form,
        title="A background job failed",
        caption=selectors.job_name(job.task_path),
        back="/",
        button="Dismiss the job",
        template="work/failed_job.html",
        job=job,
        done=done,
        error=selectors.failure_of(job),
    )


@login_required
@require_POST
def failed_job_retry(request: HttpRequest, job_id: UUID) -> HttpResponse:
    refused = run_action(
        request,
        lambda: services.failed_job_retry(by=request.user, job_id=job_id),
        lambda action: f"{selectors.job_name(action.task)}: the job is running again.",
    )
    if refused is not None:
        return refused
    if selectors.failed_job_action(job_id) is None:
        return redirect("work:failed_job", job_id)
    return redirect("/")
