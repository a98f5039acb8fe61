from django.urls import path

from meetings import document_views, feeds, pdf, views

app_name = "meetings"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingArchiveView.as_view(), name="meeting_list"),
    path("meetings/feed/", feeds.MeetingFeed(), name="feed"),
    path("meetings/calendar.ics", views.CalendarFeedView.as_view(), name="calendar"),
    path(
        "meetings/<int:year>/<slug:slug>/",
        views.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "meetings/<int:year>/<slug:slug>/calendar.ics",
        views.MeetingCalendarView.as_view(),
        name="meeting_calendar",
    ),
    # The PDF documents, and the secretariat's preview of any meeting's (meetings.pdf).
    path(
        "meetings/<int:year>/<slug:slug>/concept-note.pdf",
        document_views.MeetingDocumentView.as_view(document=pdf.CONCEPT_NOTE),
        name="concept_note_pdf",
    ),
    path(
        "meetings/<int:year>/<slug:slug>/agenda.pdf",
        document_views.MeetingDocumentView.as_view(document=pdf.AGENDA),
        name="agenda_pdf",
    ),
    path(
        "meetings/<int:year>/<slug:slug>/protocol.pdf",
        document_views.MeetingDocumentView.as_view(document=pdf.PROTOCOL),
        name="protocol_pdf",
    ),
    path(
        "meetings/preview/<int:pk>/concept-note.pdf",
        document_views.MeetingDocumentPreviewView.as_view(document=pdf.CONCEPT_NOTE),
        name="concept_note_preview",
    ),
    path(
        "meetings/preview/<int:pk>/agenda.pdf",
        document_views.MeetingDocumentPreviewView.as_view(document=pdf.AGENDA),
        name="agenda_preview",
    ),
    path(
        "meetings/preview/<int:pk>/protocol.pdf",
        document_views.MeetingDocumentPreviewView.as_view(document=pdf.PROTOCOL),
        name="protocol_preview",
    ),
]
