from django.urls import path  # noqa: F401

app_name = "appraisal_public"

urlpatterns: list = []
