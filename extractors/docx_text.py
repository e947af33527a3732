"""A Word `.docx` as text lines: paragraphs one per line, tables as grid rows, read from the XML.

python-docx (MIT) walks the body in document order. A table row becomes one grid line
(`layout.render_row`), so the layout readers read its cells by position and the character-stream reader
reads it like any other text. Merged cells are honoured: a position covered by a cell spanning from the
left or from above is written as `CONT_LEFT` / `CONT_UP` (layout.py), exactly as the HTML renderer does,
so a merged value is never counted twice and a merged label reads whole. Locators are lines of this
rendering, which `ogi extract FILE --text` prints. Legacy `.doc` and Kingsoft `.wps` need a converter
(LibreOffice), not this module.
"""

from __future__ import annotations

import io
import zipfile

from dataclasses import replace

from .layout import CONT_LEFT, CONT_UP, render_row
from .model import Locator


class UnreadableDocx(ValueError):
    """Not a Word document that python-docx can open."""


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    above: list = []
    for row in table.rows:
        cells = list(row.cells)  # python-docx repeats a merged cell at every grid position it covers
        out: list[str] = []
        for pos, cell in enumerate(cells):
            if pos > 0 and cell._tc is cells[pos - 1]._tc:
                out.append(CONT_LEFT)
            elif pos < len(above) and cell._tc is above[pos]._tc:
                out.append(CONT_UP)
            else:
                out.append(_cell_text(cell))
        above = cells
        lines.append(render_row(out))
    return lines


def docx_text(data: bytes) -> str:
    return docx_lines(data)[0]


def docx_lines(data: bytes) -> tuple[str, list[str]]:
    """The document's text and the body path of each of its lines (see DocxGeometry)."""
    import docx  # imported here: only Word input pays for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocx(f"not a readable Word .docx: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    paths: list[str] = []
    paragraphs = tables = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            lines.append(Paragraph(child, document).text)
            paths.append(f"paragraph {paragraphs}")
        elif tag == "tbl":
            tables += 1
            rows = _table_lines(Table(child, document))
            lines += rows
            paths += [f"table {tables} / row {r}" for r in range(1, len(rows) + 1)]
    return "\n".join(lines), paths


class DocxGeometry:
    """The body path of each line of the text (`normalise` keeps the lines one for one): paragraphs and
    tables are numbered from 1 in document order, as Word's body holds them."""

    def __init__(self, paths: list[str], lines: list[str]):
        self.paths = paths
        self.lines = lines

    def place(self, locator: Locator, raw: str) -> Locator:
        index = locator.line_end - 1
        if not 0 <= index < len(self.paths):
            return locator
        path = self.paths[index]
        if path.startswith("table") and locator.col_start is not None and index < len(self.lines):
            path += f" / cell {self.lines[index][:locator.col_start].count('|')}"  # '| a | b |': a is cell 1
        return replace(locator, path=path)
