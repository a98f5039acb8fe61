"""Every error of the API as JSON of one shape: ``{"errors": [{"parameter"?, "detail"}]}``."""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response


class BadParameters(exceptions.APIException):
    """One or more query parameters the API cannot read: a 400 naming each of them."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_parameter"

    def __init__(self, errors):
        # {parameter: message}
        self.errors = errors
        super().__init__(detail="; ".join(f"{k}: {v}" for k, v in errors.items()))


def error_body(errors):
    return {"errors": errors}


def exception_handler(exc, context):
    """DRF's exception handler, with the API's error shape (and a JSON 404)."""
    if isinstance(exc, BadParameters):
        errors = [{"parameter": name, "detail": str(msg)} for name, msg in exc.errors.items()]
        return Response(error_body(errors), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if not isinstance(exc, exceptions.APIException):
        return None  # a server error: Django's own handling (and logging)
    headers = {}
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    detail = exc.detail
    if isinstance(exc, exceptions.NotFound):
        detail = _("Nothing is published at this address.")
    elif isinstance(exc, exceptions.Throttled):
        detail = _("Too many requests; try again in %(seconds)d seconds.") % {
            "seconds": int(exc.wait or 1)
        }
    return Response(error_body([{"detail": str(detail)}]), status=exc.status_code, headers=headers)
