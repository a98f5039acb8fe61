from django.urls import path

from chairmanship import views

app_name = "chairmanship"
urlpatterns = [
    path("", views.TermListView.as_view(), name="term_list"),
]
