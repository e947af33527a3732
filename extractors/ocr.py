"""Scans: PDF pages without a text layer, and images, read by OCR offline.

RapidOCR (`rapidocr_onnxruntime`, Apache-2.0) runs PaddleOCR's PP-OCRv4 Chinese detection and
recognition models on onnxruntime; the models ship inside the wheel, so nothing is downloaded at run
time. Pages are rendered with PDFium at the resolution the models work at (their long side is capped at
2,000 px), OCR'd in a thread pool (onnxruntime releases the GIL, one intra-op thread per page), and each
recognised text box becomes characters with boxes (the box's width shared by its characters) and the
box's confidence, so the lines are built by the same geometry as a text-layer PDF (pdf_layout.py).

Bounded: at most `MAX_OCR_PAGES` pages per document are OCR'd (the rest are said, never silently
skipped), and every page is rendered at a capped size. Progress is logged per page (`ogi.ocr`).

An OCR'd number is evidence, not a reading: `confirm_by_identities` keeps it only where an identity
that holds confirms it; any other is `unreadable`, with what OCR saw and its confidence in the note.
"""

from __future__ import annotations

import io
import logging
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from .model import Cell
from .pdf_layout import Char, PdfPage

log = logging.getLogger("ogi.ocr")

MAX_OCR_PAGES = 40
_TARGET_LONG_SIDE = 2000  # px: RapidOCR's own cap (Global.max_side_len); rendering bigger buys nothing
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"})


class OcrUnavailable(ValueError):
    """The OCR engine cannot be loaded (package missing)."""


@lru_cache(maxsize=1)
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise OcrUnavailable(f"OCR needs the Python package rapidocr_onnxruntime ({exc})") from None
    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    # Lower detection and recognition thresholds than RapidOCR's defaults: a table's lone `0` in a 7 pt
    # cell is often boxed at 0.3-0.5 (measured on the corpus PDF rendered as a scan: 89 of its page 4
    # numbers found instead of 71, at the same cost). A doubtful reading costs nothing here: every OCR'd
    # number must still be confirmed by the identities.
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, det_box_thresh=0.3, text_score=0.3)


def _workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4))


def ocr_image(image, page_number: int, width_pt: float, height_pt: float) -> PdfPage:
    """One page image (PIL) OCR'd into characters with boxes in the page's units (PDF points for a
    PDF page; pixels for an image file)."""
    import numpy as np

    started = time.perf_counter()
    scale = image.width / width_pt
    found, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False)  # pages are upright: no 180° pass
    chars: list[Char] = []
    for quad, text, confidence in found or []:
        text = text.strip()
        if not text:
            continue
        xs, ys = [p[0] / scale for p in quad], [p[1] / scale for p in quad]
        left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
        step = (right - left) / len(text)
        for i, char in enumerate(text):
            if char.isspace():
                continue
            x0 = left + i * step
            chars.append(Char(char, (x0, top, x0 + step, bottom), x0, x0 + step, (top + bottom) / 2,
                              max(bottom - top, 1.0), space_before=(i == 0), confidence=float(confidence)))
    log.info("OCR page %d: %d text boxes in %.1f s", page_number, len(found or []), time.perf_counter() - started)
    return PdfPage(page_number, width_pt, height_pt, tuple(chars), ocr=True)


def ocr_pdf_pages(data: bytes, numbers: Sequence[int]) -> tuple[list[PdfPage], list[str]]:
    """The given 1-based pages of a PDF, rendered and OCR'd in parallel; (pages, warnings)."""
    import pypdfium2 as pdfium

    warnings = []
    if len(numbers) > MAX_OCR_PAGES:
        warnings.append(f"ocr: {len(numbers)} pages without a text layer; only the first {MAX_OCR_PAGES} were OCR'd, "
                        f"pages {numbers[MAX_OCR_PAGES]}-{numbers[-1]} are not read")
        numbers = numbers[:MAX_OCR_PAGES]
    document = pdfium.PdfDocument(data)
    try:
        images = []
        for number in numbers:  # rendering is cheap next to OCR, and PDFium is not thread-safe
            page = document[number - 1]
            width, height = page.get_size()
            scale = _TARGET_LONG_SIDE / max(width, height)
            images.append((page.render(scale=scale).to_pil(), number, width, height))
            page.close()
    finally:
        document.close()
    _engine()  # load once, before the threads share it
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        pages = list(pool.map(lambda job: ocr_image(*job), images))
    return pages, warnings


