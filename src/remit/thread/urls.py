from django.urls import path

from remit.thread import views

app_name = "thread"

urlpatterns = [
    path("<int:number>/thread/", views.mission_thread, name="mission"),
]
