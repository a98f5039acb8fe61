from django.views.generic import ListView

from almaty_portal.periods import period_on
from chairmanship.models import ChairmanshipTerm
from members import timeline
from members.views import RecordOnDateMixin


class TermListView(RecordOnDateMixin, ListView):
    """Every chairmanship term in order, the chair on a day, and the terms as a timeline.

    Chairmanship does not depend on meetings, so this view places none on its terms: the
    meetings app serves the page through its subclass (``meetings.views.ChairmanshipView``),
    which overrides ``meetings_by_term``.
    """

    template_name = "chairmanship/term_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return ChairmanshipTerm.objects.select_related("participant").order_by("start_date")

    def meetings_by_term(self, terms):
        """``({term.pk: held}, [timeline.Event, ...])``: none known here.

        ``held`` has ``shown`` (the meetings the term's entry lists) and ``earlier`` (how many
        earlier ones it leaves to the archive).
        """
        return {}, []

    def get_context_data(self, **kwargs):
        terms = list(self.object_list)
        record = self.record_on(terms[0].start_date if terms else None)
        day = record["day"]
        by_term, events = self.meetings_by_term(terms)
        chair = period_on(terms, day)
        return super().get_context_data(
            **record,
            chair=chair,
            chair_uncertain=chair is not None and chair.is_uncertain_on(day),
            terms_with_meetings=[(term, by_term.get(term.pk)) for term in terms],
            timeline=timeline.chair_timeline(
                terms,
                events,
                today=record["today"],
                on=day if record["asked"] else None,
                term_url=lambda term: f"#term-{term.pk}",
            ),
            **kwargs,
        )
