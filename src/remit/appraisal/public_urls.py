from django.urls import path

from remit.appraisal import public_views

app_name = "appraisal_public"

urlpatterns = [
    path("", public_views.case_list, name="list"),
    path("", public_views.case_list, name="home"),
    path("<int:pk>/", public_views.case_detail, name="detail"),
]
