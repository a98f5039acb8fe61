"""How many states and international organisations take part in the process on a day.

Everyone with a status on that day takes part: members, observers, prospective members,
states whose observer status is under consideration and the organisations of the
Secretariat. That is how the process counts itself: the report of the 8th Senior Officials'
Meeting (12 October 2023) says it "brings together 10 states and 3 international
organizations", which are its five members, four observer states and Uzbekistan, and the
Organization of Turkic States with IOM and UNHCR.
"""

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from members.models import Membership, MembershipStatus, ParticipantKind

# Plural phrases chosen by their "count" (lazy, so that makemessages finds each of them).
STATES = ngettext_lazy("%(count)d state", "%(count)d states", "count")
ORGANISATIONS = ngettext_lazy(
    "%(count)d international organisation", "%(count)d international organisations", "count"
)
# Each status as "5 member states", in the order the breakdown names them.
STATUS_PHRASES = {
    MembershipStatus.MEMBER: ngettext_lazy(
        "%(count)d member state", "%(count)d member states", "count"
    ),
    MembershipStatus.OBSERVER: ngettext_lazy("%(count)d observer", "%(count)d observers", "count"),
    MembershipStatus.PROSPECTIVE: ngettext_lazy(
        "%(count)d prospective member", "%(count)d prospective members", "count"
    ),
    MembershipStatus.APPLICANT: ngettext_lazy(
        "%(count)d candidate for observer status",
        "%(count)d candidates for observer status",
        "count",
    ),
    MembershipStatus.SECRETARIAT: ngettext_lazy(
        "%(count)d organisation of the Secretariat",
        "%(count)d organisations of the Secretariat",
        "count",
    ),
}


@dataclass(frozen=True)
class Composition:
    states: int
    organisations: int
    by_status: dict

    @property
    def total(self):
        return self.states + self.organisations

    def headline(self):
        """ "10 states and 3 international organisations", in the active language."""
        return _("%(states)s and %(organisations)s") % {
            "states": STATES % {"count": self.states},
            "organisations": ORGANISATIONS % {"count": self.organisations},
        }

    def breakdown(self):
        """ "5 member states, 5 observers, 1 prospective member and 2 organisations of …"."""
        parts = [
            STATUS_PHRASES[status] % {"count": self.by_status[status]}
            for status in STATUS_PHRASES
            if self.by_status.get(status)
        ]
        return get_text_list(parts, _("and"))


def composition_of(memberships):
    """The composition given the memberships in force on a day (each with its participant)."""
    kinds = {}
    by_status = {}
    for membership in memberships:
        kinds[membership.participant_id] = membership.participant.kind
        by_status[membership.status] = by_status.get(membership.status, 0) + 1
    states = sum(1 for kind in kinds.values() if kind == ParticipantKind.STATE)
    return Composition(states=states, organisations=len(kinds) - states, by_status=by_status)


def composition_on(day):
    """Who takes part on ``day``, in one query."""
    return composition_of(Membership.objects.active_on(day).select_related("participant"))
