import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Start each test in English: a request's language otherwise outlives the request."""
    with translation.override("en"):
        yield
