"""Registry pages for signed-in users: browse, search, edit, and see each object's history.

The six registry entities share one set of thin views, described by `ENTITIES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse

from remit.core import permissions
from remit.core import selectors
from remit.core import services
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.proposals.permissions import can_view_drafts
from remit.registry import forms
from remit.ui.views import form_page
from remit.ui.views import history_page
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import run_service

PAGE_SIZE = 25


@dataclass(frozen=True)
class Entity:
    name: str
    singular: str
    model: type[models.Model]
    key: str
    listing: Callable[[Region, str], models.QuerySet[Any]]
    columns: tuple[tuple[str, str], ...]
    form: type[django_forms.ModelForm]  # type: ignore[type-arg]
    can_edit: Callable[[Any, Any], permissions.Verdict]
    update: Callable[[Any, Any, dict[str, Any], int | None], Any]
    can_create: Callable[[Any], permissions.Verdict] | None = None
    create: Callable[[Any, Region, dict[str, Any]], Any] | None = None
    region_scoped_form: bool = True

    def form_for(self, user: Any, obj: Any) -> type[django_forms.ModelForm]:  # type: ignore[type-arg]
        if self.model is Organisation and getattr(user, "role", None) == Role.PARTNER:
            return forms.PartnerOrganisationForm
        if self.model is Area and not permissions.can_rename_area(user, obj):
            return forms.AnalystAreaForm
        return self.form


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in [
        Entity(
            "organisations",
            "organisation",
            Organisation,
            "slug",
            selectors.organisation_list,
            (
                ("Name", "name"),
                ("Kind", "get_kind_display"),
                ("Area", "area"),
                ("Organisation identifier", "org_id"),
            ),
            forms.OrganisationForm,
            permissions.can_edit_organisation,
            lambda by, o, d, v: services.organisation_update(
                by=by, organisation=o, data=d, version=v
            ),
            permissions.can_create_organisation,
            lambda by, r, d: services.organisation_create(by=by, region=r, data=d),
        ),
        Entity(
            "people",
            "person",
            Person,
            "slug",
            selectors.person_list,
            (("Name", "name"), ("Job title", "job_title"), ("Organisation", "organisation")),
            forms.PersonForm,
            permissions.can_edit_person,
            lambda by, o, d, v: services.person_update(by=by, person=o, data=d, version=v),
            lambda user: permissions.can_create_person(user, getattr(user, "organisation", None)),
            lambda by, r, d: services.person_create(by=by, region=r, data=d),
        ),
        Entity(
            "boards",
            "board",
            Board,
            "slug",
            selectors.board_list,
            (
                ("Name", "name"),
                ("Kind", "get_kind_display"),
                ("Part of", "parent"),
                ("Meets", "get_meeting_frequency_display"),
                ("Current members", "member_count"),
            ),
            forms.BoardForm,
            permissions.can_edit_board,
            lambda by, o, d, v: services.board_update(by=by, board=o, data=d, version=v),
            lambda user: permissions.can_edit_board(user, None),
            lambda by, r, d: services.board_create(by=by, region=r, data=d),
        ),
        Entity(
            "areas",
            "area",
            Area,
            "code",
            selectors.area_list,
            (
                ("GSS code", "code"),
                ("Name", "name"),
                ("Kind", "get_kind_display"),
                ("Population", "population"),
                ("Year", "population_year"),
            ),
            forms.AreaForm,
            permissions.can_edit_area,
            lambda by, o, d, v: services.area_update(by=by, area=o, data=d, version=v),
            region_scoped_form=False,
        ),
        Entity(
            "missions",
            "mission",
            Mission,
            "number",
            selectors.mission_list,
            (("Number", "number"), ("Mission", "short_title"), ("Target", "target")),
            forms.MissionForm,
            permissions.can_edit_mission,
            lambda by, o, d, v: services.mission_update(by=by, mission=o, data=d, version=v),
            region_scoped_form=False,
        ),
    ]
}


def _entity(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise Http404 from None


def _get(entity: Entity, region: Region, key: str) -> Any:
    obj = entity.model._default_manager.filter(region=region, **{entity.key: key}).first()
    if obj is None:
        raise Http404(f"No {entity.singular} {key}.")
    return obj


def _url(entity: Entity, obj: Any, view: str = "detail") -> str:
    return reverse(f"registry:{view}", args=[entity.name, getattr(obj, entity.key)])


def _make_form(entity: Entity, user: Any, region: Region, **kwargs: Any) -> Any:
    form_class = entity.form_for(user, kwargs.get("instance"))
    if entity.region_scoped_form:
        return form_class(region=region, **kwargs)
    return form_class(**kwargs)


def _save(request: HttpRequest, form: Any, write: Callable[[dict[str, Any]], Any]) -> Any:
    """Run a service with the form's data, turning a domain error into a form error."""
    if not form.is_valid():
        return None
    return run_service(form, lambda: write(dict(form.cleaned_data)))


