import pytest
from rest_framework.throttling import AnonRateThrottle


@pytest.fixture(autouse=True)
def generous_throttle(monkeypatch):
    """Tests send many requests from one address; the throttle's own test sets its rate."""
    monkeypatch.setattr(AnonRateThrottle, "rate", "10000/minute", raising=False)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
