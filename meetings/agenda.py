"""The rule that keeps a day's agenda items from overlapping, shared by the model and forms."""


def _span(item):
    # An item without an end time occupies only its start.
    return item.start_time, item.end_time or item.start_time


def overlaps(a, b):
    """Whether two items of the same day share any time (touching ends do not count)."""
    a_start, a_end = _span(a)
    b_start, b_end = _span(b)
    return a_start == b_start or (a_start < b_end and b_start < a_end)


def first_overlap(item, others):
    """The first of ``others`` (same day) that overlaps ``item``, or None."""
    for other in others:
        if other is not item and overlaps(item, other):
            return other
    return None
