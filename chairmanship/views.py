from django.views.generic import ListView

from chairmanship.models import ChairmanshipTerm


class TermListView(ListView):
    queryset = ChairmanshipTerm.objects.select_related("participant")
