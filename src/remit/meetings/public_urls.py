from django.urls import path

from remit.meetings.feeds import DecisionsFeed
from remit.meetings.views import public

app_name = "meetings_public"

urlpatterns = [
    path("", public.home, name="home"),
    path("boards/<slug:slug>/", public.board, name="board"),
    path("boards/<slug:slug>/calendar.ics", public.board_calendar, name="calendar"),
    path("boards/<slug:slug>/subscribe/", public.subscribe, name="subscribe"),
    path(
        "subscriptions/confirm/<str:token>/",
        public.subscription_confirm,
        name="subscription_confirm",
    ),
    path("subscriptions/stop/<str:token>/", public.subscription_stop, name="subscription_stop"),
    path("<int:pk>/", public.meeting, name="meeting"),
    path("<int:pk>/minutes/", public.minutes, name="minutes"),
    path("papers/<int:pk>/", public.paper, name="paper"),
    path("papers/<int:pk>/paper.pdf", public.paper_pdf, name="paper_pdf"),
    path("papers/<int:pk>/paper.docx", public.paper_docx, name="paper_docx"),
    path("appendices/<int:pk>/", public.appendix, name="appendix"),
    path("packs/<int:pk>/pack.pdf", public.pack, name="pack"),
    path("decisions/", public.decisions, name="decisions"),
    path("decisions/feed.atom", DecisionsFeed(), name="decisions_feed"),
    path("decisions/<int:pk>/", public.decision, name="decision"),
    path(
        "decisions/ref/<path:reference>", public.decision_by_reference, name="decision_by_reference"
    ),
    path("forward-plan/", public.forward_plan, name="forward_plan"),
]
