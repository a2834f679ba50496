from django.urls import path

from remit.work import views

app_name = "work"

urlpatterns = [
    path("failed-jobs/<uuid:job_id>/", views.failed_job, name="failed_job"),
    path("failed-jobs/<uuid:job_id>/retry/", views.failed_job_retry, name="failed_job_retry"),
]
