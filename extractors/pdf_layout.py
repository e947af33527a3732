"""A PDF's text layer as lines rebuilt from character positions, with every character's box.

PDFium (pypdfium2, Apache-2.0/BSD) gives each character and its box; this module makes the lines:
characters are grouped into rows by their baseline (font box, so that a digit and a 汉字 of one row
agree), ordered by x, and a space is put where the gap between two characters is wider than a third
of the row's character height (a cell boundary, or a space as printed). Page numbers (`- 1 -`) stay
lines of their own, which every reader already blanks, so a locator's line is a line of this rendering
(`ogi extract FILE --text` prints it with the page of each line).

Each line keeps the box of each of its characters (None for an inserted space), so a value found at
columns [a, b) of a line has the box that is the union of those characters' boxes: the page and the
box of every number (`locate`). Boxes are in PDF points with the origin at the page's top-left corner,
x to the right and y down, the way an image of the page is addressed.

PDFium is about 7x faster than pdfminer (`bench/pdf_bench.py`) and reads the corpus PDF identically,
so it is the reader; but where a PDF draws Chinese in a font it does not embed (reportlab's
STSong-Light, some office exports), PDFium's text depends on the fonts of the machine, and such a PDF is
read with pdfminer.six (through pdfplumber, MIT), which takes the widths from the PDF itself.
"""

from __future__ import annotations

import statistics
import unicodedata
import difflib
import math
import re
from dataclasses import dataclass, replace
from typing import Sequence

from .model import Locator

Box = tuple[float, float, float, float]  # x0, top, x1, bottom; PDF points, origin top-left, y down

# Two characters of a row further apart than this share of the row's character height are separate
# words (a space is printed between them); a gap of more than _CELL_GAP heights is a cell boundary,
# printed as two spaces so that the layout readers see two cells.
_WORD_GAP = 0.1
_CELL_GAP = 1.5
# Two characters are on one row when their font boxes' vertical centres are closer than this share
# of the character height.
_ROW_TOLERANCE = 0.35


class NoTextLayer(ValueError):
    """The PDF has pages but no extractable text (a scan, or text drawn as outlines)."""


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    box: Box  # the glyph's own box (what a reader sees inked)
    left: float  # the font box's horizontal extent (the glyph's advance): gaps are measured on it
    right: float
    centre: float  # vertical centre of the font box: the row's baseline stand-in
    height: float  # font box height
    space_before: bool = False  # the PDF prints a space character before it
    confidence: float | None = None  # OCR: the recogniser's confidence in its text box; None: a text layer
    angle: int = 0  # the text direction, in quarter turns counter-clockwise: 0, 90, 180 or 270
    loose: Box | None = None  # the font box in page coordinates (rotated text: its extent along the line)


@dataclass(frozen=True, slots=True)
class PdfLine:
    page: int  # 1-based
    text: str
    boxes: tuple[Box | None, ...]  # one per character of `text`; None for an inserted space
    confidences: tuple[float | None, ...] = ()  # OCR'd lines: one per character; () for a text layer
    angle: int = 0  # its characters' direction (pdf_layout.Char.angle)


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    chars: tuple[Char, ...]
    ocr: bool = False  # the characters come from OCR of the rendered page

    @property
    def garbled(self) -> bool:
        """A text layer of glyphs without Unicode (a font with no ToUnicode map): private-use or
        replacement characters, or pdfminer's `(cid:N)`, for a large share of the page."""
        if len(self.chars) < 20:
            return False
        unmapped = sum(1 for c in self.chars if _unmapped(c.text))
        return unmapped >= _GARBLED_SHARE * len(self.chars)


_GARBLED_SHARE = 0.3


