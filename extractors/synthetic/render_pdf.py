"""PDF reports drawn with reportlab, with the quirks of the corpus PDF (huaian-city-2024.pdf, a WPS
export): A4 pages with `- N -` page numbers, paragraphs wrapped at the page width, tables drawn as
grids whose labels wrap inside their cells (numbers centred on the row, so a label's first line sits
above them and its last below), the 三、本年度办理结果 group label in a narrow column one character
per line, tables broken across pages wherever a row no longer fits (the header is not repeated), and
cell text centred. `pdf_borderless` draws the same tables without ruling lines.

Chinese is drawn in reportlab's built-in CID font `STSong-Light` (Adobe's UniGB-UCS2-H encoding): no
font file is needed to write the PDF, and the text layer maps back to Unicode through the standard
CMap. A renderer without a CJK font (PDFium without Debian's fonts-noto-cjk) shows boxes for the
汉字, the digits still print.

Two-stage like the .docx: the text is the Word renderer's source (paragraphs one per line, table rows
as grid lines with span markers), so text quirks (traditional script) apply before the PDF is drawn.
Per-document drawing choices (font sizes, column widths) come from a generator seeded by the source,
so a case renders the same PDF every time.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from extractors.layout import CONT_LEFT, CONT_UP

from .render_docx import _TABLE_END, _TABLE_START, docx_source  # noqa: F401  (docx_source: the text stage)

_FONT = "STSong-Light"
_PAGE_W, _PAGE_H = 595.0, 842.0  # A4 in points
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 64.0, 72.0, 80.0


@dataclass(slots=True)
class _Span:
    text: str
    row: int
    col: int
    rows: int
    cols: int


def _spans(rows: list[list[str]]) -> list[_Span]:
    """Origin cells with their extent, from the span markers."""
    out: list[_Span] = []
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
            out.append(_Span(text, r, c, h, w))
    return out


class _Pages:
    """A canvas with a cursor: new pages get their page number, as WPS prints it."""

    def __init__(self, rng: random.Random):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        if _FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
        self.width = pdfmetrics.stringWidth
        self.out = io.BytesIO()
        self.canvas = canvas.Canvas(self.out, pagesize=(_PAGE_W, _PAGE_H), invariant=1)
        self.page = 1
        self.y = _PAGE_H - _MARGIN_TOP
        self.body_size = rng.choice((12.0, 14.0, 16.0))
        self.number_style = rng.choice(("- {} -", "— {} —"))  # as WPS and Word print them

    def footer(self) -> None:
        self.canvas.setFont(_FONT, 10)
        self.canvas.drawCentredString(_PAGE_W / 2, 40, self.number_style.format(self.page))

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = _PAGE_H - _MARGIN_TOP

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """`text` broken into lines no wider than `width` (at any character: Chinese has no spaces)."""
        lines, current = [], ""
        for char in text:
            if current and self.width(current + char, _FONT, size) > width:
                lines.append(current)
                current = ""
            current += char
        return [*lines, current] if current or not lines else lines

    def paragraph(self, text: str) -> None:
        size = self.body_size
        for line in self.wrap(text, _PAGE_W - 2 * _MARGIN_X, size) if text.strip() else []:
            if self.y - size < _MARGIN_BOTTOM:
                self.new_page()
            self.y -= size * 1.6
            self.canvas.setFont(_FONT, size)
            self.canvas.drawString(_MARGIN_X, self.y, line)

    def finish(self) -> bytes:
        self.footer()
        self.canvas.save()
        return self.out.getvalue()


def _column_widths(width: int, total: float, rng: random.Random) -> list[float]:
    """The requests table's three label columns are narrow, medium and wide (the group label one
    character wide); other tables give the first column more room than the value columns."""
    if width == 10:
        labels = [rng.uniform(18, 24), rng.uniform(46, 70), rng.uniform(90, 150)]
        rest = (total - sum(labels)) / 7
        return labels + [rest] * 7
    if width == 15:
        return [total / 15] * 15
    first = total * rng.uniform(0.3, 0.45)
    return [first] + [(total - first) / (width - 1)] * (width - 1)


def _table(pages: _Pages, rows: list[list[str]], rng: random.Random, ruled: bool) -> None:
    width = max(len(r) for r in rows)
    total = _PAGE_W - 2 * _MARGIN_X
    widths = _column_widths(width, total, rng)
    lefts = [_MARGIN_X + sum(widths[:c]) for c in range(width)]
    size = rng.choice((7.0, 7.5, 8.0)) if width >= 10 else rng.choice((9.0, 10.0))
    leading = size * 1.35
    spans = _spans(rows)
    wrapped = {id(s): pages.wrap(s.text, sum(widths[s.col:s.col + s.cols]) - 3, size) for s in spans}
    # Row heights: the tallest single-row cell; a cell spanning rows grows its last row if it needs to.
    heights = [leading + 4] * len(rows)
    for s in spans:
        if s.rows == 1:
            heights[s.row] = max(heights[s.row], len(wrapped[id(s)]) * leading + 4)
    for s in spans:
        if s.rows > 1:
            need = len(wrapped[id(s)]) * leading + 4
            have = sum(heights[s.row:s.row + s.rows])
            if need > have:
                heights[s.row + s.rows - 1] += need - have
    # Place rows on pages: a row that does not fit starts a new page.
    tops: list[tuple[int, float]] = []  # per row: (page, top y)
    pages.y -= 6
    for r, h in enumerate(heights):
        if pages.y - h < _MARGIN_BOTTOM:
            _draw(pages, rows, spans, wrapped, tops, heights, lefts, widths, size, leading, ruled)
            pages.new_page()
        tops.append((pages.page, pages.y))
        pages.y -= h
    _draw(pages, rows, spans, wrapped, tops, heights, lefts, widths, size, leading, ruled)
    pages.y -= 10


def _draw(pages: _Pages, rows, spans, wrapped, tops, heights, lefts, widths, size, leading, ruled) -> None:
    """Draw the cells (or the parts of cells) of the rows placed on the current page so far."""
    c = pages.canvas
    on_page = [r for r, (page, _) in enumerate(tops) if page == pages.page]
    if not on_page:
        return
    first, last = on_page[0], on_page[-1]
    c.setFont(_FONT, size)
    c.setLineWidth(0.5)
    for s in spans:
        r0, r1 = max(s.row, first), min(s.row + s.rows - 1, last)
        if r0 > r1:
            continue
        top = tops[r0][1]
        bottom = tops[r1][1] - heights[r1]
        x0, x1 = lefts[s.col], lefts[s.col] + sum(widths[s.col:s.col + s.cols])
        if ruled:
            c.rect(x0, bottom, x1 - x0, top - bottom)
        lines = wrapped[id(s)]
        if s.rows > 1 and (r0 != s.row or r1 != s.row + s.rows - 1):
            # A spanning cell broken across pages: its lines go where they fall, in order, top down
            # from the span's first row, as the page cuts them.
            span_top = tops[s.row][1] if tops[s.row][0] == pages.page else None
            if span_top is None:
                continue  # its text is printed on the page where the span starts
            lines = lines[:max(1, int((top - bottom - 4) // leading))]
        text_h = len(lines) * leading
        y = (top + bottom) / 2 + text_h / 2 - leading + (leading - size) / 2 + 1
        for line in lines:
            c.drawCentredString((x0 + x1) / 2, y, line)
            y -= leading


def pdf_from_source(source: str, ruled: bool) -> bytes:
    rng = random.Random(source)
    pages = _Pages(rng)
    lines = source.split("\n")
    idx = 0
    while idx < len(lines):
        line = lines[idx]
        if line != _TABLE_START:
            pages.paragraph(line)
            idx += 1
            continue
        end = lines.index(_TABLE_END, idx)
        _table(pages, [row[2:-2].split(" | ") for row in lines[idx + 1:end]], rng, ruled)
        idx = end + 1
    return pages.finish()


def pack_pdf(source: str) -> bytes:
    return pdf_from_source(source, ruled=True)


def pack_pdf_borderless(source: str) -> bytes:
    return pdf_from_source(source, ruled=False)


# Debian's fonts-droid-fallback: PDFium draws STSong-Light's 汉字 with it (without a CJK font they
# render as nothing, and a scan of the page would have no labels to read).
CJK_FONT = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
CJK_FONT_PACKAGE = "fonts-droid-fallback"


def pack_pdf_scanned(source: str) -> bytes:
    """The ruled PDF printed and scanned: every page rasterised (150-200 dpi, grey, a little noise
    and JPEG compression) into an image-only PDF, with no text layer, as a scanner's PDF is."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random("scan:" + source)
    document = pdfium.PdfDocument(pdf_from_source(source, ruled=True))
    dpi = rng.choice((150, 200))
    pages = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if rng.random() < 0.5:
                image = image.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.7)))
            noise = Image.effect_noise(image.size, rng.uniform(4, 12)).point(lambda v: v - 128)
            image = Image.eval(Image.blend(image, noise.convert("L"), 0.04), lambda v: v)
            buffer = io.BytesIO()
            image.save(buffer, format="JPEG", quality=rng.randint(60, 85))
            pages.append(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))
    finally:
        document.close()
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()
