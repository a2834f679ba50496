from django.urls import path

from remit.proposals.views import public

app_name = "published_proposals"

urlpatterns = [
    path("", public.published_list, name="list"),
    path("<int:pk>/", public.published_detail, name="detail"),
]
