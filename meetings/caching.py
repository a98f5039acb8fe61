"""Public pages cached per language, invalidated whenever the record changes.

Every save or delete of a model of the record moves the *content version* (the time of the
last change, kept in the shared cache). Cached pages are keyed by that version, so a change
retires all of them at once — one cache read per request, and never a stale page. The
version is also the pages' Last-Modified date; their ETag comes from it too, so browsers and
proxies revalidate with a conditional GET and get a 304 when nothing has changed.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

VERSION_KEY = "portal:content-version"
RECORD_APPS = ("members", "chairmanship", "meetings")
PAGE_TTL = 60 * 60 * 24
# Paths that are never cached: the admin and files served elsewhere.
UNCACHED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")


def content_version():
    """The time of the last change to the record (set on first use after a cache flush)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs):
    cache.set(VERSION_KEY, time.time(), timeout=None)


def connect_signals():
    for app_label in RECORD_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"content-version-{model._meta.label_lower}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="content-version-m2m")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        # Without a session there is no signed-in user: the page is the public one. Deciding
        # this from the cookie lets a cache hit skip sessions, authentication and the rest.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(request, response):
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that used a CSP nonce must not be served to anyone else.
        and not nonce
        # Responses that manage their own caching (the PDFs) are left alone.
        and not response.has_header("Cache-Control")
        and not response.has_header("ETag")
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs from the cache; answer conditional GETs with 304."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        key = f"page:{version}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        etag = quote_etag(
            hashlib.sha256(f"{version}:{request.get_full_path()}".encode()).hexdigest()[:32]
        )
        last_modified = int(version)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return not_modified
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if not _cacheable_response(request, response):
                return response
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            # Browsers and proxies revalidate every time; the 304 makes that cheap.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            cache.set(key, response, PAGE_TTL)
        return response
