"""The rows a section keeps: funding lines, milestones and risks."""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.views.decorators.http import require_POST

from remit.appraisal import permissions
from remit.appraisal import services
from remit.appraisal.views.common import case_for
from remit.appraisal.views.common import case_url
from remit.appraisal.views.common import row_kind
from remit.core.errors import NotPermitted
from remit.core.permissions import Verdict
from remit.ui.views import refuse
from remit.ui.views import run_service


@login_required
def row_edit(request: HttpRequest, pk: int, kind: str, row_pk: int | None = None) -> HttpResponse:
    case = case_for(request, pk)
    rows = row_kind(kind)
    verdict = permissions.can_edit_sections(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    row: models.Model | None = rows.model(business_case=case)
    if row_pk is not None:
        row = rows.model._default_manager.filter(business_case=case, pk=row_pk).first()
    if row is None:
        raise Http404("No such row.")
    form = rows.form(request.POST or None, instance=row, region=case.region)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.row_data()
        except django_forms.ValidationError as exc:
            form.add_error(None, exc)
        else:
            target = rows.model._default_manager.get(pk=row_pk) if row_pk else rows.model()
            saved = run_service(
                form,
                lambda: services.row_save(
                    by=request.user,
                    case=case,
                    row=target,
                    data=data,
                    version=form.read_version if row_pk else None,
                ),
            )
            if saved is not None:
                messages.success(request, f"{rows.singular.capitalize()} saved.")
                return redirect(case_url(case, rows.section))
    return render(
        request,
        "appraisal/row_form.html",
        {"form": form, "case": case, "rows": rows, "row_pk": row_pk, "section": rows.section},
    )


@login_required
@require_POST
def row_remove(request: HttpRequest, pk: int, kind: str, row_pk: int) -> HttpResponse:
    case = case_for(request, pk)
    rows = row_kind(kind)
    row = rows.model._default_manager.filter(business_case=case, pk=row_pk).first()
    if row is None:
        raise Http404("No such row.")
    try:
        services.row_remove(by=request.user, case=case, row=row)
    except NotPermitted as exc:
        return refuse(request, Verdict(False, exc.message))
    messages.success(request, f"{rows.singular.capitalize()} removed.")
    return redirect(case_url(case, rows.section))
