"""The record: the models whose rows are the process's memory (``settings.RECORD_APPS``)."""

from django.apps import apps
from django.conf import settings


def record_models():
    """Every model of the record's apps, in the order the apps are named."""
    return [
        model
        for app_label in settings.RECORD_APPS
        for model in apps.get_app_config(app_label).get_models()
    ]
