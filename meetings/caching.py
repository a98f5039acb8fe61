"""Public pages cached per language, invalidated whenever the record changes.

Every save or delete of a model of the record moves the *content version* (the time of the
last change, kept in the shared cache). A page is stored with the version it was rendered
under and served only while that version is current, so a change retires every page at
once and a stale page is never served. The version is also the pages' Last-Modified date and
the seed of their ETag, so browsers and proxies revalidate with a conditional GET and get a
304 while nothing has changed. Documents (the PDFs) keep the validators they come with.

Only the addresses the site's own links lead to are stored: a query string may carry the
parameters the pages read (the archive's filters and page number) and nothing else. Any
other parameter (a tracking tag, a cache-buster) gets the page rendered afresh, with the
same validators, and never stored, so the shared cache holds one entry per page rather
than one per query string anyone makes up.
"""

import functools
import hashlib
import logging
import os
import threading
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils.autoreload import file_changed
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from meetings.record import record_models

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
PAGE_TTL = 60 * 60 * 24
# Part of every page key: a release that stores pages differently never reads old ones.
ENTRY_FORMAT = 2
# Paths that are never cached: the admin and files served elsewhere.
UNCACHED_PREFIXES = ("/admin/", "/static/", "/media/", "/i18n/")


def content_version(request=None):
    """The time of the last change to the record (set on first use after a cache flush).

    Within a request the page cache has already read it: that value is used. Otherwise this
    process's watch answers without a round trip when it can (see ``VersionWatch``).
    """
    version = getattr(request, "content_version", None)
    if version is not None:
        return version
    return watch.current()


