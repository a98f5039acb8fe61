"""Public pages, cached with Django's cache framework until the record changes or the day turns.

A page a visitor without a session asks for is kept in the ``pages`` cache (each process's
memory) through Django's cache API, under a key that names the page version (the record's
version and today's date in the site's time zone), the page's language and encoding, the
method and the absolute URL: an edit or a new day retires every page at once, without
deleting anything (the old entries expire). This is pretalx's ``NamespacedCache`` idea: a
namespace in the key, one lookup per request. Django's ``CacheMiddleware`` would find the same
pages, but at twice the cost of a hit (it looks up the list of headers a page varies on, then
the page), and the pages here vary on their language and encoding only.

The record's version is one row in the database (``RecordVersion``) that every save or delete
of the record replaces in the same transaction, so it is what every worker of every app server
agrees on, with Redis or without it. Each process keeps the version it last read for at most
``RECORD_VERSION_MAX_AGE`` seconds: a change is seen everywhere within that time, and most
requests cost no query.

Only addresses the site's own links lead to are stored: a query string may carry the
parameters that public views declare they read (``page_parameters``). Any other parameter (a
tracking tag, a cache-buster) gets the page rendered afresh and never stored. Nor is a page
stored that sets a cookie, is marked private, or varies on anything else.

Pages are kept as they are sent: compressed by Django's ``GZipMiddleware`` for a browser that
accepts gzip (the key names the encoding), so a stored page is compressed once, not on every
visit. They carry an ETag (a hash of the page before compression) and a Last-Modified date,
and browsers are told to revalidate every time: Django's ``ConditionalGetMiddleware`` answers
them with a 304. Documents (the PDFs) keep the validators their views give them.
"""

import functools
import hashlib
import math
import time
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_start

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.gzip import re_accepts_gzip
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from almaty_portal.models import RecordVersion
from almaty_portal.record import record_models

# The cache alias pages are stored in.
PAGES = "pages"
# Entries outlive the day they belong to by a little; the key retires them, not the timeout.
PAGE_TTL = 60 * 60 * 25
# Paths that are never cached: the admin and what is served elsewhere.
UNCACHED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")


@dataclass(frozen=True)
class PageVersion:
    """What every public page depends on: the record's version and the day."""

    token: str
    changed_at: datetime
    day: date

    @property
    def key(self):
        return f"{self.token}.{self.day.isoformat()}"

    @property
    def last_modified(self):
        """The later of the last edit and the start of the day (pages that say "today")."""
        midnight = timezone.make_aware(datetime.combine(self.day, day_start.min))
        return max(self.changed_at, midnight)


class PageVersionCopy:
    """This process's copy of the page version, read again once it is too old.

    The record's version is read from the database and the day from the clock at the same
    time: both are at most ``RECORD_VERSION_MAX_AGE`` seconds old.
    """

    def __init__(self):
        self._state = (None, -math.inf)

    def get(self):
        version, read_at = self._state
        now = time.monotonic()
        if version is None or now - read_at >= settings.RECORD_VERSION_MAX_AGE:
            current = RecordVersion.objects.read()
            # No version yet (a database being set up): nothing is cached.
            version = current and PageVersion(*current, timezone.localdate())
            self._state = (version, now)
        return version

    def forget(self):
        self._state = (None, -math.inf)


current_version = PageVersionCopy()


def page_version(request=None):
    """The version pages are cached under now (the one the page cache used for ``request``)."""
    version = getattr(request, "page_version", None)
    return current_version.get() if version is None else version


def record_changed(**kwargs):
    """A row of the record changed: pages cached so far retire when the change commits."""
    RecordVersion.objects.bump()
    # This process reads the new version at once after the commit; the others within the
    # maximum age. Read earlier, it could key a page rendered from the data before the commit.
    transaction.on_commit(current_version.forget)


def forget_rendered_pages(sender, file_path, **kwargs):
    """The development server keeps running when a template changes: drop what it rendered."""
    if file_path.suffix == ".html":
        caches[PAGES].clear()
        caches["fragments"].clear()


