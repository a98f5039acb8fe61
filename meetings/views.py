from django.views.generic import DetailView, ListView, TemplateView

from meetings.models import Meeting


class HomeView(TemplateView):
    template_name = "meetings/home.html"


class MeetingArchiveView(ListView):
    queryset = Meeting.objects.published()


class MeetingDetailView(DetailView):
    def get_queryset(self):
        return Meeting.objects.published().in_year(self.kwargs["year"])
