"""Rendered PDF documents, printed once per version and kept in Django's default storage.

A document's version key is a hash of the HTML it is printed from (with its kind, language
and the renderer's version), so anything that changes what the document shows gives it a
new key, and nothing else does. The bytes live in the default storage, which app servers
share, under ``rendered-pdf/<meeting pk>/<kind>-<language>-<key>.pdf`` (a text held in the record as
a document: ``rendered-pdf/documents/<document pk>/text-<language>-<key>.pdf``).
"""

import contextlib
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete
from django.utils import timezone

from meetings.documents import pdf
from meetings.models import Meeting, MeetingDocument

logger = logging.getLogger(__name__)

FOLDER = "rendered-pdf"


@dataclass(frozen=True)
class StoredDocument:
    key: str
    name: str
    modified: datetime

    def open(self):
        return default_storage.open(self.name, "rb")


def version_key(html, *, kind, language):
    """The version of a document: a hash of everything that decides how it looks."""
    digest = hashlib.sha256()
    for part in (pdf.RENDERER_VERSION, version("weasyprint"), kind, language, html):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def get_document(meeting, kind, *, language) -> StoredDocument:
    """The current version of a meeting's document, printed now if it is not stored yet."""
    return _current_version(
        pdf.document_html(meeting, kind, language=language),
        folder=f"{FOLDER}/{meeting.pk}",
        kind=kind,
        language=language,
    )


def get_text_document(document, *, language) -> StoredDocument:
    """The current version of a text held in the record (``MeetingDocument``), as a PDF."""
    return _current_version(
        pdf.text_document_html(document, language=language),
        folder=text_document_folder(document.pk),
        kind="text",
        language=language,
    )


def text_document_folder(pk):
    return f"{FOLDER}/documents/{pk}"


def _current_version(html, *, folder, kind, language):
    key = version_key(html, kind=kind, language=language)
    prefix = f"{kind}-{language}-"
    name = f"{folder}/{prefix}{key}.pdf"
    if not default_storage.exists(name):
        content = pdf.html_to_pdf(html)
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:
            # Another server stored the same version a moment ago; keep one copy.
            default_storage.delete(saved)
        _delete_older_versions(folder, prefix, keep=name)
    return StoredDocument(key=key, name=name, modified=_modified(name))


def _stored_files(folder):
    """``(filename, path)`` of each file stored in ``folder``; none if there is no folder."""
    try:
        _, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return []
    return [(filename, f"{folder}/{filename}") for filename in files]


def _delete_older_versions(folder, prefix, *, keep):
    for filename, path in _stored_files(folder):
        if filename.startswith(prefix) and path != keep:
            default_storage.delete(path)


def forget_meeting(sender, instance, **kwargs):
    """A deleted meeting's stored documents go too, once the deletion is committed."""
    pk = instance.pk
    transaction.on_commit(lambda: _delete_folder(f"{FOLDER}/{pk}"), robust=True)


def _delete_folder(folder):
    for _filename, path in _stored_files(folder):
        default_storage.delete(path)
    # The storage API deletes files; an empty local folder is left for the file system.
    with contextlib.suppress(NotImplementedError, OSError):
        Path(default_storage.path(folder)).rmdir()


def forget_text_document(sender, instance, **kwargs):
    """A deleted document's printed text goes too, once the deletion is committed."""
    folder = text_document_folder(instance.pk)
    transaction.on_commit(lambda: _delete_folder(folder), robust=True)


def connect_signals():
    post_delete.connect(forget_meeting, sender=Meeting, dispatch_uid="pdf-store-forget-meeting")
    post_delete.connect(
        forget_text_document, sender=MeetingDocument, dispatch_uid="pdf-store-forget-document"
    )


def _modified(name):
    try:
        return default_storage.get_modified_time(name)
    except NotImplementedError:
        # A storage that cannot tell: the version is at least as new as now.
        logger.warning("Storage cannot tell when %s was written.", name)
        return timezone.now()
