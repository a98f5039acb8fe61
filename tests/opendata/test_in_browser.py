"""In Chromium, under the site's Content Security Policy: the API's documentation page works and
the JSON-LD data blocks are not reported as blocked scripts."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) =>
  console.log("CSP violation: " + event.violatedDirective + " " + event.blockedURI));
"""


@pytest.fixture
def strict_page(browser):
    """A page that keeps the site's CSP (no bypass) and records every console message."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.messages = []
    page.on("console", lambda message: page.messages.append(message.text))
    page.on("pageerror", lambda error: page.messages.append(str(error)))
    page.add_init_script(REPORT_VIOLATIONS)
    yield page
    context.close()


def test_the_api_documentation_renders_under_the_csp(live_server, record, strict_page):
    strict_page.goto(f"{live_server.url}/api/docs/")
    strict_page.get_by_text("/api/v1/meetings/{year}/{slug}/").wait_for()

    assert strict_page.get_by_role("heading", name="Almaty Process open data API").is_visible()
    assert strict_page.messages == []


@pytest.mark.parametrize("path", ["/en/meetings/2023/8th-som/", "/ru/"])
def test_json_ld_blocks_raise_no_csp_violation(live_server, record, strict_page, path):
    strict_page.goto(f"{live_server.url}{path}")
    strict_page.wait_for_load_state("load")

    assert strict_page.locator('script[type="application/ld+json"]').count() == 1
    assert strict_page.messages == []
