from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "remit.notifications"
    label = "notifications"
    verbose_name = "Notifications"
