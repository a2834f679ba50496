from django.urls import path

from remit.meetings.views import meetings
from remit.meetings.views import papers
from remit.meetings.views import records

app_name = "meetings"

urlpatterns = [
    path("", meetings.home, name="home"),
    path("schedule/", meetings.schedule, name="schedule"),
    path("compliance/", records.compliance, name="compliance"),
    path("forward-plan/", records.forward_plan, name="forward_plan"),
    path("forward-plan/new/", records.forward_plan_edit, name="forward_plan_add"),
    path("forward-plan/<int:pk>/edit/", records.forward_plan_edit, name="forward_plan_edit"),
    path(
        "forward-plan/<int:pk>/publish/", records.forward_plan_publish, name="forward_plan_publish"
    ),
    path("forward-plan/<int:pk>/place/", records.forward_plan_place, name="forward_plan_place"),
    path("<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("<int:pk>/publish/", meetings.agenda_publish, name="agenda_publish"),
    path("<int:pk>/publish-public/", meetings.meeting_publish_public, name="publish_public"),
    path("<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("<int:pk>/held/", meetings.meeting_hold, name="meeting_hold"),
    path("<int:pk>/history/", meetings.meeting_history, name="meeting_history"),
    path("<int:pk>/items/new/", meetings.item_add, name="item_add"),
    path("<int:pk>/declarations/new/", records.declaration_add, name="declaration_add"),
    path("<int:pk>/minutes/", records.minutes_edit, name="minutes_edit"),
    path("<int:pk>/pack/", records.pack_build, name="pack_build"),
    path("memberships/<int:pk>/substitutes/", meetings.substitutes, name="substitutes"),
    path("items/<int:pk>/edit/", meetings.item_edit, name="item_edit"),
    path("items/<int:pk>/move/<str:direction>/", meetings.item_move, name="item_move"),
    path("items/<int:pk>/withdraw/", meetings.item_withdraw, name="item_withdraw"),
    path("items/<int:pk>/paper/", papers.paper_create, name="paper_create"),
    path("items/<int:pk>/decision/", records.decision_record, name="decision_record"),
    path("items/<int:pk>/approve-minutes/", records.minutes_approve, name="minutes_approve"),
    path("papers/<int:pk>/", papers.paper_detail, name="paper"),
    path("papers/<int:pk>/edit/", papers.paper_edit, name="paper_edit"),
    path("papers/<int:pk>/publish/", papers.paper_publish, name="paper_publish"),
    path("papers/<int:pk>/withdraw/", papers.paper_withdraw, name="paper_withdraw"),
    path("papers/<int:pk>/history/", papers.paper_history, name="paper_history"),
    path("papers/<int:pk>/paper.pdf", papers.paper_pdf, name="paper_pdf"),
    path("papers/<int:pk>/paper.docx", papers.paper_docx, name="paper_docx"),
    path("papers/<int:pk>/appendices/new/", papers.appendix_add, name="appendix_add"),
    path("appendices/<int:pk>/", papers.appendix_download, name="appendix"),
    path("appendices/<int:pk>/remove/", papers.appendix_remove, name="appendix_remove"),
    path("decisions/<int:pk>/", records.decision_detail, name="decision"),
    path("packs/<int:pk>/status.json", records.pack_status, name="pack_status"),
    path("packs/<int:pk>/pack.pdf", records.pack_download, name="pack_download"),
]
