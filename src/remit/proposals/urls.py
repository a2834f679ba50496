from django.urls import path

from remit.proposals.views import deals
from remit.proposals.views import proposals

app_name = "proposals"

urlpatterns = [
    path("", proposals.register, name="register"),
    path("export.<str:fmt>", proposals.export, name="export"),
    path("coverage/", proposals.coverage, name="coverage"),
    path("new/", proposals.create, name="create"),
    path("<int:pk>/", proposals.detail, name="detail"),
    path("<int:pk>/edit/", proposals.edit, name="edit"),
    path("<int:pk>/history/", proposals.history, name="history"),
    path("<int:pk>/missions/", proposals.align, name="align"),
    path(
        "<int:pk>/missions/<int:alignment_pk>/remove/",
        proposals.alignment_remove,
        name="alignment_remove",
    ),
    path("<int:pk>/route/", proposals.route, name="route"),
    path("<int:pk>/decisions/new/", proposals.decision_new, name="decision_new"),
    path("decisions/<int:pk>/correct/", proposals.decision_correct, name="decision_correct"),
    path("<int:pk>/submit/", proposals.submit, name="submit"),
    path("<int:pk>/negotiation/new/", proposals.negotiation_new, name="negotiation_new"),
    path("<int:pk>/outcome/", proposals.outcome, name="outcome"),
    path("<int:pk>/withdraw/", proposals.withdraw, name="withdraw"),
    path("<int:pk>/publish/", proposals.publish, name="publish"),
    path("<int:pk>/unpublish/", proposals.unpublish, name="unpublish"),
    path("<int:pk>/screening/", proposals.screening, name="screening"),
    path("<int:pk>/engagement/new/", deals.engagement_new, name="engagement_new"),
    path("<int:pk>/screening/sign-off/", proposals.screening_sign_off, name="sign_off"),
    path("deals/", deals.deal_list, name="deals"),
    path("deals/new/", deals.deal_create, name="deal_create"),
    path("deals/<slug:slug>/", deals.deal_detail, name="deal"),
    path("deals/<slug:slug>/edit/", deals.deal_edit, name="deal_edit"),
    path("deals/<slug:slug>/milestones/new/", deals.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", deals.milestone_edit, name="milestone_edit"),
    path("papers/new/", deals.paper_create, name="paper_create"),
    path("papers/<int:pk>/", deals.paper_detail, name="paper"),
    path("papers/<int:pk>/edit/", deals.paper_edit, name="paper_edit"),
    path("papers/<int:pk>/route/", deals.paper_route, name="paper_route"),
    path("papers/<int:pk>/decisions/new/", deals.paper_decision_new, name="paper_decision_new"),
    path("sessions/new/", deals.session_create, name="session_create"),
    path("sessions/<int:pk>/", deals.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", deals.session_edit, name="session_edit"),
    path("sessions/<int:pk>/ideas/new/", deals.idea_new, name="idea_new"),
    path("sessions/<int:pk>/feedback/new/", deals.feedback_new, name="feedback_new"),
    path("ideas/<int:pk>/adopt/", deals.idea_adopt, name="idea_adopt"),
    path("feedback/<int:pk>/acted-on/", deals.feedback_acted_on, name="feedback_acted_on"),
]
