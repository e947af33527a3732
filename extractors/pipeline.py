"""bytes -> ExtractionResult: decode, HTML to text, normalise, identify, tables, narrative.

Bad input never raises: it comes back as outcome='rejected' with a reason a person can act on.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from . import identify
from .decoding import UndecodableError, decode_bytes
from .html_text import html_to_text_and_title, looks_like_html
from .model import Cell, ExtractionResult
from .narrative import extract_facts
from .ocr import IMAGE_SUFFIXES, OcrUnavailable, confirm_by_identities, numbers_on
from .catalogue import APPLICANT_COLUMNS
from .pdf_layout import ColumnPlacer, NoTextLayer, PdfGeometry, image_lines, pdf_lines
from .convert import ConversionFailed, to_docx
from .docx_text import DocxGeometry, UnreadableDocx, docx_lines
from .normalise import normalise
from .tables import parse_tables
from .coverage import absent_cells, cover_tables
from .templates import CONTRACT_TABLES, TEMPLATES, template_for_year

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps", *IMAGE_SUFFIXES})
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
# Formats LibreOffice converts to .docx (convert.py); without it, the reason names the package.
_NEEDS_CONVERTER = {".doc": "a legacy Word .doc", ".wps": "a Kingsoft WPS .wps"}
HTML_SUFFIXES = frozenset({".html", ".htm"})
# Binary formats we recognise by their first bytes, to say what the file really is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP/Office (docx, xlsx) document"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office (doc, xls) document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


class UnreadableDocument(ValueError):
    """Raised by normalised_text() for input that extract_bytes() would reject before reading it."""


def _suffix(source_name: str) -> str:
    return Path(source_name).suffix.lower()


def _check_readable(data: bytes, source_name: str) -> None:
    suffix = _suffix(source_name)
    if suffix in _NEEDS_CONVERTER:
        return  # convert.to_docx checks what it is
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(no extension)"
        raise UnreadableDocument(f"unsupported file type {shown}: only .txt, .md, .html, .htm, .pdf, .docx, .doc, .wps "
                                 "and scanned images (.png, .jpg, .tif, .bmp) are read")
    if suffix in IMAGE_SUFFIXES:
        if not any(data.startswith(m) for m in _IMAGE_MAGIC):
            raise UnreadableDocument(f"'{source_name}' is named {suffix} but is not a PNG, JPEG, TIFF or BMP image")
        return
    if suffix in PDF_SUFFIXES:
        if not data.startswith(b"%PDF"):
            raise UnreadableDocument(f"'{source_name}' is named .pdf but is not a PDF document")
        return
    if suffix in DOCX_SUFFIXES:
        if not data.startswith(b"PK\x03\x04"):
            raise UnreadableDocument(f"'{source_name}' is named .docx but is not a Word (ZIP) document")
        return
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableDocument(f"unsupported content: '{source_name}' is {what}, not text or HTML")


def _read(data: bytes, source_name: str) -> tuple[str, str, str | None, PdfGeometry | DocxGeometry | None]:
    """(normalised text, encoding, HTML <title>, the PDF's boxes) or UnreadableDocument."""
    _check_readable(data, source_name)
    if _suffix(source_name) in PDF_SUFFIXES or _suffix(source_name) in IMAGE_SUFFIXES:
        try:
            read = pdf_lines(data) if _suffix(source_name) in PDF_SUFFIXES else image_lines(data)
        except (NoTextLayer, OcrUnavailable) as exc:
            raise UnreadableDocument(str(exc)) from None
        text = normalise("\n".join(line.text for line in read.lines), plain_text=True)
        pages = {line.page for line in read.lines}
        encoding = ("image-ocr" if _suffix(source_name) in IMAGE_SUFFIXES else
                    "pdf-ocr" if set(read.ocr_pages) >= pages else
                    "pdf-text-layer+ocr" if read.ocr_pages else "pdf-text-layer")
        return text, encoding, None, PdfGeometry(read.lines, text.split("\n"), read.warnings, read.ocr_pages)
    suffix = _suffix(source_name)
    if suffix in DOCX_SUFFIXES or suffix in _NEEDS_CONVERTER:
        encoding = "docx"
        if suffix in _NEEDS_CONVERTER:
            try:
                data = to_docx(data, suffix, _NEEDS_CONVERTER[suffix])
            except ConversionFailed as exc:
                raise UnreadableDocument(str(exc)) from None
            encoding = f"{suffix[1:]}→docx (LibreOffice)"
        try:
            raw_text, paths = docx_lines(data)
            text = normalise(raw_text, plain_text=True)
            return text, encoding, None, DocxGeometry(paths, text.split("\n"))
        except UnreadableDocx as exc:
            raise UnreadableDocument(str(exc)) from None
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as exc:
        raise UnreadableDocument(str(exc)) from None
    html_title = None
    is_html = _suffix(source_name) in HTML_SUFFIXES or looks_like_html(text)
    if is_html:
        text, html_title = html_to_text_and_title(text)
    return normalise(text, plain_text=not is_html), encoding, (normalise(html_title) if html_title else None), None


def normalised_text(data: bytes, source_name: str) -> str:
    """The normalised text whose 1-based lines the locators of extract_bytes() point at.
    Raises UnreadableDocument (a ValueError) when the input cannot be read as text at all."""
    return _read(data, source_name)[0]


def normalised_text_and_pages(data: bytes, source_name: str) -> tuple[str, list[int] | None]:
    """normalised_text() and, for a PDF or scan, the page of each of its lines (None for other formats);
    one read of the file (a scan is OCR'd once)."""
    text, _, _, geometry = _read(data, source_name)
    return text, [line.page for line in geometry.lines] if isinstance(geometry, PdfGeometry) else None


def extract_file(path: str | os.PathLike[str]) -> ExtractionResult:
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ExtractionResult(source_name=name, outcome="rejected",
                                reason=f"unreadable file: {exc.strerror or exc} ({path})")
    return extract_bytes(data, name)


def extract_bytes(data: bytes, source_name: str) -> ExtractionResult:
    try:
        text, encoding, html_title, geometry = _read(data, source_name)
    except UnreadableDocument as exc:
        return ExtractionResult(source_name=source_name, outcome="rejected", reason=str(exc))
    result = ExtractionResult(source_name=source_name, outcome="extracted", encoding=encoding)
    if not text.strip():
        return _reject(result, "empty document: no text left after removing markup and page debris")
    lines = text.split("\n")
    title = identify.find_report_title(lines, html_title) or identify.title_from_file_name(source_name)
    tables = parse_tables(lines)
    covered = None
    streamed_first = not any(c.table in CONTRACT_TABLES for c in tables.cells)
    if streamed_first:
        # The layout readers found no 表三/表四: before calling the page "not a report", read it as a
        # character stream (a crawled page on one line, a PDF text layer): lines are not structure.
        covered = cover_tables(tables, lines, tables.template_hint,
                               template_for_year(identify.report_year(title, lines, None)))
    has_numbers = any(c.semantic == "number" for c in tables.cells)
    reason = identify.rejection_reason(lines, title, bool(tables.cells), has_numbers)
    if reason is not None:
        return _reject(result, reason)
    _identify(result, lines, title)
    by_year = template_for_year(result.report_year)
    if not streamed_first:  # the stream reads every report once
        covered = cover_tables(tables, lines, tables.template_hint, by_year)
    result.template = covered or tables.template_hint or by_year
    if result.template is None:
        result.warnings.append("template: no statistics tables and no report year; template unknown")
    result.cells = tables.cells
    result.warnings.extend(tables.warnings)
    result.findings = tables.findings
    result.narrative_facts = extract_facts(lines, result.template) + tables.facts
    if geometry is not None:
        _place(result, geometry)
    return result


def _place(result: ExtractionResult, geometry: PdfGeometry | DocxGeometry) -> None:
    """Every locator gains its place in the document: page and box (PDF), body path (Word); then the
    readings only a page's geometry can check or complete (PDF), and OCR's numbers put to the identities."""
    result.cells = [replace(c, locator=geometry.place(c.locator, c.raw if c.semantic in ("number", "unreadable") else ""))
                    for c in result.cells]
    result.narrative_facts = [replace(f, locator=geometry.place(f.locator, "")) for f in result.narrative_facts]
    result.findings = [replace(f, locator=geometry.place(f.locator, "")) for f in result.findings]
    if isinstance(geometry, PdfGeometry):
        result.warnings.extend(geometry.warnings)
        _place_by_columns(result, geometry)
        _unread_wrapped_rows(result, geometry)
        result.cells = [replace(c, confidence=geometry.confidence(c.locator)) for c in result.cells]
        if geometry.ocr_pages:
            _trust_ocr(result, geometry)


def _owed_after_ocr(result: ExtractionResult, geometry: PdfGeometry) -> None:
    """What OCR may hide from the readers, owed all the same: 表四 when 表三 was found (its heading and
    header misrecognised), and a 小计 column whose header OCR missed while the 表三 rows print one
    number more than the columns read. Each `unreadable`, saying why; never absent."""
    if result.template not in TEMPLATES:
        return
    tables = {c.table for c in result.cells}
    note = "not found in the OCR'd text: the table's heading and header were not recognised"
    for table, other in (("review_litigation", "requests"), ("requests", "review_litigation")):
        if other in tables and table not in tables:
            result.cells += [replace(c, note=note) for c in absent_cells([], table, result.template)]
            result.warnings.append(f"ocr: {table}: {note}; its cells are marked unreadable")
    requests = [c for c in result.cells if c.table == "requests"]
    columns = {c.column for c in requests}
    if not requests or "subtotal_org" in columns:
        return
    lines = {c.locator.line_end for c in requests if c.semantic == "unreadable" or c.confidence is not None}
    wider = sum(1 for n in lines if 0 < n <= len(geometry.text_lines)
                and numbers_on(geometry.text_lines[n - 1]) == len(columns) + 1)
    if wider >= _WIDER_ROWS:
        note = (f"{wider} 表三 rows print {len(columns) + 1} numbers for {len(columns)} columns read: a column the "
                "OCR'd header does not name (a 小计?)")
        result.cells += [replace(c, note=note) for c in absent_cells(requests, "requests", result.template, ["subtotal_org"])]
        result.warnings.append(f"ocr: requests: {note}; its cells are marked unreadable")


_WIDER_ROWS = 3  # rows printing one number more than the header's columns, before a column is owed


def _unread_wrapped_rows(result: ExtractionResult, geometry: PdfGeometry) -> None:
    wrapped = geometry.wrapped_rows(result.cells)
    for index, c in enumerate(result.cells):
        why = wrapped.get((c.table, c.row))
        if why is not None and c.semantic in ("number", "blank"):
            note = f"the row cannot be read by position: {why}"
            result.cells[index] = replace(c, value=None, unit=None, semantic="unreadable",
                                          note=f"{c.note}; {note}" if c.note else note)


def _trust_ocr(result: ExtractionResult, geometry: PdfGeometry) -> None:
    result.cells = confirm_by_identities(result.cells, result.template, geometry.text_lines)
    _owed_after_ocr(result, geometry)
    distrusted = sum(1 for c in result.cells if c.confidence is not None and c.semantic == "unreadable")
    if distrusted:
        result.warnings.append(f"ocr: {distrusted} number(s) read by OCR on page(s) "
                               f"{', '.join(map(str, geometry.ocr_pages))} are not confirmed by the identities; "
                               "marked unreadable with what OCR saw")


def _identify(result: ExtractionResult, lines: list[str], title: identify.Title | None) -> None:
    if title is None:
        result.warnings.append("identification: no report title found; agency and year are unknown")
    else:
        result.title = title.text
        result.agency_name = identify.agency_from_title(title.text)
        if result.agency_name is not None:
            result.agency_name = identify.full_agency_name(result.agency_name, lines)
    if result.agency_name is None:
        named = identify.agency_from_body(lines) or _agency_from_file_name(result.source_name)
        if named is not None:
            result.agency_name = named[0]
            result.warnings.append(f"identification: agency {named[0]!r} taken from the {named[1]} (the title names none)")
        else:
            result.warnings.append("identification: no agency name in the title, signature, 来源 line or file name")
    first_pass = identify.report_year(title, lines, None)
    result.publication_date = identify.publication_date(lines, title, first_pass)
    result.report_year = first_pass or identify.report_year(title, lines, result.publication_date)
    if result.report_year is None:
        result.warnings.append("identification: report year not found")


def _place_by_columns(result: ExtractionResult, geometry: PdfGeometry) -> None:
    """PDF 表三 rows left `unreadable` because a blank cell prints nothing: placed by their numbers'
    positions under the columns (pdf_layout.ColumnPlacer), when those account for exactly the digits
    the readers saw printed for the row."""
    requests = [c for c in result.cells if c.table == "requests"]
    rows: dict[str, list[Cell]] = {}
    for c in requests:
        rows.setdefault(c.row, []).append(c)
    unread = {row: cells for row, cells in rows.items() if all(c.semantic == "unreadable" for c in cells)
              and not any("not found in the printed table" in c.note for c in cells)}  # no line of their own
    if not unread or geometry.ocr_pages:
        return
    printed = {c.column for c in requests}
    columns = [c for c in (*APPLICANT_COLUMNS[:-1], "subtotal_org", "total") if c in printed]
    placer = ColumnPlacer(geometry)
    centres = placer.centres(result.cells, columns, min(c.locator.line_start for c in requests))
    if centres is None:
        return
    replaced: dict[tuple[str, str], Cell] = {}
    for row, cells in unread.items():
        placed = placer.place(cells, centres, columns)
        seen = {c.raw.replace(" ", "") for c in cells}
        if placed is None or len(seen) != 1 or "".join(placed[c][0] for c in columns if c in placed) != seen.pop():
            continue
        for c in cells:
            note = ("placed under its column by position on the page (a PDF prints nothing in a blank cell); "
                    + ("printed blank" if c.column not in placed else "its digits as printed"))
            if c.column in placed:
                raw, box = placed[c.column]
                replaced[(c.row, c.column)] = replace(c, raw=raw, value=float(raw), unit="count", semantic="number",
                                                      note=note, locator=replace(c.locator, bbox=box))
            else:
                replaced[(c.row, c.column)] = replace(c, raw="", value=None, unit=None, semantic="blank", note=note)
        result.warnings.append(f"requests: row {row} placed by the positions of its {len(placed)} number(s) under "
                               f"the columns; the other {len(cells) - len(placed)} cell(s) are printed blank")
    if replaced:
        result.cells = [replaced.get((c.row, c.column), c) if c.table == "requests" else c for c in result.cells]


def _agency_from_file_name(source_name: str) -> tuple[str, str] | None:
    title = identify.title_from_file_name(source_name)
    name = identify.agency_from_title(title.text) if title else None
    return (name, "file name") if name else None


def _reject(result: ExtractionResult, reason: str) -> ExtractionResult:
    result.outcome = "rejected"
    result.reason = reason
    return result
