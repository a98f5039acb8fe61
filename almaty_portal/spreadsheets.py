"""CSV that spreadsheets open as data: no cell is taken for a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)`` reaches out, ``@SUM``
computes). As OWASP recommends, such a cell is prefixed with a single quote, which the
spreadsheet shows as text; the csv module quotes the cell where it must.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as a cell no spreadsheet runs: text starting like a formula gets a quote."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_rows(file, header, rows):
    """Write ``header`` and ``rows`` to ``file`` as CSV, every cell made safe."""
    writer = csv.writer(file, quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
