"""Report papers: the structured editor, appendices, publication, and PDF and Word downloads."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from remit.core.files import stored_file_response
from remit.core.permissions import Verdict
from remit.meetings import forms
from remit.meetings import permissions
from remit.meetings import rendering
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import Appendix
from remit.meetings.models import Paper
from remit.meetings.views.common import item_or_404
from remit.meetings.views.common import paper_or_404
from remit.ui.views import FORM_PAGE
from remit.ui.views import history_page
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_service
from remit.ui.views import submit_form


def _paper_url(paper: Paper) -> str:
    return reverse("meetings:paper", args=[paper.pk])


def _editor(
    request: HttpRequest,
    *,
    paper: Paper | None,
    item: Any,
    initial: dict[str, Any],
    sections: list[dict[str, str]],
) -> HttpResponse:
    region = region_or_404()
    form = forms.PaperForm(request.POST or None, region=region, initial=initial, record=paper)
    formset = forms.SectionFormSet(request.POST or None, initial=sections, prefix="sections")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "recommendations"}
        recommendations = form.recommendation_lines()
        parts = forms.sections_from(formset)
        if paper is None:
            saved = run_service(
                form,
                lambda: services.paper_create(
                    by=request.user,
                    item=item,
                    data=data,
                    recommendations=recommendations,
                    sections=parts,
                ),
            )
        else:
            saved = run_service(
                form,
                lambda: services.paper_update(
                    by=request.user,
                    paper=paper,
                    data=data,
                    recommendations=recommendations,
                    sections=parts,
                    version=form.read_version,
                ),
            )
        if saved is not None:
            messages.success(request, "Paper saved.")
            return redirect(_paper_url(saved))
    return render(
        request,
        "meetings/paper_form.html",
        {
            "form": form,
            "formset": formset,
            "paper": paper,
            "item": item,
            "back": _paper_url(paper)
            if paper
            else reverse("meetings:meeting", args=[item.meeting_id]),
        },
    )


@login_required
def paper_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_or_404(region_or_404(), pk)
    verdict = permissions.can_write_paper(request.user, item)
    if not verdict:
        return refuse(request, verdict)
    return _editor(request, paper=None, item=item, initial={"title": item.title}, sections=[])


@login_required
def paper_edit(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_or_404(region_or_404(), pk)
    verdict = permissions.can_write_paper(request.user, paper.item)
    if not verdict:
        return refuse(request, verdict)
    if not paper.editable:
        return refuse(
            request,
            Verdict(False, "A published paper is part of the record and cannot be changed."),
        )
    initial = {
        "title": paper.title,
        "purpose": paper.purpose,
        "recommendations": "\n".join(r.text for r in paper.recommendations.all()),
        "presented_by": paper.presented_by,
        "author": paper.author_id,
        "contact_officer": paper.contact_officer_id,
        "financial_implications": paper.financial_implications,
        "legal_implications": paper.legal_implications,
        "equality_implications": paper.equality_implications,
    }
    sections = [{"heading": s.heading, "body": s.body} for s in paper.sections.all()]
    return _editor(request, paper=paper, item=paper.item, initial=initial, sections=sections)


def _visible_paper(request: HttpRequest, pk: int) -> Paper:
    """Unpublished papers look the same as missing ones to those who may not see them."""
    paper = paper_or_404(region_or_404(), pk)
    verdict = permissions.can_view_paper(request.user, paper)
    if not verdict:
        raise Http404(verdict.reason)
    return paper


@login_required
@require_safe
def paper_detail(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _visible_paper(request, pk)
    document = selectors.document_for(paper)
    return render(
        request,
        "meetings/paper_detail.html",
        {
            "paper": paper,
            "document": document,
            "meeting": paper.item.meeting,
            "can_write": permissions.can_write_paper(request.user, paper.item) and paper.editable,
            "can_publish": permissions.can_publish_paper(request.user, paper),
            "missing": services.papers.missing_parts(paper) if paper.editable else [],
            "appendices": list(paper.appendices.all()),
        },
    )


def _filename(paper: Paper, extension: str) -> str:
    return f"{slugify(paper.title)[:60] or 'paper'}.{extension}"


@login_required
@require_safe
def paper_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _visible_paper(request, pk)
    return download(
        rendering.paper_pdf(selectors.document_for(paper)),
        "application/pdf",
        _filename(paper, "pdf"),
    )


@login_required
@require_safe
def paper_docx(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _visible_paper(request, pk)
    return download(
        rendering.paper_docx(selectors.document_for(paper)), DOCX, _filename(paper, "docx")
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def appendix_response(appendix: Appendix) -> FileResponse:
    content_type = "application/pdf" if appendix.kind == Appendix.Kind.PDF else DOCX
    return stored_file_response(
        appendix.file, filename=appendix.original_name, content_type=content_type
    )


@login_required
@require_safe
def appendix_download(request: HttpRequest, pk: int) -> FileResponse:
    appendix = (
        Appendix.objects.select_related("paper__item__meeting__board")
        .filter(pk=pk, paper__item__meeting__board__region=region_or_404())
        .first()
    )
    if appendix is None or not permissions.can_view_paper(request.user, appendix.paper):
        raise Http404("No such appendix.")
    return appendix_response(appendix)


@login_required
def appendix_add(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_or_404(region_or_404(), pk)
    verdict = permissions.can_write_paper(request.user, paper.item)
    if not verdict:
        return refuse(request, verdict)
    form = forms.AppendixForm(request.POST or None, request.FILES or None)
    return submit_form(
        request,
        form,
        lambda: services.appendix_add(
            by=request.user,
            paper=paper,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        ),
        done=lambda saved: f"Appendix {saved.letter} added.",
        to=_paper_url(paper),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Add an appendix to {paper.title}",
            "button": "Upload appendix",
            "back": _paper_url(paper),
            "multipart": True,
            "intro": "PDF or Word (DOCX) files only, up to "
            f"{services.papers.appendix_max_bytes() // (1024 * 1024)} MB.",
        },
    )


@login_required
def appendix_remove(request: HttpRequest, pk: int) -> HttpResponse:
    appendix = (
        Appendix.objects.select_related("paper__item__meeting__board")
        .filter(pk=pk, paper__item__meeting__board__region=region_or_404())
        .first()
    )
    if appendix is None:
        raise Http404("No such appendix.")
    verdict = permissions.can_write_paper(request.user, appendix.paper.item)
    if not verdict:
        return refuse(request, verdict)
    form = django_forms.Form(request.POST or None)
    if request.method == "POST" and run_service(
        form, lambda: services.appendix_remove(by=request.user, appendix=appendix) or True
    ):
        messages.success(request, "Appendix removed.")
        return redirect(_paper_url(appendix.paper))
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Remove appendix {appendix.letter}: {appendix.title}?",
            "button": "Remove appendix",
            "back": _paper_url(appendix.paper),
        },
    )


@login_required
def paper_publish(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_or_404(region_or_404(), pk)
    verdict = permissions.can_publish_paper(request.user, paper)
    if not verdict:
        return refuse(request, verdict)
    form = forms.UrgencyForm(request.POST or None)
    posted = submit_form(
        request,
        form,
        lambda: services.paper_publish(
            by=request.user, paper=paper, urgency_reason=form.cleaned_data["urgency_reason"]
        ),
        done=lambda saved: (
            "Paper published."
            + (" It is marked as a late paper." if saved.late else "")
            + (
                " It came after the meeting, so it is supplementary information to the minutes."
                if saved.after_meeting
                else ""
            )
        ),
        to=_paper_url(paper),
    )
    if posted is not None:
        return posted
    meeting = paper.item.meeting
    return render(
        request,
        "meetings/deadline_form.html",
        {
            "form": form,
            "title": f"Publish {paper.title}",
            "button": "Publish paper",
            "back": _paper_url(paper),
            "caption": meeting,
            "meeting": meeting,
        },
    )


@login_required
def paper_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    paper = paper_or_404(region_or_404(), pk)
    verdict = permissions.can_publish_paper(request.user, paper)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ReasonForm(request.POST or None, label="Why is the paper withdrawn?")
    return submit_form(
        request,
        form,
        lambda: services.paper_withdraw(
            by=request.user, paper=paper, reason=form.cleaned_data["reason"]
        ),
        done="Paper withdrawn.",
        to=_paper_url(paper),
    ) or render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Withdraw {paper.title}",
            "button": "Withdraw paper",
            "back": _paper_url(paper),
        },
    )


@login_required
@require_safe
def paper_history(request: HttpRequest, pk: int) -> HttpResponse:
    paper = _visible_paper(request, pk)
    return history_page(request, paper, back=_paper_url(paper))
