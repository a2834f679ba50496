from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "remit.meetings"
    label = "meetings"
    verbose_name = "Meetings and papers"
