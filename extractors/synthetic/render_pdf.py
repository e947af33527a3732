"""PDF reports drawn with reportlab, with the quirks of the corpus PDF (huaian-city-2024.pdf, a WPS
export): A4 pages with `- N -` page numbers, paragraphs wrapped at the page width, tables drawn as
grids whose labels wrap inside their cells (numbers centred on the row, so a label's first line sits
above them and its last below), the 三、本年度办理结果 group label in a narrow column one character
per line, tables broken across pages wherever a row no longer fits (the header is not repeated), and
cell text centred. `pdf_borderless` draws the same tables without ruling lines.

Half the documents draw Chinese in reportlab's built-in CID font `STSong-Light` (Adobe's
UniGB-UCS2-H encoding, not embedded: the extractor reads those with pdfminer); the other half embed a
subset of Debian's Droid Sans Fallback for the 汉字 and print digits in Times, as WPS and Word exports
do with SimSun and Times New Roman (read with PDFium). Rendering the STSong pages to pixels (the
scanned layout, `ogi show`) needs a CJK font on the machine: fonts-droid-fallback.

Two-stage like the .docx: the text is the Word renderer's source (paragraphs one per line, table rows
as grid lines with span markers), so text quirks (traditional script) apply before the PDF is drawn.
Per-document drawing choices (font sizes, column widths) come from a generator seeded by the source,
so a case renders the same PDF every time.
"""

from __future__ import annotations

import io
import random
import re


from .render_docx import source_parts, spans

_FONT = "STSong-Light"
_EMBEDDED_FONT = "DroidSansFallback"  # embedded (subset) from Debian's fonts-droid-fallback
_LATIN_FONT = "Times-Roman"
_SIDEWAYS_SHARE = 0.2
_REPEAT_HEADER_SHARE = 0.3  # tables that repeat their header rows on every page they continue on
_NUMBER = re.compile(r"[+＋\-]?[0-9０-９][0-9０-９.,．，]*(?:万元|元)?")  # documents whose wide 表三 is printed sideways, on landscape pages turned upright
_PAGE_W, _PAGE_H = 595.0, 842.0  # A4 in points
_MARGIN_X, _MARGIN_TOP, _MARGIN_BOTTOM = 64.0, 72.0, 80.0


class _Pages:
    """A canvas with a cursor: new pages get their page number, as WPS prints it."""

    def __init__(self, rng: random.Random):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        if _FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
        self.string_width = pdfmetrics.stringWidth
        # Half the documents draw 汉字 in a font embedded in the file and digits/Latin in Times (as WPS and
        # Word export: SimSun + Times New Roman), the other half everything in STSong-Light, not embedded.
        self.embedded = rng.random() < 0.5
        if self.embedded:
            _register_embedded_font()
        self.cjk_font = _EMBEDDED_FONT if self.embedded else _FONT
        self.out = io.BytesIO()
        self.canvas = canvas.Canvas(self.out, pagesize=(_PAGE_W, _PAGE_H), invariant=1)
        self.page = 1
        self.y = _PAGE_H - _MARGIN_TOP
        self.rotated = False  # drawing a landscape table sideways on portrait pages
        self.body_size = rng.choice((12.0, 14.0, 16.0))
        self.number_style = rng.choice(("- {} -", "— {} —"))  # as WPS and Word print them

    @property
    def frame_width(self) -> float:
        return _PAGE_H if self.rotated else _PAGE_W

    def footer(self) -> None:
        if self.rotated:
            self.canvas.restoreState()  # the page number prints upright, as on every page
        self.draw(_PAGE_W / 2, 40, self.number_style.format(self.page), 10, centred=True)

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self._frame()

    def _frame(self) -> None:
        if self.rotated:  # a landscape frame, turned a quarter counter-clockwise: its text reads upwards
            self.canvas.saveState()
            self.canvas.translate(_PAGE_W, 0)
            self.canvas.rotate(90)
        self.y = (_PAGE_W if self.rotated else _PAGE_H) - _MARGIN_TOP

    def turn(self, rotated: bool) -> None:
        """Start a new page drawn sideways (or upright again)."""
        if rotated != self.rotated:
            self.footer()
            self.canvas.showPage()
            self.page += 1
            self.rotated = rotated
            self._frame()

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """`text` broken into lines no wider than `width`: at any character (Chinese has no spaces), but
        a number only where it is wider than the line, as Word and WPS break them."""
        lines, current = [], ""
        for piece in re.findall(r"[0-9０-９.,．，+＋-]+|.", text):
            if current and self.width(current + piece, size) > width:
                lines.append(current)
                current = ""
            for char in piece:
                if current and self.width(current + char, size) > width:
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
            self.draw(_MARGIN_X, self.y, line, size)

    def _runs(self, text: str) -> list[tuple[str, str]]:
        """(font, text) runs: ASCII in Times where the 汉字 font is embedded (it has no Latin glyphs)."""
        if not self.embedded:
            return [(_FONT, text)] if text else []
        runs: list[tuple[str, str]] = []
        for char in text:
            font = _LATIN_FONT if ord(char) < 0x80 or 0x2000 <= ord(char) < 0x2070 else self.cjk_font
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + char)
            else:
                runs.append((font, char))
        return runs

    def width(self, text: str, size: float) -> float:
        return sum(self.string_width(part, font, size) for font, part in self._runs(text))

    def draw(self, x: float, y: float, text: str, size: float, centred: bool = False) -> None:
        if centred:
            x -= self.width(text, size) / 2
        for font, part in self._runs(text):
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, y, part)
            x += self.string_width(part, font, size)

    def finish(self) -> bytes:
        self.footer()
        if self.rotated:
            self.canvas.saveState()  # footer() restored the frame: balance it
        self.canvas.save()
        return self.out.getvalue()


