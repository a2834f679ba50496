from django.urls import path

from remit.funding.views import bids
from remit.funding.views import decisions
from remit.funding.views import funds
from remit.funding.views import grants
from remit.funding.views import maps
from remit.funding.views import rounds
from remit.funding.views import scenarios

app_name = "funding"

urlpatterns = [
    path("", funds.home, name="home"),
    path("rounds/<int:pk>/", rounds.round_detail, name="round"),
    path("rounds/<int:pk>/edit/", rounds.round_edit, name="round_edit"),
    path("rounds/<int:pk>/questions/new/", rounds.question_add, name="question_add"),
    path(
        "rounds/<int:pk>/questions/<int:item>/remove/",
        rounds.question_remove,
        name="question_remove",
    ),
    path("rounds/<int:pk>/questions/<int:item>/move/", rounds.question_move, name="question_move"),
    path("rounds/<int:pk>/criteria/new/", rounds.criterion_add, name="criterion_add"),
    path(
        "rounds/<int:pk>/criteria/<int:item>/remove/",
        rounds.criterion_remove,
        name="criterion_remove",
    ),
    path("rounds/<int:pk>/bids/", rounds.bid_list, name="bids"),
    path("rounds/<int:pk>/bids/new/", bids.bid_create, name="bid_create"),
    path("rounds/<int:pk>/moderation/", rounds.moderation, name="moderation"),
    path("rounds/<int:pk>/moderation/open/", rounds.moderation_open, name="moderation_open"),
    path("rounds/<int:pk>/package/", rounds.suggested_package, name="package"),
    path("rounds/<int:pk>/agenda/", decisions.round_agenda, name="round_agenda"),
    path("rounds/<int:pk>/recommendation/", decisions.round_recommend, name="round_recommend"),
    path("rounds/<int:pk>/notices/new/", decisions.notice_create, name="notice_create"),
    path(
        "rounds/<int:pk>/notices/<int:correct>/correct/",
        decisions.notice_create,
        name="notice_correct",
    ),
    path("notices/<int:pk>/", decisions.notice_detail, name="notice"),
    path("notices/<int:pk>/notice.pdf", decisions.notice_pdf, name="notice_pdf"),
    path("notices/<int:pk>/publish/", decisions.notice_publish, name="notice_publish"),
    path("bids/<int:pk>/", bids.bid_detail, name="bid"),
    path("bids/<int:pk>/edit/", bids.bid_edit, name="bid_edit"),
    path("bids/<int:pk>/submit/", bids.bid_submit, name="bid_submit"),
    path("bids/<int:pk>/withdraw/", bids.bid_withdraw, name="bid_withdraw"),
    path("bids/<int:pk>/history/", bids.bid_history, name="bid_history"),
    path("bids/<int:pk>/match-funding/new/", bids.match_add, name="match_add"),
    path("bids/<int:pk>/match-funding/<int:item>/remove/", bids.match_remove, name="match_remove"),
    path("bids/<int:pk>/outcomes/new/", bids.outcome_add, name="outcome_add"),
    path("bids/<int:pk>/outcomes/<int:item>/remove/", bids.outcome_remove, name="outcome_remove"),
    path("bids/<int:pk>/attachments/new/", bids.attachment_add, name="attachment_add"),
    path("bids/<int:pk>/attachments/<int:item>/", bids.attachment_download, name="attachment"),
    path(
        "bids/<int:pk>/attachments/<int:item>/remove/",
        bids.attachment_remove,
        name="attachment_remove",
    ),
    path("bids/<int:pk>/interest/", bids.bid_interest, name="bid_interest"),
    path("bids/<int:pk>/score/", bids.bid_score, name="bid_score"),
    path("bids/<int:pk>/recommendation/", bids.recommend, name="recommend"),
    path(
        "bids/<int:pk>/recommendation/<int:correct>/correct/",
        bids.recommend,
        name="recommend_correct",
    ),
    path("bids/<int:pk>/determination/", bids.determine, name="determine"),
    path(
        "bids/<int:pk>/determination/<int:correct>/correct/",
        bids.determine,
        name="determine_correct",
    ),
    path("grants/", grants.grant_list, name="grants"),
    path("grants/<int:pk>/", grants.grant_detail, name="grant"),
    path("grants/<int:pk>/history/", grants.grant_history, name="grant_history"),
    path("grants/<int:pk>/agreement/", grants.grant_agreement, name="grant_agreement"),
    path("grants/<int:pk>/schedule/", grants.grant_schedule, name="grant_schedule"),
    path("grants/<int:pk>/returns/<int:item>/", grants.grant_return, name="grant_return"),
    path(
        "grants/<int:pk>/instalments/<int:item>/pay/",
        grants.payment_record,
        name="payment_record",
    ),
    path(
        "grants/<int:pk>/payments/<int:item>/reverse/",
        grants.payment_reverse,
        name="payment_reverse",
    ),
    path("grants/<int:pk>/publish/", grants.grant_publish, name="grant_publish"),
    path("grants/<int:pk>/unpublish/", grants.grant_unpublish, name="grant_unpublish"),
    path("grants/<int:pk>/correct/", grants.grant_correct, name="grant_correct"),
    path("<slug:slug>/", funds.fund_detail, name="fund"),
    path("<slug:slug>/edit/", funds.fund_edit, name="fund_edit"),
    path("<slug:slug>/next-year/", funds.fund_next_year, name="fund_next_year"),
    path("<slug:slug>/history/", funds.fund_history, name="fund_history"),
    path("<slug:slug>/rounds/new/", rounds.round_create, name="round_create"),
    path("<slug:slug>/scenarios/", funds.scenario_list, name="scenarios"),
    path("<slug:slug>/scenarios/new/", funds.scenario_create, name="scenario_create"),
    path(
        "<slug:slug>/scenarios/from-areas/",
        funds.scenario_from_areas,
        name="scenario_from_areas",
    ),
    path("<slug:slug>/scenarios/build/", scenarios.scenario_build, name="scenario_build"),
    path("<slug:slug>/scenarios/<int:pk>/", funds.scenario_detail, name="scenario"),
    path("<slug:slug>/scenarios/<int:pk>/yaml/", scenarios.scenario_export, name="scenario_export"),
    path("<slug:slug>/scenarios/<int:pk>/edit/", funds.scenario_edit, name="scenario_edit"),
    path("<slug:slug>/scenarios/<int:pk>/adopt/", funds.scenario_adopt, name="scenario_adopt"),
    path("grants/areas.csv", maps.grants_areas_csv, name="grants_areas_csv"),
    path("grants/areas.pdf", maps.grants_areas_pdf, name="grants_areas_pdf"),
    path("rounds/<int:pk>/areas.csv", maps.round_areas_csv, name="round_areas_csv"),
    path("rounds/<int:pk>/areas.pdf", maps.round_areas_pdf, name="round_areas_pdf"),
    path(
        "<slug:slug>/scenarios/<int:pk>/areas.csv",
        maps.scenario_areas_csv,
        name="scenario_areas_csv",
    ),
    path(
        "<slug:slug>/scenarios/<int:pk>/areas.pdf",
        maps.scenario_areas_pdf,
        name="scenario_areas_pdf",
    ),
]
