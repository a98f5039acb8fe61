"""The PDF documents: a meeting's, and texts held in the record; public, and the staff's preview."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header, http_date, quote_etag
from django.utils.translation import get_language
from django.views import View

from meetings.documents import pdf, store
from meetings.models import Meeting, MeetingDocument


class MeetingDocumentMixin:
    """Loads the meeting, checks it has the document, serves the stored PDF."""

    document = None  # one of pdf.DOCUMENT_TYPES, set in the URL configuration

    def get_queryset(self):
        return Meeting.objects.select_related("host")

    def get_meeting(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        if self.document not in pdf.available_documents(meeting):
            raise Http404("This meeting has no such document.")
        language = get_language()
        stored = store.get_document(meeting, self.document, language=language)
        return self.stored_response(
            request, stored, pdf.download_name(meeting, self.document, language)
        )

    def stored_response(self, request, stored, filename):
        etag = quote_etag(stored.key)
        # HTTP dates have whole seconds; a fraction would defeat If-Modified-Since.
        last_modified = int(stored.modified.timestamp())
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            response = not_modified
        else:
            # Documents are tens of kilobytes: read whole, no file is left open for a client
            # that goes away.
            with stored.open() as file:
                response = HttpResponse(file.read(), content_type="application/pdf")
            response["Content-Disposition"] = content_disposition_header(
                as_attachment=False, filename=filename
            )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        self.set_cache_headers(response)
        return response

    def set_cache_headers(self, response):
        # Browsers may keep a copy but must ask again: the next edit makes a new version.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class MeetingDocumentView(MeetingDocumentMixin, View):
    """A published meeting's document, in the language of the URL."""

    def get_meeting(self):
        queryset = self.get_queryset().published().in_year(self.kwargs["year"])
        return get_object_or_404(queryset, slug=self.kwargs["slug"])


@method_decorator(staff_member_required, name="dispatch")
class MeetingDocumentPreviewView(MeetingDocumentMixin, View):
    """Any meeting's document for the secretariat; a draft's is marked as such on every page."""

    def get_meeting(self):
        if not self.request.user.has_perm("meetings.view_meeting"):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def set_cache_headers(self, response):
        patch_cache_control(response, private=True, no_cache=True)


class TextDocumentMixin(MeetingDocumentMixin):
    """A text held in the record (a document with a body), printed as a PDF."""

    def get_queryset(self):
        return MeetingDocument.objects.select_related("meeting").texts()

    def get_document(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        document = self.get_document()
        language = get_language()
        stored = store.get_text_document(document, language=language)
        return self.stored_response(request, stored, pdf.text_download_name(document, language))


class TextDocumentView(TextDocumentMixin, View):
    """A published text document, in the language of the URL."""

    def get_document(self):
        return get_object_or_404(self.get_queryset().published(), pk=self.kwargs["pk"])


@method_decorator(staff_member_required, name="dispatch")
class TextDocumentPreviewView(TextDocumentMixin, View):
    """Any text document for the secretariat; a draft's is marked as such on every page."""

    def get_document(self):
        if not self.request.user.has_perm("meetings.view_meetingdocument"):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def set_cache_headers(self, response):
        patch_cache_control(response, private=True, no_cache=True)
