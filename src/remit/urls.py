from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include
from django.urls import path

from remit.api.main import api
from remit.core import views as core_views
from remit.ui.forms import SignInForm

handler403 = "remit.ui.views.permission_denied"

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=SignInForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("registry/", include("remit.registry.urls")),
    path("meetings/", include("remit.meetings.urls")),
    path("business-cases/", include("remit.appraisal.urls")),
    path("published/meetings/", include("remit.meetings.public_urls")),
    path("published/business-cases/", include("remit.appraisal.public_urls")),
    path("proposals/", include("remit.proposals.urls")),
    path("published/proposals/", include("remit.proposals.public_urls")),
    path("funds/", include("remit.funding.urls")),
    path("published/grants/", include("remit.funding.public_urls")),
    path("indicators/", include("remit.indicators.urls")),
    path("published/indicators/", include("remit.indicators.public_urls")),
    path("notifications/", include("remit.notifications.urls")),
    path("search/", include("remit.search.urls")),
    path("work/", include("remit.work.urls")),
    path("missions/", include("remit.thread.urls")),
    path("published/missions/", include("remit.thread.public_urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    path("media/<path:name>", core_views.stored_file, name="stored_file"),
    path("", include("remit.portal.urls")),
]
