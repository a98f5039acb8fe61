from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from almaty_portal.periods import Period, PeriodQuerySet, period_on
from members.models import Participant


class ChairmanshipTermQuerySet(PeriodQuerySet):
    def chair_on(self, day):
        """The term in force on ``day``, or None (terms never overlap)."""
        return self.active_on(day).select_related("participant").first()

    def current(self):
        return self.chair_on(timezone.localdate())

    def presiding_on(self, day):
        """The term whose chair presides over a meeting held on ``day``.

        On the day a chairmanship passes on, the outgoing chair presides and hands over at
        the meeting (as at the 3rd Ministerial Conference, Baku, 24 April 2025); on every other
        day it is the term in force. One query.
        """
        handing_over = self.filter(end_date=day, start_date__lt=day)
        return (
            (handing_over | self.active_on(day))
            .select_related("participant")
            .order_by("start_date")
            .first()
        )

    def latest(self):
        return self.select_related("participant").order_by("-start_date").first()


class ChairmanshipTerm(Period):
    """One participant chairs the process from a start date to an end date."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="chairmanship_terms",
        verbose_name=_("chair"),
    )
    priorities = models.TextField(_("priorities"), blank=True)

    objects = ChairmanshipTermQuerySet.as_manager()

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("chairmanship term")
        verbose_name_plural = _("chairmanship terms")
        # On PostgreSQL an exclusion constraint (migration 0002) also keeps terms from
        # overlapping; clean() gives the same rule a message on every database.

    def __str__(self):
        if self.end_date:
            return f"{self.participant} ({self.start_display} – {self.end_display})"
        return f"{self.participant} ({self.start_display} –)"

    def get_absolute_url(self):
        return reverse("chairmanship:term_list") + f"#term-{self.pk}"

    def clean(self):
        super().clean()
        if self.start_date is None:
            return
        clash = self.overlapping_periods(ChairmanshipTerm.objects.all()).first()
        if clash is not None:
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _(
                            "This term overlaps the chairmanship of %(chair)s "
                            "(%(start)s – %(end)s)."
                        ),
                        code="overlap",
                        params={
                            "chair": clash.participant,
                            "start": clash.start_display,
                            "end": clash.end_display or "…",
                        },
                    )
                }
            )


def presiding_among(terms, day):
    """``presiding_on`` for terms already loaded (pages that list many meetings)."""
    for term in terms:
        if term.end_date == day and term.start_date < day:
            return term
    return period_on(terms, day)