def connect_signals():
    for model in record_models():
        uid = f"record-changed-{model._meta.label_lower}"
        post_save.connect(record_changed, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(record_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(record_changed, dispatch_uid="record-changed-m2m")
    # flush (the documented wipe) and migrate change rows without saving models.
    post_migrate.connect(record_changed, dispatch_uid="record-changed-migrate")
    file_changed.connect(forget_rendered_pages, dispatch_uid="forget-rendered-pages")


@functools.cache
def page_parameters():
    """The query parameters public views declare they read (``page_parameters``)."""

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                yield from getattr(view, "page_parameters", ())

    return frozenset(walk(get_resolver().url_patterns))


def reads_parameters(view, *names):
    """``view`` declared as reading the query parameters ``names`` (for function views)."""

    @functools.wraps(view)
    def declared(*args, **kwargs):
        return view(*args, **kwargs)

    declared.page_parameters = names
    return declared


def has_session(request):
    """Whether the request may come from a signed-in user: without a session it cannot.

    Deciding this from the cookie leaves the session unread, so a public page does not vary
    on cookies.
    """
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _public_page(request):
    return request.method in ("GET", "HEAD") and not request.path.startswith(UNCACHED_PREFIXES)


class PublicPageCacheMiddleware:
    """Public pages from the ``pages`` cache, under the current page version.

    Sits before the session and locale middleware, which a stored page does not need: it
    activates the language the locale middleware will choose (the key names it), so a
    stored page is found without them. What it stores has been through the middleware below
    it: compressed (``GZipMiddleware``) and with its validators (``PublicPageHeadersMiddleware``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _public_page(request):
            return self.get_response(request)
        if has_session(request):
            # A signed-in editor may be shown drafts: such a page is theirs alone.
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_cache=True)
            return response
        version = page_version()
        if version is None:
            return self.get_response(request)
        request.page_version = version
        # The language the locale middleware will choose: the page is kept under it.
        translation.activate(translation.get_language_from_request(request, check_path=True))
        if not page_parameters().issuperset(request.GET):
            return self.get_response(request)
        key = page_key(request)
        pages = caches[PAGES]
        response = pages.get(key)
        if response is None:
            response = self.get_response(request)
            if storable(response):
                pages.set(key, stored(response), PAGE_TTL)
        return response


class PublicPageHeadersMiddleware:
    """The validators and caching headers of a page the page cache may store.

    Below ``GZipMiddleware``: the ETag is a hash of the page itself, the same for every
    worker and every encoding (compression makes it weak: the compressed bytes differ from
    one compression to the next).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        version = getattr(request, "page_version", None)
        if version is None or response.status_code != 200 or response.streaming:
            return response
        if get_nonce(request):
            # The page holds this response's CSP nonce: it is nobody else's.
            patch_cache_control(response, private=True)
            return response
        if not response.has_header("ETag"):
            # One chunk: a response written piece by piece (the Atom feed) would otherwise
            # be sent to every later visitor in hundreds of small writes.
            response.content = response.content
            set_response_etag(response)
            response["Last-Modified"] = http_date(version.last_modified.timestamp())
        if not response.has_header("Cache-Control"):
            # Browsers and proxies revalidate every time; the 304 makes that cheap.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        # Stored pages say they are stale already, as max-age=0 does.
        response.headers.setdefault("Expires", http_date())
        return response


def page_key(request):
    """Where the page ``request`` asks for is kept: version, language, encoding, method, URL.

    The encoding is ``GZipMiddleware``'s choice: compressed for a client that accepts gzip.
    The absolute URL names the host (a page's links are built from it); reading it also
    refuses a host outside ``ALLOWED_HOSTS`` before anything is served.
    """
    url = hashlib.md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    # Read as GZipMiddleware reads it (``request.headers`` would copy every header first).
    encoding = (
        "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    )
    language = translation.get_language()
    return f"page.{request.page_version.key}.{language}.{encoding}.{request.method}.{url}"


# A stored page may vary on its language and its encoding (both in the key); on nothing else.
KEYED_VARY = {"accept-language", "accept-encoding"}


def storable(response):
    """Whether ``response`` may be kept for every visitor who asks the same."""
    vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and vary <= KEYED_VARY
    )


def stored(response):
    """A storable ``response`` as its bytes and headers: what the cache keeps of it.

    A response may hold what it was made from (the API's serialized data, kept by its
    pickled state): unpickling that on every visit would cost more than the page.
    """
    return HttpResponse(response.content, status=response.status_code, headers=response.headers)
