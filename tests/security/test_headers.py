"""Security headers, HTTPS settings and sign-in throttling, as browsers and attackers see them."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'{nonce}; style-src 'self'{nonce}; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def assert_security_headers(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_public_page_sends_the_security_headers_and_a_strict_policy(client):
    response = client.get("/en/", secure=True)

    assert response.status_code == 200
    assert_security_headers(response)
    # Public pages carry no inline script or style, so they need no nonce.
    assert response["Content-Security-Policy"] == EXPECTED_CSP.format(nonce="")


def test_admin_sends_the_security_headers_and_nonces_its_scripts(staff_client):
    response = staff_client.get(reverse("admin:meetings_meeting_add"), secure=True)

    assert_security_headers(response)
    policy = response["Content-Security-Policy"]
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert policy == EXPECTED_CSP.format(nonce=f" 'nonce-{nonce}'")
    assert "'unsafe-inline'" not in policy
    assert f'src="/static/vendor/jquery-ui/jquery-ui.min.js" nonce="{nonce}"' in response.text


def test_pdf_download_sends_the_security_headers(client):
    meeting = MeetingFactory(slug="8th-som")

    with __import__("django").utils.translation.override("en"):
        url = reverse("meetings:concept_note_pdf", kwargs={"year": 2023, "slug": meeting.slug})
    response = client.get(url, secure=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_security_headers(response)
    assert response["Content-Security-Policy"] == EXPECTED_CSP.format(nonce="")


def test_session_and_csrf_cookies_are_http_only(client):
    UserFactory(username="aliya", is_staff=True)
    form = client.get(reverse("admin:login"))
    signed_in = client.post(
        reverse("admin:login"), {"username": "aliya", "password": "correct horse battery"}
    )

    assert form.cookies["csrftoken"]["httponly"] is True
    assert signed_in.cookies["sessionid"]["httponly"] is True


def test_production_settings_pass_the_deploy_check_with_secure_cookies(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-production-like-secret-key-with-enough-entropy-9f3a",
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )
    cookies = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='almaty_portal.settings';"
            "django.setup(); from django.conf import settings as s;"
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT)",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )

    assert check.stdout.strip() == "System check identified no issues (0 silenced)."
    assert cookies.stdout.strip() == "True True True"


def test_secret_key_is_required_without_debug(tmp_path):
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_repeated_failed_sign_ins_are_throttled(client):
    UserFactory(username="aliya", is_staff=True)
    login = reverse("admin:login")

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "aliya", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text

    locked = client.post(login, {"username": "aliya", "password": "wrong"})
    still_locked = client.post(login, {"username": "aliya", "password": "correct horse battery"})

    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.text
    assert still_locked.status_code == 429


def test_lockout_page_speaks_russian(client):
    UserFactory(username="aliya", is_staff=True)
    client.cookies["django_language"] = "ru"

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(reverse("admin:login"), {"username": "aliya", "password": "x"})

    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.text


def test_correct_sign_in_works_and_resets_the_count(client):
    UserFactory(username="aliya", is_staff=True)
    login = reverse("admin:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(login, {"username": "aliya", "password": "wrong"})

    response = client.post(
        login, {"username": "aliya", "password": "correct horse battery", "next": "/admin/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
