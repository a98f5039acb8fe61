"""Rendering fetches nothing outside the project, whatever the content asks for."""

import pytest
from weasyprint.urls import URLFetcher

from meetings.documents import pdf
from meetings.documents.fetcher import BASE_URL, RefusedURL, RestrictedURLFetcher
from tests.documents.reading import attachments_and_images, one_line, read
from tests.factories import AgendaItemFactory, ConceptNoteSectionFactory

FONT_URL = BASE_URL + "static/fonts/noto-sans/NotoSans-Regular.ttf"

OUTSIDE = [
    "http://169.254.169.254/latest/meta-data/",
    "https://169.254.169.254/",
    "file:///etc/hostname",
    "ftp://example.org/file.ttf",
    "https://example.org/static/fonts/noto-sans/NotoSans-Regular.ttf",
    BASE_URL + "etc/hostname",
    BASE_URL + "static/../../../../../../etc/hostname",
    BASE_URL + "static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname",
    BASE_URL + "static//etc/hostname",
    BASE_URL + "static/fonts/../../../manage.py",
    BASE_URL + "media/../manage.py",
    BASE_URL + "media/%2e%2e/manage.py",
]


def test_fetcher_is_a_weasyprint_url_fetcher_that_serves_our_fonts():
    fetcher = RestrictedURLFetcher()

    response = fetcher.fetch(FONT_URL)

    assert isinstance(fetcher, URLFetcher)
    assert response.read(4) == b"\x00\x01\x00\x00"
    assert response.content_type == "font/ttf"
    assert fetcher.served == [FONT_URL]
    assert fetcher.refused == []


def test_fetcher_serves_data_urls():
    fetcher = RestrictedURLFetcher()

    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_fetcher_serves_media_files(media_root):
    (media_root / "protocols").mkdir(parents=True)
    (media_root / "protocols" / "logo.png").write_bytes(b"\x89PNG")

    response = RestrictedURLFetcher().fetch(BASE_URL + "media/protocols/logo.png")

    assert response.read() == b"\x89PNG"


@pytest.mark.parametrize("url", OUTSIDE)
def test_fetcher_refuses_anything_outside_static_and_media(url, media_root):
    media_root.mkdir(parents=True)
    fetcher = RestrictedURLFetcher()

    with pytest.raises((RefusedURL, ValueError)):
        fetcher.fetch(url)

    assert fetcher.refused == [url]
    assert fetcher.served == []


def test_fetcher_does_not_follow_a_symlink_out_of_media(media_root, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    media_root.mkdir(parents=True)
    (media_root / "link.txt").symlink_to(secret)
    fetcher = RestrictedURLFetcher()

    with pytest.raises(RefusedURL):
        fetcher.fetch(BASE_URL + "media/link.txt")


def test_hostile_html_is_neither_fetched_nor_embedded(media_root):
    media_root.mkdir(parents=True)
    html = """<!DOCTYPE html><html lang="en"><head><title>Test</title>
      <link rel="attachment" href="file:///etc/hostname" title="host">
      <link rel="attachment" href="http://169.254.169.254/latest/meta-data/">
      <link rel="stylesheet" href="http://169.254.169.254/style.css">
      <style>
        @import url("file:///etc/hostname");
        body { background: url("http://169.254.169.254/latest/meta-data/"); }
      </style></head>
      <body>
        <p>Visible text.</p>
        <img src="http://169.254.169.254/latest/meta-data/" alt="a">
        <img src="file:///etc/hostname" alt="b">
        <img src="../../../../../../etc/hostname" alt="c">
        <object data="file:///etc/hostname"></object>
        <a rel="attachment" href="file:///etc/hostname">attached</a>
      </body></html>"""
    fetcher = RestrictedURLFetcher()

    data = pdf.html_to_pdf(html, url_fetcher=fetcher)

    assert fetcher.served == []
    assert "file:///etc/hostname" in fetcher.refused
    assert "http://169.254.169.254/latest/meta-data/" in fetcher.refused
    # The relative path resolves against our made-up origin, then is refused there.
    assert BASE_URL + "etc/hostname" in fetcher.refused
    attachments, images = attachments_and_images(data)
    assert attachments == {}
    assert images == []
    # Images that could not load show their alternative text, as a browser would.
    assert one_line(data) == "Visible text. attacheda b c"


@pytest.mark.django_db
def test_staff_content_with_hostile_markup_is_sanitised_before_printing(media_root):
    media_root.mkdir(parents=True)
    section = ConceptNoteSectionFactory(
        body_en=(
            "<p>Background.</p>"
            '<img src="http://169.254.169.254/latest/meta-data/">'
            '<link rel="attachment" href="file:///etc/hostname">'
            '<p style="background: url(file:///etc/hostname)">Styled.</p>'
            '<object data="../../../etc/hostname"></object>'
            '<a href="file:///etc/hostname">A local link.</a>'
        )
    )
    AgendaItemFactory(
        meeting=section.meeting,
        title_en='Opening <img src="file:///etc/hostname"> <link rel=attachment href="../x">',
    )
    fetcher = RestrictedURLFetcher()

    data = pdf.render_concept_note(section.meeting, language="en", url_fetcher=fetcher)

    # Nothing but our own fonts was even asked for.
    assert fetcher.refused == []
    assert {url.rsplit("/", 1)[1] for url in fetcher.served} <= {
        "NotoSans-Regular.ttf",
        "NotoSans-Bold.ttf",
        "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic.ttf",
    }
    attachments, images = attachments_and_images(data)
    assert attachments == {}
    assert images == []
    links = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in read(data).pages
        for annotation in page.get("/Annots", [])
    ]
    assert not any(link and "file:" in str(link) for link in links)
    text = one_line(data)
    assert "Background. Styled. A local link." in text
    # An agenda title is plain text: markup in it is printed, not interpreted.
    assert 'Opening <img src="file:///etc/hostname">' in text
    assert "<link rel=attachment href=" in text
