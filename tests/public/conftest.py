"""Fixtures of the public-site tests (the shared `browser` lives in tests/conftest.py)."""

import pytest
from django.utils import translation


@pytest.fixture
def page(browser):
    # bypass_csp lets the accessibility checker be injected under the site's strict policy.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Start each test in English: a request's language otherwise outlives the request."""
    with translation.override("en"):
        yield
