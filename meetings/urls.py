from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingArchiveView.as_view(), name="meeting_list"),
    path(
        "meetings/<int:year>/<slug:slug>/",
        views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
]
