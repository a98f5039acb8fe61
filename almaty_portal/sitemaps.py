"""The sitemap's shared parts: every app lists its own pages (``<app>/sitemaps.py``)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class PublicSitemap(Sitemap):
    """Every page in both languages, each entry listing its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(PublicSitemap):
    priority = 0.8

    def items(self):
        return [
            "meetings:home",
            "meetings:meeting_list",
            "meetings:document_list",
            "members:member_list",
            "chairmanship:term_list",
        ]

    def location(self, item):
        return reverse(item)
