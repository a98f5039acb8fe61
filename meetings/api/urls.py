"""/api/: the open-data API (version 1), its OpenAPI document and its documentation page."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from meetings.api import views

# Registers the participant_code converter (what a code can be; anything else is a 404).
from members import urls as _members_urls  # noqa: F401

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="meetings/api_docs.html"
        ),
        name="docs",
    ),
    path("v1/", views.ApiRoot.as_view(), name="root"),
    path("v1/meetings/", views.MeetingList.as_view(), name="meeting_list"),
    path(
        "v1/meetings/<int:year>/<slug:slug>/", views.MeetingDetail.as_view(), name="meeting_detail"
    ),
    path("v1/participants/", views.ParticipantList.as_view(), name="participant_list"),
    path(
        "v1/participants/<participant_code:code>/",
        views.ParticipantDetail.as_view(),
        name="participant_detail",
    ),
    path("v1/chairmanship-terms/", views.ChairmanshipTermList.as_view(), name="term_list"),
    path("v1/members/", views.MembersOnDate.as_view(), name="members_on_date"),
    path("v1/chair/", views.ChairOnDate.as_view(), name="chair_on_date"),
    path("v1/record.zip", views.BulkDownload.as_view(), name="bulk"),
    # Any other address ending in a slash: a JSON 404. (Without the slash, Django first
    # redirects to it, so /api/v1/meetings still finds the meetings.)
    re_path(r"^.*/$", views.NotFoundView.as_view()),
]
