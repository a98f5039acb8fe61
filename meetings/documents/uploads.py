"""Uploaded documents: only real PDFs, under a size limit, stored under generated names."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PDF_SIGNATURE = b"%PDF-"


def max_upload_size():
    return settings.DOCUMENT_MAX_UPLOAD_BYTES


def upload_help_text():
    return _("A PDF file of at most %(size)s.") % {"size": filesizeformat(max_upload_size())}


def validate_pdf(upload):
    """Refuse anything that is not a PDF by its content, or is larger than the limit."""
    if upload.size > max_upload_size():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_upload_size()),
            },
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # The signature may follow a few bytes of junk, as PDF readers allow.
    if PDF_SIGNATURE not in head:
        raise ValidationError(
            _("This file is not a PDF document. Please upload the document as a PDF."),
            code="not_pdf",
        )


@deconstructible
class GeneratedName:
    """Store an upload as ``<folder>/<random>.pdf``, whatever the name it was sent with."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{uuid.uuid4().hex}.pdf"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
