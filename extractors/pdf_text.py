"""The text layer of a PDF as lines, the way pdfplumber's `extract_text()` lays it out.

This is the text-dump path: lines are rebuilt from character positions by pdfplumber (on pdfminer.six,
MIT), pages joined by a newline, and the tables are then read like any other text by the layout
readers and the character-stream reader. Cells keep the line of this rendering (`ogi extract FILE`
prints it); page and box per number are the PDF issue's work. A page without a text layer (a scan)
cannot be read here and is said so.
"""

from __future__ import annotations

import io
import logging


class NoTextLayer(ValueError):
    """The PDF has pages but no extractable text (a scan, or text drawn as outlines)."""


def pdf_text(data: bytes) -> str:
    import pdfplumber  # imported here: only PDF input pays for it

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings on every CID page
    pages: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
    except Exception as exc:  # pdfminer raises many types on damaged files: all mean "cannot read"
        raise NoTextLayer(f"damaged or encrypted PDF: {type(exc).__name__}: {exc}") from None
    if not pages:
        raise NoTextLayer("PDF without pages")
    if not any(p.strip() for p in pages):
        raise NoTextLayer(f"PDF of {len(pages)} page(s) without a text layer (a scan?): OCR is not available yet")
    return "\n".join(pages)
