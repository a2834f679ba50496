from django.urls import path

from remit.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("public/", views.public_home, name="public_home"),
    path("boards/", views.boards, name="boards"),
    path("boards/<slug:slug>/", views.board, name="board"),
    path("funding-rounds/<int:pk>/", views.funding_round, name="round"),
    path("missions/", views.missions, name="missions"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
