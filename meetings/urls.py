from django.urls import path

from meetings import feeds, views
from meetings.documents import pdf
from meetings.documents import views as document_views

app_name = "meetings"


def document_urls():
    """concept-note.pdf, agenda.pdf and protocol.pdf, public and as the staff's preview."""
    for slug in pdf.DOCUMENT_TYPES:
        name = slug.replace("-", "_")
        yield path(
            f"meetings/<int:year>/<slug:slug>/{slug}.pdf",
            document_views.MeetingDocumentView.as_view(document=slug),
            name=f"{name}_pdf",
        )
        yield path(
            f"meetings/preview/<int:pk>/{slug}.pdf",
            document_views.MeetingDocumentPreviewView.as_view(document=slug),
            name=f"{name}_preview",
        )


urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("meetings/", views.MeetingArchiveView.as_view(), name="meeting_list"),
    path("meetings/feed/", feeds.MeetingFeed(), name="feed"),
    path("meetings/calendar.ics", views.CalendarFeedView.as_view(), name="calendar"),
    # The timelines of the members and the chairmanship pages, printed on one page.
    path("history.pdf", views.HistoryPdfView.as_view(), name="history_pdf"),
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
    # The PDF documents (meetings.documents.pdf), and the secretariat's preview of any meeting's.
    *document_urls(),
]