def ocr_image_file(data: bytes) -> PdfPage:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    if max(image.size) > 2 * _TARGET_LONG_SIDE:
        image.thumbnail((2 * _TARGET_LONG_SIDE, 2 * _TARGET_LONG_SIDE))
    return ocr_image(image, 1, float(image.width), float(image.height))


# ----------------------------------------------------------------------------------- trust

def confirm_by_identities(cells: list[Cell], template: str | None, lines: Sequence[str]) -> list[Cell]:
    """OCR'd 表三/表四 numbers kept only where the identities confirm them; every other OCR'd number
    `unreadable`, the OCR text kept as raw and said in the note. Cells not read by OCR pass through.

    A row sum (T3-ROW, a 表四 block's total) proves the digits but not the places: OCR that drops a `0`
    or puts a cell on the next line shifts values along the row and keeps the sum. So a cell is
    confirmed by its row only when the whole row is printed on one line, left to right, with no number
    on that line unaccounted for; or by a column identity (T3-FLOW, T3-RES), which a shift breaks. And
    never when an identity it is a term of fails. `lines` are the normalised text's lines."""
    from expectations.identities import IDENTITY_BY_ID, TABLE_TEMPLATES, identity_terms

    if template not in TABLE_TEMPLATES:
        return [_distrusted(c, "no template to check it against") if _ocr_number(c) else c for c in cells]
    by_key = {(c.table, c.row, c.column): c for c in cells}
    on_line: dict[int, int] = {}
    for c in cells:
        if c.semantic == "number":
            on_line[c.locator.line_end] = on_line.get(c.locator.line_end, 0) + 1
    row_ok: set[tuple[str, str]] = set()  # (table, row) confirmed by its row sum on one whole line
    column_ok: set[tuple[str, str, str]] = set()  # terms of a T3-FLOW or T3-RES instance that holds
    confirmed_by: dict[tuple[str, str, str], list[str]] = {}
    failing: set[tuple[str, str, str]] = set()
    for (identity, scope), terms in identity_terms(template).group_by(["identity_id", "scope"]):
        if IDENTITY_BY_ID[identity].kind != "sum":
            continue
        keys = list(terms.select("table_name", "row_code", "column_code").iter_rows())
        found = [by_key.get(k) for k in keys]
        if any(c is None or c.semantic != "number" or c.value is None for c in found):
            continue  # not assessable: confirms nothing
        sides = terms["side"].to_list()
        lhs = sum(c.value for c, side in zip(found, sides) if side == "lhs")
        rhs = sum(c.value for c, side in zip(found, sides) if side == "rhs")
        if abs(lhs - rhs) > 1e-6:
            failing.update(keys)
            continue
        if identity in ("T3-FLOW", "T3-RES"):
            column_ok.update(keys)
        else:  # T3-ROW and the 表四 blocks: the row's cells, all on one line that prints nothing else
            line_numbers = {c.locator.line_end for c in found}
            if len(line_numbers) == 1:
                line = next(iter(line_numbers))
                if 0 < line <= len(lines) and numbers_on(lines[line - 1]) == on_line.get(line):
                    row_ok.add((keys[0][0], keys[0][1]))
        for k in keys:
            confirmed_by.setdefault(k, []).append(f"{identity} {scope}")
    out = []
    for c in cells:
        if not _ocr_number(c):
            out.append(c)
            continue
        key = (c.table, c.row, c.column)
        placed = (c.table, c.row) in row_ok or key in column_ok
        if placed and key in confirmed_by and key not in failing:  # a 小计 is no identity's term: unconfirmed
            out.append(replace(c, note=_joined(c.note, f"read by OCR (confidence {c.confidence:.2f}); confirmed by "
                                                        f"{', '.join(sorted(confirmed_by[key])[:3])}")))
        else:
            out.append(_distrusted(c, "an identity it is a term of fails" if key in failing else
                                   "no identity confirms both its digits and its place"))
    return out


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


def numbers_on(line: str) -> int:
    """Numbers printed on a line (`1.` sub-row numbering is not one)."""
    return len(_NUMBER.findall(line))


def _ocr_number(cell: Cell) -> bool:
    return cell.confidence is not None and cell.semantic == "number" and cell.table in ("requests", "review_litigation")


def _distrusted(cell: Cell, why: str) -> Cell:
    return replace(cell, value=None, unit=None, semantic="unreadable",
                   note=_joined(cell.note, f"OCR read {cell.raw!r} (confidence {cell.confidence:.2f}); {why}"))


def _joined(note: str, more: str) -> str:
    return f"{note}; {more}" if note else more
