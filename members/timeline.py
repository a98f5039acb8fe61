"""Finding the period in force on a day among periods already loaded.

Pages that list many meetings or participants load the few periods once (memberships of a
participant, all chairmanship terms) and match dates here, instead of asking the database
once per row. The rule is the same half-open one as ``PeriodQuerySet.active_on``.
"""


def covers(period, day):
    """Whether ``day`` falls within ``period`` (start included, end excluded)."""
    return period.start_date <= day and (period.end_date is None or day < period.end_date)


def period_on(periods, day):
    """The first of ``periods`` in force on ``day``, or None."""
    return next((period for period in periods if covers(period, day)), None)
