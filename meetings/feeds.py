from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy

from almaty_portal.text import clean_html, printable
from meetings.models import Meeting


class MeetingFeed(Feed):
    """The latest published meetings, in the language of the URL (/en/… or /ru/…).

    The feed's ``xml:lang`` is the active language (``Feed.language`` is left unset). What
    an editor typed is data: the title is plain text (Atom's default ``type="text"``, escaped
    by the XML writer) and the summary is the page's sanitised HTML (``type="html"``), so a
    feed reader shows what the page shows. Control characters, which XML 1.0 cannot carry,
    are left out.
    """

    feed_type = Atom1Feed
    title = gettext_lazy("Almaty Process: meetings")
    subtitle = gettext_lazy(
        "Meetings of the Almaty Process on Refugee Protection and International Migration"
    )

    def link(self):
        return reverse("meetings:meeting_list")

    def feed_url(self):
        return reverse("meetings:feed")

    def items(self):
        return Meeting.objects.published().order_by("-start_date", "kind")[:50]

    def item_title(self, item):
        return printable(item.title)

    def item_description(self, item):
        if not item.summary:
            return None
        return clean_html(printable(item.summary))

    def item_pubdate(self, item):
        return item.published_at or item.updated_at

    def item_updateddate(self, item):
        return item.updated_at