def _unmapped(text: str) -> bool:
    return text.startswith("(cid:") or any(0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" for ch in text)


def read_pages(data: bytes) -> list[PdfPage]:
    """Every page's characters with their boxes: PDFium's, unless the PDF draws non-Latin text in a
    font it does not embed, where PDFium's text depends on the fonts installed on the machine (without
    a CJK font it drops characters and gives them no height) and pdfminer's, read from the PDF's own
    font dictionaries, is used. Raises NoTextLayer for a damaged or encrypted PDF."""
    pages = _pdfium_pages(data)
    return _pdfminer_pages(data) if pages is None else pages


def _pdfium_pages(data: bytes) -> list[PdfPage] | None:
    import pypdfium2 as pdfium  # imported here: only PDF input pays for it
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError and friends: all mean "cannot open"
        raise NoTextLayer(f"damaged or encrypted PDF: {type(exc).__name__}: {exc}") from None
    embedded: dict[int, bool] = {}  # font handle -> embedded in the file
    pages: list[PdfPage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            chars: list[Char] = []
            space_before = False
            for i in range(textpage.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
                text = chr(code) if 0 < code < 0x110000 else ""
                if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
                    continue  # a space or line break PDFium inferred: the geometry below decides those
                if not text or text.isspace() or unicodedata.category(text) in ("Cc", "Cf", "Cs"):
                    space_before = space_before or text.isspace()
                    continue
                if _cjk(code) and not _font_embedded(pdfium_c, textpage, i, embedded):
                    return None  # PDFium substitutes Latin fonts itself, CJK ones only from the machine's
                left, bottom, right, top = textpage.get_charbox(i)
                loose_left, loose_bottom, loose_right, loose_top = textpage.get_charbox(i, loose=True)
                # PDFium measures the angle clockwise; the frames here turn counter-clockwise
                angle = _quarter_turn(-math.degrees(pdfium_c.FPDFText_GetCharAngle(textpage.raw, i)))
                chars.append(Char(text, (left, height - top, right, height - bottom), loose_left, loose_right,
                                  height - (loose_top + loose_bottom) / 2, max(loose_top - loose_bottom, 1.0),
                                  space_before, angle=angle,
                                  loose=(loose_left, height - loose_top, loose_right, height - loose_bottom)))
                space_before = False
            pages.append(PdfPage(index + 1, width, height, tuple(chars)))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages


def _cjk(code: int) -> bool:
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F


def _font_embedded(pdfium_c, textpage, index: int, seen: dict[int, bool]) -> bool:
    import ctypes

    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage.raw, index))
    key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if key not in seen:
        seen[key] = bool(font) and pdfium_c.FPDFFont_GetIsEmbedded(font) == 1
    return seen[key]


def _pdfminer_pages(data: bytes) -> list[PdfPage]:
    import io
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings on every CID page
    pages: list[PdfPage] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                chars = []
                for c in page.chars:
                    if not c["text"] or c["text"].isspace():
                        continue
                    a, b = c["matrix"][0], c["matrix"][1]
                    box = (c["x0"], c["top"], c["x1"], c["bottom"])
                    chars.append(Char(c["text"], box, c["x0"], c["x1"], (c["top"] + c["bottom"]) / 2,
                                      max(c["bottom"] - c["top"], 1.0), angle=_quarter_turn(math.degrees(math.atan2(b, a)))))
                pages.append(PdfPage(page.page_number, float(page.width), float(page.height), tuple(chars)))
    except Exception as exc:  # pdfminer raises many types on damaged files: all mean "cannot read"
        raise NoTextLayer(f"damaged or encrypted PDF: {type(exc).__name__}: {exc}") from None
    return pages


def page_lines(page: PdfPage) -> list[PdfLine]:
    """The page's rows of characters, top to bottom, each left to right; a page number printed alone
    in the top or bottom margin (`- 2 -`, `2`, `第2页`) is dropped: it is no part of the report, and a
    bare `2` under a table would read as one of its values."""
    out: list[PdfLine] = []
    for angle in sorted({c.angle for c in page.chars}):  # upright text first, then a rotated table
        chars = [_reading_frame(c, page) for c in page.chars if c.angle == angle]
        rows: list[list[Char]] = []
        for char in sorted(chars, key=lambda c: c.centre):
            if rows and abs(char.centre - statistics.fmean(c.centre for c in rows[-1])) <= _ROW_TOLERANCE * char.height:
                rows[-1].append(char)
            else:
                rows.append([char])
        frame_height = page.width if angle in (90, 270) else page.height
        lines = [_line(page.number, sorted(row, key=lambda c: c.left)) for row in rows]
        out += [line for line, row in zip(lines, rows) if not _page_number(line, row, frame_height)]
    return out


def _quarter_turn(degrees: float) -> int:
    return int(round((degrees % 360) / 90)) % 4 * 90


def _reading_frame(char: Char, page: PdfPage) -> Char:
    """`char` with its line coordinates (left/right along the line, centre across it) in the frame
    where its text reads left to right, top to bottom: a table printed sideways (a landscape table on a
    portrait page) reads as lines. Its box stays in page coordinates."""
    if char.angle == 0:
        return char
    x0, top, x1, bottom = char.loose or char.box  # the font box: glyphs of one line share its extent
    width, height = page.width, page.height
    if char.angle == 90:  # reads bottom to top; its lines stack left to right
        return replace(char, left=height - bottom, right=height - top, centre=(x0 + x1) / 2, height=max(x1 - x0, 1.0))
    if char.angle == 270:  # reads top to bottom; its lines stack right to left
        return replace(char, left=top, right=bottom, centre=width - (x0 + x1) / 2, height=max(x1 - x0, 1.0))
    return replace(char, left=width - char.right, right=width - char.left, centre=height - char.centre)


_PAGE_NUMBER = re.compile(r"^[-—–~\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–~\s]*$")
_MARGIN_SHARE = 0.1  # the top and bottom tenth of a page: where headers and footers are printed


def _page_number(line: PdfLine, row: Sequence[Char], height: float) -> bool:
    in_margin = all(c.centre > (1 - _MARGIN_SHARE) * height or c.centre < _MARGIN_SHARE * height for c in row)
    return in_margin and _PAGE_NUMBER.match(line.text) is not None


def _line(page: int, row: Sequence[Char]) -> PdfLine:
    size = statistics.median(c.height for c in row)
    text: list[str] = []
    boxes: list[Box | None] = []
    confidences: list[float | None] = []
    for previous, char in zip((None, *row), row):
        if previous is not None:
            gap = char.left - previous.right
            spaces = 2 if gap > _CELL_GAP * size else 1 if gap > _WORD_GAP * size or char.space_before else 0
            text.append(" " * spaces)
            boxes.extend([None] * spaces)
            confidences.extend([None] * spaces)
        shown = unicodedata.normalize("NFKC", char.text)  # as normalise() will print it: boxes stay aligned
        text.append(shown)
        boxes.extend([char.box] * len(shown))
        confidences.extend([char.confidence] * len(shown))
    ocr = any(c is not None for c in confidences)
    return PdfLine(page, "".join(text), tuple(boxes), tuple(confidences) if ocr else (), row[0].angle)


@dataclass(slots=True)
class PdfText:
    lines: list[PdfLine]
    warnings: list[str]
    ocr_pages: tuple[int, ...]  # pages read by OCR (no text layer)


def pdf_lines(data: bytes) -> PdfText:
    """All lines of the PDF, page after page; pages without a text layer (scans) OCR'd."""
    from .ocr import ocr_pdf_pages

    pages = read_pages(data)
    if not pages:
        raise NoTextLayer("PDF without pages")
    garbled = [p.number for p in pages if p.garbled]
    blank = [p.number for p in pages if not p.chars or p.garbled]
    warnings: list[str] = []
    if blank:
        scanned, warnings = ocr_pdf_pages(data, blank)
        if garbled:
            warnings.append(f"pdf: the text layer of page(s) {', '.join(map(str, garbled))} has no Unicode for most "
                            "glyphs (garbled when copied): read by OCR instead")
        by_number = {p.number: p for p in scanned}
        pages = [by_number.get(p.number, p) for p in pages]
    lines = [line for page in pages for line in page_lines(page)]
    if not lines:
        raise NoTextLayer(f"PDF of {len(pages)} page(s) with neither a text layer nor text OCR could find")
    return PdfText(lines, warnings, tuple(p.number for p in pages if p.ocr))


def image_lines(data: bytes) -> PdfText:
    """An image file (a scanned page) OCR'd: one page, boxes in the image's pixels."""
    from .ocr import ocr_image_file

    page = ocr_image_file(data)
    lines = page_lines(page)
    if not lines:
        raise NoTextLayer("image in which OCR found no text")
    return PdfText(lines, [], (1,))


def union(boxes: Sequence[Box | None]) -> Box | None:
    inked = [b for b in boxes if b is not None]
    if not inked:
        return None
    return (round(min(b[0] for b in inked), 2), round(min(b[1] for b in inked), 2),
            round(max(b[2] for b in inked), 2), round(max(b[3] for b in inked), 2))


class PdfGeometry:
    """Boxes for the lines of the normalised text (`normalise` keeps the PDF's lines one for one)."""

    def __init__(self, lines: Sequence[PdfLine], text_lines: Sequence[str], warnings: Sequence[str] = (),
                 ocr_pages: tuple[int, ...] = ()):
        self.lines = lines
        self.text_lines = text_lines
        self.warnings = list(warnings)
        self.ocr_pages = ocr_pages  # pages whose text is OCR's: their numbers need the identities' confirmation
        self._aligned: dict[int, tuple[Box | None, ...]] = {}

    def boxes(self, index: int) -> tuple[Box | None, ...]:
        """One box per character of normalised line `index` (0-based)."""
        if index not in self._aligned:
            self._aligned[index] = _align(self.lines[index], self.text_lines[index])
        return self._aligned[index]

    def confidence(self, locator: Locator) -> float | None:
        """OCR: the lowest confidence of the characters of the value at `locator`; None for a text layer."""
        index = locator.line_end - 1
        if not 0 <= index < min(len(self.lines), len(self.text_lines)) or not self.lines[index].confidences:
            return None
        aligned = _align_values(self.lines[index].text, self.lines[index].confidences, self.text_lines[index])
        if locator.col_start is not None:
            aligned = aligned[locator.col_start:locator.col_end]
        # A value whose place on the line is unknown gets the line's lowest: it is OCR's all the same.
        inked = [c for c in aligned if c is not None] or [c for c in self.lines[index].confidences if c is not None]
        return round(min(inked), 3) if inked else 0.0

    def place(self, locator: Locator, raw: str) -> Locator:
        """`locator` with the page of its line and, when the printed value can be found on that line,
        its box."""
        index = locator.line_end - 1
        if not 0 <= index < min(len(self.lines), len(self.text_lines)):
            return locator
        start, end = locator.col_start, locator.col_end
        if start is None and raw:
            start = _only_occurrence(self.text_lines[index], raw)
            end = None if start is None else start + len(raw)
        bbox = union(self.boxes(index)[start:end]) if start is not None else None
        return replace(locator, col_start=start, col_end=end, page=self.lines[index].page, bbox=bbox)


    def wrapped_rows(self, cells: Sequence) -> dict[tuple[str, str], str]:
        """Table rows (table, row) that cannot be read by position, -> why. A row's values are printed on
        one line (centred in their cells, whatever the label does); a row whose values the readers took
        from several lines, or beside which, on the line just above or below and between its first and
        last value, digits are printed that no cell took, holds a number too wide for its cell that the
        word processor wrapped (`151` over `7`): the row's values shift along it."""
        taken: dict[int, list[Box]] = {}
        rows: dict[tuple[str, str], list] = {}
        for c in cells:
            if c.locator.page is None or c.locator.bbox is None:
                continue
            taken.setdefault(c.locator.page, []).append(c.locator.bbox)
            if c.semantic == "number" and c.table in ("requests", "review_litigation"):
                rows.setdefault((c.table, c.row), []).append(c)
        out: dict[tuple[str, str], str] = {}
        for key, row in rows.items():
            numbers = sorted({c.locator.line_end for c in row})
            if len(numbers) > 1:
                out[key] = f"its values are printed on {len(numbers)} lines ({', '.join(map(str, numbers))})"
                continue
            index = numbers[0] - 1
            if not 0 <= index < len(self.lines):
                continue
            line = self.lines[index]
            along, across = ((0, 2), (1, 3)) if line.angle in (0, 180) else ((1, 3), (0, 2))
            band = union([c.locator.bbox for c in row])
            h = min(c.locator.bbox[across[1]] - c.locator.bbox[across[0]] for c in row)
            near = []
            for other in (index - 1, index + 1):
                if not 0 <= other < len(self.lines) or self.lines[other].page != line.page:
                    continue
                for char, box in zip(self.lines[other].text, self.lines[other].boxes):
                    if box is None or not char.isdigit() or any(_inside(box, t) for t in taken[line.page]):
                        continue
                    inside_band = box[along[0]] > band[along[0]] - h and box[along[1]] < band[along[1]] + h
                    gap = max(band[across[0]] - box[across[1]], box[across[0]] - band[across[1]])
                    if inside_band and gap < _WRAP_GAP * h:
                        near.append(char)
            if near:
                out[key] = f"{''.join(near)!r} is printed beside it, a number wrapped onto another line"
        return out


# A wrapped number's lines are closer than a line's height; the values of the next row are further.
_WRAP_GAP = 1.2


def _inside(box: Box, outer: Box) -> bool:
    return box[0] >= outer[0] - 0.5 and box[2] <= outer[2] + 0.5 and box[1] >= outer[1] - 0.5 and box[3] <= outer[3] + 0.5


def _align(line: PdfLine, shown: str) -> tuple[Box | None, ...]:
    return _align_values(line.text, line.boxes, shown)


def _align_values(text: str, values: Sequence, shown: str) -> tuple:
    """`values` (one per character of `text`) moved onto the characters of `shown`, the normalised line."""
    if text == shown:
        return tuple(values)
    if text.strip() == shown:
        lead = len(text) - len(text.lstrip())
        return tuple(values[lead:lead + len(shown)])
    out: list = [None] * len(shown)  # wording converted (traditional -> simplified): align
    for block in difflib.SequenceMatcher(None, text, shown, autojunk=False).get_matching_blocks():
        out[block.b:block.b + block.size] = values[block.a:block.a + block.size]
    return tuple(out)


def _only_occurrence(line: str, raw: str) -> int | None:
    """Where `raw` stands alone (not inside a longer number) on `line`, if it does exactly once."""
    found = [m.start() for m in re.finditer(r"(?<![\d.])" + re.escape(raw) + r"(?![\d.])", line)]
    return found[0] if len(found) == 1 else None


# ----------------------------------------------------------------------------- columns by position

class ColumnPlacer:
    """表三 rows the readers could not place (a PDF prints nothing in a blank cell, so a row of 5 numbers
    for 7 columns says nothing about which are blank), placed by where their numbers stand: each under
    the column whose header label, or whose numbers in the rows that were read, share its centre.

    A row is placed only when every number on its line right of its label lies within a third of a
    column's pitch of a distinct column's centre; the columns that take none are printed blank. Anything
    else stays `unreadable`. Positions are taken along the line in its own reading frame, so a table
    printed sideways is placed the same way."""

    def __init__(self, geometry: "PdfGeometry"):
        self.geometry = geometry

    def centres(self, cells: Sequence, columns: Sequence[str], first_row_line: int) -> dict[str, float] | None:
        """Column code -> centre along the line, from the read cells, else from the header labels printed
        above the table's first row."""
        from .catalogue import APPLICANT_TYPES

        found: dict[str, list[float]] = {}
        angles = set()
        for c in cells:
            if c.table == "requests" and c.semantic == "number" and c.locator.bbox is not None:
                angle = self._angle(c.locator.line_end)
                angles.add(angle)
                found.setdefault(c.column, []).append(_along(c.locator.bbox, angle))
        if len(angles) > 1:
            return None  # a table printed partly sideways: no one frame
        centres = {col: statistics.median(xs) for col, xs in found.items()}
        labels = {t.column: t.label_zh for t in APPLICANT_TYPES}
        header_lines = range(max(0, first_row_line - 9), first_row_line - 1)
        for col in columns:
            if col not in centres:
                centre = self._label_centre(labels[col][:2], header_lines, angles)
                if centre is not None:
                    centres[col] = centre
        if set(columns) - set(centres):
            return None
        ordered = [centres[c] for c in columns]
        if ordered != sorted(ordered):
            return None  # the columns do not stand in their printed order: nothing to trust
        return centres

    def _angle(self, line_number: int) -> int:
        index = line_number - 1
        return self.geometry.lines[index].angle if 0 <= index < len(self.geometry.lines) else 0

    def _label_centre(self, start: str, line_indices: Sequence[int], angles: set[int]) -> float | None:
        hits = []
        for index in line_indices:
            if index >= len(self.geometry.lines):
                continue
            line = self.geometry.lines[index]
            if angles and line.angle not in angles:
                continue
            at = line.text.find(start)
            while at >= 0:
                if at > 0 and not line.text[at - 1].isspace():
                    at = line.text.find(start, at + 1)  # inside another label (法人或其他组织)
                    continue
                end = at
                while end < len(line.text) and line.boxes[end] is not None and not line.text[end].isspace():
                    end += 1
                box = union(line.boxes[at:end])
                if box is not None:
                    hits.append(_along(box, line.angle))
                at = line.text.find(start, at + 1)
        return hits[0] if len(hits) == 1 else None

    def place(self, row_cells: Sequence, centres: dict[str, float], columns: Sequence[str]):
        """(column -> (raw, box) for the numbers; the other columns are blank) or None."""
        line_numbers = {c.locator.line_end for c in row_cells}
        if len(line_numbers) != 1:
            return None
        index = next(iter(line_numbers)) - 1
        if not 0 <= index < len(self.geometry.lines):
            return None
        line = self.geometry.lines[index]
        positions = [centres[c] for c in columns]
        pitch = min(b - a for a, b in zip(positions, positions[1:]))
        left_edge = positions[0] - pitch / 2
        numbers = [(m.group(), union(line.boxes[m.start():m.end()]))
                   for m in re.finditer(r"(?<![\d.])\d+(?![\d.])", line.text)]
        numbers = [(raw, box) for raw, box in numbers if box is not None and _along(box, line.angle) > left_edge]
        placed: dict[str, tuple[str, Box]] = {}
        for raw, box in numbers:
            centre = _along(box, line.angle)
            column = min(columns, key=lambda c: abs(centres[c] - centre))
            if abs(centres[column] - centre) > pitch / 3 or column in placed:
                return None
            placed[column] = (raw, box)
        return placed


def _along(box: Box, angle: int) -> float:
    """A box's centre along its line, increasing in reading order (page coordinates, y down)."""
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return {0: x, 90: -y, 180: -x, 270: y}[angle]
