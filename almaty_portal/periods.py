"""Date ranges known to a day, a month or a year, shared by memberships and chair terms.

A period is half-open: it runs from ``start_date`` up to, but not including, ``end_date``
(the day the status or the chairmanship passed on), so one period may end on the day the
next one starts. An open ``end_date`` means "to this day".

Where the record knows a date only to the month or the year, the precision says so and the
date is shown that way ("October 2016", "2018"); the stored day is the earliest day
consistent with the record, and is used only to order and compare periods.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", pgettext_lazy("date precision", "Day")
    MONTH = "month", pgettext_lazy("date precision", "Month")
    YEAR = "year", pgettext_lazy("date precision", "Year")


def format_partial_date(value, precision):
    """Show a date only as precisely as it is known, in the active language."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        text = date_format(value, "YEAR_MONTH_FORMAT")
        # Russian writes month names in lower case within a phrase, and these dates always
        # stand in one ("октябрь 2016 г. – октябрь 2018 г."); Django's format capitalises.
        return text if get_language() == "en" else text[:1].lower() + text[1:]
    return date_format(value, "DATE_FORMAT")


def format_date_range(start, end):
    """A span of days as "12–13 October 2023" reads in the active language; one day as a date."""
    if end is None or end == start:
        return date_format(start, "DATE_FORMAT")
    if (start.year, start.month) == (end.year, end.month):
        first = date_format(start, "j")
    elif start.year == end.year:
        first = date_format(start, "MONTH_DAY_FORMAT")
    else:
        first = date_format(start, "DATE_FORMAT")
    return f"{first}\N{EN DASH}{date_format(end, 'DATE_FORMAT')}"


def uncertain_span(value, precision):
    """The days a date known only to the month or the year may be: ``(first, day after last)``.

    None for a date known to the day. The span is the whole month or year the record gives.
    """
    if value is None or precision not in (DatePrecision.MONTH, DatePrecision.YEAR):
        return None
    if precision == DatePrecision.YEAR:
        first = datetime.date(value.year, 1, 1)
        after = _next(value.year + 1, 1)
    else:
        first = value.replace(day=1)
        after = _next(value.year + value.month // 12, value.month % 12 + 1)
    return first, after


def _next(year, month):
    # The last year a date can have has no next one: its span ends on its last day.
    return datetime.date(year, month, 1) if year <= datetime.MAXYEAR else datetime.date.max


class PeriodQuerySet(models.QuerySet):
    def active_on(self, day):
        """Periods in force on ``day``."""
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gt=day), start_date__lte=day)

    def overlapping(self, start, end):
        """Periods that share at least one day with [start, end)."""
        overlap = Q(end_date__isnull=True) | Q(end_date__gt=start)
        if end is not None:
            overlap &= Q(start_date__lt=end)
        return self.filter(overlap)


class Period(models.Model):
    start_date = models.DateField(_("start date"))
    start_precision = models.CharField(
        _("start date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_(
            "The day the period ended, which may be the first day of the next one. "
            "Leave empty while it lasts."
        ),
    )
    end_precision = models.CharField(
        _("end date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )

    class Meta:
        abstract = True

    @property
    def start_display(self):
        return format_partial_date(self.start_date, self.start_precision)

    @property
    def end_display(self):
        return format_partial_date(self.end_date, self.end_precision)

    @property
    def is_open(self):
        return self.end_date is None

    def is_active_on(self, day):
        """``PeriodQuerySet.active_on`` for one period already loaded."""
        return self.start_date <= day and (self.end_date is None or day < self.end_date)

    @property
    def start_span(self):
        return uncertain_span(self.start_date, self.start_precision)

    @property
    def end_span(self):
        return uncertain_span(self.end_date, self.end_precision)

    def is_uncertain_on(self, day):
        """Whether ``day`` falls in the month or year the record gives for a start or an end.

        On such a day the record cannot say whether the period had begun (or still lasted).
        """
        return any(span and span[0] <= day < span[1] for span in (self.start_span, self.end_span))

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must be later than the start date.")},
                code="end_before_start",
            )

    def overlapping_periods(self, queryset):
        """Other periods in ``queryset`` that share a day with this one."""
        if not self.start_date:
            return queryset.none()
        if self.pk:
            queryset = queryset.exclude(pk=self.pk)
        return queryset.overlapping(self.start_date, self.end_date)


def period_on(periods, day):
    """The first of ``periods`` (already loaded) in force on ``day``, or None.

    Pages that list many meetings or participants load the few periods once and match
    dates here, instead of asking the database once per row.
    """
    return next((period for period in periods if period.is_active_on(day)), None)


def no_overlap_constraint(*, table, name, same=()):
    """A migration operation that, on PostgreSQL, makes overlapping periods impossible.

    ``same`` names columns that must be equal for two periods to clash (a participant's own
    periods). SQLite has no exclusion constraints; there ``clean()`` is the only guard.
    """
    from django.db import migrations

    parts = [f"{column} WITH =" for column in same]
    parts.append("daterange(start_date, end_date, '[)') WITH &&")
    create = (
        "CREATE EXTENSION IF NOT EXISTS btree_gist; "
        f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist ({', '.join(parts)});"
    )
    drop = f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name};"

    def run(sql):
        def operation(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return operation

    return migrations.RunPython(run(create), run(drop))
