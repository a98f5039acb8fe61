"""The record: the models whose rows are the process's memory (``settings.RECORD_APPS``)."""

from django.apps import apps
from django.conf import settings


def record_models():
    """Every model of the record's apps, in the order the apps are named.

    A model whose rows are derived from the record (``derived_from_record = True``, the
    search's documents) is not part of it: nobody edits it, and a backup need not hold it.
    """
    return [
        model
        for app_label in settings.RECORD_APPS
        for model in apps.get_app_config(app_label).get_models()
        if not getattr(model, "derived_from_record", False)
    ]
