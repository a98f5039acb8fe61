from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.models import Meeting
from members.models import Participant


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


class MeetingSitemap(PublicSitemap):
    def items(self):
        return Meeting.objects.published().order_by("start_date", "pk")

    def lastmod(self, item):
        return item.updated_at


class ParticipantSitemap(PublicSitemap):
    def items(self):
        return Participant.objects.order_by("code")


sitemaps = {
    "sections": SectionSitemap,
    "meetings": MeetingSitemap,
    "participants": ParticipantSitemap,
}
