"""The API's query parameters, read strictly: a value it cannot use is a 400 naming it."""

import datetime

from django.utils.translation import gettext as _

from meetings.api.errors import BadParameters
from meetings.api.fields import LANGUAGES


class QueryParams:
    """Reads parameters from a query string, gathering an error for each bad one."""

    def __init__(self, query):
        self.query = query
        self.errors = {}

    def _raw(self, name):
        value = self.query.get(name)
        return None if value is None or value.strip() == "" else value.strip()

    def text(self, name):
        return self._raw(name)

    def integer(self, name, *, low, high):
        raw = self._raw(name)
        if raw is None:
            return None
        if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
            self.errors[name] = _("Expected a whole number from %(low)d to %(high)d.") % {
                "low": low,
                "high": high,
            }
            return None
        return int(raw)

    def year(self, name="year"):
        return self.integer(name, low=datetime.MINYEAR, high=datetime.MAXYEAR)

    def date(self, name):
        raw = self._raw(name)
        if raw is None:
            return None
        try:
            if len(raw) != 10:
                raise ValueError(raw)
            return datetime.date.fromisoformat(raw)
        except ValueError:
            self.errors[name] = _("Expected a date as YYYY-MM-DD.")
            return None

    def choice(self, name, choices):
        raw = self._raw(name)
        if raw is None:
            return None
        if raw not in choices:
            self.errors[name] = _("Unknown value; expected one of: %(values)s.") % {
                "values": ", ".join(choices)
            }
            return None
        return raw

    def error(self, name, message):
        self.errors[name] = message

    def check(self):
        if self.errors:
            raise BadParameters(self.errors)


def language_of(query):
    """The one language asked for with ``?lang=``, or None for both (a 400 if unknown)."""
    params = QueryParams(query)
    lang = params.choice("lang", LANGUAGES)
    params.check()
    return lang