def _column_widths(width: int, total: float, rng: random.Random) -> list[float]:
    """The requests table's three label columns are narrow, medium and wide (the group label one
    character wide); other tables give the first column more room than the value columns."""
    if width in (10, 11):  # 表三, with or without a 小计 column
        labels = [rng.uniform(18, 24), rng.uniform(46, 70), rng.uniform(90, 150)]
        rest = (total - sum(labels)) / (width - 3)
        return labels + [rest] * (width - 3)
    if width == 15:
        return [total / 15] * 15
    first = total * rng.uniform(0.3, 0.45)
    return [first] + [(total - first) / (width - 1)] * (width - 1)


def _table(pages: _Pages, rows: list[list[str]], rng: random.Random, ruled: bool) -> None:
    width = max(len(r) for r in rows)
    total = pages.frame_width - 2 * _MARGIN_X
    widths = _column_widths(width, total, rng)
    lefts = [_MARGIN_X + sum(widths[:c]) for c in range(width)]
    size = rng.choice((7.0, 7.5, 8.0)) if width >= 10 else rng.choice((9.0, 10.0))
    leading = size * 1.35
    origins = spans(rows)
    wrapped = {id(s): pages.wrap(s.text, sum(widths[s.col:s.col + s.cols]) - 3, size) for s in origins}
    # Row heights: the tallest single-row cell; a cell spanning rows grows its last row if it needs to.
    heights = [leading + 4] * len(rows)
    for s in origins:
        if s.rows == 1:
            heights[s.row] = max(heights[s.row], len(wrapped[id(s)]) * leading + 4)
    for s in origins:
        if s.rows > 1:
            need = len(wrapped[id(s)]) * leading + 4
            have = sum(heights[s.row:s.row + s.rows])
            if need > have:
                heights[s.row + s.rows - 1] += need - have
    # Place rows on pages: a row that does not fit starts a new page, which repeats the header rows in
    # some documents (Word's 标题行重复).
    header = next((r for r, cells in enumerate(rows) if any(_NUMBER.fullmatch(c.strip()) for c in cells)), 0)
    repeat_header = rng.random() < _REPEAT_HEADER_SHARE
    tops: list[tuple[int, float]] = []  # per row: (page, top y)
    pages.y -= 6
    for r, h in enumerate(heights):
        if pages.y - h < _MARGIN_BOTTOM:
            _draw(pages, rows, origins, wrapped, tops, heights, lefts, widths, size, leading, ruled)
            pages.new_page()
            if repeat_header and r > header > 0:
                repeated = [(pages.page, pages.y - sum(heights[:i])) for i in range(header)]
                repeated += [(-1, 0.0)] * (len(rows) - header)
                _draw(pages, rows, [sp for sp in origins if sp.row + sp.rows <= header], wrapped, repeated, heights,
                      lefts, widths, size, leading, ruled)
                pages.y -= sum(heights[:header])
        tops.append((pages.page, pages.y))
        pages.y -= h
    _draw(pages, rows, origins, wrapped, tops, heights, lefts, widths, size, leading, ruled)
    pages.y -= 10


def _draw(pages: _Pages, rows, spans, wrapped, tops, heights, lefts, widths, size, leading, ruled) -> None:
    """Draw the cells (or the parts of cells) of the rows placed on the current page so far."""
    c = pages.canvas
    on_page = [r for r, (page, _) in enumerate(tops) if page == pages.page]
    if not on_page:
        return
    first, last = on_page[0], on_page[-1]
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
            pages.draw((x0 + x1) / 2, y, line, size, centred=True)
            y -= leading


def pdf_from_source(source: str, ruled: bool) -> bytes:
    rng = random.Random(source)
    pages = _Pages(rng)
    for part in source_parts(source):
        if isinstance(part, str):
            pages.paragraph(part)
            continue
        sideways = len(part[0]) >= 10 and rng.random() < _SIDEWAYS_SHARE  # 表三 on landscape pages
        pages.turn(sideways)
        _table(pages, part, rng, ruled)
        pages.turn(False)
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


def _register_embedded_font() -> None:
    from pathlib import Path

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if _EMBEDDED_FONT in pdfmetrics.getRegisteredFontNames():
        return
    if not Path(CJK_FONT).is_file():
        raise RuntimeError(f"the PDF generator embeds {CJK_FONT}: `apt-get install {CJK_FONT_PACKAGE}`")
    pdfmetrics.registerFont(TTFont(_EMBEDDED_FONT, CJK_FONT))
