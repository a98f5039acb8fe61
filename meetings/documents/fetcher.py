"""The only way WeasyPrint may load anything while it renders our PDFs.

Documents refer to their fonts (and, one day, images) through ``{% static %}`` and media
URLs resolved against ``BASE_URL``, a made-up origin that never resolves (``.invalid`` is
reserved for that). The fetcher maps such URLs onto the project's static and media folders
and refuses everything else: other hosts, ``file:`` URLs, paths that climb out of those
folders, and redirects, which never happen because nothing is requested over a network.

WeasyPrint is slow to import, so only ``meetings.documents.pdf`` imports this module, when it
renders.
"""

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher, URLFetcherResponse

# The origin that relative URLs in a document resolve against. It is the same on every app
# server, so the rendered HTML (and the document's version key) does not depend on where
# the project is installed.
BASE_URL = "https://portal.invalid/"

CONTENT_TYPES = {
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


class RefusedURL(ValueError):
    """A document asked for something outside the project."""


def _prefix(url_setting):
    # STATIC_URL and MEDIA_URL may be relative ("static/") or absolute (a CDN).
    return urljoin(BASE_URL, url_setting or "/")


def _inside(root, relative):
    """The real path of ``relative`` under ``root``, or None if it would leave ``root``."""
    root = Path(root).resolve()
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def _static_roots():
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            if location := getattr(storage, "location", None):
                yield Path(location).resolve()
    if settings.STATIC_ROOT:
        yield Path(settings.STATIC_ROOT).resolve()


def _find_static(relative):
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation:
        return None
    candidates = [Path(found)] if found else []
    if settings.STATIC_ROOT:
        # After collectstatic, hashed names exist only in STATIC_ROOT.
        candidates.append(Path(settings.STATIC_ROOT) / relative)
    roots = list(_static_roots())
    for candidate in candidates:
        # Resolving follows symlinks, so a link in a static folder cannot lead elsewhere.
        real = candidate.resolve()
        if real.is_file() and any(real.is_relative_to(root) for root in roots):
            return real
    return None


class RestrictedURLFetcher(URLFetcher):
    """Serves ``data:`` URLs and our static and media files; records what it refused."""

    def __init__(self):
        # No redirects; the base class's opener, used here for data: URLs only, would
        # refuse every other scheme anyway.
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)
        self.served = []
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            if url.startswith("data:"):
                response = super().fetch(url, headers)
            else:
                path = local_path(url)
                content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
                response = URLFetcherResponse(
                    url, path.read_bytes(), headers={"Content-Type": content_type}
                )
        except Exception:
            self.refused.append(url)
            raise
        self.served.append(url)
        return response


def local_path(url):
    """The file under our static or media folders that ``url`` names, or RefusedURL."""
    if "\x00" in url or "\\" in url:
        raise RefusedURL(f"Refused {url!r}: unexpected characters.")
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        url = parts._replace(query="", fragment="").geturl()
    for prefix, resolve in (
        (_prefix(settings.STATIC_URL), _find_static),
        (_prefix(settings.MEDIA_URL), lambda rel: _inside(settings.MEDIA_ROOT, rel)),
    ):
        if url.startswith(prefix):
            relative = unquote(url.removeprefix(prefix))
            if not relative or relative.startswith("/") or ".." in Path(relative).parts:
                break
            path = resolve(relative)
            if path is not None:
                return path
            break
    raise RefusedURL(f"Refused {url!r}: only the project's static and media files are served.")