@login_required
def home(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    counts = {name: entity.listing(region, "").count() for name, entity in ENTITIES.items()}
    return render(
        request,
        "registry/home.html",
        {
            "counts": counts,
            "themes": selectors.themes_with_workstreams(region),
            "routes": selectors.routes_with_steps(region),
            "can_load": permissions.can_load_region(request.user),
        },
    )


@login_required
def entity_list(request: HttpRequest, entity_name: str) -> HttpResponse:
    entity = _entity(entity_name)
    region = region_or_404()
    q = request.GET.get("q", "").strip()
    page = Paginator(entity.listing(region, q), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "url": _url(entity, obj),
            "cells": [_cell(obj, attr) for _, attr in entity.columns],
        }
        for obj in page.object_list
    ]
    can_create = entity.can_create(request.user) if entity.can_create else None
    return render(
        request,
        "registry/entity_list.html",
        {
            "entity": entity,
            "headings": [label for label, _ in entity.columns],
            "rows": rows,
            "page": page,
            "q": q,
            "can_create": can_create,
        },
    )


def _cell(obj: Any, attr: str) -> Any:
    value = getattr(obj, attr)
    value = value() if callable(value) else value
    return "—" if value in (None, "") else value


@login_required
def entity_detail(request: HttpRequest, entity_name: str, key: str) -> HttpResponse:
    entity = _entity(entity_name)
    region = region_or_404()
    if entity.model is Board:
        page = selectors.board_page(region, key) if _get(entity, region, key) else None
        return render(
            request,
            "registry/board_detail.html",
            {
                "entity": entity,
                "page": page,
                "obj": page.board if page else None,
                "can_edit": permissions.can_edit_board(request.user, page and page.board),
                "can_edit_members": permissions.can_edit_membership(request.user, None),
            },
        )
    obj = _get(entity, region, key)
    if entity.model is Organisation:
        obj = selectors.organisation_page(region, key)
    elif entity.model is Person:
        obj = selectors.person_page(region, key)
    form = _make_form(entity, request.user, region, instance=obj)
    rows = [
        (form[name].label, _display(obj, name))
        for name, field in form.fields.items()
        if not field.widget.is_hidden
    ]
    return render(
        request,
        "registry/entity_detail.html",
        {
            "entity": entity,
            "obj": obj,
            "rows": rows,
            "can_edit": entity.can_edit(request.user, obj),
        },
    )


def _display(obj: Any, name: str) -> Any:
    getter = getattr(obj, f"get_{name}_display", None)
    value = getter() if getter else getattr(obj, name)
    if hasattr(value, "all"):
        value = ", ".join(str(item) for item in value.all())
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    return "—" if value in (None, "") else value


@login_required
def entity_edit(request: HttpRequest, entity_name: str, key: str) -> HttpResponse:
    entity = _entity(entity_name)
    region = region_or_404()
    obj = _get(entity, region, key)
    verdict = entity.can_edit(request.user, obj)
    if not verdict:
        return refuse(request, verdict)
    form = _make_form(entity, request.user, region, data=request.POST or None, instance=obj)
    if request.method == "POST":
        original_key = key
        saved = _save(
            request, form, lambda data: entity.update(request.user, obj, data, form.read_version)
        )
        if saved is not None:
            messages.success(request, f"{entity.singular.capitalize()} saved.")
            return redirect(_url(entity, saved))
        setattr(obj, entity.key, original_key)
    return render(
        request, "registry/entity_form.html", {"entity": entity, "obj": obj, "form": form}
    )


@login_required
def entity_create(request: HttpRequest, entity_name: str) -> HttpResponse:
    entity = _entity(entity_name)
    region = region_or_404()
    if entity.can_create is None or entity.create is None:
        raise Http404
    verdict = entity.can_create(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = _make_form(entity, request.user, region, data=request.POST or None)
    if request.method == "POST":
        saved = _save(request, form, lambda data: entity.create(request.user, region, data))  # type: ignore[misc]
        if saved is not None:
            messages.success(request, f"{entity.singular.capitalize()} added.")
            return redirect(_url(entity, saved))
    return render(
        request, "registry/entity_form.html", {"entity": entity, "obj": None, "form": form}
    )


@login_required
def entity_history(request: HttpRequest, entity_name: str, key: str) -> HttpResponse:
    entity = _entity(entity_name)
    obj = _get(entity, region_or_404(), key)
    return history_page(request, obj, back=_url(entity, obj))


def _membership(region: Region, pk: int) -> Membership:
    membership = (
        Membership.objects.select_related("board", "person", "organisation")
        .filter(board__region=region, pk=pk)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


@login_required
def membership_add(request: HttpRequest, key: str) -> HttpResponse:
    region = region_or_404()
    board = _get(ENTITIES["boards"], region, key)
    verdict = permissions.can_edit_membership(request.user, None)
    if not verdict:
        return refuse(request, verdict)
    form = forms.MembershipForm(request.POST or None, region=region)
    if request.method == "POST":
        saved = _save(
            request,
            form,
            lambda data: services.membership_create(by=request.user, board=board, data=data),
        )
        if saved is not None:
            messages.success(request, f"{saved.person} added to {board}.")
            return redirect(_url(ENTITIES["boards"], board))
    return render(
        request, "registry/membership_form.html", {"board": board, "membership": None, "form": form}
    )


@login_required
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_or_404()
    membership = _membership(region, pk)
    verdict = permissions.can_edit_membership(request.user, membership)
    if not verdict:
        return refuse(request, verdict)
    form = forms.MembershipForm(request.POST or None, instance=membership, region=region)
    if request.method == "POST":
        saved = _save(
            request,
            form,
            lambda data: services.membership_update(
                by=request.user, membership=membership, data=data, version=form.read_version
            ),
        )
        if saved is not None:
            messages.success(request, "Membership saved.")
            return redirect(_url(ENTITIES["boards"], membership.board))
    return render(
        request,
        "registry/membership_form.html",
        {"board": membership.board, "membership": membership, "form": form},
    )


@login_required
def membership_history(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(region_or_404(), pk)
    return history_page(request, membership, back=_url(ENTITIES["boards"], membership.board))


def _route(region: Region, slug: str) -> GovernanceRoute:
    route = selectors.route_page(region, slug)
    if route is None:
        raise Http404(f"No governance route {slug}.")
    return route


def _route_url(route: GovernanceRoute, view: str = "route") -> str:
    return reverse(f"registry:{view}", args=[route.slug])


@login_required
def route_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/route_list.html",
        {
            "routes": selectors.route_list(region_or_404()),
            "can_edit": permissions.can_edit_route(request.user),
        },
    )


@login_required
def route_detail(request: HttpRequest, slug: str) -> HttpResponse:
    route = _route(region_or_404(), slug)
    return render(
        request,
        "registry/route_detail.html",
        {
            "route": route,
            "can_edit": permissions.can_edit_route(request.user),
            "can_retire": permissions.can_retire_route(request.user),
            "delete_refusal": services.route_delete_refusal(route),
            # What is on a route includes drafts: only those who may read drafts see which.
            "can_read_drafts": can_view_drafts(request.user),
        },
    )


def _route_form(
    request: HttpRequest, region: Region, route: GovernanceRoute | None
) -> HttpResponse:
    verdict = permissions.can_edit_route(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.RouteForm(request.POST or None, region=region, route=route)
    if request.method == "POST" and form.is_valid():
        data = form.route_data()
        chosen = [n for n in form.step_names if form.cleaned_data.get(n) is not None]
        aliases = {f"step_{n}": name for n, name in enumerate(chosen, start=1)}

        def write() -> GovernanceRoute:
            if route is None:
                return services.route_create(by=request.user, region=region, data=data)
            return services.route_update(
                by=request.user, route=route, data=data, version=form.read_version
            )

        saved = run_service(form, write, aliases=aliases)
        if saved is not None:
            messages.success(request, "Governance route saved.")
            return redirect(_route_url(saved))
    return form_page(
        request,
        form,
        title=f"Change {route}" if route else "Add a governance route",
        caption="Governance routes",
        intro=(
            "Choose the boards a proposal passes through, in order, then who takes the "
            "final decision: a board, or one person who decides alone."
        ),
        back=_route_url(route) if route else reverse("registry:routes"),
        button="Save route",
        status=422 if form.errors else 200,
    )


@login_required
def route_create(request: HttpRequest) -> HttpResponse:
    return _route_form(request, region_or_404(), None)


@login_required
def route_edit(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    return _route_form(request, region, _route(region, slug))


@login_required
def route_delete(request: HttpRequest, slug: str) -> HttpResponse:
    route = _route(region_or_404(), slug)
    verdict = permissions.can_edit_route(request.user)
    if not verdict:
        return refuse(request, verdict)
    if request.method != "POST":
        return render(
            request,
            "registry/route_delete.html",
            {"route": route, "refusal": services.route_delete_refusal(route)},
        )
    name = route.name
    refused = run_action(
        request,
        lambda: services.route_delete(by=request.user, route=route),
        f"{name} deleted.",
    )
    if refused is not None:
        return refused
    if GovernanceRoute.objects.filter(pk=route.pk).exists():
        return redirect(_route_url(route))
    return redirect("registry:routes")


@login_required
def route_retire(request: HttpRequest, slug: str) -> HttpResponse:
    route = _route(region_or_404(), slug)
    verdict = permissions.can_retire_route(request.user)
    if not verdict:
        return refuse(request, verdict)
    if route.retired:
        messages.error(
            request, f"{route} was already retired on {services.said_on(route.retired_on)}."
        )
        return redirect(_route_url(route))
    form = forms.RouteRetireForm(request.POST or None, record=route)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.route_retire(
                by=request.user,
                route=route,
                reason=form.cleaned_data["reason"],
                version=form.read_version,
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved} retired.")
            return redirect(_route_url(saved))
    return form_page(
        request,
        form,
        title=f"Retire {route}",
        caption="Governance routes",
        intro=(
            "A retired route is not offered for deals and nothing new can be sent along it. "
            "Proposals and papers on it now carry on to the end, and its decisions are kept. "
            "You can reinstate it later."
        ),
        back=_route_url(route),
        button="Retire route",
        status=422 if form.errors else 200,
    )


@login_required
def route_reinstate(request: HttpRequest, slug: str) -> HttpResponse:
    route = _route(region_or_404(), slug)
    if request.method != "POST":
        return redirect(_route_url(route))
    refused = run_action(
        request,
        lambda: services.route_reinstate(by=request.user, route=route),
        f"{route} reinstated.",
    )
    return refused or redirect(_route_url(route))


@login_required
def route_history(request: HttpRequest, slug: str) -> HttpResponse:
    route = _route(region_or_404(), slug)
    return history_page(request, route, back=_route_url(route))
