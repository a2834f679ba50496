from django.urls import path

from remit.appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("", views.case_list, name="home"),
    path("new/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/history/", views.case_history, name="history"),
    path("<int:pk>/export.docx", views.export_docx, name="export_docx"),
    path("<int:pk>/export.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/decisions/new/", views.decision_record, name="decision_record"),
    path(
        "<int:pk>/decisions/<int:decision_pk>/correct/",
        views.decision_record,
        name="decision_correct",
    ),
    path("<int:pk>/appraisal/options/new/", views.option_edit, name="option_add"),
    path("<int:pk>/appraisal/options/<int:index>/", views.option_edit, name="option_edit"),
    path(
        "<int:pk>/appraisal/options/<int:index>/remove/",
        views.option_remove,
        name="option_remove",
    ),
    path("<int:pk>/appraisal/settings/", views.appraisal_settings, name="settings"),
    path("<int:pk>/appraisal/upload/", views.upload, name="upload"),
    path("<int:pk>/appraisal/history/", views.appraisal_runs, name="runs"),
    path(
        "<int:pk>/appraisal/inputs.<str:fmt>",
        views.inputs_download,
        name="inputs_download",
    ),
    path("<int:pk>/tables/<str:kind>/new/", views.row_edit, name="row_add"),
    path("<int:pk>/tables/<str:kind>/<int:row_pk>/", views.row_edit, name="row_edit"),
    path("<int:pk>/tables/<str:kind>/<int:row_pk>/remove/", views.row_remove, name="row_remove"),
    path("<int:pk>/<str:kind>/", views.section_detail, name="section"),
    path("<int:pk>/<str:kind>/edit/", views.section_edit, name="section_edit"),
    path("<int:pk>/<str:kind>/status/", views.section_move, name="section_move"),
]
