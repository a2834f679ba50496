from django.urls import path

from remit.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/history/", views.membership_history, name="membership_history"),
    path("boards/<str:key>/members/new/", views.membership_add, name="membership_add"),
    path("<str:entity_name>/", views.entity_list, name="list"),
    path("<str:entity_name>/new/", views.entity_create, name="create"),
    path("<str:entity_name>/<str:key>/", views.entity_detail, name="detail"),
    path("<str:entity_name>/<str:key>/edit/", views.entity_edit, name="edit"),
    path("<str:entity_name>/<str:key>/history/", views.entity_history, name="history"),
]
