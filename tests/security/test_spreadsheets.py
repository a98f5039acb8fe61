import csv
import io

import pytest

from almaty_portal.spreadsheets import write_rows


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
