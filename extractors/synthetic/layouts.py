"""The layouts (how a report reaches us) and quirks (what else is odd about it) the generator renders.

A layout is the serialisation of the whole document; a quirk is an independent feature drawn per report
(traditional script, typos, blank-for-zero cells …). Each layout says whether a blank cell survives as a
visible empty cell: where it does not (PDF text, glued crawler text, blank lines between every cell),
blank cells cannot be told from missing ones, so the blank quirks are not drawn there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from . import render_docx, render_html, render_markdown, render_pdf, render_text, render_world
from .document import Document, html_document, markdown_document, text_document
from .printed import PrintedTable

Renderer = Callable[[Document, random.Random, str], str]


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    ext: str
    description: str
    render: Renderer  # (document, rng, charset) -> text
    blanks_visible: bool = True
    pre2019: bool = False
    proactive_read: bool = True  # False: 表二 of this layout is not read yet (outside the 表三/表四 contract)
    pack: Callable[[str], bytes] | None = None  # a binary format: builds the file from the rendered text
    ocr: bool = False  # read by OCR (~15 s a report): benchmarked and tested on its own, not in every mix


def _text(table_lines: Callable[[PrintedTable, random.Random], list[str]], blank_between: bool = False) -> Renderer:
    return lambda doc, rng, charset: text_document(doc, lambda t: table_lines(t, rng), rng, blank_between)


def _html(split: bool) -> Renderer:
    def tables_html(tables: list[PrintedTable], rng: random.Random) -> list[str]:
        if split:  # every block its own table, and big tables cut at page breaks
            return [h for t in tables for h in render_html.split_html_tables(t, rng)]
        return [render_html.html_table(t, rng) for t in tables]

    return lambda doc, rng, charset: html_document(doc, lambda ts: tables_html(ts, rng), rng, charset)


def _markdown(table_lines: Callable[[PrintedTable, random.Random], list[str]]) -> Renderer:
    return lambda doc, rng, charset: markdown_document(doc, lambda t: table_lines(t, rng), rng)


LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (
    Layout("html_rowspan", "html", "HTML page, each table one <table> with rowspan/colspan and nested spans",
           _html(split=False)),
    Layout("html_split", "html", "HTML page, tables split over several <table> elements", _html(split=True)),
    Layout("cell_per_line", "txt", "page text, one table cell per line",
           _text(lambda t, rng: render_text.cells_per_line(t, blank_lines=False))),
    Layout("cell_per_line_blank", "txt", "page text, one cell per line, blank line after every line",
           _text(lambda t, rng: render_text.cells_per_line(t, blank_lines=False), blank_between=True),
           blanks_visible=False),
    Layout("pipe_fragments", "txt", "crawler text, every cell ending in ' |', short rows padded with '|||'",
           _text(lambda t, rng: render_text.pipe_fragments(t))),
    Layout("pipe_rows", "txt", "one table row per line, cells joined by ' | '",
           _text(lambda t, rng: render_text.pipe_rows(t))),
    Layout("tab_rows", "txt", "one table row per line, grid positions joined by tabs (Word/Excel copy)",
           _text(lambda t, rng: render_text.tab_rows(t))),
    Layout("space_rows", "txt", "pdftotext -layout: cells apart by runs of spaces, long labels wrapped",
           _text(render_text.space_rows), blanks_visible=False),
    Layout("glued", "txt", "crawler text with a row's cells glued without separators",
           _text(lambda t, rng: render_text.glued_rows(t)), blanks_visible=False),
    Layout("markdown", "md", "HTML→Markdown conversion, merged cells blank or repeated",
           _markdown(render_markdown.markdown_table)),
    Layout("pdf_markdown", "md", "PDF→Markdown: shifted header rows, wrapped labels, rows that lost their label",
           _markdown(render_markdown.pdf_markdown_table)),
    Layout("one_line_page", "txt", "archiver innerText: the whole body on one line, cells glued to their labels "
           "(pingtan-zone-2019/2023); its glued 表二 is not read yet", render_world.one_line_page,
           blanks_visible=False, proactive_read=False),
    Layout("pdf_text_layer", "txt", "PDF text layer (pdfplumber): labels wrapped around their number rows, vertical "
           "group label, split headers, page numbers (huaian-city-2024)", render_world.pdf_text_layer,
           blanks_visible=False),
    Layout("pdf_markdown_pieces", "md", "PDF→Markdown cut into pieces: header as loose lines, 5 header cells over 7 "
           "values, extra group-label and trailing empty cells, labels lost above their values "
           "(shanghai-office-2025)", render_world.pdf_markdown_pieces, blanks_visible=False),
    Layout("docx", "docx", "Word .docx written by python-docx: paragraphs, real tables with merged cells",
           render_docx.docx_source, pack=render_docx.pack_docx),
    Layout("pdf", "pdf", "PDF drawn with reportlab (STSong-Light): ruled grids, labels wrapped inside cells, vertical "
           "group label, tables broken across pages, page numbers (huaian-city-2024.pdf); its 表二, whose wrapped "
           "headers run together, is not read yet", render_docx.docx_source, blanks_visible=False,
           proactive_read=False, pack=render_pdf.pack_pdf),
    Layout("pdf_borderless", "pdf", "PDF as `pdf`, tables drawn without ruling lines; its 表二 is not read yet",
           render_docx.docx_source, blanks_visible=False, proactive_read=False, pack=render_pdf.pack_pdf_borderless),
    Layout("pdf_scanned", "pdf", "`pdf` printed and scanned: image-only pages at 150-200 dpi, blur, noise, JPEG "
           "(no text layer: read by OCR); its 表二 is not read yet", render_docx.docx_source, blanks_visible=False,
           proactive_read=False, pack=render_pdf.pack_pdf_scanned, ocr=True),
    Layout("pre2019_prose", "txt", "pre-2019 report, numbers in prose only",
           _text(lambda t, rng: render_text.cells_per_line(t, blank_lines=False)), pre2019=True),
    Layout("pre2019_table", "html", "pre-2019 report with the old 本年度/历年累计 statistics table",
           _html(split=False), pre2019=True),
)}

# Quirk -> probability of being drawn for a report where it applies.
QUIRKS: dict[str, float] = {
    "traditional": 0.15,  # rendered through OpenCC s2twp (seed 000)
    "typos": 0.2,  # 危机 for 危及, 属于行政法案卷, 本年新收到, 上年结转政府信息公开数量
    "debris": 0.4,  # breadcrumbs, share buttons, 打开APP阅读全文, page chrome
    "fullwidth": 0.1,  # full-width digits
    "gbk": 0.1,  # GBK-encoded bytes
    "split_labels": 0.25,  # header labels split over lines or truncated (结果 for 结果纠正)
    "blank_zero": 0.2,  # zero cells printed blank (truth null: blank is not zero)
    "blank_total": 0.05,  # 表三 总计 column left blank
    "subtotal_column": 0.1,  # an extra 小计 column under 法人或其他组织
    "publisher_error": 0.15,  # one printed number breaks a hard identity
}
_TABLE_ONLY = frozenset({"typos", "split_labels", "blank_zero", "blank_total", "subtotal_column", "publisher_error"})
_NEEDS_VISIBLE_BLANKS = frozenset({"blank_zero", "blank_total"})


def applicable(quirk: str, layout: Layout) -> bool:
    if layout.pre2019 and quirk in _TABLE_ONLY:
        return False
    if layout.pack is not None and quirk == "gbk":
        return False  # a binary format has no text encoding
    return layout.blanks_visible or quirk not in _NEEDS_VISIBLE_BLANKS


def draw_quirks(layout: Layout, rng: random.Random, allowed: frozenset[str] | None = None,
                forced: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Quirks of one report: the forced ones plus each allowed applicable quirk with its probability."""
    for quirk in forced:
        if quirk not in QUIRKS or not applicable(quirk, LAYOUTS[layout.name]):
            raise ValueError(f"quirk {quirk!r} cannot be rendered in layout {layout.name!r}")
    # One draw per quirk whatever is allowed, so a report's numbers do not depend on the filter.
    draws = {q: rng.random() < p for q, p in QUIRKS.items()}
    drawn = {q for q, hit in draws.items() if hit and (allowed is None or q in allowed) and applicable(q, layout)}
    return tuple(q for q in QUIRKS if q in forced or q in drawn)