def read_shared_version():
    """The content version as the shared cache holds it (one round trip)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version(**kwargs):
    """Retire every cached page: in this process now, and everywhere once the change commits.

    The second bump closes a race: another process may render a page between the first bump
    and the commit, from the data as it was, and that page must not stay current. Only the
    second one is announced to the other app servers (they cannot see the change before the
    commit), and it is scheduled once per transaction however many rows it saves.
    """
    _bump(announce=False)
    pending = transaction.get_connection().run_on_commit
    if not any(callback is _bump for _savepoints, callback, _robust in pending):
        transaction.on_commit(_bump, robust=True)


def _bump(announce=True):
    version = time.time()
    cache.set(VERSION_KEY, version, timeout=None)
    watch.changed(version, announce=announce)


class VersionWatch:
    """This process's copy of the content version, kept current by the shared cache.

    Reading the version from Redis on every request cost a cached page about a quarter of
    its throughput (the client's work, not the round trip). Where the cache backend can
    notify (``almaty_portal.cache.RedisCache``), a thread of each process subscribes to
    ``CHANNEL``; every change publishes there, and the thread reads the version again on
    each notice (the notice carries no value, so notices arriving out of order cannot leave
    an older version behind). While the subscription is not confirmed, or after it is lost,
    every read asks the shared cache, as without a watch. On a resubscription the version is
    read again, so changes made while the connection was down are not missed.
    """

    CHANNEL = "portal:content-version-changed"
    RETRY_SECONDS = 1

    def __init__(self):
        self._pid = None
        self._live = False
        self._version = None
        self._lock = threading.Lock()

    def local(self):
        """The version without a round trip, or None while the watch is not live."""
        if self._pid != os.getpid():
            self._start()
        return self._version if self._live else None

    def current(self):
        version = self.local()
        return read_shared_version() if version is None else version

    def changed(self, version, *, announce=True):
        """This process changed the version: it knows at once; the others are told."""
        if self._live:
            self._version = version
        if announce and hasattr(cache, "publish"):
            cache.publish(self.CHANNEL)

    def _start(self):
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid = os.getpid()
            self._live = False
            if hasattr(cache, "pubsub"):
                threading.Thread(target=self._listen, name="content-version", daemon=True).start()

    def _listen(self):
        failures = 0
        while True:
            try:
                with cache.pubsub() as pubsub:
                    pubsub.subscribe(self.CHANNEL)
                    for message in pubsub.listen():
                        # "subscribe" confirms a (re)subscription, "message" is a change.
                        if message["type"] in ("subscribe", "message"):
                            self._version = read_shared_version()
                            self._live = True
                            failures = 0
            except Exception:  # any failure: read from the cache meanwhile, then try again
                failures += 1
                # A warning once per outage, not once per retry.
                log = logger.warning if failures == 1 else logger.debug
                log("Content version watch lost; reading the version from Redis", exc_info=True)
            self._live = False
            time.sleep(self.RETRY_SECONDS)


watch = VersionWatch()


def forget_fragments(sender, file_path, **kwargs):
    """The development server keeps running when a template changes: drop what it rendered."""
    if file_path.suffix == ".html":
        caches["fragments"].clear()


def connect_signals():
    for model in record_models():
        uid = f"content-version-{model._meta.label_lower}"
        post_save.connect(bump_content_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_content_version, sender=model, dispatch_uid=uid + "-del")
    m2m_changed.connect(bump_content_version, dispatch_uid="content-version-m2m")
    # flush (the documented wipe) and migrate change rows without saving models.
    post_migrate.connect(
        bump_content_version,
        sender=apps.get_app_config("meetings"),
        dispatch_uid="content-version-migrate",
    )
    file_changed.connect(forget_fragments, dispatch_uid="forget-fragments")


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(UNCACHED_PREFIXES)
        # Without a session there is no signed-in user: the page is the public one. Deciding
        # this from the cookie lets a cache hit skip sessions, authentication and the rest.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A host outside ALLOWED_HOSTS gets Django's 400, as it would without the cache.
        and _allowed_host(request)
    )


# The page number of django.contrib.sitemaps (past 50,000 addresses the sitemap has pages).
SITEMAP_PAGE_PARAMETER = "p"


@functools.cache
def page_parameters():
    """The query parameters public pages read: the archive's filters and page numbers, and
    the day the members and the chairmanship pages show the record on (``on``)."""
    # Imported here: the views use this module.
    from meetings.views import MeetingArchiveView
    from members.forms import RecordDateForm

    archive = set(MeetingArchiveView.form_class.base_fields) | {MeetingArchiveView.page_kwarg}
    return frozenset(archive | set(RecordDateForm.base_fields) | {SITEMAP_PAGE_PARAMETER})


def _kept(request):
    """Whether the page of this request is stored: its query names only what pages read."""
    return page_parameters().issuperset(request.GET)


def _allowed_host(request):
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def _cacheable_response(request, response):
    nonce = getattr(request, "_csp_nonce", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # A page that used a CSP nonce must not be served to anyone else.
        and not nonce
        and "private" not in response.get("Cache-Control", "")
    )


def _not_modified(request, response):
    """A 304 for a client that already holds ``response``, or None."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


# The most recent pages of this process (least recently used out first), so a hit need not
# fetch the page from the shared cache; the version watch tells whether a copy is current.
LOCAL_PAGES = 512
_local_pages = {}
_local_lock = threading.Lock()


def _remember(key, entry):
    with _local_lock:
        _local_pages.pop(key, None)
        _local_pages[key] = entry
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.pop(next(iter(_local_pages)))


def _freeze(version, response):
    # Plain values, not the response object: cheaper to store, and every visitor gets a
    # response of their own.
    return (version, response.status_code, tuple(response.items()), response.content)


def _thaw(entry):
    _version, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


class PublicPageCacheMiddleware:
    """Serve GETs of visitors without a session from the cache; answer conditional GETs.

    A page is used only if it was stored under the current content version. A page this
    process holds costs no round trip while the version watch is live (one without it); any
    other page costs one, for the page (with the version when the watch is not live).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        path = request.get_full_path()
        if not _kept(request):
            response, _cacheable = self._render(request, watch.current(), path)
            return _not_modified(request, response) or response
        key = f"page:{ENTRY_FORMAT}:{hashlib.sha256(path.encode()).hexdigest()}"
        entry = _local_pages.get(key)
        version = watch.local()
        if version is None and entry is not None:
            version = read_shared_version()
        elif version is None:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or read_shared_version()
            entry = found.get(key)
        elif entry is None:
            entry = cache.get(key)
        if entry is not None and entry[0] == version:
            _remember(key, entry)
            response = _thaw(entry)
        else:
            response, cacheable = self._render(request, version, path)
            if not cacheable:
                return response
            entry = _freeze(version, response)
            cache.set(key, entry, PAGE_TTL)
            _remember(key, entry)
        return _not_modified(request, response) or response

    def _render(self, request, version, path):
        """The view's response under ``version``, with validators if it may be cached."""
        request.content_version = version
        response = self.get_response(request)
        if not _cacheable_response(request, response):
            return response, False
        # Documents bring their own validators; pages take the content version's.
        if not response.has_header("ETag"):
            digest = hashlib.sha256(f"{version}:{path}".encode()).hexdigest()[:32]
            response["ETag"] = quote_etag(digest)
            response["Last-Modified"] = http_date(int(version))
        if not response.has_header("Cache-Control"):
            # Browsers and proxies revalidate every time; the 304 makes that cheap.
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        # One chunk: a response written piece by piece (the Atom feed) would otherwise
        # be sent to every later visitor in hundreds of small writes.
        response.content = response.content
        return response, True
