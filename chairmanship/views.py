from django.views.generic import ListView

from chairmanship.models import ChairmanshipTerm


class TermListView(ListView):
    """Every chairmanship term in order (``meetings.views.ChairmanshipView`` adds the meetings
    held under each, as chairmanship does not depend on meetings)."""

    template_name = "chairmanship/term_list.html"
    context_object_name = "terms"

    def get_queryset(self):
        return ChairmanshipTerm.objects.select_related("participant").order_by("start_date")
