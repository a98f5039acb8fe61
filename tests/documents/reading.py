"""Reading a PDF back as a person's PDF reader would."""

import io

from pypdf import PdfReader


def read(data):
    return PdfReader(io.BytesIO(data))


def page_texts(data):
    """The text of every page, with words split at a line end by hyphenation joined again."""
    return [
        page.extract_text().replace("\u2010\n", "").replace("-\n", "-") for page in read(data).pages
    ]


def text(data):
    return "\n".join(page_texts(data))


def one_line(data):
    """The whole text on one line, so a phrase that wraps still matches."""
    return " ".join(text(data).split())


def attachments_and_images(data):
    reader = read(data)
    images = [image.name for page in reader.pages for image in page.images]
    return dict(reader.attachments), images
