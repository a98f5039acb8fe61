"""A secretariat editor's week, in a real browser: from last year's meeting to a published one."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from pypdf import PdfReader

from almaty_portal.roles import sync_editor_group
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RUSSIAN_TITLE = "9-е совещание старших должностных лиц Алматинского процесса"


@pytest.fixture
def editor(record):
    user = UserFactory(username="aliya", is_staff=True)
    # A transactional test elsewhere may have flushed the migration's group: sync it back.
    user.groups.add(sync_editor_group(Group, Permission))
    return user


@pytest.fixture
def editor_page(browser, live_server, editor):
    # No CSP bypass here: the admin must work under the site's own policy.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "aliya")
    page.fill("#id_password", "correct horse battery")
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    context.close()


def test_editor_prepares_and_publishes_the_9th_som(editor_page, live_server, browser):
    page = editor_page

    # Duplicate the 8th SOM into a draft.
    page.goto(f"{live_server.url}/admin/meetings/meeting/")
    page.get_by_role(
        "link", name="8th Senior Officials' Meeting (SOM) of the Almaty Process"
    ).wait_for()
    row = page.locator("tr", has_text="8th Senior Officials' Meeting (SOM)")
    row.locator("input[name=_selected_action]").check()
    page.select_option("select[name=action]", "duplicate_meeting")
    page.click("button[name=index]")
    page.fill("#id_start_date", "2025-10-14")
    page.fill("#id_slug", "9th-som")
    page.click("input[type=submit][value='Make the draft']")
    page.wait_for_url(re.compile(r"/admin/meetings/meeting/\d+/change/$"))
    assert "A new draft was made from" in page.content()

    # Edit the title in the Russian tab.
    page.click("a[href='#tab_id_title_ru']")
    page.fill("#id_title_ru", RUSSIAN_TITLE)
    page.click("a[href='#tab_id_title_en']")
    page.fill("#id_title_en", "9th Senior Officials' Meeting (SOM) of the Almaty Process")

    # Add an agenda item that overlaps the coffee break: refused, on its row.
    page.locator("#agenda_items-group .add-row a").click()
    new_row = page.locator("#agenda_items-group tr.dynamic-agenda_items").last
    new_row.locator("input[name$='-day']").fill("2025-10-14")
    new_row.locator("input[name$='-start_time']").fill("10:40")
    new_row.locator("input[name$='-end_time']").fill("10:50")
    new_row.locator("input[name$='-title_en']").fill("Family photo")
    new_row.locator("input[name$='-title_ru']").evaluate("(el) => el.value = 'Общее фото'")
    page.click("input[name=_continue]")

    error = page.locator("#agenda_items-group .errorlist")
    assert "This item overlaps “Coffee break” (10:30) on the same day." in error.inner_text()

    # Move it after the GCM Talk, where the day has room.
    row = page.locator("#agenda_items-group tr", has=page.locator("input[value='Family photo']"))
    row.locator("input[name$='-start_time']").fill("18:00")
    row.locator("input[name$='-end_time']").fill("18:30")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.locator("#agenda_items-group .errorlist").count() == 0

    # Preview the Russian PDF of the draft.
    preview = page.get_by_role("link", name="Preview PDF — Russian").first.get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{preview}")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert RUSSIAN_TITLE in " ".join(text.split())
    assert "проект — не для распространения" in text.casefold()

    # Publish, confirming what is still untranslated.
    page.get_by_role("link", name="Publish…").click()
    page.locator("input[type=submit].default").click()
    page.wait_for_selector(".messagelist .success")
    assert "is published" in page.locator(".messagelist").inner_text()

    # The public finds it in Russian.
    public = browser.new_context()
    visitor = public.new_page()
    visitor.goto(f"{live_server.url}/ru/meetings/?year=2025")
    assert RUSSIAN_TITLE in visitor.content()
    public.close()

    assert page.csp_errors == []


def test_editor_cannot_open_the_users_page(editor_page, live_server):
    response = editor_page.goto(f"{live_server.url}/admin/auth/user/")

    assert response.status == 403
