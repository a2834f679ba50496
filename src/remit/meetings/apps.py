from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "remit.meetings"
    label = "meetings"
    verbose_name = "Meetings and papers"

    def ready(self) -> None:
        from remit.core.context_processors import section_gate
        from remit.indicators.reports import report_papers
        from remit.meetings.area_reports import MEETING_PAPERS
        from remit.meetings.for_proposals import MeetingsForProposals
        from remit.meetings.permissions import can_use_meetings
        from remit.meetings.services.reminders import papers_late_check
        from remit.notifications.services import scheduled_check
        from remit.proposals import at_meetings

        at_meetings.register(MeetingsForProposals())
        scheduled_check(papers_late_check)
        section_gate("meetings:home", can_use_meetings, "meetings_public:home")
        report_papers(MEETING_PAPERS)
