import csv
import io
import os
import re
from pathlib import Path

import pytest

from almaty_portal.spreadsheets import write_rows
from tests.security.hostile import CONTROL, FORMULAE
from tests.security.readers import read_csv

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Almaty, 12 October", "Almaty, 12 October"),
        ("Алматы", "Алматы"),
    ],
)
def test_write_rows_neutralises_cells_that_start_like_a_formula(text, expected):
    out = io.StringIO()
    write_rows(out, ["title"], [[text]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["title"], [expected]]


def test_write_rows_writes_none_as_an_empty_cell():
    out = io.StringIO()
    write_rows(out, ["a", "b"], [[None, 2023]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["a", "b"], ["", "2023"]]


def test_hostile_cells_read_back_as_text_in_a_spreadsheet():
    out = io.StringIO()
    write_rows(
        out, ["title", "summary"], [[formula, f"{formula} {CONTROL}"] for formula in FORMULAE]
    )
    reading = read_csv(out.getvalue())
    assert reading.problems == []
    assert reading.text[2:4] == [f"'{FORMULAE[0]}", f"'{FORMULAE[0]} {CONTROL}"]


def portal_modules():
    """The portal's own Python files: not the tests, not installed packages."""
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and name not in {"tests", "node_modules", "staticfiles"}
        ]
        yield from (Path(folder) / name for name in files if name.endswith(".py"))


def test_every_csv_the_portal_writes_goes_through_write_rows():
    """A bulk file or export written with csv.writer directly would skip the neutralising."""
    writers = re.compile(r"\bcsv\.(writer|DictWriter)\b|\bfrom csv import\b")
    offenders = [
        str(path.relative_to(ROOT))
        for path in portal_modules()
        if path != ROOT / "almaty_portal" / "spreadsheets.py"
        and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
