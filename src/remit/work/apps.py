from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "remit.work"
    label = "work"
    verbose_name = "Your work"
