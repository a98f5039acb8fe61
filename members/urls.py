from django.urls import path, register_converter

from members import views


class ParticipantCodeConverter:
    """Only what a participant code can be (AZE, IOM, UNHCR): anything else is a 404."""

    # The same shape as Participant.code's validator.
    regex = "[A-Z][A-Z0-9]{1,9}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ParticipantCodeConverter, "participant_code")

app_name = "members"
urlpatterns = [
    path("", views.MemberListView.as_view(), name="member_list"),
    path(
        "<participant_code:code>/",
        views.ParticipantDetailView.as_view(),
        name="participant_detail",
    ),
]
