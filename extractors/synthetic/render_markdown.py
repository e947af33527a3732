"""Markdown tables: a clean HTML→Markdown conversion, and the messier output of PDF→Markdown tools.

PDF converters only see ruled boxes: merged cells come out as repeated or empty cells, a multi-row
header becomes several header-like rows whose cells shift left when spanned positions are dropped, and a
label wrapped inside its box is cut into two table rows, one of which has lost its label.
"""

from __future__ import annotations

import random

from .printed import PrintedTable


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _grid_texts(table: PrintedTable, repeat_spans: bool) -> list[list[str]]:
    rows = []
    for slots in table.grid():
        rows.append([
            "" if s is None else ("<br>".join(s[0].lines()) if s[1] or repeat_spans and s[0].role != "value" else "")
            for s in slots
        ])
    return rows


def markdown_table(table: PrintedTable, rng: random.Random) -> list[str]:
    rows = _grid_texts(table, repeat_spans=rng.random() < 0.5)
    return [_md_row(rows[0]), _md_row(["---"] * table.width)] + [_md_row(r) for r in rows[1:]]


def _shifted_header(table: PrintedTable) -> list[list[str]]:
    """Header rows with spanned positions dropped: their cells slide left (a broken header)."""
    return [[c.text for c in row] for row in table.rows[: table.header_rows]]


def _split_label(row: list[str], label_cols: int, rng: random.Random) -> list[list[str]]:
    """A body row whose label wrapped in the PDF: either two rows each with part of the label, or a
    label-only row followed by the values on a row that lost its label."""
    label_at = max((i for i in range(label_cols) if row[i]), default=None)
    if label_at is None or len(row[label_at]) < 10:
        return [row]
    text = row[label_at]
    cut = rng.randint(4, len(text) - 3)
    first = [""] * len(row)
    first[: label_at + 1] = row[: label_at + 1]
    second = list(row)
    second[: label_at + 1] = [""] * (label_at + 1)
    if rng.random() < 0.5:  # the label is split between the two rows
        first[label_at], second[label_at] = text[:cut], text[cut:]
    return [first, second]


def _label_columns(table: PrintedTable) -> int:
    """Grid positions left of the first value in the last row (the label area of body rows)."""
    slots = table.grid()[-1]
    return next((i for i, s in enumerate(slots) if s is not None and s[0].role == "value"), table.width)


def pdf_markdown_table(table: PrintedTable, rng: random.Random) -> list[str]:
    header = _shifted_header(table)
    body = _grid_texts(table, repeat_spans=False)[table.header_rows:]
    label_cols = _label_columns(table)
    out_rows: list[list[str]] = []
    for row in body:
        out_rows += _split_label(row, label_cols, rng) if rng.random() < 0.3 else [row]
    lines = [_md_row(header[0]), _md_row(["---"] * len(header[0]))]
    lines += [_md_row(r) for r in header[1:]] + [_md_row(r) for r in out_rows]
    return lines
