"""The picture of a number: the page of a PDF with the value boxed, or a text file's lines with the
value marked. Used by `ogi show`; pure functions over a file and an extraction, no Dagster."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.model import Cell, ExtractionResult

_RENDER_SCALE = 2.0  # pixels per PDF point: 144 dpi, digits of a 7 pt table stay legible
_BOX_COLOUR = (220, 30, 30)
_MARGIN = 2.0  # points around the printed digits


class NoSuchCell(LookupError):
    pass


def cell_key(cell: Cell) -> str:
    return f"{cell.table}.{cell.row}.{cell.column}"


def find_cell(result: ExtractionResult, key: str) -> Cell:
    """The cell `table.row.column` (e.g. `requests.granted.total`) of an extraction."""
    for cell in result.cells:
        if cell_key(cell) == key:
            return cell
    known = sorted({f"{c.table}.{c.row}" for c in result.cells})
    raise NoSuchCell(f"{result.source_name} has no cell {key!r}" + (
        f"; its rows are {', '.join(known[:12])}{' …' if len(known) > 12 else ''} (then .COLUMN)" if known else
        f" (it has no table cells: {result.outcome}{' — ' + result.reason if result.reason else ''})"))


@dataclass(frozen=True, slots=True)
class Picture:
    path: Path
    page: int
    bbox: tuple[float, float, float, float]


def draw_pdf_cell(pdf: bytes, cell: Cell, out: Path) -> Picture:
    """Page `cell.locator.page` rendered to PNG at `out` with the value's box drawn in red."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    loc = cell.locator
    if loc.page is None or loc.bbox is None:
        raise NoSuchCell(f"{cell_key(cell)} has no box: {cell.semantic} cell"
                         + (f" ({cell.note})" if cell.note else "") + " — nothing printed to box")
    document = pdfium.PdfDocument(pdf)
    try:
        image = document[loc.page - 1].render(scale=_RENDER_SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    x0, top, x1, bottom = loc.bbox
    box = [(x0 - _MARGIN) * _RENDER_SCALE, (top - _MARGIN) * _RENDER_SCALE,
           (x1 + _MARGIN) * _RENDER_SCALE, (bottom + _MARGIN) * _RENDER_SCALE]
    ImageDraw.Draw(image).rectangle(box, outline=_BOX_COLOUR, width=3)
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, format="PNG")
    return Picture(out, loc.page, loc.bbox)


def text_evidence(lines: list[str], cell: Cell, context: int = 2) -> list[tuple[int, str, tuple[int, int] | None]]:
    """(line number, line, the value's column span on it or None) for the cell's lines with context."""
    loc = cell.locator
    first, last = max(1, loc.line_start - context), min(len(lines), loc.line_end + context)
    span = (loc.col_start, loc.col_end) if loc.col_start is not None and loc.col_end is not None else None
    return [(n, lines[n - 1], span if n == loc.line_end else None) for n in range(first, last + 1)]
