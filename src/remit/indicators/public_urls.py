from django.urls import path

from remit.indicators import public_views

app_name = "indicators_public"

urlpatterns = [
    path("", public_views.home, name="home"),
    path("missions/<int:number>/", public_views.mission, name="mission"),
    path("areas/<str:code>/", public_views.area, name="area"),
    path("areas/<str:code>/figures.csv", public_views.area_csv, name="area_csv"),
    path(
        "areas/<str:code>/neighbourhoods.csv",
        public_views.neighbourhoods_csv,
        name="neighbourhoods_csv",
    ),
    path("<slug:slug>/", public_views.detail, name="detail"),
    path("<slug:slug>/figures.csv", public_views.values_csv, name="values_csv"),
    path("<slug:slug>/gap.csv", public_views.gap_csv, name="gap_csv"),
]
