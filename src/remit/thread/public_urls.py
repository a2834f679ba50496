from django.urls import path

from remit.thread import views

app_name = "thread_public"

urlpatterns = [
    path("<int:number>/thread/", views.public_mission_thread, name="mission"),
]
