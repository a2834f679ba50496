from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "remit.meetings"
    label = "meetings"
    verbose_name = "Meetings and papers"

    def ready(self) -> None:
        from remit.meetings.for_proposals import MeetingsForProposals
        from remit.proposals import at_meetings

        at_meetings.register(MeetingsForProposals())
