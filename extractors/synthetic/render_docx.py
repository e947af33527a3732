"""Word `.docx` reports: the document written by python-docx, its tables real Word tables with merged
cells (the 法人或其他组织 header over five columns, 三、本年度办理结果 and (三)不予公开 down their rows).

Rendering is two-stage so that text quirks (traditional script) apply before the binary is built:
`docx_source` writes paragraphs one per line and table rows as grid lines with span markers, and
`pack_docx` builds the .docx from that, merging every marked position into the cell it continues.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Iterator

from extractors.layout import CONT_LEFT, CONT_UP, render_row

from .document import Document
from .printed import PrintedTable

_TABLE_START, _TABLE_END = "\x02table", "\x02end"


def _grid_lines(table: PrintedTable) -> list[str]:
    lines = []
    for slots in table.grid():
        cells = []
        for pos, slot in enumerate(slots):
            if slot is None:
                cells.append("")
            elif slot[1]:
                cells.append(" ".join(slot[0].lines()))
            else:  # covered by a merged cell: from the left when the same cell is at pos-1 in this row
                cells.append(CONT_LEFT if pos > 0 and slots[pos - 1] is not None and slots[pos - 1][0] is slot[0]
                             else CONT_UP)
        lines.append(render_row(cells))
    return lines


def docx_source(doc: Document, rng: random.Random, charset: str) -> str:
    lines = [doc.title, doc.preamble]
    for section in doc.sections:
        lines.append(section.heading)
        lines += section.paragraphs
        for table in section.tables:
            if table.caption:
                lines.append(table.caption)
            lines += [_TABLE_START, *_grid_lines(table), _TABLE_END]
    lines += [doc.agency, doc.signed()]
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Span:
    """An origin cell of a table in the text stage, and the rectangle it covers."""

    text: str
    row: int
    col: int
    rows: int
    cols: int


def spans(rows: list[list[str]]) -> list[Span]:
    """Origin cells with their extent, from the span markers (a position covered from the left is
    CONT_LEFT, from above CONT_UP)."""
    out: list[Span] = []
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text in (CONT_LEFT, CONT_UP):
                continue
            w = 1
            while c + w < len(cells) and cells[c + w] == CONT_LEFT:
                w += 1
            h = 1
            while r + h < len(rows) and c < len(rows[r + h]) and rows[r + h][c] == CONT_UP:
                h += 1
            out.append(Span(text, r, c, h, w))
    return out


def source_parts(source: str) -> Iterator[str | list[list[str]]]:
    """The text stage read back, in order: a paragraph (str), or a table (its rows of cells, with the
    span markers). Every binary layout (Word, PDF) builds its file from these."""
    lines = source.split("\n")
    idx = 0
    while idx < len(lines):
        if lines[idx] != _TABLE_START:
            yield lines[idx]
            idx += 1
            continue
        end = lines.index(_TABLE_END, idx)
        yield [row[2:-2].split(" | ") for row in lines[idx + 1:end]]
        idx = end + 1


def pack_docx(source: str) -> bytes:
    import docx

    document = docx.Document()
    for part in source_parts(source):
        if isinstance(part, str):
            document.add_paragraph(part)
        else:
            _add_table(document, part)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    grid = [row.cells for row in table.rows]  # table.cell() rebuilds the grid on every call: read it once
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text not in (CONT_LEFT, CONT_UP):
                grid[r][c].text = text
    for span in spans(rows):  # merge after writing: each origin once, over its whole rectangle
        if span.cols > 1 or span.rows > 1:
            table.cell(span.row, span.col).merge(table.cell(span.row + span.rows - 1, span.col + span.cols - 1))
