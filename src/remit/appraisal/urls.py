from django.urls import path

from remit.appraisal.views import appraisal
from remit.appraisal.views import cases
from remit.appraisal.views import tables

app_name = "appraisal"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("", cases.case_list, name="home"),
    path("new/", cases.case_create, name="create"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/edit/", cases.case_edit, name="edit"),
    path("<int:pk>/history/", cases.case_history, name="history"),
    path("<int:pk>/export.docx", cases.export_docx, name="export_docx"),
    path("<int:pk>/export.pdf", cases.export_pdf, name="export_pdf"),
    path("<int:pk>/decisions/new/", cases.approval_decision_record, name="decision_record"),
    path(
        "<int:pk>/decisions/<int:decision_pk>/correct/",
        cases.approval_decision_record,
        name="decision_correct",
    ),
    path("<int:pk>/appraisal/options/new/", appraisal.option_edit, name="option_add"),
    path("<int:pk>/appraisal/options/<int:index>/", appraisal.option_edit, name="option_edit"),
    path(
        "<int:pk>/appraisal/options/<int:index>/remove/",
        appraisal.option_remove,
        name="option_remove",
    ),
    path("<int:pk>/appraisal/settings/", appraisal.appraisal_settings, name="settings"),
    path("<int:pk>/appraisal/upload/", appraisal.upload, name="upload"),
    path("<int:pk>/appraisal/history/", appraisal.appraisal_runs, name="runs"),
    path(
        "<int:pk>/appraisal/inputs.<str:fmt>",
        appraisal.inputs_download,
        name="inputs_download",
    ),
    path("<int:pk>/tables/<str:kind>/new/", tables.row_edit, name="row_add"),
    path("<int:pk>/tables/<str:kind>/<int:row_pk>/", tables.row_edit, name="row_edit"),
    path("<int:pk>/tables/<str:kind>/<int:row_pk>/remove/", tables.row_remove, name="row_remove"),
    path("<int:pk>/<str:kind>/", cases.section_detail, name="section"),
    path("<int:pk>/<str:kind>/edit/", cases.section_edit, name="section_edit"),
    path("<int:pk>/<str:kind>/status/", cases.section_move, name="section_move"),
]
