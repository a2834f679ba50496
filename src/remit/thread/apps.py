from django.apps import AppConfig


class ThreadConfig(AppConfig):
    name = "remit.thread"
    label = "thread"
    verbose_name = "Golden thread"
