from django.urls import path

from remit.indicators import definition_views
from remit.indicators import map_views
from remit.indicators import result_views
from remit.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", definition_views.create, name="create"),
    path("missions/<int:number>/", views.mission, name="mission"),
    path("areas/<str:code>/", views.area, name="area"),
    path("areas/<str:code>/figures.csv", views.area_csv, name="area_csv"),
    path("areas/<str:code>/neighbourhoods/", map_views.neighbourhoods, name="neighbourhoods"),
    path(
        "areas/<str:code>/neighbourhoods.csv",
        map_views.neighbourhoods_csv,
        name="neighbourhoods_csv",
    ),
    path(
        "areas/<str:code>/neighbourhoods/worst.csv",
        map_views.worst_csv,
        name="neighbourhoods_worst_csv",
    ),
    path("areas/<str:code>/report/", views.area_report, name="area_report"),
    path("areas/<str:code>/report.pdf", views.area_report_pdf, name="area_report_pdf"),
    path("areas/<str:code>/report/attach/", views.area_report_attach, name="area_report_attach"),
    path("crime/", definition_views.crime_data, name="crime_data"),
    path("crime/import/", definition_views.crime_import, name="crime_import"),
    path("crime/imports/<int:pk>/", definition_views.import_job, name="import_job"),
    path("results/", result_views.results, name="results"),
    path("results/new/", result_views.result_create, name="result_create"),
    path("results/<int:pk>/", result_views.result_detail, name="result"),
    path("results/<int:pk>/edit/", result_views.result_edit, name="result_edit"),
    path("results/<int:pk>/progress/", result_views.result_progress, name="result_progress"),
    path("results/<int:pk>/history/", result_views.result_history, name="result_history"),
    path("results/<int:pk>/milestones/new/", result_views.milestone_add, name="milestone_add"),
    path(
        "results/<int:pk>/milestones/<int:milestone_pk>/done/",
        result_views.milestone_done,
        name="milestone_done",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", definition_views.edit, name="edit"),
    path("<slug:slug>/history/", definition_views.history, name="history"),
    path("<slug:slug>/figures.csv", views.values_csv, name="values_csv"),
    path("<slug:slug>/gap.csv", views.gap_csv, name="gap_csv"),
    path("<slug:slug>/upload/", definition_views.upload, name="upload"),
    path("<slug:slug>/refresh/", definition_views.refresh, name="refresh"),
    path("<slug:slug>/publish/", definition_views.publish, name="publish"),
    path("<slug:slug>/withdraw/", definition_views.withdraw, name="withdraw"),
    path("<slug:slug>/targets/new/", definition_views.target_add, name="target_add"),
    path(
        "<slug:slug>/targets/<int:pk>/remove/", definition_views.target_remove, name="target_remove"
    ),
]
