"""PDF, Word and OCR benchmark: pages/s and reports/s, peak memory, and accuracy.

    .venv/bin/python bench/pdf_bench.py [--count 1000] [--scanned 20] [--seed 7]

1. Character readers compared on the same pages: PDFium (pypdfium2) and pdfminer.six (pdfplumber),
   characters with boxes and the lines built from them, on the corpus PDF (huaian-city-2024.pdf) and on
   generated PDFs that embed their font (both readers can read those). Pages/s, one process.
2. Whole extraction (`extract_bytes`) of `count` generated PDF reports (layouts pdf and pdf_borderless,
   every quirk; half embed their font and are read by PDFium, half use the non-embedded STSong-Light and
   are read by pdfminer) and `count` generated Word reports: reports/s and pages/s, one process, and
   accuracy against the truth (exact / flagged / absent / wrong / unexpected).
3. OCR: `scanned` generated reports printed and scanned (pdf_scanned) and the corpus PDF rasterised at
   150 dpi: pages/s with the pages of a report in parallel (threads), and accuracy.
4. Peak RSS of this process (ru_maxrss) after each part.

Generation is not timed. Output: a table per part; the README quotes the numbers.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # runnable as a script from any directory

from extractors import extract_bytes  # noqa: E402
from extractors.evaluation import FAILING_VERDICTS, evaluate_results  # noqa: E402
from extractors.pdf_layout import _pdfium_pages, _pdfminer_pages, page_lines  # noqa: E402
from extractors.synthetic import QUIRKS, generate_cases  # noqa: E402

CORPUS_PDF = (REPO.parent / "shared" / "corpus" / "huaian-city-2024.pdf")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def readers(pdfs: list[bytes]):
    """Per reader: pages/s for characters and lines, and the 表三/表四 cells the extraction reads when
    that reader is forced."""
    import extractors.pdf_layout as pdf_layout

    pages = sum(_pages(d) for d in pdfs)
    chosen = pdf_layout.read_pages
    for name, read in (("PDFium (pypdfium2)", _pdfium_pages), ("pdfminer.six (pdfplumber)", _pdfminer_pages)):
        started = time.perf_counter()
        for data in pdfs:
            for page in read(data):
                page_lines(page)
        seconds = time.perf_counter() - started
        print(f"  {name:28s} {pages / seconds:7.1f} pages/s  ({pages} pages, {seconds:.2f} s)")
        pdf_layout.read_pages = read
        try:
            cells = [sorted((c.table, c.row, c.column, c.raw, c.semantic) for c in extract_bytes(d, "x.pdf").cells
                            if c.table in ("requests", "review_litigation")) for d in pdfs]
        finally:
            pdf_layout.read_pages = chosen
        yield name, cells


def extraction(label: str, cases: list, pages_of) -> None:
    started = time.perf_counter()
    results = [(c.filename, c.truth, extract_bytes(c.data, c.filename)) for c in cases]
    seconds = time.perf_counter() - started
    pages = sum(pages_of(c) for c in cases)
    reports = evaluate_results(results)
    verdicts = Counter(check.verdict for r in reports for check in r.checks)
    failing = sum(verdicts[v] for v in FAILING_VERDICTS)
    statuses = sum(r.status_ok for r in reports)
    print(f"  {label}: {len(cases)} reports, {pages} pages in {seconds:.1f} s: {len(cases) / seconds:.1f} reports/s, "
          f"{pages / seconds:.1f} pages/s; peak RSS {_rss_mb():.0f} MB")
    print(f"    cells: exact {verdicts['exact']}, flagged {verdicts['flagged']}, absent {verdicts['absent']}, "
          f"wrong {verdicts['wrong']}, unexpected {verdicts['unexpected']} -> {failing} failing; "
          f"statuses right {statuses}/{len(reports)}")
    for r in reports:
        for check in r.checks:
            if check.verdict in FAILING_VERDICTS:
                print("    " + check.describe())


def _docx_pages(case) -> int:
    return 1  # Word has no pages until it is laid out: counted as reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="generated PDF and Word reports each")
    parser.add_argument("--scanned", type=int, default=20, help="generated scanned reports (OCR)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    print("1. character readers on the same pages (characters, boxes, lines)")
    generated = [c.data for c in generate_cases(60, args.seed, ["pdf", "pdf_borderless"])]
    embedded = [d for d in generated if _pdfium_pages(d) is not None][:20]
    sample = [CORPUS_PDF.read_bytes()] * 5 + embedded if CORPUS_PDF.is_file() else embedded
    cells = dict(readers(sample))
    same = sum(a == b for a, b in zip(*cells.values()))
    print(f"  the same 表三/表四 cells from both readers: {same} of {len(sample)} documents "
          f"({len(sample) - len(embedded)} the corpus PDF, {len(embedded)} generated with an embedded font); "
          f"peak RSS {_rss_mb():.0f} MB")

    print(f"2. whole extraction of {args.count} generated PDF and {args.count} generated Word reports")
    pdf_cases = list(generate_cases(args.count, args.seed, ["pdf", "pdf_borderless"], list(QUIRKS)))
    extraction("PDF", pdf_cases, lambda c: _pages(c.data))
    docx_cases = list(generate_cases(args.count, args.seed, ["docx"], list(QUIRKS)))
    extraction("Word .docx", docx_cases, _docx_pages)

    print(f"3. OCR: {args.scanned} generated scans and the corpus PDF as a 150 dpi scan")
    scanned = list(generate_cases(args.scanned, args.seed, ["pdf_scanned"], [q for q in QUIRKS if q != "gbk"]))
    extraction("scanned PDF (OCR)", scanned, lambda c: _pages(c.data))
    if CORPUS_PDF.is_file():
        import json

        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(CORPUS_PDF.read_bytes())
        images = [document[i].render(scale=150 / 72).to_pil().convert("RGB") for i in range(len(document))]
        out = io.BytesIO()
        images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=150)
        truth = json.loads(CORPUS_PDF.with_name("huaian-city-2024.truth.json").read_text(encoding="utf-8"))

        class _Case:
            filename, data = CORPUS_PDF.name, out.getvalue()

        _Case.truth = truth
        extraction("corpus PDF scanned (OCR)", [_Case], lambda c: _pages(c.data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
