"""Template tests for the ui app.

Under pytest-django the project's settings are used. With the plugin
disabled (``-p no:django``) a minimal configuration is made here, enough to
render templates and forms without a database.
"""

from collections.abc import Iterator

import django
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import path


def _view(request):  # pragma: no cover - only reversed, never requested
    raise NotImplementedError


class UiTestUrls:
    """A URLconf with the two names the page template links to."""

    urlpatterns = [
        path("accounts/login/", _view, name="login"),
        path("accounts/logout/", _view, name="logout"),
    ]


TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="ui-tests",
        USE_TZ=True,
        TIME_ZONE="Europe/London",
        LANGUAGE_CODE="en-gb",
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "remit.ui",
        ],
        STATIC_URL="/static/",
        ROOT_URLCONF=UiTestUrls,
        FORM_RENDERER="remit.ui.forms.GovukFormRenderer",
        TEMPLATES=TEMPLATES,
    )
    django.setup()


@pytest.fixture(autouse=True)
def ui_only_templates() -> Iterator[None]:
    """Render with this app's templates and context processors only, and no database."""
    with override_settings(
        TEMPLATES=TEMPLATES,
        ROOT_URLCONF=UiTestUrls,
        FORM_RENDERER="remit.ui.forms.GovukFormRenderer",
        STATIC_URL="/static/",
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield
