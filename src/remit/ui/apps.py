from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "remit.ui"
    label = "ui"
    verbose_name = "User interface"
