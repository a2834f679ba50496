from django.urls import path

from remit.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/history/", views.membership_history, name="membership_history"),
    path("boards/<str:key>/members/new/", views.membership_add, name="membership_add"),
    path("routes/", views.route_list, name="routes"),
    path("routes/new/", views.route_create, name="route_create"),
    path("routes/<slug:slug>/", views.route_detail, name="route"),
    path("routes/<slug:slug>/edit/", views.route_edit, name="route_edit"),
    path("routes/<slug:slug>/delete/", views.route_delete, name="route_delete"),
    path("routes/<slug:slug>/retire/", views.route_retire, name="route_retire"),
    path("routes/<slug:slug>/reinstate/", views.route_reinstate, name="route_reinstate"),
    path("routes/<slug:slug>/history/", views.route_history, name="route_history"),
    path("<str:entity_name>/", views.entity_list, name="list"),
    path("<str:entity_name>/new/", views.entity_create, name="create"),
    path("<str:entity_name>/<str:key>/", views.entity_detail, name="detail"),
    path("<str:entity_name>/<str:key>/edit/", views.entity_edit, name="edit"),
    path("<str:entity_name>/<str:key>/history/", views.entity_history, name="history"),
]
