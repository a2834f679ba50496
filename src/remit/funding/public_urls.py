from django.urls import path

from remit.funding.views import maps
from remit.funding.views import public

app_name = "funding_public"

urlpatterns = [
    path("", public.grant_list, name="home"),
    path("", public.grant_list, name="list"),
    path("360giving.json", public.export_json, name="export_json"),
    path("360giving.csv", public.export_csv, name="export_csv"),
    path("areas.csv", maps.published_areas_csv, name="areas_csv"),
    path("areas.pdf", maps.published_areas_pdf, name="areas_pdf"),
    path("<int:pk>/", public.grant_detail, name="detail"),
    path("decisions/<str:reference>/", public.notice, name="notice"),
    path("decisions/<str:reference>/notice.pdf", public.notice_pdf, name="notice_pdf"),
]
